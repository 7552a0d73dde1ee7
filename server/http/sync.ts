/**
 * /v1/sync: push, pull, snapshot, events (SSE) and conflicts. Every route
 * needs a device token; every scope is checked against the server's own
 * assignments of the user.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { fiscalYearOf } from '../../shared/calendar/fiscal';
import { uuid } from '../../shared/domain/common';
import {
  provinceScopeSchema,
  pullQuerySchema,
  pushRequestSchema,
  snapshotQuerySchema,
} from '../../shared/sync/protocol';
import { canReadProvince, visibleLaoIds } from '../../shared/auth/access';
import type { Principal } from '../auth/access';
import { applyPush } from '../sync/push';
import { pullChanges, snapshotPageJson, type ScopeView } from '../sync/pull';
import { listConflicts, resolveConflict } from '../sync/conflicts';
import { HttpError } from './errors';
import { requireVersions } from './versions';
import { authenticate, principalOf, type Services } from './services';

export function scopeView(principal: Principal, provinceCode: string): ScopeView {
  if (!canReadProvince(principal, provinceCode)) throw new HttpError(403, 'FORBIDDEN', 'You are not assigned to this province');
  return { provinceCode, laoIds: visibleLaoIds(principal, provinceCode) };
}

// Big enough for MAX_PUSH_BATCH ordinary mutations; larger bodies get 413.
const PUSH_BODY_LIMIT = 8 * 1024 * 1024;

export async function syncRoutes(app: FastifyInstance, options: { services: Services }): Promise<void> {
  const { services } = options;
  const { db } = services;
  // On request, before the body is read: an unauthenticated push is refused unread.
  app.addHook('onRequest', authenticate(services));
  app.addHook('preHandler', requireVersions);
  // Open event streams, ended before the server waits for its connections to finish.
  const streams = new Set<() => void>();
  // The same streams by user and scope, oldest first: a user's further stream ends the oldest (settings.maxStreamsPerUserScope).
  const streamsOf = new Map<string, Set<() => void>>();
  app.addHook('preClose', async () => {
    for (const end of streams) end();
  });

  app.post('/v1/sync/push', { bodyLimit: PUSH_BODY_LIMIT }, async (request) => {
    const body = pushRequestSchema.parse(request.body);
    const principal = principalOf(request);
    if (body.deviceId !== principal.deviceId) {
      throw new HttpError(403, 'DEVICE_MISMATCH', 'This token was issued to another device; log in on this device');
    }
    const outcome = await applyPush(db, principal, body, services.now());
    await services.events.publish(outcome.heads).catch((error: unknown) => request.log.warn({ err: error }, 'notify failed'));
    return outcome.response;
  });

  const pull = async (request: FastifyRequest, input: unknown) => {
    const query = pullQuerySchema.parse(input);
    return pullChanges(db, scopeView(principalOf(request), query.scope), query.cursor, query.limit);
  };
  app.get('/v1/sync/pull', async (request) => pull(request, request.query));
  app.post('/v1/sync/pull', async (request) => pull(request, request.body));

  app.get('/v1/sync/snapshot', async (request, reply) => {
    const query = snapshotQuerySchema.parse(request.query);
    const view = scopeView(principalOf(request), query.scope);
    // The database writes the page's JSON; it goes out without a parse and re-serialization here.
    const body = await snapshotPageJson(db, view, {
      ...(query.fiscalYear === undefined ? {} : { fiscalYear: query.fiscalYear }),
      ...(query.after === undefined ? {} : { after: query.after }),
      limit: query.limit,
      currentFiscalYear: fiscalYearOf(services.now()),
    });
    return reply.type('application/json; charset=utf-8').send(body);
  });

  app.get('/v1/sync/conflicts', async (request) => {
    const query = z.object({ scope: provinceScopeSchema, open: z.enum(['true', 'false']).default('true') }).parse(request.query);
    const view = scopeView(principalOf(request), query.scope);
    return { conflicts: await listConflicts(db, view, query.open === 'true') };
  });

  app.post('/v1/sync/conflicts/:id/resolve', async (request) => {
    const { id } = z.object({ id: uuid() }).parse(request.params);
    const outcome = await resolveConflict(db, principalOf(request), id, services.now());
    await services.events.publish(outcome.heads).catch((error: unknown) => request.log.warn({ err: error }, 'notify failed'));
    return { conflict: outcome.conflict };
  });

  app.get('/v1/sync/events', async (request, reply) => {
    const { scope } = z.object({ scope: provinceScopeSchema }).parse(request.query);
    const principal = principalOf(request);
    scopeView(principal, scope);
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    raw.write(`retry: 5000\nevent: ready\ndata: ${JSON.stringify({ scope })}\n\n`);
    const unsubscribe = services.events.subscribe(scope, (cursor) => {
      raw.write(`event: change\ndata: ${JSON.stringify({ scope, cursor })}\n\n`);
    });
    const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), services.settings.heartbeatMs);
    const key = `${principal.id}|${scope}`;
    const mine = streamsOf.get(key) ?? new Set<() => void>();
    const stop = () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(end);
      mine.delete(end);
      if (mine.size === 0 && streamsOf.get(key) === mine) streamsOf.delete(key);
    };
    // At shutdown (or when the user opened too many) the socket goes too, so nothing waits for an idle keep-alive.
    const end = () => {
      stop();
      raw.end(() => raw.socket?.destroy());
    };
    for (const oldest of [...mine].slice(0, Math.max(0, mine.size - services.settings.maxStreamsPerUserScope + 1))) oldest();
    streams.add(end);
    mine.add(end);
    streamsOf.set(key, mine);
    request.raw.on('close', stop);
  });
}
