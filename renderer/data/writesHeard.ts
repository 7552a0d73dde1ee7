/**
 * Committed writes as Dexie reports them to every connection of this page
 * (its storagemutated event; another window's writes arrive the same way).
 */
import Dexie from 'dexie';

/** Part keys of Dexie's storagemutated event: `idb://<database>/<table>/<index>`. */
const PART = /^idb:\/\/(.+)\/([^/]+)\/[^/]*$/;

/** The database and table a part key of the event names; undefined for other keys. */
export function writtenTable(key: string): { dbName: string; table: string } | undefined {
  const match = PART.exec(key);
  return match ? { dbName: match[1]!, table: match[2]! } : undefined;
}

/**
 * Calls `onWrites` `delayMs` after a committed write to one of `tables` of the
 * database, once for all the writes of that time: for reads that a write
 * rarely changes (the fiscal years a picker offers), so they do not compete
 * with the work the write itself calls for (the completion pass, the row it
 * changes). Returns the unsubscribe.
 */
export function afterWrites(dbName: string, tables: ReadonlySet<string>, onWrites: () => void, delayMs: number): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const listener = (parts: Readonly<Record<string, unknown>>) => {
    if (timer !== undefined) return;
    const touched = Object.keys(parts).some((key) => {
      const written = writtenTable(key);
      return written !== undefined && written.dbName === dbName && tables.has(written.table);
    });
    if (!touched) return;
    timer = setTimeout(() => {
      timer = undefined;
      onWrites();
    }, delayMs);
  };
  Dexie.on('storagemutated', listener);
  return () => {
    clearTimeout(timer);
    Dexie.on('storagemutated').unsubscribe(listener);
  };
}
