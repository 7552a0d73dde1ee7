/**
 * Sign-off of periods (issue 17): supervisors of a province (and
 * administrators) sign off LAOs' tasks for a fiscal year, or a month of an
 * every-month task, and reopen them with a reason. Pushes that would change a
 * signed-off period's records are refused (sync/push.ts, shared/calendar/signoff.ts).
 * The sign-offs reach every laptop of the province with /v1/reference.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { canSignOff } from '../../shared/auth/access';
import { defaultTemplate, judgesRecord, reopenRequestSchema, samePeriod, signOffRequestSchema, type CalendarTask, type SignOff, type SignOffAnswer, type TaskMonth } from '../../shared/calendar/index';
import type { RecordTable } from '../../shared/domain/tables';
import { activeSignOffs, SIGNOFF_COLUMNS as COLUMNS, signOffLockKey, signOffOf, type SignOffRow } from '../sync/signoffs';
import { uuid } from '../../shared/domain/common';
import type { Principal } from '../auth/access';
import type { Queryable } from '../store/db';
import { counterOf } from '../sync/pull';
import { calendarsInForce } from './calendars';
import { HttpError } from './errors';
import { authenticate, principalOf, type Services } from './services';
import { requireVersions } from './versions';

/**
 * The LAOs whose records the tasks would lock changed after what the
 * supervisor's laptop had pulled (`seen`, per province): a change they never
 * saw would be locked unseen. A position the log cannot answer for (none
 * given, compacted away, ahead of the log as after a restore) counts as
 * unseen. Read under the LAOs' exclusive sign-off locks: a push to them
 * either committed before (and is read here) or waits and meets the sign-off.
 */
async function changedSinceSeen(
  tx: Queryable,
  provinces: ReadonlyMap<string, string>,
  seen: Readonly<Record<string, number>>,
  judged: { fiscalYear: number; month: TaskMonth | null; tasks: readonly CalendarTask[] },
): Promise<Set<string>> {
  const stale = new Set<string>();
  // Each task's rule with the period it judges: an every-month task the month signed off, the others their whole period.
  const rules = judged.tasks.map((task) => ({ rule: task.rule, month: task.everyMonth ? judged.month : null }));
  const byProvince = new Map<string, string[]>();
  for (const [laoId, provinceCode] of provinces) byProvince.set(provinceCode, [...(byProvince.get(provinceCode) ?? []), laoId]);
  for (const [provinceCode, laoIds] of byProvince) {
    const cursor = seen[provinceCode];
    const counter = await counterOf(tx, provinceCode);
    if (cursor === undefined || cursor < counter.compactedThrough || cursor > counter.n) {
      for (const laoId of laoIds) stale.add(laoId);
      continue;
    }
    const { rows } = await tx.query<{ lao_id: string; table_name: RecordTable; payload: Record<string, unknown> }>(
      `SELECT lao_id, table_name, payload FROM change_log
       WHERE province_code = $1 AND n > $2 AND kind = 'record' AND lao_id = ANY($3::text[])`,
      [provinceCode, cursor, laoIds],
    );
    for (const row of rows) {
      if (stale.has(row.lao_id)) continue;
      if (rules.some(({ rule, month }) => judgesRecord(rule, judged.fiscalYear, month, row.table_name, row.payload))) stale.add(row.lao_id);
    }
  }
  return stale;
}

