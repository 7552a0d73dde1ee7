/**
 * The sync server's HTTP API as typed calls. Every failure is a SyncError
 * with a code the UI translates (style.md: errors are values with codes).
 */
import {
  PROTOCOL_VERSION,
  SCHEMA_VERSION,
  type LoginResponse,
  type Mutation,
  type PullResponse,
  type SessionUser,
  type PushResponse,
  type SnapshotResponse,
  type SyncConflict,
} from '../../shared/sync/protocol';
import type { PublishCalendarBody } from '../../shared/calendar/publication';
import type { SignOffRequest } from '../../shared/calendar/signoff';
import type { RecordTable } from '../../shared/domain/tables';
import { recordHistoryResponseSchema, type RecordHistoryResponse } from '../../shared/sync/history';
import { INVALID_TEXT } from '../../shared/text';
import { readEventStream, type ServerEvent } from './eventStream';

export const SYNC_ERROR_CODES = [
  'NETWORK',
  'UNAUTHORIZED',
  'INVALID_CREDENTIALS',
  'TOO_MANY_ATTEMPTS',
  'FORBIDDEN',
  'RESET_REQUIRED',
  'CLIENT_TOO_OLD',
  'SERVER_TOO_OLD',
  'SERVER_ERROR',
  'BAD_RESPONSE',
  'INVALID_TEXT',
  'DEVICE_TAKEN',
] as const;
export type SyncErrorCode = (typeof SYNC_ERROR_CODES)[number];

export class SyncError extends Error {
  constructor(
    readonly code: SyncErrorCode,
    readonly status: number = 0,
    /** The server's own code ('USERNAME_TAKEN', 'VALIDATION_FAILED', …) when it sent one. */
    readonly serverCode: string | null = null,
  ) {
    super(code);
    this.name = 'SyncError';
  }
}

export function syncErrorCode(error: unknown): SyncErrorCode {
  return error instanceof SyncError ? error.code : 'NETWORK';
}

const KNOWN_CODES = new Set<string>(['INVALID_CREDENTIALS', 'TOO_MANY_ATTEMPTS', 'RESET_REQUIRED', 'CLIENT_TOO_OLD', 'SERVER_TOO_OLD', 'FORBIDDEN', INVALID_TEXT, 'DEVICE_TAKEN']);

function serverCodeOf(body: unknown): string | null {
  const code = typeof body === 'object' && body !== null ? (body as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : null;
}

function codeOf(status: number, body: unknown): SyncErrorCode {
  const code = typeof body === 'object' && body !== null ? (body as { code?: unknown }).code : undefined;
  if (typeof code === 'string' && KNOWN_CODES.has(code)) return code as SyncErrorCode;
  if (status === 401) return 'UNAUTHORIZED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 426) return 'CLIENT_TOO_OLD';
  return status >= 500 ? 'SERVER_ERROR' : 'BAD_RESPONSE';
}

export interface ReferenceData {
  provinces: Record<string, unknown>[];
  districts: Record<string, unknown>[];
  laos: Record<string, unknown>[];
  users: Record<string, unknown>[];
  /** The calendars in force (issue 17); checked before they are stored. Absent from an older server. */
  calendars?: unknown[];
  /** Sign-offs of the LAOs the user reads, reopened ones too; checked before they are stored. */
  signOffs?: unknown[];
}

export interface SyncApi {
  login(body: { username: string; password: string; deviceId: string; deviceName?: string }): Promise<LoginResponse>;
  /** Revokes this device's token on the server. */
  logout(): Promise<void>;
  reference(): Promise<ReferenceData>;
  push(deviceId: string, mutations: Mutation[]): Promise<PushResponse>;
  pull(scope: string, cursor: number, limit?: number): Promise<PullResponse>;
  snapshot(scope: string, after: string | null, limit?: number): Promise<SnapshotResponse>;
  /**
   * Reads the province's event stream (the token in a header, never the URL) until
   * `signal` aborts or the server refuses it; resolves then.
   */
  events(scope: string, handlers: EventHandlers): Promise<void>;
  /** Open conflicts of a province the user may read (a supervisor gets the whole province). */
  listConflicts(scope: string): Promise<{ conflicts: SyncConflict[] }>;
  /** Marks a conflict resolved; the chosen value itself syncs as an ordinary edit. */
  resolveConflict(id: string): Promise<{ conflict: SyncConflict }>;
  /** A record's shared history, newest first; 404 when the server does not hold the record (or not for this user). */
  recordHistory(table: RecordTable, id: string): Promise<RecordHistoryResponse>;
  /** Every published version of a fiscal year's calendar, newest first. */
  calendarVersions(fiscalYear: number): Promise<{ versions: unknown[] }>;
  /** Signs tasks of a period off for LAOs (supervisors of the province, administrators); answers the sign-offs made. */
  /** The answer as received: storeSignOffs and the caller check it (SignOffAnswer in shared/calendar/signoff.ts). */
  signOff(body: SignOffRequest): Promise<{ signOffs: unknown[]; stale?: unknown }>;
  /** Reopens a sign-off, with the reason. */
  reopenSignOff(id: string, reason: string): Promise<{ signOff: unknown }>;
}

export interface EventHandlers {
  signal: AbortSignal;
  onEvent(event: ServerEvent): void;
  /** The server refused the stream (a revoked token, a too-old app…); it is not retried. */
  onRefused(error: SyncError): void;
}

export interface ApiOptions {
  baseUrl: string;
  token?: string | null;
  fetch?: typeof fetch;
}

const versions = `protocolVersion=${PROTOCOL_VERSION}&schemaVersion=${SCHEMA_VERSION}`;

type Method = 'GET' | 'POST' | 'PATCH';

/** One JSON call to the server: the token attached, every failure a SyncError with a code. */
function caller(options: ApiOptions) {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch: typeof fetch = options.fetch ?? ((input, init) => fetch(input, init));
  const tokenHeader = (): Record<string, string> => (options.token ? { authorization: `Bearer ${options.token}` } : {});

  async function call<T>(method: Method, path: string, body?: unknown): Promise<T> {
    const headers = tokenHeader();
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    } catch {
      throw new SyncError('NETWORK');
    }
    if (response.status === 204) return undefined as T;
    let parsed: unknown = null;
    try {
      parsed = await response.json();
    } catch {
      if (response.ok) throw new SyncError('BAD_RESPONSE', response.status, null);
    }
    if (!response.ok) throw new SyncError(codeOf(response.status, parsed), response.status, serverCodeOf(parsed));
    return parsed as T;
  }
  return { base, call, doFetch, tokenHeader };
}

