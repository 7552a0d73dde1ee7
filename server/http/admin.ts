/** /v1/admin: users, assignments and reference data; administrators only. */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { USER_ROLES, validateReference, type ReferenceTable } from '../../shared/domain/index';
import { isoDate, provinceCode, text, uuid } from '../../shared/domain/common';
import { hiringDocsBeforeContract } from '../../shared/calendar/contractDocs';
import { INVALID_TEXT, jsonValue, TEXT_INVALID, validText } from '../../shared/text';
import { hashPassword, passwordProblem } from '../auth/password';
import { revokeUserTokens, toSessionUser, USER_COLUMNS, type UserRow } from '../auth/sessions';
import type { Queryable } from '../store/db';
import { HttpError, invalidData, type ValidationIssue } from './errors';
import { authenticate, requireAdmin, type Services } from './services';
import { requireVersions } from './versions';

// Every string is shared/ text: NUL or a lone surrogate is refused as INVALID_TEXT before any query.
const username = validText().regex(/^[a-z0-9][a-z0-9._-]{2,31}$/);
const provinceCodes = z.array(provinceCode()).max(100);
const laoIds = z.array(uuid()).max(5000).nullable();
const userIdParams = z.object({ id: uuid() });
/** A contract date (ISO, Gregorian); null clears it. */
const contractDate = isoDate().nullable().optional();

export const createUserSchema = z.object({
  username,
  displayName: text(200),
  role: z.enum(USER_ROLES),
  provinceCodes,
  laoIds: laoIds.optional(),
  password: validText(),
  contractSignedOn: contractDate,
  hiringDocsSentOn: contractDate,
});

export const updateUserSchema = z.object({
  displayName: text(200).optional(),
  role: z.enum(USER_ROLES).optional(),
  provinceCodes: provinceCodes.optional(),
  laoIds: laoIds.optional(),
  password: validText().optional(),
  disabled: z.boolean().optional(),
  contractSignedOn: contractDate,
  hiringDocsSentOn: contractDate,
});

/** A row as sent, before its table's schema reads it: text keys, bounded text values. */
const referenceRow = z.record(validText(), jsonValue());
const referenceRows = z.array(referenceRow).max(20_000);
export const referenceImportSchema = z.object({ provinces: referenceRows, districts: referenceRows, laos: referenceRows });

/** The shared rule of seed note 2: documents go out on or after the signing, never before. */
function checkContractDates(signedOn: string | null, sentOn: string | null): void {
  if (hiringDocsBeforeContract({ contractSignedOn: signedOn, hiringDocsSentOn: sentOn })) {
    throw new HttpError(400, 'DOCS_BEFORE_CONTRACT', 'The hiring documents cannot be sent before the contract was signed');
  }
}

/** The user columns with the contract dates as ISO text (a driver would turn a date into a midnight Date). */
const ADMIN_USER_COLUMNS = `${USER_COLUMNS}, to_char(contract_signed_on, 'YYYY-MM-DD') AS contract_signed_on, to_char(hiring_docs_sent_on, 'YYYY-MM-DD') AS hiring_docs_sent_on`;
type AdminUserRow = UserRow & { contract_signed_on: string | null; hiring_docs_sent_on: string | null };

function checkPassword(password: string): void {
  const problem = passwordProblem(password);
  if (problem) throw new HttpError(400, problem, 'The password must have 8 to 256 characters');
}

/** Assignments must name provinces and LAOs that exist, and LAOs of the assigned provinces. */
async function checkAssignments(db: Queryable, provinces: string[], laos: string[] | null | undefined): Promise<void> {
  const known = await db.query<{ code: string }>('SELECT code FROM provinces WHERE code = ANY($1::text[])', [provinces]);
  if (known.rows.length !== new Set(provinces).size) throw new HttpError(400, 'UNKNOWN_PROVINCE', 'An assigned province does not exist');
  if (!laos || laos.length === 0) return;
  const found = await db.query<{ id: string }>(
    'SELECT id FROM laos WHERE id = ANY($1::text[]) AND province_code = ANY($2::text[])',
    [laos, provinces],
  );
  if (found.rows.length !== new Set(laos).size) throw new HttpError(400, 'UNKNOWN_LAO', 'An assigned LAO does not exist in the assigned provinces');
}

/**
 * `english`: 'set' writes the row's English name (an administrator's edit of one row);
 * 'keep' leaves a stored row's English name as it is (the DLA registry has none: the
 * importing laptop fills them from its own copy, which may be older than the server's).
 */
