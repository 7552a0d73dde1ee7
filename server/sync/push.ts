/**
 * Push (design.md "Push", "Merge"): a batch of outbox entries applied in one
 * transaction, each re-authorized, merged field by field and re-validated;
 * every answer is stored under its mutationId so a replay gets the same one.
 *
 * A batch costs a handful of statements, not several per mutation: the rows
 * it touches, their LAOs and the validation context are read up front, the
 * mutations are merged in memory in order (each sees the ones before it), and
 * the records and answers are written with multi-row statements at the end.
 */
import { randomUUID } from 'node:crypto';
import { bangkokDateOf } from '../../shared/calendar/isoDate';
import { lockingSignOff, type SignOff } from '../../shared/calendar/signoff';
import { checkFieldValues, visitWriterIssues } from '../../shared/domain/index';
import { isStampField, PLACE_FIELDS } from '../../shared/domain/record';
import { periodKeyOf } from '../../shared/domain/rules';
import type { RecordTable } from '../../shared/domain/tables';
import type { Mutation, MutationResult, PushRequest, PushResponse, SyncConflict, WireRecord } from '../../shared/sync/protocol';
import { mergeFields, sameValue, type FieldConflict } from '../../shared/sync/merge';
import type { Principal } from '../auth/access';
import { canReadLao, canWriteLao } from '../../shared/auth/access';
import type { Database, Queryable } from '../store/db';
import { BatchContexts } from './batch-context';
import { ChangeCollector } from './changelog';
import { HISTORY_CHANGES_COLUMN, HISTORY_INSERT, historyRow, type HistoryWrite } from './history';
import { RECORD_ROW_COLUMNS, dataOf, toWireRecord, type FieldVersions, type RecordRow } from './records';
import { RACE_RETRYABLE, withRetry } from './retry';
import { activeSignOffs } from './signoffs';

export interface PushOutcome {
  response: PushResponse;
  /** New change-log head per province written to. */
  heads: Map<string, number>;
}

export async function applyPush(db: Database, principal: Principal, request: PushRequest, now: Date): Promise<PushOutcome> {
  return withRetry(() =>
    db.transaction(async (tx) => {
      // Locks the device row: two copies of one batch run one after the other.
      const device = await tx.query<{ last_seq: number; pruned_through: number }>(
        `INSERT INTO sync_devices (device_id, user_id) VALUES ($1, $2)
         ON CONFLICT (device_id) DO UPDATE SET device_id = EXCLUDED.device_id RETURNING last_seq, pruned_through`,
        [request.deviceId, principal.id],
      );
      let lastSeq = device.rows[0]?.last_seq ?? 0;
      const prunedThrough = device.rows[0]?.pruned_through ?? 0;
      const stored = await storedResults(tx, request.mutations.map((m) => m.mutationId));
      const fresh = request.mutations.filter((m) => !stored.has(m.mutationId));
      const log = new ChangeCollector();
      const batch = await BatchState.load(tx, fresh, principal, bangkokDateOf(now));
      const ctx: MutationContext = { principal, deviceId: request.deviceId, now, log, batch };
      const results: MutationResult[] = [];
      const answered: Array<{ mutation: Mutation; result: MutationResult }> = [];
      for (const mutation of request.mutations) {
        const previous = stored.get(mutation.mutationId);
        if (previous) {
          results.push(previous.userId === principal.id ? previous.result : reject(mutation, 'MUTATION_ID_REUSED'));
          continue;
        }
        // Answered and acknowledged long ago, its stored answer since pruned (prune.ts): a late network duplicate.
        if (mutation.seq <= prunedThrough) {
          results.push(reject(mutation, 'MUTATION_ID_REUSED'));
          continue;
        }
        const result = await applyMutation(tx, ctx, mutation);
        answered.push({ mutation, result });
        stored.set(mutation.mutationId, { userId: principal.id, result });
        results.push(result);
        lastSeq = Math.max(lastSeq, mutation.seq);
      }
      await batch.flush(tx);
      await storeResults(tx, request.deviceId, principal.id, now, answered);
      // A device sends its outbox from the oldest entry: everything below this batch has its answer (prune.ts).
      const acked = Math.min(...request.mutations.map((m) => m.seq)) - 1;
      await tx.query(
        'UPDATE sync_devices SET last_seq = $2, user_id = $3, last_push_at = $4, acked_seq = greatest(acked_seq, $5) WHERE device_id = $1',
        [request.deviceId, lastSeq, principal.id, now, Number.isFinite(acked) ? acked : 0],
      );
      const heads = await log.commit(tx); // last: see changelog.ts
      return { response: { results, lastSeq }, heads };
    }),
    5,
    RACE_RETRYABLE,
  );
}