export async function signOffRoutes(app: FastifyInstance, options: { services: Services }): Promise<void> {
  const { services } = options;
  const { db } = services;
  app.addHook('onRequest', authenticate(services));
  app.addHook('onRequest', async (request) => {
    const principal = principalOf(request);
    if (principal.role !== 'admin' && principal.role !== 'supervisor') throw new HttpError(403, 'FORBIDDEN', 'Only supervisors and administrators sign periods off');
  });
  app.addHook('preHandler', requireVersions);

  const laosOf = async (tx: Queryable, principal: Principal, laoIds: readonly string[]) => {
    const { rows } = await tx.query<{ id: string; province_code: string }>('SELECT id, province_code FROM laos WHERE id = ANY($1::text[])', [laoIds]);
    const found = new Map(rows.map((row) => [row.id, row.province_code]));
    for (const id of laoIds) {
      const provinceCode = found.get(id);
      // Unknown and out of scope alike: nobody learns that an LAO they may not read exists.
      if (provinceCode === undefined || !canSignOff(principal, { id, provinceCode })) throw new HttpError(404, 'NOT_FOUND', 'No such LAO');
    }
    return found;
  };

  app.post('/v1/signoffs', async (request): Promise<SignOffAnswer> => {
    const principal = principalOf(request);
    const body = signOffRequestSchema.parse(request.body);
    const laoIds = [...new Set(body.laoIds.map((id) => id.toLowerCase()))].sort();
    return db.transaction(async (tx) => {
      const provinces = await laosOf(tx, principal, laoIds);
      const template = (await calendarsInForce(tx)).find((c) => c.fiscalYear === body.fiscalYear)?.template ?? defaultTemplate(body.fiscalYear);
      // A task named twice is signed off once: a second active sign-off would still lock the period after the first is reopened.
      const tasks = [...new Set(body.taskIds)].map((id) => {
        const task = template.tasks.find((t) => t.id === id);
        if (!task) throw new HttpError(400, 'UNKNOWN_TASK', `The calendar of fiscal year ${body.fiscalYear} has no task ${id}`);
        return task;
      });
      if (tasks.some((task) => task.everyMonth) && body.month === null) throw new HttpError(400, 'MONTH_REQUIRED', 'An every-month task is signed off for a month');
      for (const laoId of laoIds) await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [signOffLockKey(laoId)]);
      // The LAOs' active sign-offs of this year, by LAO and task: each cell looked up, not searched for.
      const existing = new Map<string, SignOff[]>();
      for (const s of await activeSignOffs(tx, laoIds)) {
        if (s.fiscalYear !== body.fiscalYear) continue;
        const key = `${s.laoId}|${s.taskId}`;
        existing.set(key, [...(existing.get(key) ?? []), s]);
      }
      const stale = await changedSinceSeen(tx, provinces, body.seen, { fiscalYear: body.fiscalYear, month: body.month, tasks });
      const created: SignOff[] = [];
      for (const laoId of laoIds) {
        if (stale.has(laoId)) continue;
        for (const task of tasks) {
          const month = task.everyMonth ? body.month : null;
          const same = existing.get(`${laoId}|${task.id}`)?.some((s) => samePeriod(s.month, month));
          if (same) continue; // signed off already: the first signature stands
          const { rows } = await tx.query<SignOffRow>(
            `INSERT INTO signoffs (id, province_code, lao_id, fiscal_year, task_id, rule, month, signed_by, signed_at, note)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${COLUMNS}`,
            [randomUUID(), provinces.get(laoId), laoId, body.fiscalYear, task.id, JSON.stringify(task.rule), month === null ? null : JSON.stringify(month), principal.id, services.now(), body.note],
          );
          created.push(signOffOf(rows[0]!));
        }
      }
      return { signOffs: created, stale: [...stale].sort() };
    });
  });

  app.post('/v1/signoffs/:id/reopen', async (request) => {
    const principal = principalOf(request);
    const { id } = z.object({ id: uuid() }).parse(request.params);
    const { reason } = reopenRequestSchema.parse(request.body);
    return db.transaction(async (tx) => {
      const { rows } = await tx.query<SignOffRow>(`SELECT ${COLUMNS} FROM signoffs WHERE id = $1 FOR UPDATE`, [id.toLowerCase()]);
      const row = rows[0];
      if (!row || !canSignOff(principal, { id: row.lao_id, provinceCode: row.province_code })) throw new HttpError(404, 'NOT_FOUND', 'No such sign-off');
      if (row.reopened_at !== null) throw new HttpError(409, 'ALREADY_REOPENED', 'This sign-off was reopened already');
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [signOffLockKey(row.lao_id)]);
      const updated = await tx.query<SignOffRow>(
        `UPDATE signoffs SET reopened_by = $2, reopened_at = $3, reopen_reason = $4 WHERE id = $1 RETURNING ${COLUMNS}`,
        [row.id, principal.id, services.now(), reason],
      );
      return { signOff: signOffOf(updated.rows[0]!) };
    });
  });
}

