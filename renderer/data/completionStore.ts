/**
 * Reads and writes the stored completion state: per fiscal year a header row
 * (`completionState`), one results row per LAO (`completionResults`, the
 * statuses) and one row of its missing items (`completionMissing`).
 * Reading never throws: a missing, corrupt or foreign state is simply not
 * used, and the engine computes afresh.
 */
import Dexie from 'dexie';
import { z } from 'zod';
import { COMPLETION_RULES_VERSION, isTaskStatus, type CalendarTemplate, type MissingItem } from '../../shared/calendar/index';
import type { CompletionResultRow, CompletionStateRow, EplanDb } from './db';
import { pruneLaoWrites, prunedThrough } from './laoWriteLog';
import type { LaoTaskResults, StampedResults } from '../../shared/calendar/completionCache';

/** Bump when the stored shape or the stamp changes, so old rows are not misread. */
const STATE_FORMAT = 1;

/** The stored format and the rules' version: results stored under another are of other rules. */
const RULE_SET = `${STATE_FORMAT}|${COMPLETION_RULES_VERSION}`;

/**
 * The rules are code: results computed by another build may differ, so a row
 * from another build is shown only as stale and re-evaluated. Written as
 * `format|rules version|app version`.
 */
export function rulesVersion(): string {
  let version: unknown;
  try {
    // Written out in full so Vite's `define` replaces it; outside Vite there is no import.meta.env.
    version = import.meta.env.VITE_APP_VERSION;
  } catch {
    version = undefined;
  }
  return `${RULE_SET}|${typeof version === 'string' && version !== '' ? version : 'dev'}`;
}

/**
 * Whether stored results were computed under the rules of this build (another
 * app build may share them). Results of other rules are not shown even as
 * stale: they may hold a status the rules now give otherwise ("in progress"
 * for a task not yet due). Rows of builds before the rules had a version
 * (`format|app version`) never match.
 */
export const sameRuleSet = (rules: string): boolean => rules.startsWith(`${RULE_SET}|`);

/** JSON with object keys sorted, so equal templates give equal text whatever the key order. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** cyrb53: a fast 53-bit string hash; collisions between two calendars are not a practical concern. */
function hash53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

const fingerprintOf = (value: unknown): string => {
  const json = stableJson(value);
  return `${json.length}-${hash53(json)}`;
};

/**
 * Identifies what a calendar judges: each task's id, months and rule with its
 * thresholds (any change there changes it), not its labels, guidance or order,
 * which change no result. So a new calendar version that only rewords a task
 * or moves it in the list keeps the stored results; one that changes a rule
 * or a month computes the year afresh.
 */
export function templateFingerprint(template: CalendarTemplate): string {
  const judged = [...template.tasks]
    .map((task) => ({ id: task.id, months: task.months, everyMonth: task.everyMonth, rule: task.rule }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return fingerprintOf({ fiscalYear: template.fiscalYear, tasks: judged });
}

/** Identifies a calendar as a whole, texts and order too: an engine computes with (and shows) exactly one. */
export const calendarKey = (template: CalendarTemplate): string => fingerprintOf(template);

const headerSchema = z.object({
  fiscalYear: z.number().int(),
  template: z.string(),
  rules: z.string(),
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}/),
  // Absent in states stored before the write log (schema 7), which held table marks instead.
  drained: z.number().int().min(0).optional(),
});

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const isMissingList = (value: unknown): boolean => Array.isArray(value) && value.every((item) => isObject(item) && typeof item.code === 'string');

// Checked by hand, without copying: rows stored before schema 6 hold their missing items inline.
function isTaskResult(value: unknown): boolean {
  if (!isObject(value)) return false;
  const { status, done, total, missing, missingApart } = value;
  return isTaskStatus(status) && typeof done === 'number' && typeof total === 'number'
    && (missingApart === undefined || missingApart === true) && isMissingList(missing);
}

function isResultRow(row: unknown, fiscalYear: number): row is CompletionResultRow {
  return isObject(row) && row.fiscalYear === fiscalYear && typeof row.laoId === 'string' && typeof row.stamp === 'string'
    && isObject(row.results) && Object.values(row.results).every(isTaskResult);
}

/** What an earlier session stored for a fiscal year. */
export interface StoredCompletion {
  asOf: string;
  rules: string;
  /**
   * The last `laoWrites` row the results account for; undefined when the writes
   * since are not all known (a state stored before the log, or rows pruned
   * since): every LAO is read again, the results shown meanwhile.
   */
  drained: number | undefined;
  laos: Array<[string, StampedResults]>;
}

