/**
 * The sync protocol on the wire (design.md "Sync protocol"): versions, and the
 * zod schemas of every request and response of /v1/auth and /v1/sync. The
 * server validates with them; the client may too.
 */
import { z } from 'zod';
import { RECORD_TABLES } from '../domain/tables';
import { USER_ROLES } from '../domain/reference';
import { jsonValue, queryInt, validText } from '../text';

/** Bumped when the wire format changes incompatibly. */
export const PROTOCOL_VERSION = 1;
/** Bumped when record schemas change in a way an older client would get wrong. */
export const SCHEMA_VERSION = 1;
/** The server accepts the current and the previous version of each, of those that exist (from 1). */
export const SUPPORTED_VERSIONS = 2;

export type VersionCheck = 'ok' | 'CLIENT_TOO_OLD' | 'SERVER_TOO_OLD';

/** Whether a client speaking these versions may sync with this server. */
export function checkClientVersions(protocolVersion: number, schemaVersion: number): VersionCheck {
  if (protocolVersion > PROTOCOL_VERSION || schemaVersion > SCHEMA_VERSION) return 'SERVER_TOO_OLD';
  // Versions start at 1: a client claiming 0 (or less) speaks one that never existed.
  const oldest = (current: number) => Math.max(1, current - SUPPORTED_VERSIONS + 1);
  if (protocolVersion < oldest(PROTOCOL_VERSION) || schemaVersion < oldest(SCHEMA_VERSION)) {
    return 'CLIENT_TOO_OLD';
  }
  return 'ok';
}

/** Most mutations in one push; a client splits its outbox into batches of this size. */
export const MAX_PUSH_BATCH = 500;
/** Largest page of pull or snapshot. */
export const MAX_PAGE_SIZE = 5000;
export const DEFAULT_PAGE_SIZE = 1000;

const versionInt = z.number().int().min(-1_000_000).max(1_000_000);
/** A client-made key (uuid or similar): nothing a query or a log line could misread. */
const idText = validText().regex(/^[A-Za-z0-9._:-]{1,100}$/);
export const deviceIdSchema = validText().regex(/^[A-Za-z0-9._:-]{8,100}$/);
export const provinceScopeSchema = validText().regex(/^\d{2}$/);
/** A record field's name, as the records' schemas spell them. */
const fieldNameSchema = validText().regex(/^[A-Za-z_][A-Za-z0-9_]{0,99}$/);

/** Bounded and checked before the merge compares the values (recursively). */
export const fieldChangeSchema = z.object({ old: jsonValue(), new: jsonValue() });

/** One outbox entry, exactly as renderer/data/db.ts writes it. */
export const mutationSchema = z.object({
  mutationId: idText,
  seq: z.number().int().min(1),
  table: z.enum(RECORD_TABLES),
  recordId: z.uuid(),
  op: z.enum(['upsert', 'delete']),
  baseVersion: z.number().int().min(0),
  changes: z.record(fieldNameSchema, fieldChangeSchema),
  author: validText().max(100),
  clientTime: validText().max(40),
});
export type Mutation = z.output<typeof mutationSchema>;

export const versionedSchema = z.object({ protocolVersion: versionInt, schemaVersion: versionInt });

export const pushRequestSchema = versionedSchema.extend({
  deviceId: deviceIdSchema,
  mutations: z.array(mutationSchema).max(MAX_PUSH_BATCH),
});
export type PushRequest = z.output<typeof pushRequestSchema>;

export const MUTATION_STATUSES = ['applied', 'merged', 'conflict', 'rejected'] as const;
export type MutationStatus = (typeof MUTATION_STATUSES)[number];

/** Why a mutation was refused; the client shows it and drops the entry. */
export const REJECT_CODES = [
  'VALIDATION_FAILED',
  'FORBIDDEN',
  'SCOPE_MISMATCH',
  'UNKNOWN_LAO',
  'IMMUTABLE_FIELD',
  'TABLE_MISMATCH',
  'NOT_FOUND',
  'MUTATION_ID_REUSED',
  /** The record lies in a period a supervisor signed off (shared/calendar/signoff.ts); reopening it lets the change through. */
  'PERIOD_SIGNED_OFF',
] as const;
export type RejectCode = (typeof REJECT_CODES)[number];

