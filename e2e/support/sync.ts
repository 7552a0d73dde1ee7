/** Signing in through the app, and the administrator's API for arranging who works on which LAO. */
import { randomUUID } from 'node:crypto';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { RECORD_TABLES } from '../../shared/domain/tables';
import { PROTOCOL_VERSION, SCHEMA_VERSION, type PullResponse, type SyncConflict, type WireRecord } from '../../shared/sync/protocol';

export const DEMO_PASSWORD = 'demo-2568';

/** The versions every sync route asks for, as a query string. */
const VERSIONS = `protocolVersion=${PROTOCOL_VERSION}&schemaVersion=${SCHEMA_VERSION}`;

/** Signs in on the login page and waits for the first sync to finish (a supervisor downloads the whole province). */
export async function signIn(page: Page, username: string, firstSyncTimeout = 90_000): Promise<void> {
  await submitLogin(page, username);
  await expect(page.getByTestId('sync-last')).toContainText('ซิงก์ล่าสุด', { timeout: firstSyncTimeout });
  await expect(page.getByTestId('sync-pending')).toHaveText('ซิงก์ครบแล้ว');
}

/**
 * Waits until every change this laptop saved has been answered by the server,
 * then for the app bar to say so. The chip alone is not enough right after a
 * save: it may still show the state from before the write reached its count.
 * An entry leaves the outbox only once the server has answered it; entries
 * the server refused stay, flagged, and are not waited for.
 */
export async function pushed(page: Page, timeout = 30_000): Promise<void> {
  const unanswered = async () => (await storedRows<{ rejected?: unknown }>(page, 'outbox')).filter((entry) => !entry.rejected).length;
  await expect.poll(unanswered, { timeout }).toBe(0);
  await expect(page.getByTestId('sync-pending')).toHaveText('ซิงก์ครบแล้ว', { timeout });
}

/** Every row of one of the laptop's IndexedDB stores, in key order, read straight from the page. */
export function storedRows<T>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('eplan-field-companion');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    try {
      return await new Promise<unknown[]>((resolve, reject) => {
        const read = db.transaction(name).objectStore(name).getAll();
        read.onsuccess = () => resolve(read.result);
        read.onerror = () => reject(read.error);
      });
    } finally {
      db.close();
    }
  }, store) as Promise<T[]>;
}

