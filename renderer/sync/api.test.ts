import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, SCHEMA_VERSION } from '../../shared/sync/protocol';
import { createAdminApi, createSyncApi, type AdminApi, type SyncApi } from './api';

interface Sent {
  url: URL;
  body: unknown;
  headers: Record<string, string>;
}

/** A fetch that keeps what it was asked and answers {} (an event stream: one that ends at once). */
function recordingFetch(sent: Sent[]): typeof fetch {
  return async (input, init) => {
    const headers = { ...(init?.headers as Record<string, string>) };
    sent.push({ url: new URL(String(input)), body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined, headers });
    if (headers.accept === 'text/event-stream') return new Response('', { status: 200, headers: { 'content-type': 'text/event-stream' } });
    return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
  };
}

/** Opens the stream and stops it as soon as it has connected once. */
async function oneEventStream(api: SyncApi): Promise<void> {
  const stop = new AbortController();
  const reading = api.events('99', { signal: stop.signal, onEvent: () => {}, onRefused: () => {} });
  stop.abort();
  await reading;
}

// Every call of each API once; the mapped types make a new method a type error here until it is listed.
const syncCalls: { [K in keyof SyncApi]: (api: SyncApi) => unknown } = {
  login: (api) => api.login({ username: 'officer', password: 'secret', deviceId: 'device-1' }),
  logout: (api) => api.logout(),
  reference: (api) => api.reference(),
  push: (api) => api.push('device-1', []),
  pull: (api) => api.pull('99', 0),
  snapshot: (api) => api.snapshot('99', '0.0190c4e2-0000-7000-8000-000000000001'),
  events: oneEventStream,
  listConflicts: (api) => api.listConflicts('99'),
  resolveConflict: (api) => api.resolveConflict('0190c4e2-0000-7000-8000-0000000000ff'),
  // The recording fetch's {} is no history: refused as BAD_RESPONSE (below), after the request went out.
  recordHistory: (api) => api.recordHistory('visions', '0190c4e2-0000-7000-8000-0000000000ff').catch(() => undefined),
  calendarVersions: (api) => api.calendarVersions(2570),
  signOff: (api) => api.signOff({ fiscalYear: 2570, laoIds: ['0190c4e2-0000-7000-8000-000000000001'], taskIds: ['q2-progress'], month: null, note: '', seen: { '99': 0 } }),
  reopenSignOff: (api) => api.reopenSignOff('0190c4e2-0000-7000-8000-0000000005f1', 'reason'),
};
const adminCalls: { [K in keyof AdminApi]: (api: AdminApi) => unknown } = {
  users: (api) => api.users(),
  createUser: (api) => api.createUser({ username: 'new', displayName: 'New', role: 'officer', provinceCodes: ['99'], laoIds: null, password: 'a long password' }),
  updateUser: (api) => api.updateUser('0190c4e2-0000-7000-8000-00000000a003', { displayName: 'Renamed' }),
  revokeTokens: (api) => api.revokeTokens('0190c4e2-0000-7000-8000-00000000a003'),
  importReference: (api) => api.importReference({ provinces: [], districts: [], laos: [] }),
  publishCalendar: (api) => api.publishCalendar(2570, { template: { fiscalYear: 2570, tasks: [] }, baseVersion: null, note: '' }),
};

/** The versions a request carries, read as the server reads them: from a JSON body that holds them, else from the query. */
function versionsOf({ url, body }: Sent): unknown {
  if (typeof body === 'object' && body !== null && 'protocolVersion' in body) {
    const { protocolVersion, schemaVersion } = body as Record<string, unknown>;
    return { protocolVersion, schemaVersion };
  }
  const [protocolVersion, ...moreP] = url.searchParams.getAll('protocolVersion');
  const [schemaVersion, ...moreS] = url.searchParams.getAll('schemaVersion');
  if (protocolVersion === undefined && schemaVersion === undefined) return 'none';
  return moreP.length + moreS.length > 0 ? 'repeated' : { protocolVersion: Number(protocolVersion), schemaVersion: Number(schemaVersion) };
}

describe('a record\'s shared history', () => {
  const answering = (status: number, body: unknown): typeof fetch => async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const entry = { version: 1, op: 'create', userId: 'u1', deviceId: 'd1', at: '2027-01-15T07:30:00.000Z', clientTime: '2027-01-15T07:29:00.000Z', changes: { name: { old: null, new: 'x' } }, enteredOnBehalf: true };

  it('returns the checked entries, refuses an answer of another shape and passes a 404 on with its status', async () => {
    const api = (answer: typeof fetch) => createSyncApi({ baseUrl: 'http://sync.test', token: 't', fetch: answer });
    expect(await api(answering(200, { history: [entry] })).recordHistory('visions', 'r1')).toEqual({ history: [entry] });
    await expect(api(answering(200, { history: [{ ...entry, op: 'rename' }] })).recordHistory('visions', 'r1')).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
    await expect(api(answering(404, { code: 'NOT_FOUND', message: 'No such record' })).recordHistory('visions', 'r1')).rejects.toMatchObject({ status: 404, serverCode: 'NOT_FOUND' });
  });
});

describe('the API calls of the app', () => {
  it('send the protocol and schema versions on every call but login (the server refuses an authenticated request without them)', async () => {
    const sent: Sent[] = [];
    const options = { baseUrl: 'http://sync.test/', token: 'token-1', fetch: recordingFetch(sent) };
    const sync = createSyncApi(options);
    const admin = createAdminApi(options);
    const calls = [
      ...Object.entries(syncCalls).map(([name, call]) => [name, () => call(sync)] as const),
      ...Object.entries(adminCalls).map(([name, call]) => [name, () => call(admin)] as const),
    ];
    const carried: Record<string, unknown> = {};
    for (const [name, call] of calls) {
      const before = sent.length;
      await call();
      expect(sent.length - before, name).toBe(1);
      carried[name] = versionsOf(sent[before]!);
    }
    const expected = { protocolVersion: PROTOCOL_VERSION, schemaVersion: SCHEMA_VERSION };
    expect(carried).toEqual(Object.fromEntries(calls.map(([name]) => [name, name === 'login' ? 'none' : expected])));
  });

  it('send the token in the Authorization header only, never in a URL (the event stream included)', async () => {
    const sent: Sent[] = [];
    const options = { baseUrl: 'http://sync.test', token: 'token-1', fetch: recordingFetch(sent) };
    const sync = createSyncApi(options);
    const admin = createAdminApi(options);
    for (const call of Object.values(syncCalls)) await call(sync);
    for (const call of Object.values(adminCalls)) await call(admin);
    const withoutLogin = sent.filter((request) => !request.url.pathname.endsWith('/login'));
    expect(withoutLogin.map((request) => request.headers.authorization)).toEqual(withoutLogin.map(() => 'Bearer token-1'));
    expect(sent.filter((request) => request.url.href.includes('token-1'))).toEqual([]);
    expect(sent.some((request) => request.url.pathname === '/v1/sync/events')).toBe(true);
  });
});