export interface MutationResult {
  mutationId: string;
  status: MutationStatus;
  /** The record's server version after this mutation (absent when rejected). */
  version?: number;
  /** Fields taken from the client. */
  appliedFields?: string[];
  /** The conflict row made for this mutation. */
  conflictId?: string;
  code?: RejectCode;
  issues?: { path: string; code: string; params?: Record<string, string | number> }[];
}

export interface PushResponse {
  results: MutationResult[];
  /** Highest seq of this device the server has stored. */
  lastSeq: number;
}

/** A synced record as the server sends it: envelope columns and the category's fields. */
export type WireRecord = {
  id: string;
  laoId: string;
  provinceCode: string;
  fiscalYear?: number;
  deleted: boolean;
  version: number;
  updatedAt: string;
  updatedBy: string;
} & Record<string, unknown>;

/**
 * fields: both changed one field; edit_vs_delete and delete_vs_edit: one
 * side deleted; duplicate: a second record of a one-per-period key (two
 * officers each created June's statistics offline) was set aside, and its
 * differing values wait here against the record the server kept.
 */
export const CONFLICT_KINDS = ['fields', 'edit_vs_delete', 'delete_vs_edit', 'duplicate'] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

/** A divergence kept for a person to resolve: the server value stayed, the client's is here. */
export interface SyncConflict {
  id: string;
  table: string;
  recordId: string;
  provinceCode: string;
  laoId: string;
  kind: ConflictKind;
  /** Per field: the client's base, the server value that stayed, the client's value. */
  fields: Record<string, { base: unknown; server: unknown; client: unknown }>;
  serverVersion: number;
  mutationId: string;
  author: string;
  deviceId: string;
  clientTime: string;
  createdAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
}

export type ChangeEntry =
  | { n: number; kind: 'record'; table: string; record: WireRecord }
  | { n: number; kind: 'conflict'; conflict: SyncConflict };

export const versionedQuerySchema = z.object({
  protocolVersion: queryInt(-1_000_000, 1_000_000),
  schemaVersion: queryInt(-1_000_000, 1_000_000),
});

export const pullQuerySchema = versionedQuerySchema.extend({
  scope: provinceScopeSchema,
  cursor: queryInt(0, Number.MAX_SAFE_INTEGER),
  limit: queryInt(1, MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
});

export interface PullResponse {
  scope: string;
  changes: ChangeEntry[];
  /** Pass it as the next cursor. */
  cursor: number;
  hasMore: boolean;
  /**
   * scopeChecksum of the client-visible rows at `cursor`, given on the last
   * page (hasMore false): a client whose own checksum differs re-fetches the scope.
   */
  checksum: number | null;
}

export const snapshotQuerySchema = versionedQuerySchema.extend({
  scope: provinceScopeSchema,
  /** Only this fiscal year; 0 for records without one. */
  fiscalYear: queryInt(0, 3000).optional(),
  /** The `next` token of the previous page. */
  after: validText().max(120).optional(),
  limit: queryInt(1, MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
});

/** A snapshot row names its table, since one page mixes every record table of the scope. */
export type SnapshotRecord = WireRecord & { table: string };

export interface SnapshotResponse {
  scope: string;
  records: SnapshotRecord[];
  /** Token for the next page, null on the last. */
  next: string | null;
  /** The scope's change-log position when this page was read; pull from the first page's cursor after the snapshot. */
  cursor: number;
  /** The fiscal year the server ordered first. */
  currentFiscalYear: number;
  /**
   * The scope's live records when the first page was read (the rows the whole
   * snapshot will send, give or take changes made meanwhile), so a client can
   * show "x of y"; null on later pages. Absent from servers before it was added.
   */
  total?: number | null;
}

export const loginRequestSchema = z.object({
  username: validText().min(1).max(64),
  password: validText().min(1).max(256),
  deviceId: deviceIdSchema,
  deviceName: validText().max(200).optional(),
});

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: (typeof USER_ROLES)[number];
  provinceCodes: string[];
  laoIds: string[] | null;
}

export interface LoginResponse {
  token: string;
  expiresAt: string;
  user: SessionUser;
}