// Rows per multi-row statement: far below PostgreSQL's 65,535 parameters.
const ROWS_PER_STATEMENT = 500;

async function insertMany(tx: Queryable, head: string, tail: string, rows: unknown[][], casts: Record<number, string> = {}): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
    const width = chunk[0]!.length;
    const tuples = chunk.map((_, r) => `(${Array.from({ length: width }, (_c, c) => `$${r * width + c + 1}${casts[c] ?? ''}`).join(', ')})`);
    await tx.query(`${head} VALUES ${tuples.join(', ')} ${tail}`, chunk.flat());
  }
}

async function storeResults(tx: Queryable, deviceId: string, userId: string, now: Date, answered: Array<{ mutation: Mutation; result: MutationResult }>): Promise<void> {
  if (answered.length === 0) return;
  const rows = answered.map(({ mutation, result }) => [mutation.mutationId, deviceId, userId, mutation.seq, JSON.stringify(result), now]);
  await insertMany(tx, 'INSERT INTO sync_mutations (mutation_id, device_id, user_id, seq, result, applied_at)', '', rows, { 4: '::jsonb' });
}

/**
 * The rows a batch reads and writes: the records it names (locked, in id
 * order so two batches cannot deadlock), their LAOs' provinces, the
 * validation context, and the records written, kept until flush().
 */
class BatchState {
  private readonly writes = new Map<string, unknown[]>();
  private readonly history: unknown[][] = [];
  /** Active sign-offs per LAO, read once per LAO under the lock a sign-off takes. */
  private readonly signOffs = new Map<string, SignOff[]>();

  private constructor(
    private readonly tx: Queryable,
    private readonly rows: Map<string, RecordRow>,
    private readonly laoProvinces: Map<string, string | undefined>,
    readonly contexts: BatchContexts,
  ) {}

