/**
 * A process of simulated officers for bench/server-load.ts (started with
 * fork). Each officer logs in with its own device, takes the first snapshot
 * page of its LAO, then, until the end of the run, pushes a batch every
 * interval (edits of its records and new field visits) and pulls the change
 * log after each push, as the app's sync engine does. Latencies of requests
 * started inside the measured window go back to the parent.
 */
import { v7 as uuidv7 } from 'uuid';
import { fixtureRecord } from '../../shared/domain/fixtures';
import type { RecordTable } from '../../shared/domain/tables';
import { PROTOCOL_VERSION, SCHEMA_VERSION, type Mutation, type PullResponse, type PushResponse, type SnapshotResponse } from '../../shared/sync/protocol';
import type { LoadOfficer } from './load-seed';

export interface LoadConfig {
  servers: string[];
  officers: Array<LoadOfficer & { server: number }>;
  password: string;
  batchSize: number;
  /** Share of each batch that creates new field visits; the rest edit existing records. */
  createShare: number;
}

/** Runs one measured phase, officers pushing every `intervalMs` (0: back to back). */
export type ParentMessage = { type: 'start'; warmupUntil: number; measureUntil: number; intervalMs: number } | { type: 'stop' };

export interface LoadResult {
  pushLatencies: number[];
  pullLatencies: number[];
  /** Mutations applied or merged by pushes that finished inside the window. */
  mutations: number;
  pushes: number;
  pulls: number;
  errors: number;
  rejected: number;
  conflicts: number;
  errorSamples: string[];
}

export type ChildMessage = { type: 'ready' } | { type: 'result'; result: LoadResult } | { type: 'failed'; message: string };

interface Known {
  table: RecordTable;
  id: string;
  version: number;
  enteredOnBehalf: boolean;
}

const versions = `protocolVersion=${PROTOCOL_VERSION}&schemaVersion=${SCHEMA_VERSION}`;

class HttpFailure extends Error {}

async function call<T>(url: string, init: RequestInit & { token?: string; json?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url, { method: init.json === undefined ? 'GET' : 'POST', headers, ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }) });
  const text = await response.text();
  if (!response.ok) throw new HttpFailure(`${response.status} ${url.split('?')[0]} ${text.slice(0, 200)}`);
  return JSON.parse(text) as T;
}

class Officer {
  private token = '';
  private readonly deviceId = `load-${uuidv7()}`;
  private seq = 0;
  private cursor = 0;
  private readonly known: Known[] = [];
  private readonly base: string;

  constructor(private readonly config: LoadConfig, private readonly who: LoadConfig['officers'][number]) {
    this.base = config.servers[who.server]!;
  }

  async prepare(): Promise<void> {
    const login = await call<{ token: string }>(`${this.base}/v1/auth/login`, { json: { username: this.who.username, password: this.config.password, deviceId: this.deviceId } });
    this.token = login.token;
    // The first page of the LAO's snapshot (current fiscal year first) is what the officer edits.
    const page = await call<SnapshotResponse>(`${this.base}/v1/sync/snapshot?scope=${this.who.provinceCode}&limit=400&${versions}`, { token: this.token });
    for (const record of page.records) {
      const table = (record as { table?: RecordTable }).table;
      // Another officer's field visit is theirs alone (visitWriterIssues): the app never offers to edit it.
      const othersVisit = table === 'fieldVisits' && (record as { officerId?: unknown }).officerId !== this.who.userId;
      if (table && !record.deleted && !othersVisit) this.known.push({ table, id: record.id, version: record.version, enteredOnBehalf: record.enteredOnBehalf === true });
    }
    if (this.known.length < this.config.batchSize) throw new Error(`${this.who.username} sees only ${this.known.length} records`);
    this.cursor = page.cursor;
  }

  private batch(): { mutations: Mutation[]; edits: Map<string, Known> } {
    const now = new Date().toISOString();
    const creates = Math.round(this.config.batchSize * this.config.createShare);
    const edits = new Map<string, Known>();
    while (edits.size < this.config.batchSize - creates) {
      const pick = this.known[Math.floor(Math.random() * this.known.length)]!;
      edits.set(pick.id, pick);
    }
    const mutations: Mutation[] = [...edits.values()].map((k) => ({
      mutationId: uuidv7(), seq: ++this.seq, table: k.table, recordId: k.id, op: 'upsert', baseVersion: k.version,
      changes: { enteredOnBehalf: { old: k.enteredOnBehalf, new: !k.enteredOnBehalf } }, author: this.who.userId, clientTime: now,
    }));
    for (let i = 0; i < creates; i++) {
      const { version: _v, updatedAt: _u, updatedBy: _b, ...fields } = fixtureRecord('fieldVisits');
      const record = { ...fields, id: uuidv7(), laoId: this.who.laoId, provinceCode: this.who.provinceCode, officerId: this.who.userId, notes: `load ${this.seq}` };
      mutations.push({
        mutationId: uuidv7(), seq: ++this.seq, table: 'fieldVisits', recordId: record.id, op: 'upsert', baseVersion: 0,
        changes: Object.fromEntries(Object.entries(record).map(([field, value]) => [field, { old: null, new: value }])), author: this.who.userId, clientTime: now,
      });
    }
    return { mutations, edits };
  }

