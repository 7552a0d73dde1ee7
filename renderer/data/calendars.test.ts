import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { defaultTemplate, templateChanges, type CalendarPublication, type CalendarTemplate } from '../../shared/calendar/index';
import { storeCalendars } from '../sync/login';
import { calendarInForce, publishedYears, watchCalendars } from './calendars';
import { provinceCompletion } from './completion';
import { openLocalDb, type EplanDb } from './db';

const FY = 2571;
let db: EplanDb;

function publication(template: CalendarTemplate, version: number): CalendarPublication {
  return {
    fiscalYear: template.fiscalYear, version, template, publishedBy: 'admin-id', publishedAt: '2027-09-01T03:00:00.000Z', note: '',
    changes: templateChanges(defaultTemplate(template.fiscalYear), template),
  };
}

const renamed = (label: string): CalendarTemplate => {
  const seed = defaultTemplate(FY);
  return { ...seed, tasks: seed.tasks.map((task, i) => (i === 0 ? { ...task, label: { th: label, en: label } } : task)) };
};

/** Resolves once the in-memory calendars show `version` for FY (the live query runs after the write commits). */
async function untilVersion(version: number | null): Promise<void> {
  for (let i = 0; i < 200 && (calendarInForce(FY).publication?.version ?? null) !== version; i += 1) await new Promise((r) => setTimeout(r, 5));
  expect(calendarInForce(FY).publication?.version ?? null).toBe(version);
}

beforeEach(async () => {
  db = openLocalDb(`calendars-${uuidv7()}`);
  await watchCalendars(db);
});

afterEach(async () => {
  db.close();
  await db.delete();
});

describe('the calendar in force on a laptop', () => {
  it('is the seed calendar of the year until the server publishes one, then the newest version', async () => {
    expect(calendarInForce(FY)).toMatchObject({ publication: null, template: defaultTemplate(FY) });
    await storeCalendars(db, [publication(renamed('ฉบับที่ 1'), 1)]);
    await untilVersion(1);
    expect(calendarInForce(FY).template.tasks[0]!.label.th).toBe('ฉบับที่ 1');
    expect(publishedYears()).toEqual([FY]);
    // Another year still has its seed calendar.
    expect(calendarInForce(FY + 1).publication).toBeNull();

    await storeCalendars(db, [publication(renamed('ฉบับที่ 2'), 2)]);
    await untilVersion(2);
    // An older version arriving late (a slow request) does not replace the newer.
    await storeCalendars(db, [publication(renamed('ฉบับที่ 1'), 1)]);
    expect((await db.calendars.get(FY))?.version).toBe(2);
  });

  it('leaves out a publication the shared schema refuses, keeping what the laptop had', async () => {
    await storeCalendars(db, [publication(renamed('ดี'), 1)]);
    const bad = [
      { ...publication(renamed('ไม่ดี'), 2), template: { fiscalYear: FY, tasks: [{ id: 'BAD ID' }] } },
      { ...publication(renamed('ปีผิด'), 3), fiscalYear: FY + 1 },
      'not a calendar', null, { fiscalYear: FY, version: 9 },
    ];
    await storeCalendars(db, bad);
    expect((await db.calendars.get(FY))?.version).toBe(1);
    expect(await db.calendars.count()).toBe(1);
  });

  it('gives the completion engine of the year a new calendar when one arrives, and the engine computes with it', async () => {
    const asOf = '2027-11-15';
    const seedEngine = provinceCompletion(db, FY, asOf, calendarInForce(FY).template);
    await storeCalendars(db, [publication(renamed('ใหม่'), 1)]);
    await untilVersion(1);
    const engine = provinceCompletion(db, FY, asOf, calendarInForce(FY).template);
    expect(engine).not.toBe(seedEngine);
    expect(engine.snapshot().template.tasks[0]!.label.th).toBe('ใหม่');
    // Asked again with the same calendar: the same engine.
    expect(provinceCompletion(db, FY, asOf, calendarInForce(FY).template)).toBe(engine);
  });
});