  static async load(tx: Queryable, mutations: Mutation[], principal: Principal, today: string): Promise<BatchState> {
    const ids = [...new Set(mutations.map((m) => m.recordId.toLowerCase()))].sort();
    const { rows } = ids.length === 0 ? { rows: [] } : await tx.query<RecordRow>(`SELECT ${RECORD_ROW_COLUMNS} FROM records WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [ids]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    // A prefetch only: an LAO missed here is read when first needed.
    const laoOf = (m: Mutation) => {
      const laoId = byId.get(m.recordId.toLowerCase())?.lao_id ?? m.changes.laoId?.new;
      return typeof laoId === 'string' ? laoId : undefined;
    };
    const laoIds = [...new Set(mutations.map(laoOf).filter((id): id is string => id !== undefined))];
    const laoProvinces = await BatchState.provinces(tx, laoIds);
    // Only LAOs the user may write are read, and locked, up front: a forged batch naming
    // other LAOs holds no lock on them (checkScope refuses it before anything is read).
    const writable = (laoId: string | undefined) => {
      const provinceCode = laoId === undefined ? undefined : laoProvinces.get(laoId);
      return provinceCode !== undefined && canWriteLao(principal, { id: laoId!, provinceCode }) ? laoId : undefined;
    };
    const contexts = await BatchContexts.load(tx, mutations.map((m) => ({ table: m.table, laoId: writable(laoOf(m)), recordId: m.recordId })), byId);
    // A mutation whose values its table's schema refuses is refused before any rule reads it (judgeMutation):
    // it is not read ahead for either, as the rules assume values of the right kind (a plan project's budgets, a list).
    const candidates = mutations.flatMap((m) => {
      const row = byId.get(m.recordId.toLowerCase());
      const values = Object.fromEntries(Object.entries(m.changes).map(([field, change]) => [field, change.new]));
      if (checkFieldValues(m.table, values).length > 0) return [];
      return [{ table: m.table, record: { ...(row ? toWireRecord(row) : {}), ...values, id: m.recordId.toLowerCase() } }];
    });
    await contexts.prefetch(candidates, new Set(laoIds.filter((id) => writable(id) !== undefined)), today);
    return new BatchState(tx, byId, laoProvinces, contexts);
  }

  /** Each LAO's province, undefined for an unknown LAO. */
  private static async provinces(tx: Queryable, laoIds: string[]): Promise<Map<string, string | undefined>> {
    const provinces = new Map<string, string | undefined>(laoIds.map((id) => [id, undefined]));
    if (laoIds.length === 0) return provinces;
    const { rows } = await tx.query<{ id: string; province_code: string }>('SELECT id, province_code FROM laos WHERE id = ANY($1::text[])', [laoIds]);
    for (const lao of rows) provinces.set(lao.id, lao.province_code);
    return provinces;
  }

  row(id: string): RecordRow | undefined {
    return this.rows.get(id.toLowerCase());
  }

  /** The LAO's province, or undefined for an unknown LAO. */
  async provinceOf(laoId: string): Promise<string | undefined> {
    if (!this.laoProvinces.has(laoId)) for (const [id, province] of await BatchState.provinces(this.tx, [laoId])) this.laoProvinces.set(id, province);
    return this.laoProvinces.get(laoId);
  }

  /** The active sign-offs of an LAO: a write to a period they lock is refused. */
  async signOffsOf(laoId: string): Promise<SignOff[]> {
    let found = this.signOffs.get(laoId);
    if (!found) this.signOffs.set(laoId, (found = await activeSignOffs(this.tx, [laoId])));
    return found;
  }

  /** Keeps the record's new row (the last write of an id wins) and returns it as the protocol sends it. */
  write(row: RecordRow): WireRecord {
    this.rows.set(row.id, row);
    this.writes.set(row.id, [
      row.id, row.table_name, row.lao_id, row.province_code, row.fiscal_year,
      JSON.stringify(row.data), row.deleted, row.version, row.updated_at, row.updated_by, JSON.stringify(row.field_versions),
    ]);
    const wire = toWireRecord(row);
    this.contexts.written(row.table_name, wire);
    return wire;
  }

  /** Keeps the write's audit entry (history.ts), one per version made. */
  audit(write: HistoryWrite): void {
    this.history.push(historyRow(write));
  }

  async flush(tx: Queryable): Promise<void> {
    await lockChecksums(tx, [...this.writes.keys()].map((id) => this.rows.get(id)!));
    await insertMany(
      tx,
      'INSERT INTO records (id, table_name, lao_id, province_code, fiscal_year, data, deleted, version, updated_at, updated_by, field_versions)',
      `ON CONFLICT (id) DO UPDATE SET fiscal_year = EXCLUDED.fiscal_year, data = EXCLUDED.data, deleted = EXCLUDED.deleted,
       version = EXCLUDED.version, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by, field_versions = EXCLUDED.field_versions`,
      [...this.writes.values()],
      { 5: '::jsonb', 10: '::jsonb' },
    );
    this.writes.clear();
    await insertMany(tx, HISTORY_INSERT, '', this.history, { [HISTORY_CHANGES_COLUMN]: '::jsonb' });
    this.history.length = 0;
  }
}

/**
 * Takes the running checksum rows (migration 012) of the LAOs about to be written, in
 * (province, LAO) order: the records' triggers then update rows this transaction already
 * holds, so two pushes writing the same LAOs wait for each other instead of deadlocking.
 */
async function lockChecksums(tx: Queryable, written: RecordRow[]): Promise<void> {
  if (written.length === 0) return;
  await tx.query(
    `INSERT INTO lao_checksums (province_code, lao_id, checksum)
     SELECT DISTINCT province_code, lao_id, 0 FROM unnest($1::text[], $2::text[]) AS k(province_code, lao_id) ORDER BY province_code, lao_id
     ON CONFLICT (province_code, lao_id) DO UPDATE SET checksum = lao_checksums.checksum`,
    [written.map((row) => row.province_code), written.map((row) => row.lao_id)],
  );
}

async function storedResults(tx: Queryable, ids: string[]): Promise<Map<string, { userId: string; result: MutationResult }>> {
  const map = new Map<string, { userId: string; result: MutationResult }>();
  if (ids.length === 0) return map;
  const { rows } = await tx.query<{ mutation_id: string; user_id: string; result: MutationResult }>(
    'SELECT mutation_id, user_id, result FROM sync_mutations WHERE mutation_id = ANY($1::text[])',
    [ids],
  );
  for (const row of rows) map.set(row.mutation_id, { userId: row.user_id, result: row.result });
  return map;
}

interface MutationContext {
  principal: Principal;
  deviceId: string;
  now: Date;
  log: ChangeCollector;
  batch: BatchState;
}

function reject(m: Mutation, code: NonNullable<MutationResult['code']>, issues?: MutationResult['issues']): MutationResult {
  return { mutationId: m.mutationId, status: 'rejected', code, ...(issues ? { issues } : {}) };
}

/**
 * A refused change to a record the server holds sends that record out again,
 * as a conflict does: the device that made the change rolls its fields back to
 * the values its user saw (renderer/sync/apply.ts, rollBackRefused), which a
 * change pulled meanwhile may have replaced, so it takes the server's state
 * back at its next pull instead of keeping a value the server never held.
 */
async function applyMutation(tx: Queryable, ctx: MutationContext, m: Mutation): Promise<MutationResult> {
  const result = await judgeMutation(tx, ctx, m);
  if (result.status === 'rejected') {
    const row = ctx.batch.row(m.recordId);
    // Only to someone who may read it (a refusal tells no one outside the LAO's scope that it exists), and only
    // when the values the device rolls back to are not the server's: a refused junk push adds nothing to the log.
    if (row && row.table_name === m.table && canReadLao(ctx.principal, { id: row.lao_id, provinceCode: row.province_code })) {
      const current = toWireRecord(row);
      if (Object.entries(m.changes).some(([field, change]) => !sameValue(change.old ?? null, current[field] ?? null))) ctx.log.addRecord(m.table, current);
    }
  }
  return result;
}

async function judgeMutation(tx: Queryable, ctx: MutationContext, m: Mutation): Promise<MutationResult> {
  const row = ctx.batch.row(m.recordId);
  const current = row ? toWireRecord(row) : undefined;
  const changes = Object.entries(m.changes).filter(([field]) => !isStampField(field)); // the server stamps them
  const base: Record<string, unknown> = Object.fromEntries(changes.map(([f, c]) => [f, c.old]));
  const client: Record<string, unknown> = Object.fromEntries(changes.map(([f, c]) => [f, c.new]));
  if (m.op === 'delete' && client.deleted !== true) {
    client.deleted = true;
    base.deleted = false;
  }
  const target: Record<string, unknown> = current ?? { ...client, id: m.recordId };
  // The scope of a record that exists is its own: someone outside it is refused
  // before any answer that would tell them the record exists (its table, its place).
  const scopeProblem = await checkScope(ctx, target.laoId, target.provinceCode);
  if (scopeProblem) return reject(m, scopeProblem);
  if (row && row.table_name !== m.table) return reject(m, 'TABLE_MISMATCH');
  for (const field of PLACE_FIELDS) {
    if (field in client && !sameValue(client[field], target[field])) return reject(m, 'IMMUTABLE_FIELD');
  }
  // Every value sent is one the table's schema accepts, before it can be stored
  // anywhere: in the record, or in a conflict that every device of the province pulls.
  const fieldIssues = checkFieldValues(m.table, client);
  if (fieldIssues.length > 0) return reject(m, 'VALIDATION_FAILED', fieldIssues);
  if (!current) {
    if (m.baseVersion > 0) return reject(m, 'NOT_FOUND');
    const key = target.deleted === true ? undefined : periodKeyOf(m.table, target);
    const holder = key && (await ctx.batch.contexts.periodHolder(String(target.laoId), key, m.recordId));
    if (holder) return setAsideDuplicate(tx, ctx, m, client, holder);
    return write(ctx, m, { current: undefined, fieldVersions: {} }, target, Object.keys(client), 'applied');
  }
  const fieldVersions = row!.field_versions ?? {};
  const changedByOthers = (field: string) => {
    const entry = fieldVersions[field];
    return entry !== undefined && entry[0] > m.baseVersion && entry[1] !== ctx.deviceId;
  };
  const merged = mergeFields(base, current, client);
  const restoring = client.deleted === false;
  const edits = [...Object.keys(merged.apply), ...Object.keys(merged.conflicts)].filter((f) => f !== 'deleted');
  if (current.deleted && !restoring && edits.length > 0) {
    const fields = Object.fromEntries(Object.keys(client).map((f) => [f, { base: base[f] ?? null, server: current[f] ?? null, client: client[f] }]));
    ctx.log.addRecord(m.table, current);
    return recordConflict(tx, ctx, m, current, 'edit_vs_delete', fields);
  }
  if (client.deleted === true && !current.deleted) {
    const unseen = Object.keys(fieldVersions).filter((f) => f !== 'deleted' && changedByOthers(f));
    if (unseen.length > 0) {
      const fields: Record<string, FieldConflict> = { deleted: { base: false, server: false, client: true } };
      for (const f of unseen) fields[f] = { base: null, server: current[f] ?? null, client: null };
      ctx.log.addRecord(m.table, current);
      return recordConflict(tx, ctx, m, current, 'delete_vs_edit', fields);
    }
  }
  const conflicted = Object.keys(merged.conflicts).length > 0;
  const othersChanged = Object.keys(fieldVersions).some((f) => !(f in client) && changedByOthers(f));
  const status = conflicted ? 'conflict' : merged.same.length > 0 || othersChanged ? 'merged' : 'applied';
  let result: MutationResult = { mutationId: m.mutationId, status, version: current.version, appliedFields: [] };
  if (Object.keys(merged.apply).length > 0) {
    const before = { current, fieldVersions };
    result = await write(ctx, m, before, { ...current, ...merged.apply }, Object.keys(merged.apply), status);
    if (result.status === 'rejected') return result;
  }
  if (conflicted) {
    // Nothing written: the record goes out again as it stands, so the device that
    // made the change (which may hold it at this very version) takes the server's state back.
    if (Object.keys(merged.apply).length === 0) ctx.log.addRecord(m.table, current);
    const after = { ...current, version: result.version ?? current.version };
    const conflict = await recordConflict(tx, ctx, m, after, 'fields', merged.conflicts);
    return { ...result, status: 'conflict', conflictId: conflict.conflictId };
  }
  return result;
}

async function checkScope(ctx: MutationContext, laoId: unknown, provinceCode: unknown): Promise<MutationResult['code'] | undefined> {
  if (typeof laoId !== 'string' || typeof provinceCode !== 'string') return 'VALIDATION_FAILED';
  const laoProvince = await ctx.batch.provinceOf(laoId);
  if (laoProvince === undefined) return 'UNKNOWN_LAO';
  // Authorization first, so a forged body learns nothing about other provinces.
  if (!canWriteLao(ctx.principal, { id: laoId, provinceCode: laoProvince })) return 'FORBIDDEN';
  if (laoProvince !== provinceCode) return 'SCOPE_MISMATCH';
  return undefined;
}

async function write(
  ctx: MutationContext,
  m: Mutation,
  before: { current: Record<string, unknown> | undefined; fieldVersions: FieldVersions },
  candidate: Record<string, unknown>,
  appliedFields: string[],
  status: MutationResult['status'],
): Promise<MutationResult> {
  const version = (typeof before.current?.version === 'number' ? before.current.version : 0) + 1;
  const next = { ...candidate, id: m.recordId, version, updatedAt: ctx.now.toISOString(), updatedBy: ctx.principal.id };
  // Who made the record: stamped by the server on its first write, then kept (docs/sync.md "Who entered a record").
  if (!before.current) Object.assign(next, { createdBy: ctx.principal.id });
  // "Today" is the server's clock's (as the laptop's rules read its own): a date after it is refused.
  const checked = await ctx.batch.contexts.validate(m.table, next, bangkokDateOf(ctx.now));
  if (!checked.ok) return reject(m, 'VALIDATION_FAILED', checked.error);
  const record = checked.value as Record<string, unknown>;
  const writerIssues = m.table === 'fieldVisits' ? visitWriterIssues(record as { officerId: string }, ctx.principal, before.current) : [];
  if (writerIssues.length > 0) return reject(m, 'VALIDATION_FAILED', writerIssues);
  // A signed-off period's records stay as they were verified, until the sign-off is reopened.
  if (lockingSignOff(await ctx.batch.signOffsOf(String(record.laoId)), m.table, before.current, record, appliedFields)) return reject(m, 'PERIOD_SIGNED_OFF');
  const fieldVersions: FieldVersions = { ...before.fieldVersions };
  for (const field of appliedFields) fieldVersions[field] = [version, ctx.deviceId];
  const wire = ctx.batch.write({
    id: m.recordId.toLowerCase(),
    table_name: m.table,
    lao_id: String(record.laoId),
    province_code: String(record.provinceCode),
    fiscal_year: typeof record.fiscalYear === 'number' ? record.fiscalYear : null,
    // As the jsonb column will hand it back: undefined gone, plain JSON values.
    data: JSON.parse(JSON.stringify(dataOf(record))) as Record<string, unknown>,
    deleted: record.deleted === true,
    version,
    updated_at: ctx.now,
    updated_by: ctx.principal.id,
    field_versions: fieldVersions,
  });
  ctx.log.addRecord(m.table, wire);
  ctx.batch.audit({
    table: m.table, before: before.current, after: wire, appliedFields, userId: ctx.principal.id, deviceId: ctx.deviceId,
    mutationId: m.mutationId, clientTime: m.clientTime, now: ctx.now,
  });
  return { mutationId: m.mutationId, status, version, appliedFields };
}

/** Fields that say where a record sits, not what it holds: a duplicate's are the kept record's by definition. */
const WHERE_IT_SITS = new Set<string>([...PLACE_FIELDS, 'deleted']);

/**
 * A new record of a period the LAO already holds (two officers each made
 * June's statistics offline): the record that reached the server first
 * stays, the second is written as a tombstone so no device keeps it live,
 * and its values that differ wait in a 'duplicate' conflict on the kept
 * record, where a person keeps one or takes fields from the other. Nothing
 * differs: the copy simply folds into the kept record.
 */
async function setAsideDuplicate(tx: Queryable, ctx: MutationContext, m: Mutation, client: Record<string, unknown>, kept: WireRecord): Promise<MutationResult> {
  const tombstone = await write(ctx, m, { current: undefined, fieldVersions: {} }, { ...client, id: m.recordId, deleted: true }, Object.keys(client), 'merged');
  if (tombstone.status === 'rejected') return tombstone;
  const fields: Record<string, FieldConflict> = {};
  for (const [field, value] of Object.entries(client)) {
    if (!WHERE_IT_SITS.has(field) && !sameValue(value, kept[field])) fields[field] = { base: null, server: kept[field] ?? null, client: value };
  }
  if (Object.keys(fields).length === 0) return tombstone;
  const conflict = await recordConflict(tx, ctx, m, kept, 'duplicate', fields, kept.id);
  return { ...tombstone, status: 'conflict', conflictId: conflict.conflictId };
}

/**
 * A conflict's `base` is the value the device says its user saw, which the
 * server cannot check against history: one the field's schema refuses is kept
 * as null (unknown) rather than stored and sent to every device. The other
 * sides are the server's own values and the client's, already checked.
 */
function withValidBases(table: RecordTable, fields: Record<string, FieldConflict>): Record<string, FieldConflict> {
  const kept: Record<string, FieldConflict> = {};
  for (const [field, sides] of Object.entries(fields)) {
    const valid = sides.base === null || checkFieldValues(table, { [field]: sides.base }).length === 0;
    kept[field] = valid ? sides : { ...sides, base: null };
  }
  return kept;
}

/** Keeps a divergence for review; the caller has put the server's record in the change log. */
async function recordConflict(
  tx: Queryable,
  ctx: MutationContext,
  m: Mutation,
  server: Record<string, unknown>,
  kind: SyncConflict['kind'],
  sent: Record<string, FieldConflict>,
  recordId = m.recordId,
): Promise<MutationResult> {
  const fields = withValidBases(m.table, sent);
  const conflict: SyncConflict = {
    id: randomUUID(),
    table: m.table,
    recordId,
    provinceCode: String(server.provinceCode),
    laoId: String(server.laoId),
    kind,
    fields,
    serverVersion: Number(server.version),
    mutationId: m.mutationId,
    author: ctx.principal.id,
    deviceId: ctx.deviceId,
    clientTime: m.clientTime,
    createdAt: ctx.now.toISOString(),
    resolvedAt: null,
    resolvedBy: null,
  };
  await tx.query(
    `INSERT INTO conflicts (id, table_name, record_id, province_code, lao_id, kind, fields, server_version, mutation_id, author, device_id, client_time, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11, $12, $13)`,
    [conflict.id, conflict.table, conflict.recordId, conflict.provinceCode, conflict.laoId, kind, JSON.stringify(fields),
      conflict.serverVersion, conflict.mutationId, conflict.author, conflict.deviceId, conflict.clientTime, ctx.now],
  );
  ctx.log.addConflict(conflict);
  return { mutationId: m.mutationId, status: 'conflict', version: conflict.serverVersion, appliedFields: [], conflictId: conflict.id };
}
