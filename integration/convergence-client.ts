/**
 * One simulated officer of the convergence test: the real client code (Dexie
 * database, saveRecord, SyncEngine, createSyncApi) behind a fetch that can
 * lose, duplicate, hold back and re-deliver requests, a clock that is off by
 * up to ten minutes, and a laptop that can crash and restart. It records what
 * reached it, so the test can prove nothing outside its scope ever did and no
 * pulled page skipped a change.
 */
import { isDeepStrictEqual } from 'node:util';
import { v7 as uuidv7 } from 'uuid';
import { openLocalDb, type EplanDb, type OutboxEntry, type StoredRecord } from '../renderer/data/db';
import { deleteRecord, restoreRecord, saveRecord } from '../renderer/data/records';
import { createSyncApi } from '../renderer/sync/api';
import { SyncEngine } from '../renderer/sync/engine';
import { login } from '../renderer/sync/login';
import { META, readMeta } from '../renderer/sync/meta';
import { RECORD_TABLES } from '../shared/domain/tables';
import { sameValue } from '../shared/sync/merge';
import type { ChangeEntry, PullResponse, SnapshotResponse } from '../shared/sync/protocol';
import { PASSWORD, P1, sampleRecord } from '../server/sync/test-kit';
import type { ConvergenceWorld } from './convergence-world';

export const TABLE = 'antiDrugActivities' as const;
export const FIELDS = ['participants', 'budget', 'result', 'name'] as const;
export type Field = (typeof FIELDS)[number];

export const FAULTS = ['none', 'lostRequest', 'lostResponse', 'duplicate', 'hold', 'serverCrash', 'clientCrash'] as const;
export type Fault = (typeof FAULTS)[number];

const SERVER_URL = 'http://sync.test';

/** One pull page as the client received it, for the LAOs of the user signed in then. */
export interface ReceivedPage {
  from: number;
  to: number;
  ns: number[];
  laoIds: readonly string[];
}

export interface FaultPlan {
  fault: Fault;
  /** Which request of the next sync run gets the fault (0 = the first). */
  at: number;
  /** For serverCrash: statements of the transaction that run before the process dies. */
  statements: number;
}

export class SimOfficer {
  db!: EplanDb;
  engine!: SyncEngine;
  userId = '';
  private token: string | null = null;
  private readonly dbName = `convergence-${uuidv7()}`;
  /** Every outbox entry this officer wrote, in order. */
  written: OutboxEntry[] = [];
  /** Out-of-scope data seen on the wire or in the local database. */
  leaks: string[] = [];
  /** The record as this officer's open form shows it (null: no form open). */
  private view: StoredRecord | null = null;
  /** Saves from a form whose record had changed underneath (a pull landed while it was open). */
  staleSaves = 0;
  /** A save from a form that sent a field the user did not change, or not with the value the user saw. */
  undoneUnseen: string[] = [];
  pages: ReceivedPage[] = [];
  /** Snapshots started from the beginning (initial sync or a re-fetch of the scope). */
  fullSnapshots = 0;
  /** Sign-ins of another user on this laptop, and back: each starts the new user's scope afresh. */
  switches = 0;
  /** The LAOs of whoever is signed in on this laptop now. */
  private scope: readonly string[];
  /** Two deliveries of one request that got different answers. */
  duplicateMismatches: string[] = [];
  private plan: FaultPlan | null = null;
  private requestsInRun = 0;
  private held: { input: RequestInfo | URL; init?: RequestInit } | null = null;
  private crashed = false;

  constructor(
    private readonly world: ConvergenceWorld,
    readonly username: string,
    /** LAOs this officer may see and write. */
    readonly laoIds: readonly string[],
  ) {
    this.scope = laoIds;
  }

  /** This laptop's clock error for the current scenario. */
  skewMs = 0;

  now = (): Date => new Date(Date.now() + this.skewMs);

  async start(): Promise<void> {
    this.open();
    await this.signIn(this.username, this.laoIds);
  }

  private readonly platform = {
    storeToken: async (t: string) => void (this.token = t),
    readToken: async () => this.token,
    clearToken: async () => void (this.token = null),
  };

