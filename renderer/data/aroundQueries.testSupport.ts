/**
 * For tests: watch the reads a database makes. `around` runs each query (a
 * read by index or range, as `where(…).toArray()` makes) of every table of
 * `db`, and may look before and after it. A DBCore middleware: register it
 * before the database opens.
 */
import type Dexie from 'dexie';
import type { DBCoreQueryResponse } from 'dexie';

export function aroundQueries(db: Dexie, around: (table: string, query: () => Promise<DBCoreQueryResponse>) => Promise<DBCoreQueryResponse>): void {
  db.use({
    stack: 'dbcore',
    name: 'around queries',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        return { ...table, query: (request) => around(name, () => table.query(request)) };
      },
    }),
  });
}
