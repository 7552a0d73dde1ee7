/**
 * A small world for sync tests: two provinces, three LAOs, one user per role
 * (passwords hashed cheaply), an app on a test database, and helpers that
 * make outbox entries the way renderer/data/records.ts does.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll } from 'vitest';
import { fixtureRecord } from '../../shared/domain/fixtures';
import type { RecordTable } from '../../shared/domain/tables';
import { PROTOCOL_VERSION, SCHEMA_VERSION, type Mutation, type PushResponse } from '../../shared/sync/protocol';
import { hashPassword } from '../auth/password';
import { buildApp, type AppOptions } from '../http/app';
import type { Database } from '../store/db';
import { seedReference } from '../store/seed';
import { openMigrated, type TestBackend } from '../store/test-backends';

export const P1 = '99';
export const P2 = '98';
export const LAO_A = '0190c4e2-0000-7000-8000-000000000001';
export const LAO_B = '0190c4e2-0000-7000-8000-0000000000b2';
export const LAO_C = '0190c4e2-0000-7000-8000-0000000000c3';
export const PASSWORD = 'correct horse 1';

export const USERS = {
  admin: { id: '0190c4e2-0000-7000-8000-00000000a001', role: 'admin', provinceCodes: [], laoIds: null },
  supervisor: { id: '0190c4e2-0000-7000-8000-00000000a002', role: 'supervisor', provinceCodes: [P1], laoIds: null },
  officer: { id: '0190c4e2-0000-7000-8000-00000000a003', role: 'officer', provinceCodes: [P1], laoIds: null },
  officerA: { id: '0190c4e2-0000-7000-8000-00000000a004', role: 'officer', provinceCodes: [P1], laoIds: [LAO_A] },
  officer2: { id: '0190c4e2-0000-7000-8000-00000000a005', role: 'officer', provinceCodes: [P2], laoIds: null },
  officerB: { id: '0190c4e2-0000-7000-8000-00000000a006', role: 'officer', provinceCodes: [P1], laoIds: [LAO_B] },
} as const;
export type TestUser = keyof typeof USERS;

export async function seedWorld(db: Database): Promise<void> {
  await seedReference(db, {
    province: [
      { code: P1, nameTh: 'จังหวัดทดสอบ', nameEn: 'Test Province' },
      { code: P2, nameTh: 'จังหวัดข้างเคียง', nameEn: 'Neighbour Province' },
    ],
    districts: [
      { code: '9901', provinceCode: P1, nameTh: 'อำเภอหนึ่ง', nameEn: 'One' },
      { code: '9801', provinceCode: P2, nameTh: 'อำเภอสอง', nameEn: 'Two' },
    ],
    laos: [
      { id: LAO_A, code: '9900001', type: 'SAO', nameTh: 'อบต.เอ', nameEn: 'SAO A', provinceCode: P1, districtCode: '9901' },
      { id: LAO_B, code: '9900002', type: 'SAO', nameTh: 'อบต.บี', nameEn: 'SAO B', provinceCode: P1, districtCode: '9901' },
      { id: LAO_C, code: '9800001', type: 'SAO', nameTh: 'อบต.ซี', nameEn: 'SAO C', provinceCode: P2, districtCode: '9801' },
    ],
    users: Object.entries(USERS).map(([username, u]) => ({
      id: u.id,
      username: username.toLowerCase(),
      displayName: username,
      role: u.role,
      provinceCodes: [...u.provinceCodes],
      laoIds: u.laoIds === null ? null : [...u.laoIds],
    })),
  });
  // Cheap scrypt cost: the login code is the same, only faster to test.
  const hash = await hashPassword(PASSWORD, { N: 1024, r: 8, p: 1 });
  await db.query('UPDATE users SET password_hash = $1', [hash]);
}

export interface TestApp {
  app: FastifyInstance;
  login(user: TestUser, deviceId?: string): Promise<{ token: string; deviceId: string }>;
}

export async function startTestApp(db: Database, options: Partial<AppOptions> = {}): Promise<TestApp> {
  const app = buildApp({ db, config: { logLevel: 'silent' }, logger: false, ...options });
  await app.ready();
  return {
    app,
    async login(user, deviceId = `device-${randomUUID()}`) {
      const response = await app.inject({
        method: 'POST',
        url: '/v1/auth/login',
        payload: { username: user.toLowerCase(), password: PASSWORD, deviceId },
      });
      if (response.statusCode !== 200) throw new Error(`login ${user}: ${response.statusCode} ${response.body}`);
      return { token: response.json<{ token: string }>().token, deviceId };
    },
  };
}

/** The database and app of a describe block; filled in by its beforeAll. */
export interface TestWorld {
  db: Database;
  t: TestApp;
}

/**
 * Registers the usual setup of a sync test suite: a migrated database of
 * `backend` with the small world seeded and an app on it, closed after the
 * suite. Read the fields inside tests (they are set in beforeAll).
 */
export function useTestWorld(backend: TestBackend, options: Partial<AppOptions> = {}): TestWorld {
  const world = {} as TestWorld;
  beforeAll(async () => {
    world.db = await openMigrated(backend);
    await seedWorld(world.db);
    world.t = await startTestApp(world.db, options);
  }, 180_000); // opening and migrating a database is slow on a busy machine
  afterAll(async () => {
    await world.t?.app.close();
    await world.db?.close();
  });
  return world;
}

