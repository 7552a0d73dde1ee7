/** What the routes share: the database, a clock, the notify bus and the sync settings. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../auth/access';
import { canAdminister } from '../../shared/auth/access';
import { LoginLimiter } from '../auth/rate-limit';
import { DEFAULT_TOKEN_TTL_DAYS, principalForToken } from '../auth/sessions';
import type { Database } from '../store/db';
import { localEvents, type SyncEvents } from '../sync/events';
import { HttpError } from './errors';
import { now as clockNow } from '../../shared/clock';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export interface SyncSettings {
  tokenTtlDays: number;
  /** Failed logins allowed without delay per (username, address), per address and per username (auth/rate-limit.ts). */
  loginMaxFailures: number;
  loginMaxFailuresPerAddress: number;
  loginMaxFailuresPerUser: number;
  /** The longest login delay, and the longest the per-username delay may make the owner wait on a new address. */
  loginMaxDelayMs: number;
  loginMaxUserDelayMs: number;
  /** Failures are forgotten after this long without another. */
  loginWindowMs: number;
  /** SSE keep-alive comment interval. */
  heartbeatMs: number;
  /**
   * Event streams one user may hold open on one scope (windows and laptops);
   * a further one ends the oldest, which reconnects after the stream's retry
   * time if it is still wanted. Bounds what one token can make the server hold.
   */
  maxStreamsPerUserScope: number;
}

export const DEFAULT_SYNC_SETTINGS: SyncSettings = {
  tokenTtlDays: DEFAULT_TOKEN_TTL_DAYS,
  loginMaxFailures: 5,
  loginMaxFailuresPerAddress: 50,
  loginMaxFailuresPerUser: 20,
  loginMaxDelayMs: 15 * 60_000,
  loginMaxUserDelayMs: 60_000,
  loginWindowMs: 60 * 60_000,
  heartbeatMs: 25_000,
  maxStreamsPerUserScope: 8,
};

export interface Services {
  db: Database;
  now: () => Date;
  events: SyncEvents;
  settings: SyncSettings;
  loginLimiter: LoginLimiter;
}

export function makeServices(args: { db: Database; now?: () => Date; events?: SyncEvents; settings?: Partial<SyncSettings> }): Services {
  const settings = { ...DEFAULT_SYNC_SETTINGS, ...args.settings };
  const now = args.now ?? clockNow;
  const clockMs = () => now().getTime();
  return {
    db: args.db,
    now,
    events: args.events ?? localEvents(),
    settings,
    loginLimiter: new LoginLimiter({
      freePerPair: settings.loginMaxFailures,
      freePerAddress: settings.loginMaxFailuresPerAddress,
      freePerUser: settings.loginMaxFailuresPerUser,
      baseDelayMs: 1000,
      maxDelayMs: settings.loginMaxDelayMs,
      maxUserDelayMs: settings.loginMaxUserDelayMs,
      forgetAfterMs: settings.loginWindowMs,
      now: clockMs,
    }),
  };
}

// Only from the header: a token in a URL ends up in proxy and access logs.
function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header === 'string' && header.startsWith('Bearer ')) return header.slice(7).trim() || undefined;
  return undefined;
}

const TOKEN_MESSAGES: Record<string, string> = {
  UNAUTHORIZED: 'Log in first',
  TOKEN_INVALID: 'The device token is not valid; log in again',
  TOKEN_EXPIRED: 'The device token has expired; log in again',
  TOKEN_REVOKED: 'The device token was revoked; log in again',
  USER_DISABLED: 'This account is disabled',
};

/** A hook (onRequest: before the body is read) that requires a valid device token and sets request.principal. */
export function authenticate(services: Services) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const token = bearerToken(request);
    if (token === undefined) throw new HttpError(401, 'UNAUTHORIZED', TOKEN_MESSAGES.UNAUTHORIZED!);
    const found = await principalForToken(services.db, token, services.now());
    if (!found.ok) throw new HttpError(401, found.code, TOKEN_MESSAGES[found.code] ?? 'Log in again');
    request.principal = found.principal;
  };
}

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new HttpError(401, 'UNAUTHORIZED', TOKEN_MESSAGES.UNAUTHORIZED!);
  return request.principal;
}

export function requireAdmin(request: FastifyRequest): Principal {
  const principal = principalOf(request);
  if (!canAdminister(principal)) throw new HttpError(403, 'FORBIDDEN', 'Only administrators may do this');
  return principal;
}
