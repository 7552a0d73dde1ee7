/**
 * Where the window opens: the size and place it last had on the same set of
 * displays (a laptop alone, the laptop docked at the office), clamped so it is
 * always whole on a screen; a first start fits a 1366×768 laptop. Plain data
 * in, plain data out; index.ts reads Electron's `screen` and the saved file.
 */
import { z } from 'zod';

export const WINDOW_STATE_FILE_NAME = 'window-state.json';
export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 800 } as const;
export const MIN_WINDOW_SIZE = { width: 800, height: 560 } as const;

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DisplayLike {
  id: number;
  workArea: Rectangle;
}

const rectangleSchema = z.strictObject({
  x: z.number().int().min(-100_000).max(100_000),
  y: z.number().int().min(-100_000).max(100_000),
  width: z.number().int().min(1).max(100_000),
  height: z.number().int().min(1).max(100_000),
});

const placementSchema = z.strictObject({ bounds: rectangleSchema, maximized: z.boolean() });
export type WindowPlacement = z.infer<typeof placementSchema>;

/** The saved file: a placement per display layout, and the layout used last. */
const windowStateSchema = z.strictObject({
  layouts: z.record(z.string().max(500), placementSchema),
  last: z.string().max(500).optional(),
});
export type WindowState = z.infer<typeof windowStateSchema>;

export const EMPTY_WINDOW_STATE: WindowState = { layouts: {} };

/** The saved state, or an empty one when the file is missing, corrupt or from elsewhere. */
export function parseWindowState(text: string | null): WindowState {
  if (text === null) return EMPTY_WINDOW_STATE;
  try {
    const parsed = windowStateSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : EMPTY_WINDOW_STATE;
  } catch {
    return EMPTY_WINDOW_STATE;
  }
}

/** Names a set of displays by their ids and work areas, in a stable order. */
export function displayLayoutKey(displays: readonly DisplayLike[]): string {
  return displays
    .map(({ id, workArea: a }) => `${id}:${a.x},${a.y},${a.width}x${a.height}`)
    .sort()
    .join('|');
}

function overlapArea(a: Rectangle, b: Rectangle): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

function distanceToCentre(rect: Rectangle, area: Rectangle): number {
  const dx = rect.x + rect.width / 2 - (area.x + area.width / 2);
  const dy = rect.y + rect.height / 2 - (area.y + area.height / 2);
  return dx * dx + dy * dy;
}

/** The work area the window mostly lies on, or the nearest one when it lies on none. */
export function workAreaFor(bounds: Rectangle, displays: readonly DisplayLike[]): Rectangle {
  const areas = displays.map((display) => display.workArea);
  const best = areas.reduce<Rectangle | undefined>((chosen, area) => {
    if (!chosen) return area;
    const [a, b] = [overlapArea(bounds, area), overlapArea(bounds, chosen)];
    if (a !== b) return a > b ? area : chosen;
    return distanceToCentre(bounds, area) < distanceToCentre(bounds, chosen) ? area : chosen;
  }, undefined);
  if (!best) throw new Error('no display');
  return best;
}

const clampNumber = (value: number, min: number, max: number) => Math.min(Math.max(value, min), max);

/** The bounds made to fit inside `area`: shrunk if larger, moved if outside. */
export function clampToArea(bounds: Rectangle, area: Rectangle): Rectangle {
  const width = Math.min(bounds.width, area.width);
  const height = Math.min(bounds.height, area.height);
  return {
    width,
    height,
    x: clampNumber(bounds.x, area.x, area.x + area.width - width),
    y: clampNumber(bounds.y, area.y, area.y + area.height - height),
  };
}

/** A first start: the default size, fitted to the primary work area and centred on it. */
export function defaultBounds(primary: DisplayLike): Rectangle {
  const area = primary.workArea;
  const width = Math.min(DEFAULT_WINDOW_SIZE.width, area.width);
  const height = Math.min(DEFAULT_WINDOW_SIZE.height, area.height);
  return {
    width,
    height,
    x: area.x + Math.round((area.width - width) / 2),
    y: area.y + Math.round((area.height - height) / 2),
  };
}

/**
 * The placement to open with: the one saved for these displays, else the
 * last one used (on another layout), else the default; always whole on a screen.
 */
export function restorePlacement(state: WindowState, displays: readonly DisplayLike[], primary: DisplayLike): WindowPlacement {
  const saved = state.layouts[displayLayoutKey(displays)] ?? (state.last ? state.layouts[state.last] : undefined);
  if (!saved || displays.length === 0) return { bounds: defaultBounds(primary), maximized: saved?.maximized ?? false };
  return { bounds: clampToArea(saved.bounds, workAreaFor(saved.bounds, displays)), maximized: saved.maximized };
}

/** Layouts remembered at most: a laptop meets a few desks, not hundreds. */
export const MAX_REMEMBERED_LAYOUTS = 8;

/** The state with this placement remembered for these displays (the oldest layouts forgotten). */
export function rememberPlacement(state: WindowState, displays: readonly DisplayLike[], placement: WindowPlacement): WindowState {
  const key = displayLayoutKey(displays);
  const { x, y, width, height } = placement.bounds;
  const rounded = { bounds: { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height) }, maximized: placement.maximized };
  const parsed = placementSchema.safeParse(rounded);
  if (!parsed.success) return state;
  // Re-inserted last, so the object's order is the order of use.
  const others = Object.entries(state.layouts).filter(([other]) => other !== key);
  const kept = others.slice(Math.max(0, others.length - (MAX_REMEMBERED_LAYOUTS - 1)));
  return { layouts: Object.fromEntries([...kept, [key, parsed.data]]), last: key };
}