export function createSyncApi(options: ApiOptions): SyncApi {
  const { base, call, doFetch, tokenHeader } = caller(options);

  return {
    login: (body) => call('POST', '/v1/auth/login', body),
    logout: () => call('POST', `/v1/auth/logout?${versions}`),
    reference: () => call('GET', `/v1/reference?${versions}`),
    push: (deviceId, mutations) =>
      call('POST', '/v1/sync/push', { protocolVersion: PROTOCOL_VERSION, schemaVersion: SCHEMA_VERSION, deviceId, mutations }),
    pull: (scope, cursor, limit = 1000) => call('GET', `/v1/sync/pull?scope=${scope}&cursor=${cursor}&limit=${limit}&${versions}`),
    snapshot: (scope, after, limit = 2000) =>
      call('GET', `/v1/sync/snapshot?scope=${scope}&limit=${limit}&${versions}${after ? `&after=${encodeURIComponent(after)}` : ''}`),
    listConflicts: (scope) => call('GET', `/v1/sync/conflicts?scope=${scope}&open=true&${versions}`),
    resolveConflict: (id) => call('POST', `/v1/sync/conflicts/${encodeURIComponent(id)}/resolve?${versions}`, {}),
    recordHistory: async (table, id) => {
      const parsed = recordHistoryResponseSchema.safeParse(await call('GET', `/v1/records/${table}/${encodeURIComponent(id)}/history?${versions}`));
      if (!parsed.success) throw new SyncError('BAD_RESPONSE', 200);
      return parsed.data;
    },
    calendarVersions: (fiscalYear) => call('GET', `/v1/calendars/${fiscalYear}/versions?${versions}`),
    signOff: (body) => call('POST', `/v1/signoffs?${versions}`, body),
    reopenSignOff: (id, reason) => call('POST', `/v1/signoffs/${encodeURIComponent(id)}/reopen?${versions}`, { reason }),
    events: (scope, handlers) =>
      readEventStream({
        url: `${base}/v1/sync/events?scope=${scope}&${versions}`,
        headers: tokenHeader(),
        fetch: doFetch,
        signal: handlers.signal,
        onEvent: handlers.onEvent,
        onRefused: (status, body) => handlers.onRefused(new SyncError(codeOf(status, body), status, serverCodeOf(body))),
      }),
  };
}

/** A user as administrators see it (GET /v1/admin/users). */
export interface AdminUser extends SessionUser {
  disabled: boolean;
  hasPassword: boolean;
  /** ISO dates of the employment contract and of sending the hiring documents to DLA. */
  contractSignedOn: string | null;
  hiringDocsSentOn: string | null;
}

export interface NewUser {
  username: string;
  displayName: string;
  role: SessionUser['role'];
  provinceCodes: string[];
  laoIds: string[] | null;
  password: string;
  contractSignedOn?: string | null;
  hiringDocsSentOn?: string | null;
}

export type UserChange = Partial<Omit<NewUser, 'username'>> & { disabled?: boolean };

export interface AdminApi {
  users(): Promise<{ users: AdminUser[] }>;
  createUser(user: NewUser): Promise<{ user: AdminUser }>;
  updateUser(id: string, change: UserChange): Promise<{ user: AdminUser }>;
  revokeTokens(id: string): Promise<{ revoked: number }>;
  /** Provinces, districts and LAOs of a registry file, stored by the server in one transaction. */
  importReference(file: { provinces: object[]; districts: object[]; laos: object[] }): Promise<{ provinces: number; districts: number; laos: number; keptIds?: Record<string, string> }>;
  /** Publishes a fiscal year's calendar on top of `baseVersion` (null: none was published); 409 CALENDAR_STALE when another came first. */
  publishCalendar(fiscalYear: number, body: PublishCalendarBody): Promise<{ calendar: unknown; unchanged: boolean }>;
}

/** The administrators' part of the API: users, roles and assignments. */
export function createAdminApi(options: ApiOptions): AdminApi {
  const { call } = caller(options);
  return {
    users: () => call('GET', `/v1/admin/users?${versions}`),
    createUser: (user) => call('POST', `/v1/admin/users?${versions}`, user),
    updateUser: (id, change) => call('PATCH', `/v1/admin/users/${encodeURIComponent(id)}?${versions}`, change),
    revokeTokens: (id) => call('POST', `/v1/admin/users/${encodeURIComponent(id)}/revoke-tokens?${versions}`, {}),
    importReference: (file) => call('POST', `/v1/admin/reference/import?${versions}`, file),
    publishCalendar: (fiscalYear, body) => call('POST', `/v1/admin/calendars/${fiscalYear}?${versions}`, body),
  };
}
