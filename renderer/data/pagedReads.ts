/**
 * Reading many LAOs' records without one long task. IndexedDB hands a
 * request's result back whole, and turning it back into objects is one task
 * on the thread that asked. At the whole province, a new day's pass read
 * twenty LAOs' disbursements (about 47,000 records) in one result: a task of
 * 175–223 ms for every chunk (docs/benchmarks.md). Read here a page at a time.
 */
import type { Table } from 'dexie';

/**
 * At most this many records in one result: 20–30 ms to turn into objects at
 * the province's record size. An LAO with more is read alone, whole.
 */
export const PAGE_ROWS = 5_000;

/**
 * The records of `table` whose `laoId` lies between `first` and `last`
 * (both included, in key order), in index order, read a page at a time. A
 * full page most likely ends inside an LAO's records: it is cut before that
 * LAO, which the next page starts with (its records in the cut part are read
 * twice: the price of never holding a result larger than a page). An LAO
 * with more records than a page is read alone, whole. Run it inside a
 * transaction: every page is of the same records.
 */
export async function readLaoRange<T extends { laoId: string }>(table: Table<T, string>, first: string, last: string, pageRows = PAGE_ROWS): Promise<T[]> {
  const rows: T[] = [];
  let from = first;
  let fromIncluded = true;
  for (;;) {
    const page = await table.where('laoId').between(from, last, fromIncluded, true).limit(pageRows).toArray();
    if (page.length < pageRows) return append(rows, page, page.length);
    const lastLao = page[page.length - 1]!.laoId;
    const cut = page.findIndex((row) => row.laoId === lastLao);
    if (cut > 0) {
      append(rows, page, cut);
      from = lastLao;
      fromIncluded = true;
      continue;
    }
    // One LAO fills the page: its records in one result, however many.
    const whole = await table.where('laoId').equals(lastLao).toArray();
    append(rows, whole, whole.length);
    if (lastLao === last) return rows;
    from = lastLao;
    fromIncluded = false;
  }
}

/** Appends the first `count` of `more` (a loop: spreading tens of thousands of arguments overflows the stack). */
function append<T>(rows: T[], more: readonly T[], count: number): T[] {
  for (let i = 0; i < count; i += 1) rows.push(more[i]!);
  return rows;
}
