import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { fixedClock, setClock } from '../../shared/clock';
import { fixtureRecord } from '../../shared/domain/fixtures';
import type { RecordTable } from '../../shared/domain/tables';
import { openLocalDb, type EplanDb, type StoredRecord } from './db';
import { copyTemplateToYear, defaultTemplate } from '../../shared/calendar/index';
import { storeCalendars } from '../sync/login';
import { calendarFiscalYears, fiscalYearChoices, fiscalYearsWithData, recordFiscalYears } from './fiscalYears';

let db: EplanDb;
let restoreClock: () => void;

beforeEach(() => {
  db = openLocalDb(`fiscal-years-${uuidv7()}`);
  // 15 December 2026 in Bangkok: fiscal year 2570.
  restoreClock = setClock(fixedClock('2026-12-15T03:00:00Z'));
});

afterEach(async () => {
  restoreClock();
  vi.restoreAllMocks();
  db.close();
  await db.delete();
});

const laoA = uuidv7();
const laoB = uuidv7();

/** A valid record of the table for an LAO, with the given fields changed. */
const record = (table: RecordTable, laoId: string, fields: Record<string, unknown> = {}) =>
  ({ ...fixtureRecord(table), id: uuidv7(), laoId, ...fields }) as unknown as StoredRecord;

async function put(table: RecordTable, rows: StoredRecord[]) {
  await db.table<StoredRecord, string>(table).bulkPut(rows);
}

describe('the fiscal years of the records on the device', () => {
  it('is empty on an empty device; the pickers still offer the current and the previous year', async () => {
    expect(await recordFiscalYears(db)).toEqual([]);
    expect(await fiscalYearsWithData(db)).toEqual([2569, 2570]);
  });

  it('collects the years of every fiscal-year table and of plan and vision periods, sorted and distinct', async () => {
    await put('ordinances', [record('ordinances', laoA, { fiscalYear: 2566 }), record('ordinances', laoB, { fiscalYear: 2566 }), record('ordinances', laoB, { fiscalYear: 2568 })]);
    await put('quarterReports', [record('quarterReports', laoA, { fiscalYear: 2567 })]);
    await put('grants', [record('grants', laoB, { fiscalYear: 2571 })]);
    await put('fiscalStats', [record('fiscalStats', laoA, { fiscalYear: 2565 })]);
    await put('antiDrugActivities', [record('antiDrugActivities', laoA, { fiscalYear: 2564 })]);
    await put('fieldVisits', [record('fieldVisits', laoB, { fiscalYear: 2563 })]);
    await put('plans', [record('plans', laoA, { startYear: 2554, years: 3 })]);
    await put('visions', [record('visions', laoB, { startYear: 2558, endYear: 2559 })]);
    expect(await recordFiscalYears(db)).toEqual([2554, 2555, 2556, 2558, 2559, 2563, 2564, 2565, 2566, 2567, 2568, 2571]);
    expect(await fiscalYearsWithData(db)).toEqual([2554, 2555, 2556, 2558, 2559, 2563, 2564, 2565, 2566, 2567, 2568, 2569, 2570, 2571]);
  });

  it('counts the year of a deleted record: the device had data of it', async () => {
    await put('ordinances', [record('ordinances', laoA, { fiscalYear: 2560, deleted: true })]);
    expect(await recordFiscalYears(db)).toEqual([2560]);
  });

  it('never reads the item, contract and payment tables: their years are their ordinances’ years', async () => {
    await put('ordinances', [record('ordinances', laoA, { fiscalYear: 2567 })]);
    await put('disbursements', Array.from({ length: 50 }, () => record('disbursements', laoA, { fiscalYear: 2567 })));
    const read = vi.spyOn(db, 'table');
    const readDisbursements = vi.spyOn(db.disbursements, 'orderBy');
    expect(await recordFiscalYears(db)).toEqual([2567]);
    const tablesRead = read.mock.calls.map(([name]) => name);
    expect(tablesRead).toContain('ordinances');
    for (const table of ['ordinanceItems', 'contracts', 'disbursements']) expect(tablesRead).not.toContain(table);
    expect(readDisbursements).not.toHaveBeenCalled();
  });

  it('follows the clock: on 1 October (Bangkok) the new fiscal year is offered', async () => {
    restoreClock();
    restoreClock = setClock(fixedClock('2026-09-30T17:00:00Z'));
    expect(await fiscalYearsWithData(db)).toEqual([2569, 2570]);
    expect(await fiscalYearsWithData(db, new Date('2026-09-30T16:59:00Z'))).toEqual([2568, 2569]);
  });
});

describe('calendarFiscalYears', () => {
  it('offers every year with a published calendar, beside the current one', async () => {
    expect(await calendarFiscalYears(db, 2570)).toEqual([2570]);
    const template = copyTemplateToYear(defaultTemplate(2570), 2574);
    await storeCalendars(db, [{ fiscalYear: 2574, version: 1, template, publishedBy: 'admin', publishedAt: '2030-01-01T00:00:00.000Z', note: '', changes: { added: [], removed: [], changed: [], reordered: false } }]);
    expect(await calendarFiscalYears(db, 2570)).toEqual([2570, 2574]);
    expect(await fiscalYearsWithData(db, new Date('2026-11-26T03:00:00Z'))).toContain(2574);
  });
});

describe('fiscalYearChoices', () => {
  it('joins record and calendar years with the current and the previous year, oldest first, once each', () => {
    expect(fiscalYearChoices([2570, 2566, 2566], [2572], 2570)).toEqual([2566, 2569, 2570, 2572]);
    expect(fiscalYearChoices([], [2570], 2570)).toEqual([2569, 2570]);
  });
});
