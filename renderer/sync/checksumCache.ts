/**
 * The scope checksum a laptop compares with the server's after a pull, kept
 * per LAO so a pull that brought a few LAOs' changes reads only those LAOs'
 * rows again, not the province's million. Each LAO's sum is recomputed from
 * the rows as stored whenever the write log (renderer/data/laoWriteLog.ts,
 * written in the same transaction as every record write) shows it written
 * since the last count; so the sum is that of the stored rows, as the full
 * count gives, and a divergence is still caught. With no usable count (the
 * first, a corrupt entry, the log pruned past it, a cleared table) every row
 * of the scope is read, as before; and once a day anyway, so that rows
 * changed behind the log's back (a hand-edited database) cannot hide for long.
 */
import { z } from 'zod';
import { today } from '../../shared/clock';
import { RECORD_TABLES } from '../../shared/domain/tables';
import { rowChecksum, scopeChecksum } from '../../shared/sync/checksum';
import type { EplanDb, StoredRecord } from '../data/db';
import { lastLaoWrite, laoWritesSince, logReaderKey, prunedThrough } from '../data/laoWriteLog';
import { readMeta, writeMeta } from './meta';

const MOD = 2 ** 32;

const countSchema = z.object({
  /** The last write-log row the sums account for. */
  through: z.number().int().min(0),
  /** The day (Asia/Bangkok) every row was last read. */
  countedOn: z.string(),
  /** Per LAO (its rows with this scope's province code), the checksum of its live rows. */
  byLao: z.record(z.string(), z.number().int().min(0).max(MOD - 1)),
});

type ScopeCount = z.infer<typeof countSchema>;

export const checksumCacheKey = (scope: string): string => logReaderKey(`checksum.${scope}`);

const live = (rows: readonly StoredRecord[], scope: string) => rows.filter((row) => row.provinceCode === scope && !row.deleted);

/** Every live row of the scope, summed per LAO: table by table, never one array of every row. */
async function countAll(db: EplanDb, scope: string): Promise<Map<string, number>> {
  const byLao = new Map<string, number>();
  for (const table of RECORD_TABLES) {
    // Filtered here, not with Dexie's filter(): that walks a cursor row by row instead of one getAll.
    const rows = await db.table<StoredRecord, string>(table).where('provinceCode').equals(scope).toArray();
    for (const row of live(rows, scope)) {
      const laoId = String(row.laoId);
      byLao.set(laoId, ((byLao.get(laoId) ?? 0) + rowChecksum(row.id, row.version)) % MOD);
    }
  }
  return byLao;
}

/** One LAO's live rows of the scope, through the laoId index; undefined when it has none. */
async function countLao(db: EplanDb, scope: string, laoId: string): Promise<number | undefined> {
  const rows = (await Promise.all(RECORD_TABLES.map((table) => db.table<StoredRecord, string>(table).where('laoId').equals(laoId).toArray()))).flat();
  const held = live(rows, scope);
  return held.length === 0 ? undefined : scopeChecksum(held);
}

/** The count kept by the last call, if it can be carried forward: readable, of today, and not pruned past. */
async function keptCount(db: EplanDb, scope: string): Promise<ScopeCount | undefined> {
  const parsed = countSchema.safeParse(await readMeta<unknown>(db, checksumCacheKey(scope)));
  if (!parsed.success || parsed.data.countedOn !== today() || parsed.data.through < (await prunedThrough(db))) return undefined;
  return parsed.data;
}

/**
 * The scope's checksum over the rows stored now (the same number as
 * localChecksum), reading only the LAOs written since the last call. Its
 * place in the log is read before any row: a write that lands meanwhile is
 * counted again by the next call.
 */
export async function trackedChecksum(db: EplanDb, scope: string): Promise<number> {
  const kept = await keptCount(db, scope);
  const since = kept ? await laoWritesSince(db, kept.through) : undefined;
  // Nothing written since the kept count (of today): it stands as it is, and is not written again.
  if (kept && since?.rows === 0) return total(Object.values(kept.byLao));
  let through: number;
  let byLao: Map<string, number>;
  // A count carried forward is of today (keptCount), so the sums are stamped today either way.
  const countedOn = today();
  if (!kept || !since || since.laoIds === 'all') {
    through = await lastLaoWrite(db);
    byLao = await countAll(db, scope);
  } else {
    through = since.through;
    byLao = new Map(Object.entries(kept.byLao));
    for (const laoId of since.laoIds) {
      const sum = await countLao(db, scope, laoId);
      if (sum === undefined) byLao.delete(laoId);
      else byLao.set(laoId, sum);
    }
  }
  await writeMeta(db, checksumCacheKey(scope), { through, countedOn, byLao: Object.fromEntries(byLao) } satisfies ScopeCount);
  return total(byLao.values());
}

/** The same checksum the server computes, every live row of the scope read: what trackedChecksum must equal. */
export async function localChecksum(db: EplanDb, scope: string): Promise<number> {
  return total((await countAll(db, scope)).values());
}

function total(sums: Iterable<number>): number {
  let sum = 0;
  for (const term of sums) sum = (sum + term) % MOD;
  return sum;
}