type EnglishNames = 'set' | 'keep';
const englishOf = (table: string, english: EnglishNames) => (english === 'set' ? 'EXCLUDED.name_en' : `${table}.name_en`);

const REFERENCE_UPSERTS: Record<Exclude<ReferenceTable, 'users'>, { key: string; sql: (english: EnglishNames) => string; values: (v: Record<string, unknown>) => unknown[] }> = {
  provinces: {
    key: 'code',
    sql: (english) => `INSERT INTO provinces (code, name_th, name_en, demo) VALUES ($1, $2, $3, $4)
          ON CONFLICT (code) DO UPDATE SET name_th = EXCLUDED.name_th, name_en = ${englishOf('provinces', english)}, demo = EXCLUDED.demo`,
    values: (v) => [v.code, v.nameTh, v.nameEn, v.demo ?? false],
  },
  districts: {
    key: 'code',
    sql: (english) => `INSERT INTO districts (code, province_code, name_th, name_en) VALUES ($1, $2, $3, $4)
          ON CONFLICT (code) DO UPDATE SET province_code = EXCLUDED.province_code, name_th = EXCLUDED.name_th, name_en = ${englishOf('districts', english)}`,
    values: (v) => [v.code, v.provinceCode, v.nameTh, v.nameEn],
  },
  laos: {
    key: 'id',
    sql: (english) => `INSERT INTO laos (id, code, type, name_th, name_en, province_code, district_code) VALUES ($1, $2, $3, $4, $5, $6, $7)
          ON CONFLICT (id) DO UPDATE SET code = EXCLUDED.code, type = EXCLUDED.type, name_th = EXCLUDED.name_th,
            name_en = ${englishOf('laos', english)}, province_code = EXCLUDED.province_code, district_code = EXCLUDED.district_code`,
    values: (v) => [v.id, v.code, v.type, v.nameTh, v.nameEn, v.provinceCode, v.districtCode],
  },
};