/** Records stored on the laptop now, counted straight from IndexedDB. */
export function storedRecords(page: Page): Promise<number> {
  return page.evaluate(async (tables) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('eplan-field-companion');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    let total = 0;
    for (const name of Array.from(db.objectStoreNames).filter((store) => tables.includes(store))) {
      total += await new Promise<number>((resolve, reject) => {
        const request = db.transaction(name).objectStore(name).count();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    }
    db.close();
    return total;
  }, [...RECORD_TABLES] as string[]);
}

/** Fills in and sends the login form with the demo password; waits for nothing after. */
export async function submitLogin(page: Page, username: string): Promise<void> {
  await page.goto('/#/login');
  await page.getByLabel('ชื่อผู้ใช้').fill(username);
  await page.getByLabel('รหัสผ่าน').fill(DEMO_PASSWORD);
  await expect(page.getByLabel('ที่อยู่เซิร์ฟเวอร์')).not.toHaveValue('');
  await page.getByRole('button', { name: 'เข้าสู่ระบบ', exact: true }).click();
}

export interface AdminUser {
  id: string;
  username: string;
  displayName: string;
  role: string;
  provinceCodes: string[];
  laoIds: string[] | null;
}

/** The administrator's side of the API, as a test arranges data with it. */
export class AdminApi {
  private seq = 0;
  private constructor(
    private readonly request: APIRequestContext,
    private readonly token: string,
    readonly deviceId: string,
    readonly userId: string,
  ) {}

  static async signIn(request: APIRequestContext, username = 'demo-admin'): Promise<AdminApi> {
    const deviceId = `e2e-admin-${randomUUID()}`;
    const response = await request.post('/v1/auth/login', { data: { username, password: DEMO_PASSWORD, deviceId } });
    expect(response.status()).toBe(200);
    const body = (await response.json()) as { token: string; user: { id: string } };
    return new AdminApi(request, body.token, deviceId, body.user.id);
  }

  private headers() {
    return { authorization: `Bearer ${this.token}` };
  }

  async users(): Promise<AdminUser[]> {
    const response = await this.request.get(`/v1/admin/users?${VERSIONS}`, { headers: this.headers() });
    expect(response.status()).toBe(200);
    return ((await response.json()) as { users: AdminUser[] }).users;
  }

  /** How many LAOs the server holds (the administrator reads them all). */
  async laoCount(): Promise<number> {
    const response = await this.request.get(`/v1/reference?${VERSIONS}`, { headers: this.headers() });
    expect(response.status()).toBe(200);
    return ((await response.json()) as { laos: unknown[] }).laos.length;
  }

  async user(username: string): Promise<AdminUser> {
    const found = (await this.users()).find((user) => user.username === username);
    if (!found) throw new Error(`no user ${username}`);
    return found;
  }

  async assignLaos(userId: string, laoIds: string[] | null): Promise<void> {
    const response = await this.request.patch(`/v1/admin/users/${userId}?${VERSIONS}`, { headers: this.headers(), data: { laoIds } });
    expect(response.status()).toBe(200);
  }

  /** Creates a record on the server as the administrator would from the app: one pushed mutation. */
  async createRecord(table: string, record: Record<string, unknown>): Promise<void> {
    this.seq += 1;
    const changes = Object.fromEntries(Object.entries(record).map(([field, value]) => [field, { old: null, new: value }]));
    const response = await this.request.post('/v1/sync/push', {
      headers: this.headers(),
      data: {
        protocolVersion: PROTOCOL_VERSION,
        schemaVersion: SCHEMA_VERSION,
        deviceId: this.deviceId,
        mutations: [{
          mutationId: randomUUID(), seq: this.seq, table, recordId: record.id, op: 'upsert', baseVersion: 0,
          changes, author: this.userId, clientTime: new Date().toISOString(),
        }],
      },
    });
    expect(response.status()).toBe(200);
    const { results } = (await response.json()) as { results: { status: string; code?: string }[] };
    expect(results[0], JSON.stringify(results)).toMatchObject({ status: 'applied' });
  }

  /** Edits a record on the server in one push: each edit built on the version the one before made. */
  async editRecord(table: string, id: string, fromVersion: number, edits: Record<string, { old: unknown; new: unknown }>[]): Promise<void> {
    const mutations = edits.map((changes, i) => {
      this.seq += 1;
      return { mutationId: randomUUID(), seq: this.seq, table, recordId: id, op: 'upsert', baseVersion: fromVersion + i, changes, author: this.userId, clientTime: new Date().toISOString() };
    });
    const response = await this.request.post('/v1/sync/push', {
      headers: this.headers(),
      data: { protocolVersion: PROTOCOL_VERSION, schemaVersion: SCHEMA_VERSION, deviceId: this.deviceId, mutations },
    });
    expect(response.status()).toBe(200);
    const { results } = (await response.json()) as { results: { status: string }[] };
    expect(results.filter((r) => r.status !== 'applied'), JSON.stringify(results.slice(0, 3))).toEqual([]);
  }

  /** The records written through sync in a province since the server started, as the change log holds them. */
  async loggedRecords(scope: string): Promise<(WireRecord & { table: string })[]> {
    const records: (WireRecord & { table: string })[] = [];
    for (let cursor = 0, more = true; more; ) {
      const response = await this.request.get(`/v1/sync/pull?scope=${scope}&cursor=${cursor}&limit=1000&${VERSIONS}`, { headers: this.headers() });
      expect(response.status()).toBe(200);
      const page = (await response.json()) as PullResponse;
      for (const change of page.changes) if (change.kind === 'record') records.push({ ...change.record, table: change.table });
      cursor = page.cursor;
      more = page.hasMore;
    }
    return records;
  }

  async openConflicts(scope: string): Promise<SyncConflict[]> {
    const response = await this.request.get(`/v1/sync/conflicts?scope=${scope}&${VERSIONS}`, { headers: this.headers() });
    expect(response.status()).toBe(200);
    return ((await response.json()) as { conflicts: SyncConflict[] }).conflicts;
  }
}
