/**
 * The fiscal years a picker offers: those with records on the device or a
 * calendar, and always the current and the previous one.
 */
import { fiscalYearOf } from '../../shared/calendar/fiscal';
import { now } from '../../shared/clock';
import { FISCAL_YEAR_TABLES, type FiscalYearTable } from '../../shared/domain/tables';
import { localDb, type EplanDb, type StoredRecord } from './db';
import { useReadAfterWrites } from './province';
import { useCallback } from 'react';

const sortedDistinct = (years: Iterable<number>): number[] =>
  [...new Set(years)].filter((year) => Number.isInteger(year)).sort((a, b) => a - b);

/**
 * Items, contracts and payments belong to an ordinance item of their own
 * fiscal year (the rules refuse a mismatch, shared/domain/rules.ts), so their
 * years are the ordinances' years: the largest tables (800,000 payments in a
 * big province) are never read.
 */
const YEAR_OF_ORDINANCE = new Set<FiscalYearTable>(['ordinanceItems', 'contracts', 'disbursements']);
const OWN_YEAR_TABLES = FISCAL_YEAR_TABLES.filter((table) => !YEAR_OF_ORDINANCE.has(table));

/** The tables recordFiscalYears and calendarFiscalYears read: a write to any other cannot change the years. */
const YEAR_SOURCES: ReadonlySet<string> = new Set<string>([...OWN_YEAR_TABLES, 'plans', 'visions', 'calendars']);

/**
 * The fiscal years of a table's records, from the distinct keys of its
 * [laoId+fiscalYear] index (one per LAO and year), never the rows themselves.
 */
async function tableYears(db: EplanDb, table: FiscalYearTable): Promise<number[]> {
  const keys = await db.table<StoredRecord, string>(table).orderBy('[laoId+fiscalYear]').uniqueKeys();
  return keys.map((key) => (key as unknown as [string, number])[1]);
}

/** The years a plan-period record covers (plans: startYear and length; visions: startYear to endYear). */
function periodYears(row: Record<string, unknown>): number[] {
  const start = Number(row.startYear);
  const end = row.endYear !== undefined ? Number(row.endYear) : start + Number(row.years) - 1;
  if (!Number.isInteger(start) || !Number.isInteger(end) || end < start || end - start > 20) return [];
  return Array.from({ length: end - start + 1 }, (_, i) => start + i);
}

/**
 * The sorted distinct fiscal years (B.E.) of the records on the device: the
 * `fiscalYear` of ordinances (and so of their items, contracts and payments,
 * whose dates lie in that year or, for a carried-over item, the next),
 * quarter reports, grants, statistics, anti-drug activities and visits; and
 * every year of a plan or vision period (a few rows per LAO: read whole).
 * A deleted record's year counts too: the device had data of that year.
 */
export async function recordFiscalYears(db: EplanDb): Promise<number[]> {
  const [fiscal, plans, visions] = await Promise.all([
    Promise.all(OWN_YEAR_TABLES.map((table) => tableYears(db, table))),
    db.plans.toArray(),
    db.visions.toArray(),
  ]);
  return sortedDistinct([...fiscal.flat(), ...[...plans, ...visions].flatMap((row) => periodYears(row))]);
}

/**
 * The fiscal years that have a calendar: the current one (the seed calendar
 * stands for any year) and every year an administrator published one for.
 */
export async function calendarFiscalYears(db: EplanDb, currentFiscalYear: number): Promise<number[]> {
  const published = await db.calendars.toCollection().primaryKeys();
  return [currentFiscalYear, ...published.map(Number)];
}

/** Record years and calendar years, with the current and the previous fiscal year always: sorted, oldest first. */
export function fiscalYearChoices(recordYears: readonly number[], calendarYears: readonly number[], currentFiscalYear: number): number[] {
  return sortedDistinct([...recordYears, ...calendarYears, currentFiscalYear - 1, currentFiscalYear]);
}

/** The fiscal years to offer on this device as of `at`, oldest first. */
export async function fiscalYearsWithData(db: EplanDb, at: Date = now()): Promise<number[]> {
  const current = fiscalYearOf(at);
  return fiscalYearChoices(await recordFiscalYears(db), await calendarFiscalYears(db, current), current);
}

/**
 * The fiscal years to offer, kept live as records arrive; the current and the
 * previous year until the first read answers.
 */
export function useFiscalYearsWithData(currentFiscalYear: number): number[] {
  const read = useCallback(async () => {
    const db = localDb();
    const [recordYears, calendarYears] = await Promise.all([recordFiscalYears(db), calendarFiscalYears(db, currentFiscalYear)]);
    return fiscalYearChoices(recordYears, calendarYears, currentFiscalYear);
  }, [currentFiscalYear]);
  // A new year shows about a second after the write that brought it, off the path of the edit itself.
  const years = useReadAfterWrites(currentFiscalYear, YEAR_SOURCES, read);
  return years ?? fiscalYearChoices([], [currentFiscalYear], currentFiscalYear);
}