  /** Signs `username` in on this laptop, through the app's login (which sets the laptop up for that user). */
  private async signIn(username: string, scope: readonly string[]): Promise<void> {
    this.engine.stop();
    const session = await login({ db: this.db, platform: this.platform, fetch: this.fetch }, { username, password: PASSWORD, serverUrl: SERVER_URL });
    this.userId = session.user.id;
    this.scope = scope;
    this.open();
  }

  /**
   * A colleague borrows this laptop: signs in (any form of this officer's
   * closes), syncs, edits one of their own records, syncs again; then this
   * officer signs in again and syncs. This officer's unsynced work must
   * neither go out under the colleague's name nor be lost, and the colleague
   * must see nothing of this officer's LAOs. Returns the entries acknowledged.
   */
  async lend(guest: SimOfficer, pick: number, field: Field, value: number): Promise<string[]> {
    this.view = null;
    await this.signIn(guest.username, guest.laoIds);
    const acknowledged = (await this.sync()).acknowledged;
    await this.edit(pick, field, value);
    acknowledged.push(...(await this.sync()).acknowledged);
    await this.signIn(this.username, this.laoIds);
    acknowledged.push(...(await this.sync()).acknowledged);
    this.switches += 2;
    return acknowledged;
  }

  /** A new engine (as after an app start) over the current database. */
  private open(): void {
    this.db ??= openLocalDb(this.dbName);
    this.engine = new SyncEngine({
      db: this.db,
      api: async () => createSyncApi({ baseUrl: SERVER_URL, token: this.token, fetch: this.fetch }),
      now: this.now,
      pageSize: 5,
      random: () => 0.5,
      setTimer: () => 'no timers: the test decides when to sync',
      clearTimer: () => {},
    });
  }

  /**
   * A fresh laptop for the next scenario, without the cost of a new login:
   * the synced data, outbox and sync state go; the user, token, device id and
   * reference data stay.
   */
  async wipe(skewMs: number): Promise<void> {
    this.engine.stop();
    const keep = new Set([META.deviceId, META.userDeviceIds, META.serverUrl, META.user, META.tokenExpiresAt, META.signedInUsers, 'currentUserId']);
    await this.db.transaction('rw', [...RECORD_TABLES.map((t) => this.db.table(t)), this.db.outbox, this.db.history, this.db.conflicts, this.db.meta], async () => {
      for (const table of RECORD_TABLES) await this.db.table(table).clear();
      await Promise.all([this.db.outbox.clear(), this.db.history.clear(), this.db.conflicts.clear()]);
      await this.db.meta.filter((entry) => !keep.has(entry.key)).delete();
    });
    this.skewMs = skewMs;
    this.written = [];
    this.leaks = [];
    this.view = null;
    this.undoneUnseen = [];
    this.pages = [];
    this.fullSnapshots = 0;
    this.switches = 0;
    this.duplicateMismatches = [];
    this.held = null;
    this.crashed = false;
    this.open();
  }

  /**
   * The laptop dies and starts again: a new engine over the same IndexedDB
   * (the token store survives). An open form comes back as its draft, with
   * the record as the form showed it.
   */
  async crash(): Promise<void> {
    this.engine.stop();
    this.db.close();
    this.db = openLocalDb(this.dbName);
    this.open();
    await this.db.open();
  }

  /** One sync run; `plan` puts a fault on one of its requests. Returns the outbox entries it acknowledged. */
  async sync(plan: FaultPlan | null = null): Promise<{ ok: boolean; acknowledged: string[] }> {
    const before = new Set((await this.db.outbox.toArray()).map((entry) => entry.mutationId));
    this.plan = plan;
    this.requestsInRun = 0;
    const ok = await this.engine.sync();
    this.plan = null;
    const after = new Set((await this.db.outbox.toArray()).map((entry) => entry.mutationId));
    if (this.crashed) {
      this.crashed = false;
      await this.crash();
    }
    await this.checkLocalScope();
    return { ok, acknowledged: [...before].filter((id) => !after.has(id)) };
  }

  /** A request held back by the network arrives now, late (its answer goes nowhere). */
  async deliverHeld(): Promise<void> {
    const held = this.held;
    this.held = null;
    if (held) await this.world.deliver(held.input, held.init);
  }

