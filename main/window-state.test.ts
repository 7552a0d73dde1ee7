import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_WINDOW_STATE,
  MAX_REMEMBERED_LAYOUTS,
  clampToArea,
  defaultBounds,
  displayLayoutKey,
  parseWindowState,
  rememberPlacement,
  restorePlacement,
  type DisplayLike,
  type Rectangle,
} from './window-state';

// A 1366×768 laptop with a 40 px taskbar at the bottom.
const laptop: DisplayLike = { id: 1, workArea: { x: 0, y: 0, width: 1366, height: 728 } };
// The office monitor to its right.
const monitor: DisplayLike = { id: 2, workArea: { x: 1366, y: 0, width: 1920, height: 1040 } };

const within = (rect: Rectangle, area: Rectangle) =>
  rect.x >= area.x && rect.y >= area.y && rect.x + rect.width <= area.x + area.width && rect.y + rect.height <= area.y + area.height;

describe('first start', () => {
  it('fits a 1366×768 laptop, centred on its work area', () => {
    expect(restorePlacement(EMPTY_WINDOW_STATE, [laptop], laptop)).toEqual({
      bounds: { x: 43, y: 0, width: 1280, height: 728 },
      maximized: false,
    });
  });

  it('takes the default 1280×800 on a large screen', () => {
    expect(defaultBounds(monitor)).toEqual({ x: 1366 + 320, y: 120, width: 1280, height: 800 });
  });
});

describe('remembering per display layout', () => {
  it('restores the placement saved for the same displays', () => {
    const docked = [laptop, monitor];
    const onMonitor = { bounds: { x: 1500, y: 50, width: 1600, height: 900 }, maximized: false };
    let state = rememberPlacement(EMPTY_WINDOW_STATE, docked, onMonitor);
    const alone = { bounds: { x: 10, y: 5, width: 1200, height: 700 }, maximized: true };
    state = rememberPlacement(state, [laptop], alone);

    expect(restorePlacement(state, [monitor, laptop], laptop)).toEqual(onMonitor);
    expect(restorePlacement(state, [laptop], laptop)).toEqual(alone);
  });

  it('on displays never seen, brings the last placement back onto a screen', () => {
    const onMonitor = { bounds: { x: 1500, y: 50, width: 1600, height: 900 }, maximized: false };
    const state = rememberPlacement(EMPTY_WINDOW_STATE, [laptop, monitor], onMonitor);
    const restored = restorePlacement(state, [laptop], laptop);
    expect(restored.bounds).toEqual({ x: 0, y: 0, width: 1366, height: 728 });
    expect(within(restored.bounds, laptop.workArea)).toBe(true);
  });

  it('keys a layout by ids and work areas, whatever their order', () => {
    expect(displayLayoutKey([laptop, monitor])).toBe(displayLayoutKey([monitor, laptop]));
    const resized = { ...laptop, workArea: { ...laptop.workArea, height: 768 } };
    expect(displayLayoutKey([resized])).not.toBe(displayLayoutKey([laptop]));
  });

  it('forgets the oldest layouts beyond the limit and rounds the bounds', () => {
    let state = EMPTY_WINDOW_STATE;
    for (let id = 1; id <= MAX_REMEMBERED_LAYOUTS + 3; id += 1) {
      state = rememberPlacement(state, [{ id, workArea: laptop.workArea }], { bounds: { x: 0.4, y: 0, width: 900.6, height: 600 }, maximized: false });
    }
    expect(Object.keys(state.layouts)).toHaveLength(MAX_REMEMBERED_LAYOUTS);
    expect(state.layouts[displayLayoutKey([{ id: 1, workArea: laptop.workArea }])]).toBeUndefined();
    expect(state.layouts[state.last ?? '']?.bounds).toEqual({ x: 0, y: 0, width: 901, height: 600 });
  });
});

describe('parseWindowState', () => {
  it.each([null, '', 'not json', '{"layouts":[]}', '{"layouts":{"k":{"bounds":{"x":0,"y":0,"width":0,"height":1},"maximized":false}}}', '{"layouts":{},"extra":1}'])(
    'treats %j as no state',
    (text) => {
      expect(parseWindowState(text)).toEqual(EMPTY_WINDOW_STATE);
    },
  );

  it('reads back what rememberPlacement made', () => {
    const state = rememberPlacement(EMPTY_WINDOW_STATE, [laptop], { bounds: { x: 1, y: 2, width: 900, height: 600 }, maximized: false });
    expect(parseWindowState(JSON.stringify(state))).toEqual(state);
  });
});

describe('never off-screen', () => {
  const rect = fc.record({
    x: fc.integer({ min: -20_000, max: 20_000 }),
    y: fc.integer({ min: -20_000, max: 20_000 }),
    width: fc.integer({ min: 1, max: 8000 }),
    height: fc.integer({ min: 1, max: 8000 }),
  });
  const area = fc.record({
    x: fc.integer({ min: -4000, max: 4000 }),
    y: fc.integer({ min: -4000, max: 4000 }),
    width: fc.integer({ min: 640, max: 4000 }),
    height: fc.integer({ min: 480, max: 3000 }),
  });

  it('clampToArea puts any window wholly inside the area, moving it only when needed', () => {
    fc.assert(
      fc.property(rect, area, (bounds, workArea) => {
        const clamped = clampToArea(bounds, workArea);
        expect(within(clamped, workArea)).toBe(true);
        if (within(bounds, workArea)) expect(clamped).toEqual(bounds);
      }),
    );
  });

  it('restorePlacement always lands wholly on one of the current displays', () => {
    fc.assert(
      fc.property(rect, fc.array(area, { minLength: 1, maxLength: 3 }), (bounds, areas) => {
        const displays = areas.map((workArea, index) => ({ id: index + 1, workArea }));
        const state = rememberPlacement(EMPTY_WINDOW_STATE, [{ id: 99, workArea: areas[0] as Rectangle }], { bounds, maximized: false });
        const { bounds: restored } = restorePlacement(state, displays, displays[0] as DisplayLike);
        expect(displays.some((display) => within(restored, display.workArea))).toBe(true);
      }),
    );
  });
});
