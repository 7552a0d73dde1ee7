/**
 * Every authenticated route carries the client's protocol and schema
 * versions (shared/sync/protocol.ts): in the query string, or in a JSON body
 * that holds them (push, POST pull). Only versions that exist pass.
 */
import type { FastifyRequest } from 'fastify';
import { checkClientVersions, versionedQuerySchema } from '../../shared/sync/protocol';
import { HttpError } from './errors';

/** 426 for a client older than the previous version, before its body is read any further. */
function checkVersions(input: unknown): void {
  const versions = versionedQuerySchema.safeParse(input);
  if (!versions.success) {
    throw new HttpError(400, 'VERSION_REQUIRED', 'Send protocolVersion and schemaVersion, as whole numbers, with every request');
  }
  const verdict = checkClientVersions(versions.data.protocolVersion, versions.data.schemaVersion);
  if (verdict === 'CLIENT_TOO_OLD') throw new HttpError(426, 'CLIENT_TOO_OLD', 'This app is too old for the server; update it (your data is kept)');
  if (verdict === 'SERVER_TOO_OLD') throw new HttpError(400, 'SERVER_TOO_OLD', 'The server is older than this app; ask the administrator to update it');
}

/** The preHandler every authenticated scope adds after authenticate(): the versions of the request, wherever it carries them. */
export async function requireVersions(request: FastifyRequest): Promise<void> {
  const body = request.body;
  const inBody = typeof body === 'object' && body !== null && !Array.isArray(body) && 'protocolVersion' in body;
  checkVersions(inBody ? body : request.query);
}