  /** One sync round: push a batch, then pull the log to its head. */
  async round(window: { warmupUntil: number; measureUntil: number }, out: LoadResult): Promise<void> {
    const { mutations, edits } = this.batch();
    const started = Date.now();
    const inWindow = () => started >= window.warmupUntil && started < window.measureUntil;
    try {
      const t0 = performance.now();
      const response = await call<PushResponse>(`${this.base}/v1/sync/push`, {
        token: this.token, json: { protocolVersion: PROTOCOL_VERSION, schemaVersion: SCHEMA_VERSION, deviceId: this.deviceId, mutations },
      });
      const latency = performance.now() - t0;
      let applied = 0;
      for (const [i, result] of response.results.entries()) {
        const sent = mutations[i]!;
        if (result.status === 'rejected') {
          if (inWindow()) out.rejected += 1;
          if (out.errorSamples.length < 5) out.errorSamples.push(`rejected ${sent.table}: ${JSON.stringify(result)}`);
          continue;
        }
        if (result.status === 'conflict' && inWindow()) out.conflicts += 1;
        applied += 1;
        const known = edits.get(sent.recordId);
        if (known && result.version !== undefined) {
          known.version = result.version;
          known.enteredOnBehalf = !known.enteredOnBehalf;
        } else if (!known && result.version !== undefined) {
          this.known.push({ table: 'fieldVisits', id: sent.recordId, version: result.version, enteredOnBehalf: false });
        }
      }
      if (inWindow()) {
        out.pushLatencies.push(latency);
        out.pushes += 1;
      }
      if (Date.now() >= window.warmupUntil && Date.now() < window.measureUntil) out.mutations += applied;
      for (;;) {
        const p0 = performance.now();
        const pulled = await call<PullResponse>(`${this.base}/v1/sync/pull?scope=${this.who.provinceCode}&cursor=${this.cursor}&limit=1000&${versions}`, { token: this.token });
        if (inWindow()) {
          out.pullLatencies.push(performance.now() - p0);
          out.pulls += 1;
        }
        this.cursor = pulled.cursor;
        if (!pulled.hasMore) break;
      }
    } catch (error) {
      if (inWindow()) out.errors += 1;
      if (out.errorSamples.length < 5) out.errorSamples.push(String(error));
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `intervalMs` between an officer's push starts; 0 pushes again as soon as the last pull returns. */
async function runOfficer(officer: Officer, window: { warmupUntil: number; measureUntil: number; intervalMs: number }, out: LoadResult): Promise<void> {
  // Spread the first pushes over one interval, so officers do not march in step.
  let next = Date.now() + Math.random() * window.intervalMs;
  while (Date.now() < window.measureUntil) {
    const wait = next - Date.now();
    if (wait > 0) await sleep(wait);
    if (Date.now() >= window.measureUntil) break;
    await officer.round(window, out);
    next = Math.max(next + window.intervalMs, Date.now());
  }
}

async function main(): Promise<void> {
  const config = JSON.parse(process.env.BENCH_LOAD_CONFIG ?? '') as LoadConfig;
  const send = (message: ChildMessage) => process.send!(message);
  const officers = config.officers.map((who) => new Officer(config, who));
  // Logins hash a password each: a few at a time is enough and spares the shared cores.
  for (let i = 0; i < officers.length; i += 10) await Promise.all(officers.slice(i, i + 10).map((o) => o.prepare()));
  send({ type: 'ready' });
  process.on('message', (message: ParentMessage) => {
    if (message.type === 'stop') process.exit(0);
    const out: LoadResult = { pushLatencies: [], pullLatencies: [], mutations: 0, pushes: 0, pulls: 0, errors: 0, rejected: 0, conflicts: 0, errorSamples: [] };
    void Promise.all(officers.map((o) => runOfficer(o, message, out))).then(() => send({ type: 'result', result: out }));
  });
}

main().catch((error: unknown) => {
  process.send?.({ type: 'failed', message: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) } satisfies ChildMessage);
  process.exitCode = 1;
});
