/**
 * Push (design.md "Push", "Merge"): a batch of outbox entries applied in one
 * transaction, each re-authorized, merged field by field and re-validated;
 * every answer is stored under its mutationId so a replay gets the same one.
 */
import { randomUUID } from 'node:crypto';
import { validateRecord } from '../../shared/domain/index';
import type { RecordTable } from '../../shared/domain/tables';
import type { Mutation, MutationResult, PushRequest, PushResponse, SyncConflict } from '../../shared/sync/protocol';
import { mergeFields, sameValue, type FieldConflict } from '../../shared/sync/merge';
import type { Principal } from '../auth/access';
import { canWriteLao } from '../auth/access';
import type { Database, Queryable } from '../store/db';
import { ChangeCollector } from './changelog';
import { contextFor } from './context';
import { RECORD_ROW_COLUMNS, SERVER_FIELDS, dataOf, toWireRecord, type FieldVersions, type RecordRow } from './records';
import { withRetry } from './retry';

export interface PushOutcome {
  response: PushResponse;
  /** New change-log head per province written to. */
  heads: Map<string, number>;
}

export async function applyPush(db: Database, principal: Principal, request: PushRequest, now: Date): Promise<PushOutcome> {
  return withRetry(() =>
    db.transaction(async (tx) => {
      // Locks the device row: two copies of one batch run one after the other.
      await tx.query(
        `INSERT INTO sync_devices (device_id, user_id) VALUES ($1, $2) ON CONFLICT (device_id) DO NOTHING`,
        [request.deviceId, principal.id],
      );
      const device = await tx.query<{ last_seq: number }>('SELECT last_seq FROM sync_devices WHERE device_id = $1 FOR UPDATE', [request.deviceId]);
      let lastSeq = device.rows[0]?.last_seq ?? 0;
      const stored = await storedResults(tx, request.mutations.map((m) => m.mutationId));
      const log = new ChangeCollector();
      const results: MutationResult[] = [];
      for (const mutation of request.mutations) {
        const previous = stored.get(mutation.mutationId);
        if (previous) {
          results.push(previous.userId === principal.id ? previous.result : reject(mutation, 'MUTATION_ID_REUSED'));
          continue;
        }
        const result = await applyMutation(tx, { principal, deviceId: request.deviceId, now, log }, mutation);
        await tx.query(
          'INSERT INTO sync_mutations (mutation_id, device_id, user_id, seq, result, applied_at) VALUES ($1, $2, $3, $4, $5::jsonb, $6)',
          [mutation.mutationId, request.deviceId, principal.id, mutation.seq, JSON.stringify(result), now],
        );
        stored.set(mutation.mutationId, { userId: principal.id, result });
        results.push(result);
        lastSeq = Math.max(lastSeq, mutation.seq);
      }
      await tx.query('UPDATE sync_devices SET last_seq = $2, user_id = $3, last_push_at = $4 WHERE device_id = $1', [request.deviceId, lastSeq, principal.id, now]);
      const heads = await log.commit(tx); // last: see changelog.ts
      return { response: { results, lastSeq }, heads };
    }),
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
}

function reject(m: Mutation, code: NonNullable<MutationResult['code']>, issues?: MutationResult['issues']): MutationResult {
  return { mutationId: m.mutationId, status: 'rejected', code, ...(issues ? { issues } : {}) };
}

const SCOPE_FIELDS = ['id', 'laoId', 'provinceCode'] as const;

async function applyMutation(tx: Queryable, ctx: MutationContext, m: Mutation): Promise<MutationResult> {
  const { rows } = await tx.query<RecordRow>(`SELECT ${RECORD_ROW_COLUMNS} FROM records WHERE id = $1 FOR UPDATE`, [m.recordId]);
  const row = rows[0];
  if (row && row.table_name !== m.table) return reject(m, 'TABLE_MISMATCH');
  const current = row ? toWireRecord(row) : undefined;
  const changes = Object.entries(m.changes).filter(([field]) => !SERVER_FIELDS.has(field));
  const base: Record<string, unknown> = Object.fromEntries(changes.map(([f, c]) => [f, c.old]));
  const client: Record<string, unknown> = Object.fromEntries(changes.map(([f, c]) => [f, c.new]));
  if (m.op === 'delete' && client.deleted !== true) {
    client.deleted = true;
    base.deleted = false;
  }
  const target: Record<string, unknown> = current ?? { ...client, id: m.recordId };
  for (const field of SCOPE_FIELDS) {
    if (field in client && !sameValue(client[field], target[field])) return reject(m, 'IMMUTABLE_FIELD');
  }
  const scopeProblem = await checkScope(tx, ctx.principal, target.laoId, target.provinceCode);
  if (scopeProblem) return reject(m, scopeProblem);
  if (!current) {
    if (m.baseVersion > 0) return reject(m, 'NOT_FOUND');
    return write(tx, ctx, m, { current: undefined, fieldVersions: {} }, target, Object.keys(client), 'applied');
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
    return recordConflict(tx, ctx, m, current, 'edit_vs_delete', fields);
  }
  if (client.deleted === true && !current.deleted) {
    const unseen = Object.keys(fieldVersions).filter((f) => f !== 'deleted' && changedByOthers(f));
    if (unseen.length > 0) {
      const fields: Record<string, FieldConflict> = { deleted: { base: false, server: false, client: true } };
      for (const f of unseen) fields[f] = { base: null, server: current[f] ?? null, client: null };
      return recordConflict(tx, ctx, m, current, 'delete_vs_edit', fields);
    }
  }
  const conflicted = Object.keys(merged.conflicts).length > 0;
  const othersChanged = Object.keys(fieldVersions).some((f) => !(f in client) && changedByOthers(f));
  const status = conflicted ? 'conflict' : merged.same.length > 0 || othersChanged ? 'merged' : 'applied';
  let result: MutationResult = { mutationId: m.mutationId, status, version: current.version, appliedFields: [] };
  if (Object.keys(merged.apply).length > 0) {
    const before = { current, fieldVersions };
    result = await write(tx, ctx, m, before, { ...current, ...merged.apply }, Object.keys(merged.apply), status);
    if (result.status === 'rejected') return result;
  }
  if (conflicted) {
    const after = { ...current, version: result.version ?? current.version };
    const conflict = await recordConflict(tx, ctx, m, after, 'fields', merged.conflicts);
    return { ...result, status: 'conflict', conflictId: conflict.conflictId };
  }
  return result;
}

async function checkScope(tx: Queryable, principal: Principal, laoId: unknown, provinceCode: unknown): Promise<MutationResult['code'] | undefined> {
  if (typeof laoId !== 'string' || typeof provinceCode !== 'string') return 'VALIDATION_FAILED';
  const { rows } = await tx.query<{ province_code: string }>('SELECT province_code FROM laos WHERE id = $1', [laoId]);
  const lao = rows[0];
  if (!lao) return 'UNKNOWN_LAO';
  // Authorization first, so a forged body learns nothing about other provinces.
  if (!canWriteLao(principal, { id: laoId, provinceCode: lao.province_code })) return 'FORBIDDEN';
  if (lao.province_code !== provinceCode) return 'SCOPE_MISMATCH';
  return undefined;
}

async function write(
  tx: Queryable,
  ctx: MutationContext,
  m: Mutation,
  before: { current: Record<string, unknown> | undefined; fieldVersions: FieldVersions },
  candidate: Record<string, unknown>,
  appliedFields: string[],
  status: MutationResult['status'],
): Promise<MutationResult> {
  const version = (typeof before.current?.version === 'number' ? before.current.version : 0) + 1;
  const next = { ...candidate, id: m.recordId, version, updatedAt: ctx.now.toISOString(), updatedBy: ctx.principal.id };
  const checked = await validate(tx, m.table, next);
  if (!checked.ok) return reject(m, 'VALIDATION_FAILED', checked.issues);
  const record = checked.record;
  const fieldVersions: FieldVersions = { ...before.fieldVersions };
  for (const field of appliedFields) fieldVersions[field] = [version, ctx.deviceId];
  const params = [
    m.recordId, m.table, record.laoId, record.provinceCode, record.fiscalYear ?? null,
    JSON.stringify(dataOf(record)), record.deleted === true, version, ctx.now, ctx.principal.id, JSON.stringify(fieldVersions),
  ];
  await tx.query(
    `INSERT INTO records (id, table_name, lao_id, province_code, fiscal_year, data, deleted, version, updated_at, updated_by, field_versions)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10, $11::jsonb)
     ON CONFLICT (id) DO UPDATE SET fiscal_year = EXCLUDED.fiscal_year, data = EXCLUDED.data, deleted = EXCLUDED.deleted,
       version = EXCLUDED.version, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by, field_versions = EXCLUDED.field_versions`,
    params,
  );
  const wire = await tx.query<RecordRow>(`SELECT ${RECORD_ROW_COLUMNS} FROM records WHERE id = $1`, [m.recordId]);
  ctx.log.addRecord(m.table, toWireRecord(wire.rows[0]!));
  return { mutationId: m.mutationId, status, version, appliedFields };
}

async function validate(
  tx: Queryable,
  table: RecordTable,
  candidate: Record<string, unknown>,
): Promise<{ ok: true; record: Record<string, unknown> } | { ok: false; issues: NonNullable<MutationResult['issues']> }> {
  const checked = validateRecord(table, candidate, await contextFor(tx, table, String(candidate.laoId), String(candidate.id)));
  return checked.ok ? { ok: true, record: checked.value as Record<string, unknown> } : { ok: false, issues: checked.error };
}

async function recordConflict(
  tx: Queryable,
  ctx: MutationContext,
  m: Mutation,
  server: Record<string, unknown>,
  kind: SyncConflict['kind'],
  fields: Record<string, FieldConflict>,
): Promise<MutationResult> {
  const conflict: SyncConflict = {
    id: randomUUID(),
    table: m.table,
    recordId: m.recordId,
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