const resultsOf = (db: EplanDb, fiscalYear: number) =>
  db.completionResults.where('[fiscalYear+laoId]').between([fiscalYear, Dexie.minKey], [fiscalYear, Dexie.maxKey], true, true);
const missingOf = (db: EplanDb, fiscalYear: number) =>
  db.completionMissing.where('[fiscalYear+laoId]').between([fiscalYear, Dexie.minKey], [fiscalYear, Dexie.maxKey], true, true);

/** Whether an LAO's results are read back from the store, their missing items still apart. */
const listsApart = (results: LaoTaskResults): boolean => Object.values(results).some((result) => result.missingApart === true);

/** The results without their missing items, as a start reads them. */
function statusesOf(results: LaoTaskResults): LaoTaskResults {
  return Object.fromEntries(Object.entries(results).map(([taskId, { status, done, total }]) => [taskId, { status, done, total, missing: [], missingApart: true as const }]));
}

/** The missing items of an LAO's tasks, for the row kept apart. */
const listsOf = (results: LaoTaskResults): Record<string, MissingItem[]> =>
  Object.fromEntries(Object.entries(results).map(([taskId, result]) => [taskId, result.missing]));

/** A stored lists row's lists, if it is of `stamp` and every list has the right shape. */
function listsOfRow(row: unknown, stamp: string | undefined): Record<string, MissingItem[]> | undefined {
  if (!isObject(row) || !isObject(row.missing) || (stamp !== undefined && row.stamp !== stamp)) return undefined;
  return Object.values(row.missing).every(isMissingList) ? (row.missing as Record<string, MissingItem[]>) : undefined;
}

/**
 * The missing items of one task of an LAO's stored results, read when a panel
 * shows them: only a list stored with the results row's stamp (and with
 * `stamp`, when given: the results shown). Undefined when there is none;
 * never a throw.
 */
export async function loadMissingItems(db: EplanDb, fiscalYear: number, laoId: string, taskId: string, stamp?: string): Promise<MissingItem[] | undefined> {
  try {
    return await db.transaction('r', [db.completionResults, db.completionMissing], async () => {
      const [results, lists]: unknown[] = await Promise.all([db.completionResults.get([fiscalYear, laoId]), db.completionMissing.get([fiscalYear, laoId])]);
      if (!isObject(results) || typeof results.stamp !== 'string') return undefined;
      if (stamp !== undefined && results.stamp !== stamp) return undefined;
      return listsOfRow(lists, results.stamp)?.[taskId];
    });
  } catch (error) {
    console.warn('Could not read the stored missing items', error);
    return undefined;
  }
}

/**
 * Every stored missing-item list of an LAO, if they were stored with `stamp`
 * (the results shown): an update of some of its tasks keeps the others' lists.
 * Undefined when there are none of that stamp; never a throw.
 */
export async function loadMissingLists(db: EplanDb, fiscalYear: number, laoId: string, stamp: string): Promise<Record<string, MissingItem[]> | undefined> {
  try {
    return listsOfRow(await db.completionMissing.get([fiscalYear, laoId]), stamp);
  } catch (error) {
    console.warn('Could not read the stored missing items', error);
    return undefined;
  }
}

function unreadable(detail: unknown): undefined {
  console.warn('Ignoring an unreadable completion state; computing afresh', detail);
  return undefined;
}

function readStored(db: EplanDb, fiscalYear: number, template: string): Promise<StoredCompletion | undefined> {
  return db.transaction('r', [db.completionState, db.completionResults, db.meta], async () => {
    const header: unknown = await db.completionState.get(fiscalYear);
    if (header === undefined) return undefined;
    const parsed = headerSchema.safeParse(header);
    if (!parsed.success || parsed.data.fiscalYear !== fiscalYear) return unreadable(parsed.error?.issues.slice(0, 3));
    // Results of another calendar are never reused, so they are not even read.
    if (parsed.data.template !== template) return undefined;
    const rows: unknown[] = await resultsOf(db, fiscalYear).toArray();
    // One bad row and the whole state goes: it was written in one transaction, so it is not to be trusted in part.
    if (!rows.every((row) => isResultRow(row, fiscalYear))) return unreadable('a results row of the wrong shape');
    const { asOf, rules } = parsed.data;
    const pruned = await prunedThrough(db);
    const drained = parsed.data.drained !== undefined && parsed.data.drained >= pruned ? parsed.data.drained : undefined;
    return { asOf, rules, drained, laos: rows.map((row) => [row.laoId, { stamp: row.stamp, results: row.results }]) };
  });
}