/** The tables of the test database's schema, for tableStates(). */
export async function baseTables(db: Database): Promise<string[]> {
  const { rows } = await db.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name",
  );
  return rows.map((r) => r.table_name);
}

/**
 * Each table's row count and its newest row version (the largest xmin): a
 * committed insert, update or delete changes one of them, and reading them
 * costs no text conversion of the rows.
 */
export async function tableStates(db: Database, tables: string[]): Promise<Record<string, string>> {
  const sql = tables
    .map((t) => `SELECT '${t}' AS t, count(*)::int AS n, coalesce(max(xmin::text::bigint), 0)::text AS x FROM "${t}"`)
    .join(' UNION ALL ');
  const { rows } = await db.query<{ t: string; n: number; x: string }>(sql);
  return Object.fromEntries(rows.map((r) => [r.t, `${r.n} rows, newest ${r.x}`]));
}

export const VERSIONS = { protocolVersion: PROTOCOL_VERSION, schemaVersion: SCHEMA_VERSION };

export const auth = (token: string) => ({ authorization: `Bearer ${token}` });

/** A valid record of a table for an LAO, with a fresh id. */
export function sampleRecord(table: RecordTable, laoId: string, provinceCode: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const { version: _v, updatedAt: _u, updatedBy: _b, ...fields } = fixtureRecord(table);
  return { ...fields, id: uuidv7(), laoId, provinceCode, ...overrides };
}

let seqCounter = 0;

/** The outbox entry of creating `record`. */
export function createMutation(table: RecordTable, record: Record<string, unknown>, seq = ++seqCounter): Mutation {
  const changes = Object.fromEntries(Object.entries(record).map(([field, value]) => [field, { old: null, new: value }]));
  return entry(table, String(record.id), 'upsert', 0, changes, seq);
}

/** The outbox entry of changing fields of a record seen at `baseVersion`. */
export function editMutation(
  table: RecordTable,
  recordId: string,
  baseVersion: number,
  changes: Record<string, { old: unknown; new: unknown }>,
  seq = ++seqCounter,
): Mutation {
  const op = changes.deleted?.new === true ? 'delete' : 'upsert';
  return entry(table, recordId, op, baseVersion, changes, seq);
}

function entry(table: RecordTable, recordId: string, op: Mutation['op'], baseVersion: number, changes: Mutation['changes'], seq: number): Mutation {
  return { mutationId: uuidv7(), seq, table, recordId, op, baseVersion, changes, author: 'test', clientTime: new Date().toISOString() };
}

export async function push(t: TestApp, session: { token: string; deviceId: string }, mutations: Mutation[]): Promise<{ status: number; body: PushResponse & { code?: string } }> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/v1/sync/push',
    headers: auth(session.token),
    payload: { ...VERSIONS, deviceId: session.deviceId, mutations },
  });
  return { status: response.statusCode, body: response.json() };
}

/** A vision of LAO_A edited twice from version 1: the record (as created) and the open conflict the second edit made. */
export async function openConflict(t: TestApp, session: { token: string; deviceId: string }): Promise<{ record: Record<string, unknown>; conflictId: string }> {
  const record = sampleRecord('visions', LAO_A, P1);
  await push(t, session, [createMutation('visions', record)]);
  await push(t, session, [editMutation('visions', String(record.id), 1, { vision: { old: record.vision, new: 'first' } })]);
  const clash = await push(t, session, [editMutation('visions', String(record.id), 1, { vision: { old: record.vision, new: 'second' } })]);
  return { record, conflictId: clash.body.results[0]!.conflictId! };
}

export async function pull(t: TestApp, token: string, scope: string, cursor: number, limit = 1000) {
  const response = await t.app.inject({
    method: 'GET',
    url: `/v1/sync/pull?scope=${scope}&cursor=${cursor}&limit=${limit}&protocolVersion=${VERSIONS.protocolVersion}&schemaVersion=${VERSIONS.schemaVersion}`,
    headers: auth(token),
  });
  return { status: response.statusCode, body: response.json() };
}

/** Routes anyone may call; every other route needs a device token. */
export const OPEN_ROUTES = ['GET /v1/health', 'POST /v1/auth/login'];

/** Every route the app registers that needs a token, as 'METHOD /pattern' (HEAD aside), sorted. */
export async function authenticatedRoutes(db: Database): Promise<string[]> {
  const app = buildApp({ db, config: { logLevel: 'silent' }, logger: false });
  const registered: string[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') registered.push(`${method} ${route.url}`);
  });
  await app.ready();
  await app.close();
  return registered.filter((route) => !OPEN_ROUTES.includes(route)).sort();
}

/** The JSON object of an answer; {} when it is none (not JSON, or not an object). */
export function bodyOf(response: { json(): unknown }): Record<string, unknown> {
  try {
    const parsed: unknown = response.json();
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Each province's change-log head: the `seen` of a sign-off made on a laptop that has pulled everything. */
export async function seenNow(db: Database): Promise<Record<string, number>> {
  const { rows } = await db.query<{ code: string; n: number | string }>(
    'SELECT p.code, coalesce(c.n, 0) AS n FROM provinces p LEFT JOIN province_counters c ON c.province_code = p.code',
  );
  return Object.fromEntries(rows.map((row) => [row.code, Number(row.n)]));
}