/** 409 LAST_ADMIN unless an active administrator other than `userId` remains; the caller holds the administrators lock. */
async function keepAnotherAdmin(tx: Queryable, userId: string): Promise<void> {
  const { rows } = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND NOT disabled AND id <> $1`, [userId]);
  if ((rows[0]?.n ?? 0) === 0) {
    throw new HttpError(409, 'LAST_ADMIN', 'This is the last active administrator; make another user an administrator first');
  }
}

export async function adminRoutes(app: FastifyInstance, options: { services: Services }): Promise<void> {
  const { services } = options;
  const { db } = services;
  // On request, before the body is read: a stranger's 20 MB body is refused unread.
  app.addHook('onRequest', authenticate(services));
  app.addHook('onRequest', async (request) => {
    requireAdmin(request);
  });
  app.addHook('preHandler', requireVersions);

  const userById = async (id: string) => {
    const { rows } = await db.query<AdminUserRow>(`SELECT ${ADMIN_USER_COLUMNS} FROM users WHERE id = $1`, [id]);
    if (!rows[0]) throw new HttpError(404, 'NOT_FOUND', 'No such user');
    return rows[0];
  };
  const adminView = (row: AdminUserRow) => ({
    ...toSessionUser(row),
    disabled: row.disabled,
    hasPassword: row.password_hash !== null,
    contractSignedOn: row.contract_signed_on,
    hiringDocsSentOn: row.hiring_docs_sent_on,
  });

  app.get('/v1/admin/users', async () => {
    const { rows } = await db.query<AdminUserRow>(`SELECT ${ADMIN_USER_COLUMNS} FROM users ORDER BY username`);
    return { users: rows.map(adminView) };
  });

  app.post('/v1/admin/users', async (request, reply) => {
    const body = createUserSchema.parse(request.body);
    checkPassword(body.password);
    checkContractDates(body.contractSignedOn ?? null, body.hiringDocsSentOn ?? null);
    await checkAssignments(db, body.provinceCodes, body.laoIds);
    const id = randomUUID();
    const inserted = await db.query(
      `INSERT INTO users (id, username, display_name, role, province_codes, lao_ids, password_hash, contract_signed_on, hiring_docs_sent_on)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (username) DO NOTHING`,
      [id, body.username, body.displayName, body.role, body.provinceCodes, body.laoIds ?? null, await hashPassword(body.password),
        body.contractSignedOn ?? null, body.hiringDocsSentOn ?? null],
    );
    if (inserted.rowCount === 0) throw new HttpError(409, 'USERNAME_TAKEN', 'That username is already used');
    return reply.status(201).send({ user: adminView(await userById(id)) });
  });

  app.patch('/v1/admin/users/:id', async (request) => {
    const { id } = userIdParams.parse(request.params);
    const body = updateUserSchema.parse(request.body);
    if (body.password !== undefined) checkPassword(body.password);
    // Hashed before the transaction: scrypt is slow, and the lock below should be held briefly.
    const newHash = body.password === undefined ? undefined : await hashPassword(body.password);
    await db.transaction(async (tx) => {
      // One change of administrators at a time, so two admins demoting each other cannot both pass the count.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['active administrators']);
      const { rows } = await tx.query<AdminUserRow>(`SELECT ${ADMIN_USER_COLUMNS} FROM users WHERE id = $1`, [id]);
      const user = rows[0];
      if (!user) throw new HttpError(404, 'NOT_FOUND', 'No such user');
      const role = body.role ?? user.role;
      const disabled = body.disabled ?? user.disabled;
      const wasActiveAdmin = user.role === 'admin' && !user.disabled;
      if (wasActiveAdmin && (role !== 'admin' || disabled)) await keepAnotherAdmin(tx, id);
      const provinces = body.provinceCodes ?? user.province_codes;
      const laos = body.laoIds === undefined ? user.lao_ids : body.laoIds;
      await checkAssignments(tx, provinces, laos);
      const signedOn = body.contractSignedOn === undefined ? user.contract_signed_on : body.contractSignedOn;
      const sentOn = body.hiringDocsSentOn === undefined ? user.hiring_docs_sent_on : body.hiringDocsSentOn;
      checkContractDates(signedOn, sentOn);
      await tx.query(
        `UPDATE users SET display_name = $2, role = $3, province_codes = $4, lao_ids = $5, password_hash = $6, disabled = $7,
           contract_signed_on = $8, hiring_docs_sent_on = $9 WHERE id = $1`,
        [id, body.displayName ?? user.display_name, role, provinces, laos, newHash ?? user.password_hash, disabled, signedOn, sentOn],
      );
    });
    // A new password or a disabled account ends every session on every device.
    if (body.password !== undefined || body.disabled === true) await revokeUserTokens(db, id, services.now());
    return { user: adminView(await userById(id)) };
  });

  app.post('/v1/admin/users/:id/revoke-tokens', async (request) => {
    const { id } = userIdParams.parse(request.params);
    await userById(id);
    return { revoked: await revokeUserTokens(db, id, services.now()) };
  });

  // The DLA registry import: every province, district and LAO of the file in one
  // transaction, so a refused row leaves the server exactly as it was.
  app.post('/v1/admin/reference/import', { bodyLimit: 20 * 1024 * 1024 }, async (request) => {
    const body = referenceImportSchema.parse(request.body);
    const tables = ['provinces', 'districts', 'laos'] as const;
    // Every row is checked before anything is written, and every refused row is named (table.index), not only the first.
    const issues: ValidationIssue[] = [];
    const checked = tables.map((table) => ({
      table,
      rows: body[table].flatMap((row, index) => {
        const result = validateReference(table, row);
        if (result.ok) return [result.value as Record<string, unknown>];
        for (const problem of result.error) issues.push({ path: `${table}.${index}${problem.path ? `.${problem.path}` : ''}`, code: problem.code, message: `${table}[${index}] ${problem.path} ${problem.code}` });
        return [];
      }),
    }));
    const laos = checked[2]!.rows;
    // A row's key twice in one file (an LAO's code or id, a province's or district's code), the second row named:
    // written one after the other, the last would win and the counts answered would not be what was stored.
    const repeats = (table: (typeof tables)[number], field: 'code' | 'id', rows: Record<string, unknown>[]) => {
      const first = new Map<string, number>();
      rows.forEach((row, index) => {
        const key = String(row[field]);
        const seen = first.get(key);
        if (seen === undefined) first.set(key, index);
        else issues.push({ path: `${table}.${index}.${field}`, code: field === 'id' ? 'registry.duplicateId' : 'registry.duplicateCode', message: `${table}[${index}] repeats the ${field} of ${table}[${seen}]` });
      });
    };
    repeats('provinces', 'code', checked[0]!.rows);
    repeats('districts', 'code', checked[1]!.rows);
    repeats('laos', 'code', laos);
    repeats('laos', 'id', laos);
    if (issues.length > 0) {
      if (issues.some((i) => i.code === TEXT_INVALID)) throw new HttpError(400, INVALID_TEXT, 'Text must not contain NUL characters or unpaired surrogates', issues);
      throw new HttpError(400, 'VALIDATION_FAILED', `${issues.length} rows of the registry are not valid`, issues);
    }
    try {
      return await db.transaction(async (tx) => {
        // LAOs are matched by code: an LAO the server holds keeps its id, whatever id the sending laptop made for it.
        const { rows: known } = await tx.query<{ id: string; code: string }>('SELECT id, code FROM laos WHERE code = ANY($1::text[])', [laos.map((row) => String(row.code))]);
        const idOfCode = new Map(known.map((row) => [row.code, row.id]));
        const keptIds: Record<string, string> = {};
        for (const row of laos) {
          const serverId = idOfCode.get(String(row.code));
          if (serverId && serverId !== row.id) {
            keptIds[String(row.id)] = serverId;
            row.id = serverId;
          }
        }
        // A district or LAO of a province or district neither the file nor the server has: every such row named.
        const [provinceRows, districtRows] = checked;
        const storedProvinces = await tx.query<{ code: string }>('SELECT code FROM provinces');
        const storedDistricts = await tx.query<{ code: string }>('SELECT code FROM districts');
        const provinceCodes = new Set([...storedProvinces.rows.map((r) => r.code), ...provinceRows!.rows.map((r) => String(r.code))]);
        const districtCodes = new Set([...storedDistricts.rows.map((r) => r.code), ...districtRows!.rows.map((r) => String(r.code))]);
        const unknown: ValidationIssue[] = [];
        districtRows!.rows.forEach((row, i) => {
          if (!provinceCodes.has(String(row.provinceCode))) unknown.push({ path: `districts.${i}.provinceCode`, code: 'registry.unknownProvince', message: `districts[${i}] names an unknown province` });
        });
        laos.forEach((row, i) => {
          if (!provinceCodes.has(String(row.provinceCode))) unknown.push({ path: `laos.${i}.provinceCode`, code: 'registry.unknownProvince', message: `laos[${i}] names an unknown province` });
          else if (!districtCodes.has(String(row.districtCode))) unknown.push({ path: `laos.${i}.districtCode`, code: 'registry.unknownDistrict', message: `laos[${i}] names an unknown district` });
        });
        if (unknown.length > 0) throw new HttpError(400, 'VALIDATION_FAILED', `${unknown.length} rows name a province or district that does not exist`, unknown);
        for (const { table, rows } of checked) {
          for (const row of rows) await tx.query(REFERENCE_UPSERTS[table].sql('keep'), REFERENCE_UPSERTS[table].values(row));
        }
        return { provinces: body.provinces.length, districts: body.districts.length, laos: body.laos.length, keptIds };
      });
    } catch (error) {
      if (['23503', '23505'].includes(String((error as { code?: unknown }).code))) {
        throw new HttpError(409, 'REFERENCE_CONFLICT', 'A row refers to an unknown province or district, or gives an LAO id another code already has');
      }
      throw error;
    }
  });

  app.put('/v1/admin/reference/:table/:key', async (request) => {
    const params = z.object({ table: z.enum(['provinces', 'districts', 'laos']), key: validText().min(1).max(100) }).parse(request.params);
    const body = referenceRow.parse(request.body);
    const upsert = REFERENCE_UPSERTS[params.table];
    const checked = validateReference(params.table, { ...body, [upsert.key]: params.key });
    if (!checked.ok) throw invalidData(checked.error.map((i) => i.code), `The ${params.table} row is not valid: ${checked.error.map((i) => `${i.path} ${i.code}`).join(', ')}`);
    try {
      await db.query(upsert.sql('set'), upsert.values(checked.value as Record<string, unknown>));
    } catch (error) {
      // A foreign key (unknown province or district) or a duplicate code.
      if (['23503', '23505'].includes(String((error as { code?: unknown }).code))) {
        throw new HttpError(409, 'REFERENCE_CONFLICT', 'The row refers to an unknown province or district, or repeats a code');
      }
      throw error;
    }
    return { [params.table.slice(0, -1)]: checked.value };
  });
}