/** The stored state of the fiscal year if it was computed with this template; undefined otherwise, never a throw. */
export async function loadCompletionState(db: EplanDb, fiscalYear: number, template: string): Promise<StoredCompletion | undefined> {
  try {
    return await readStored(db, fiscalYear, template);
  } catch (error) {
    console.warn('Ignoring an unreadable completion state; computing afresh', error);
    return undefined;
  }
}

const WRITE_CHUNK = 20;
/**
 * Missing items written at once, at most: each write serialises its rows in
 * one task of the window's thread. Twenty LAOs of the whole province (about
 * 9,000 items) took 100–130 ms per write after a first download.
 */
const WRITE_ITEMS = 2_000;

const missingCount = (results: LaoTaskResults): number => Object.values(results).reduce((sum, result) => sum + result.missing.length, 0);

/** The LAOs in writes of at most WRITE_CHUNK LAOs and, but for a single larger LAO, WRITE_ITEMS missing items. */
export function writeChunks<T extends readonly [string, StampedResults]>(laos: readonly T[]): T[][] {
  const chunks: T[][] = [];
  let chunk: T[] = [];
  let items = 0;
  for (const lao of laos) {
    const count = missingCount(lao[1].results);
    if (chunk.length > 0 && (chunk.length === WRITE_CHUNK || items + count > WRITE_ITEMS)) {
      chunks.push(chunk);
      chunk = [];
      items = 0;
    }
    chunk.push(lao);
    items += count;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

/** Where each stored state stands in the write log, for pruning it. */
async function statesDrained(db: EplanDb): Promise<number[]> {
  const headers: unknown[] = await db.completionState.toArray();
  return headers.map((header) => headerSchema.safeParse(header).data?.drained).filter((value) => value !== undefined);
}

/**
 * Stores the state with the given LAOs' results, in one transaction so the
 * header's place in the write log never runs ahead of the results; then
 * prunes the log rows no stored state needs. Each LAO's statuses and its
 * missing items go to rows of their own under one stamp, so a start reads the
 * statuses alone; results still read back from the store (their lists apart,
 * not in memory) keep the lists row they have. `replace` drops every other
 * LAO's rows first (after a full pass). A failed write (quota, closed
 * database) only costs the next start a full pass.
 */
export async function saveCompletionState(db: EplanDb, header: CompletionStateRow, laos: ReadonlyArray<readonly [string, StampedResults]>, replace: boolean): Promise<boolean> {
  const { fiscalYear } = header;
  try {
    await db.transaction('rw', [db.completionState, db.completionResults, db.completionMissing], async () => {
      if (replace) {
        await resultsOf(db, fiscalYear).delete();
        // Keys only: the lists of LAOs still read back from the store stay, every other goes.
        const keep = new Set(laos.filter(([, entry]) => listsApart(entry.results)).map(([laoId]) => laoId));
        const keys = await missingOf(db, fiscalYear).primaryKeys();
        await db.completionMissing.bulkDelete(keys.filter((key) => !keep.has(String((key as unknown as [number, string])[1]))));
      }
      // Written a few LAOs at a time, each write a task of its own: serialising a whole large province at once would freeze the page.
      for (const chunk of writeChunks(laos)) {
        await db.completionResults.bulkPut(chunk.map(([laoId, { stamp, results }]) => ({ fiscalYear, laoId, stamp, results: statusesOf(results) })));
        const computed = chunk.filter(([, entry]) => !listsApart(entry.results));
        await db.completionMissing.bulkPut(computed.map(([laoId, { stamp, results }]) => ({ fiscalYear, laoId, stamp, missing: listsOf(results) })));
      }
      await db.completionState.put(header);
    });
  } catch (error) {
    console.warn('Could not store the completion results; the next start computes them again', error);
    return false;
  }
  try {
    await db.transaction('rw', [db.completionState, db.laoWrites, db.meta], async () => pruneLaoWrites(db, header.drained, await statesDrained(db)));
  } catch (error) {
    // Kept rows cost only space; the next store tries again.
    console.warn('Could not prune the write log', error);
  }
  return true;
}