  private readonly fetch: typeof fetch = async (input, init) => {
    const index = this.requestsInRun++;
    const plan = this.plan !== null && this.plan.at === index ? this.plan : null;
    const isPush = String(input).includes('/v1/sync/push');
    const response = await this.deliverWith(plan, input, init, isPush);
    // Reordered delivery: a request the network held back reaches the server only after this later one.
    if (this.held && !(plan?.fault === 'hold')) await this.deliverHeld();
    await this.inspect(String(input), response.clone());
    return response;
  };

  private async deliverWith(plan: FaultPlan | null, input: RequestInfo | URL, init: RequestInit | undefined, isPush: boolean): Promise<Response> {
    switch (plan?.fault ?? 'none') {
      case 'none':
        return this.world.deliver(input, init);
      case 'lostRequest':
        throw new TypeError('fetch failed');
      case 'lostResponse':
        await this.world.deliver(input, init);
        throw new TypeError('connection reset');
      case 'duplicate': {
        const [first, second] = await Promise.all([this.world.deliver(input, init), this.world.deliver(input, init)]);
        const [a, b] = [await first.clone().json(), await second.json()];
        if (isPush && first.status === 200 && second.status === 200 && !isDeepStrictEqual(a, b)) this.duplicateMismatches.push(`${JSON.stringify(a)} <> ${JSON.stringify(b)}`);
        return first;
      }
      case 'hold':
        if (this.held) await this.deliverHeld();
        this.held = { input, ...(init ? { init } : {}) };
        throw new TypeError('request timed out');
      case 'serverCrash': {
        const { crashed, response } = await this.world.deliverWithCrash(input, init, plan!.statements);
        if (crashed) throw new TypeError('socket hang up');
        return response;
      }
      case 'clientCrash':
        await this.world.deliver(input, init);
        this.crashed = true;
        throw new TypeError('the app was closed');
    }
  }

  /** Every record and conflict that reaches this officer must be of its scope; every page must be complete. */
  private async inspect(url: string, response: Response): Promise<void> {
    if (response.status !== 200) return;
    const parsed = new URL(url);
    if (parsed.pathname === '/v1/sync/pull') {
      const page = (await response.json()) as PullResponse;
      for (const change of page.changes) this.checkScope(laoOf(change), provinceOf(change), `pull n=${change.n}`);
      this.pages.push({ from: Number(parsed.searchParams.get('cursor')), to: page.cursor, ns: page.changes.map((c) => c.n), laoIds: this.scope });
    } else if (parsed.pathname === '/v1/sync/snapshot') {
      const page = (await response.json()) as SnapshotResponse;
      if (!parsed.searchParams.has('after')) this.fullSnapshots += 1;
      for (const record of page.records) this.checkScope(record.laoId, record.provinceCode, `snapshot ${record.id}`);
    }
  }

  private checkScope(laoId: string, provinceCode: string, where: string): void {
    if (provinceCode !== P1 || !this.scope.includes(laoId)) this.leaks.push(`${this.username}'s laptop (${this.userId} signed in): ${where} of LAO ${laoId} in ${provinceCode}`);
  }

  async checkLocalScope(): Promise<void> {
    // A record another user's waiting entries need stays for them (renderer/sync/owners.ts), unshown.
    const waiting = new Set((await this.db.outbox.toArray()).filter((entry) => entry.author !== this.userId).map((entry) => entry.recordId));
    for (const row of await this.records().toArray()) if (!waiting.has(row.id)) this.checkScope(row.laoId, row.provinceCode, `local record ${row.id}`);
    for (const conflict of await this.db.conflicts.toArray()) this.checkScope(conflict.laoId, conflict.provinceCode, `local conflict ${conflict.id}`);
  }

  /** How far this officer has pulled the province's change log. */
  async cursor(): Promise<number> {
    return (await readMeta<number>(this.db, META.cursor(P1))) ?? 0;
  }

  records() {
    return this.db.table<StoredRecord, string>(TABLE);
  }

  // --- offline edits through the app's one write path ---

  async create(laoPick: number, value: number): Promise<void> {
    const laoId = this.laoIds[laoPick % this.laoIds.length]!;
    const record = sampleRecord(TABLE, laoId, P1, { participants: value * 10 });
    this.expectSaved(await saveRecord(this.db, TABLE, record, this.actor()));
    await this.noteWritten();
  }

