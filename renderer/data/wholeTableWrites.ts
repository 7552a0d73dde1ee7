/**
 * A connection whose writes to some tables other windows hear of table by
 * table, whole, instead of key by key: the first download's worker
 * (sync/scope.worker.ts) for the record tables and their write log.
 *
 * Dexie's observability middleware records the keys and index values of every
 * write of fewer than 50 rows (the write log's rows of each page) and
 * broadcasts them. Every window merges what it hears into the pending set of
 * each of its live queries, one interval tree per index, and a live query
 * that does not read those tables keeps merging until it next runs: at a
 * province's size that was 20–50 ms of the window's time and its garbage for
 * every page stored (docs/benchmarks.md). A page's records (hundreds of rows)
 * were already announced whole, so the windows read again what they read
 * before. Other tables stay announced key by key: screens read single keys of
 * `meta`, and the download writes its progress there after every page (heard
 * whole, it re-rendered the checklist at every page).
 */
import { RangeSet, type DBCore, type DBCoreTable, type Dexie, type Middleware, type ObservabilitySet } from 'dexie';

/** Every part of one table as Dexie names them: the primary key (''), deletions (':dels') and each index, whole. */
function wholeTableParts(dbName: string, table: DBCoreTable['schema'], whole: () => RangeSet): ObservabilitySet {
  const parts: ObservabilitySet = {};
  for (const index of ['', ':dels', ...table.indexes.map((candidate) => candidate.name)]) {
    parts[`idb://${dbName}/${table.name}/${index}`] = whole();
  }
  return parts;
}

function wholeTableWrites(announcedWhole: (table: string) => boolean): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'WholeTableWrites',
    // Just above Dexie's observability (0), so its parts are there to be replaced; below the write log (1), whose rows it covers.
    level: 0.5,
    create(down) {
      const whole = () => new RangeSet(down.MIN_KEY, down.MAX_KEY);
      return {
        ...down,
        table(name) {
          const table = down.table(name);
          if (!announcedWhole(name)) return table;
          return {
            ...table,
            mutate(req) {
              // Dexie broadcasts the transaction's `mutatedParts` once it commits (its Transaction's oncomplete).
              const trans = req.trans as { mutatedParts?: ObservabilitySet };
              return table.mutate(req).then((result) => {
                trans.mutatedParts = { ...trans.mutatedParts, ...wholeTableParts(down.schema.name, table.schema, whole) };
                return result;
              });
            },
          };
        },
      };
    },
  };
}

/** From now on, this connection's writes to the tables `announcedWhole` names are announced whole (see above). Call before the first write. */
export function announceWritesWhole(db: Dexie, announcedWhole: (table: string) => boolean): void {
  db.use(wholeTableWrites(announcedWhole));
}
