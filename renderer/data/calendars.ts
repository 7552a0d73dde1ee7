/**
 * The calendar in force for a fiscal year on this laptop: the newest version the
 * server published (synced with the reference data, login.ts storeCalendars),
 * else the seed calendar built for that year. Held in memory and kept current
 * from the `calendars` table (any window's write), so every page, the
 * completion engine and the exports read one answer synchronously; the app
 * waits for the first read before its first screen (app/startup.tsx).
 */
import { liveQuery } from 'dexie';
import { useSyncExternalStore } from 'react';
import { defaultTemplate, type CalendarPublication, type CalendarTemplate } from '../../shared/calendar/index';
import type { EplanDb } from './db';

export interface CalendarInForce {
  fiscalYear: number;
  template: CalendarTemplate;
  /** The server's publication; null when the year has none and the seed calendar stands. */
  publication: CalendarPublication | null;
}

let published = new Map<number, CalendarPublication>();
const resolved = new Map<number, CalendarInForce>();
const listeners = new Set<() => void>();
let watching: { db: string; stop: () => void } | undefined;

function replace(list: readonly CalendarPublication[]): void {
  const next = new Map(list.map((calendar) => [calendar.fiscalYear, calendar]));
  const changed = [...new Set([...next.keys(), ...published.keys()])].filter((year) => next.get(year)?.version !== published.get(year)?.version);
  published = next;
  if (changed.length === 0) return;
  for (const year of changed) resolved.delete(year);
  for (const listener of listeners) listener();
}

/**
 * Reads the stored calendars, then follows every write to them; resolves after
 * the first read. A failed read leaves the seed calendars in force.
 */
export function watchCalendars(db: EplanDb): Promise<void> {
  if (watching?.db === db.name) return Promise.resolve();
  watching?.stop();
  return new Promise((resolve) => {
    const subscription = liveQuery(() => db.calendars.toArray()).subscribe({
      next: (list) => {
        replace(list);
        resolve();
      },
      error: (error: unknown) => {
        console.error('reading the stored calendars failed', error);
        resolve();
      },
    });
    watching = { db: db.name, stop: () => subscription.unsubscribe() };
  });
}

/** The calendar in force for a fiscal year (the same object until it changes). */
export function calendarInForce(fiscalYear: number): CalendarInForce {
  let calendar = resolved.get(fiscalYear);
  if (!calendar) {
    const publication = published.get(fiscalYear) ?? null;
    calendar = { fiscalYear, template: publication?.template ?? defaultTemplate(fiscalYear), publication };
    resolved.set(fiscalYear, calendar);
  }
  return calendar;
}

/** The fiscal years that have a published calendar on this laptop. */
export function publishedYears(): number[] {
  return [...published.keys()].sort((a, b) => a - b);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The calendar in force for a fiscal year; re-renders when a sync brings a new version. */
export function useCalendar(fiscalYear: number): CalendarInForce {
  return useSyncExternalStore(subscribe, () => calendarInForce(fiscalYear));
}

/** The years with a published calendar; re-renders when one arrives. */
export function usePublishedYears(): number[] {
  const key = useSyncExternalStore(subscribe, () => publishedYears().join(','));
  return key === '' ? [] : key.split(',').map(Number);
}
