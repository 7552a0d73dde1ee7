/**
 * Every sync route, and the authenticated routes a syncing app calls
 * (/v1/auth/me, /v1/reference, /v1/sync/conflicts), carry the client's
 * protocol and schema versions (shared/sync/protocol.ts).
 */
import { checkClientVersions, versionedQuerySchema } from '../../shared/sync/protocol';
import { HttpError } from './errors';

/** 426 for a client older than the previous version, before its body is read any further. */
export function checkVersions(input: unknown): void {
  const versions = versionedQuerySchema.safeParse(input);
  if (!versions.success) {
    throw new HttpError(400, 'VERSION_REQUIRED', 'Send protocolVersion and schemaVersion with every sync request');
  }
  const verdict = checkClientVersions(versions.data.protocolVersion, versions.data.schemaVersion);
  if (verdict === 'CLIENT_TOO_OLD') throw new HttpError(426, 'CLIENT_TOO_OLD', 'This app is too old for the server; update it (your data is kept)');
  if (verdict === 'SERVER_TOO_OLD') throw new HttpError(400, 'SERVER_TOO_OLD', 'The server is older than this app; ask the administrator to update it');
}
