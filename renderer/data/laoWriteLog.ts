/**
 * The LAOs each write touched, logged in the write's own transaction: a Dexie
 * middleware adds one `laoWrites` row per LAO to every transaction that writes
 * a record table (a save, a pulled page, a conflict kept, an undo, a demo
 * load or removal). The completion engine reads the rows after the last one
 * it evaluated, so it finds every LAO written since, in this window or
 * another, in this session or while the app was closed; a write and its row
 * commit together or not at all. Counting tables and comparing their newest
 * updatedAt, as the engine did before, missed an edit stored with an older
 * updatedAt than the table's newest (a pulled edit stamped by the server) and
 * cost about a second per 800,000 rows at every start.
 */
import Dexie, { type DBCore, type Middleware } from 'dexie';
import type { EplanDb } from './db';
import { isRecordTable, type RecordTable } from '../../shared/domain/tables';

export const LAO_WRITES = 'laoWrites';

/** One LAO written by one committed transaction (ALL_LAOS: a write whose LAOs are not known one by one). */
export interface LaoWriteRow {
  seq?: number;
  laoId: string;
  /** The record table written; absent in rows logged before it was (they stand for every table). */
  table?: RecordTable;
}

/** Logged for a range delete (a cleared table) or a delete of very many rows: every LAO is read again. */
export const ALL_LAOS = '*';

/** Past this many rows deleted at once, their LAOs are not looked up: ALL_LAOS is logged instead. */
const MAX_LOOKED_UP = 2_000;


/** The LAOs of rows put, or of rows about to be deleted. */
function laosOfRows(rows: readonly unknown[]): Set<string> {
  const laoIds = new Set<string>();
  for (const row of rows) if (row !== undefined) laoIds.add(laoIdOf(row));
  return laoIds;
}

/** A row without a usable laoId cannot be placed: every LAO is read again rather than none. */
function laoIdOf(row: unknown): string {
  const laoId = typeof row === 'object' && row !== null ? (row as { laoId?: unknown }).laoId : undefined;
  return typeof laoId === 'string' && laoId !== ALL_LAOS ? laoId : ALL_LAOS;
}

/** Registered on every connection to the local database (openLocalDb). */
export const laoWriteLog: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'laoWriteLog',
  // Below Dexie's hooks middleware (level 2), which needs the calling transaction's zone that an await here
  // would leave; above its virtual indexes (1, registered first) and its observability and caches (0), so
  // the log rows are written and observed like any other.
  level: 1,
  create(down) {
    return {
      ...down,
      // A transaction that may write a record table takes the log's store too, so its rows commit with it.
      transaction(stores, mode, options) {
        const logged = mode === 'readwrite' && !stores.includes(LAO_WRITES) && stores.some((store) => isRecordTable(store));
        return down.transaction(logged ? [...stores, LAO_WRITES] : stores, mode, options);
      },
      table(name) {
        const table = down.table(name);
        if (!isRecordTable(name)) return table;
        return {
          ...table,
          // Chained with Dexie's own promise, never awaited: its middlewares below need the caller's
          // transaction zone, which Dexie's promise carries into each step and a native await would drop.
          mutate(req) {
            const log = (laoIds: Set<string>) => {
              if (laoIds.size === 0) return undefined;
              const values: LaoWriteRow[] = laoIds.has(ALL_LAOS) ? [{ laoId: ALL_LAOS }] : [...laoIds].map((laoId) => ({ laoId, table: name }));
              return down.table(LAO_WRITES).mutate({ type: 'add', trans: req.trans, values });
            };
            // Records never move between LAOs (their place is immutable), so a put's values tell.
            if (req.type === 'add' || req.type === 'put') return Dexie.Promise.resolve(log(laosOfRows(req.values))).then(() => table.mutate(req));
            if (req.type === 'delete' && req.keys.length <= MAX_LOOKED_UP) {
              return Dexie.Promise.resolve(table.getMany({ trans: req.trans, keys: req.keys }))
                .then((rows) => log(laosOfRows(rows)))
                .then(() => table.mutate(req));
            }
            return Dexie.Promise.resolve(log(new Set([ALL_LAOS]))).then(() => table.mutate(req));
          },
        };
      },
    };
  },
};

/** The meta entry holding the last `laoWrites` row pruned: a reader that stood before it cannot know what it missed. */
const PRUNED_KEY = 'laoWritesPruned';

/**
 * Meta keys under which readers of the log other than the completion engine
 * keep their place, as `{ through }` (the scope checksums of the sync,
 * renderer/sync/checksumCache.ts): pruning leaves them what they have not read.
 */
export const logReaderKey = (reader: string): string => `laoWrites.reader.${reader}`;

/** How many log rows are kept behind the newest place stored, for readers that have fallen behind. */
export const KEEP_WRITES = 20_000;

/** The last row pruned (0: none); a reader whose place is before it reads everything again. */
export async function prunedThrough(db: EplanDb): Promise<number> {
  const value = (await db.meta.get(PRUNED_KEY))?.value;
  return typeof value === 'number' && Number.isInteger(value) ? value : 0;
}

/** The last row of the log (0 when empty): a reader that reads everything now stands there. */
export async function lastLaoWrite(db: EplanDb): Promise<number> {
  return Number((await db.laoWrites.orderBy(':id').lastKey()) ?? 0);
}

/**
 * What the log holds after a reader's place: where it ends, how many rows, the
 * LAOs they name ('all' when a row names every LAO) and, per LAO, the tables
 * written ('all' for a row logged before rows named their table).
 */
export interface LaoWritesSince {
  through: number;
  rows: number;
  laoIds: ReadonlySet<string> | 'all';
  tables: ReadonlyMap<string, ReadonlySet<RecordTable> | 'all'>;
}

/** The LAOs written after `after` (a reader's place), and the place it reaches by reading them. */
export async function laoWritesSince(db: EplanDb, after: number): Promise<LaoWritesSince> {
  const written = await db.laoWrites.where(':id').above(after).toArray();
  const tables = new Map<string, Set<RecordTable> | 'all'>();
  for (const { laoId, table } of written) {
    const known = tables.get(laoId);
    if (known === 'all') continue;
    if (table === undefined || !isRecordTable(table)) tables.set(laoId, 'all');
    else if (known) known.add(table);
    else tables.set(laoId, new Set([table]));
  }
  const laoIds = new Set(tables.keys());
  return { through: written.at(-1)?.seq ?? after, rows: written.length, laoIds: laoIds.has(ALL_LAOS) ? 'all' : laoIds, tables };
}

/**
 * Drops the rows every reader has read (the places given and those kept under
 * logReaderKey), and those more than KEEP_WRITES behind `newest` (a fiscal year
 * no one opens any more must not keep the log growing). The row at `newest`
 * is kept, so the last key still tells where the log stands. Run inside a
 * transaction over laoWrites and meta.
 */
export async function pruneLaoWrites(db: EplanDb, newest: number, places: readonly number[]): Promise<void> {
  const readers = await db.meta.where('key').startsWith(logReaderKey('')).toArray();
  const readerPlaces = readers.map((entry) => (entry.value as { through?: unknown } | null)?.through).filter((through): through is number => typeof through === 'number');
  const through = Math.min(Math.max(Math.min(newest, ...places, ...readerPlaces), newest - KEEP_WRITES), newest - 1);
  if (through <= (await prunedThrough(db))) return;
  await db.laoWrites.where(':id').belowOrEqual(through).delete();
  await db.meta.put({ key: PRUNED_KEY, value: through });
}