  async edit(pick: number, field: Field, value: number): Promise<void> {
    const live = await this.records().filter((r) => !r.deleted && this.shows(r)).sortBy('id');
    if (live.length === 0) return;
    await this.editById(live[pick % live.length]!.id, field, value);
  }

  /** Opens a record's form: what it shows stays as it was, whatever is pulled meanwhile. Returns its id. */
  async openForm(pick: number): Promise<string | undefined> {
    const rows = (await this.records().orderBy('id').toArray()).filter((r) => this.shows(r));
    if (rows.length > 0) this.view = structuredClone(rows[pick % rows.length]!);
    return this.view?.id;
  }

  /** Edits one field of a record this officer has, through the app's write path (no form). */
  async editById(id: string, field: Field, value: number): Promise<void> {
    const target = await this.records().get(id);
    if (!target || target.deleted) return;
    const next = fieldValue(field, value);
    const before = await this.db.outbox.count();
    this.expectSaved(await saveRecord(this.db, TABLE, { ...target, [field]: next }, this.actor()));
    if ((await this.db.outbox.count()) > before) await this.noteWritten();
  }

  /**
   * Changes one field in the open form and saves, as RecordForm does: the
   * whole form is sent, based on what it showed. What is sent must be the
   * user's change alone, with the value the user saw as `old`; everything
   * else someone changed meanwhile is never touched.
   */
  async saveForm(field: Field, value: number): Promise<void> {
    const seen = this.view;
    if (!seen) return;
    this.view = null;
    const next = fieldValue(field, value);
    const current = await this.records().get(seen.id);
    if (current && current.version !== seen.version) this.staleSaves += 1;
    const before = await this.db.outbox.count();
    this.expectSaved(await saveRecord(this.db, TABLE, { ...seen, [field]: next }, this.actor(), seen));
    if ((await this.db.outbox.count()) === before) return;
    await this.noteWritten();
    const entry = this.written.at(-1)!;
    for (const [name, change] of Object.entries(entry.changes)) {
      if (name !== field) this.undoneUnseen.push(`${this.username} sent ${name}, untouched in its form, of ${seen.id}`);
      else if (!sameValue(change.old, seen[name])) this.undoneUnseen.push(`${this.username} sent ${name} of ${seen.id} with old ${JSON.stringify(change.old)}, saw ${JSON.stringify(seen[name])}`);
    }
  }

  async remove(pick: number, restore: boolean): Promise<void> {
    const candidates = await this.records().filter((r) => r.deleted === restore && this.shows(r)).sortBy('id');
    if (candidates.length === 0) return;
    const target = candidates[pick % candidates.length]!;
    const saved = restore ? await restoreRecord(this.db, TABLE, target.id, this.actor()) : await deleteRecord(this.db, TABLE, target.id, this.actor());
    this.expectSaved(saved);
    await this.noteWritten();
  }

  /** What the screens show the signed-in user: records of their LAOs (another user's waiting work stays hidden). */
  private shows(record: StoredRecord): boolean {
    return this.scope.includes(record.laoId);
  }

  private actor() {
    return { userId: this.userId, now: this.now };
  }

  private expectSaved(saved: { ok: boolean; error?: unknown }): void {
    if (!saved.ok) throw new Error(`${this.username} could not save: ${JSON.stringify(saved.error)}`);
  }

  private async noteWritten(): Promise<void> {
    const last = await this.db.outbox.orderBy('seq').last();
    if (last && !this.written.some((w) => w.mutationId === last.mutationId)) this.written.push(last);
  }

  async dispose(): Promise<void> {
    this.engine.stop();
    await this.db.delete();
  }
}

/** What an officer types into a field: an amount, or a short text. */
function fieldValue(field: Field, value: number): number | string {
  return field === 'participants' || field === 'budget' ? value * 100 : `ค่า ${value}`;
}

function laoOf(change: ChangeEntry): string {
  return change.kind === 'record' ? change.record.laoId : change.conflict.laoId;
}

function provinceOf(change: ChangeEntry): string {
  return change.kind === 'record' ? change.record.provinceCode : change.conflict.provinceCode;
}
