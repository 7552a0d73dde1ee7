/** POST /v1/auth/login, POST /v1/auth/logout, GET /v1/auth/me. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { loginRequestSchema, type LoginResponse } from '../../shared/sync/protocol';
import { verifyPassword } from '../auth/password';
import { claimDevice, issueToken, principalForToken, revokeToken, toSessionUser, USER_COLUMNS, type UserRow } from '../auth/sessions';
import { HttpError } from './errors';
import { authenticate, principalOf, type Services } from './services';
import { requireVersions } from './versions';

export async function authRoutes(app: FastifyInstance, options: { services: Services }): Promise<void> {
  const { services } = options;
  const { db } = services;

  app.post('/v1/auth/login', async (request, reply) => {
    const body = loginRequestSchema.parse(request.body);
    const username = body.username.trim().toLowerCase();
    const trusted = await holdsSessionOf(request, username, body.deviceId);
    // Reserved before the first await of the check: concurrent guesses are counted as they arrive.
    const reservation = trusted ? undefined : services.loginLimiter.reserve(username, request.ip);
    if (reservation && !reservation.ok) {
      reply.header('Retry-After', String(Math.max(1, Math.ceil(reservation.retryAfterMs / 1000))));
      throw new HttpError(429, 'TOO_MANY_ATTEMPTS', 'Too many failed logins; wait and try again');
    }
    let outcome: 'success' | 'failure' = 'failure';
    try {
      const { rows } = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE username = $1`, [username]);
      const user = rows[0];
      const valid = await verifyPassword(body.password, user?.password_hash);
      if (!user || !valid || user.disabled) throw new HttpError(401, 'INVALID_CREDENTIALS', 'Wrong username or password');
      outcome = 'success';
      const issued = await db.transaction(async (tx) => {
        if (!(await claimDevice(tx, user.id, body.deviceId, services.now()))) {
          throw new HttpError(403, 'DEVICE_TAKEN', 'This device id belongs to another user; the app picks a new one for you');
        }
        return issueToken(tx, {
          userId: user.id,
          deviceId: body.deviceId,
          ...(body.deviceName === undefined ? {} : { deviceName: body.deviceName }),
          now: services.now(),
          ttlDays: services.settings.tokenTtlDays,
        });
      });
      const response: LoginResponse = { token: issued.token, expiresAt: issued.expiresAt.toISOString(), user: toSessionUser(user) };
      return response;
    } finally {
      reservation?.attempt.settle(outcome);
    }
  });

  /**
   * The login comes from a laptop that already holds a valid token of this
   * user for this device id, and shows it: the limiter never refuses it, so
   * guessers elsewhere cannot keep an officer out of their own laptop. The
   * token is asked for, not just the device id, because device ids are seen
   * by others (conflicts name them) and would otherwise unlock free guessing.
   */
  async function holdsSessionOf(request: FastifyRequest, username: string, deviceId: string): Promise<boolean> {
    const header = request.headers.authorization;
    if (typeof header !== 'string' || !header.startsWith('Bearer ')) return false;
    const found = await principalForToken(db, header.slice(7).trim(), services.now());
    return found.ok && found.principal.username === username && found.principal.deviceId === deviceId;
  }

  app.register(async (authed) => {
    authed.addHook('onRequest', authenticate(services));
    authed.addHook('preHandler', requireVersions);
    authed.post('/v1/auth/logout', async (request, reply) => {
      await revokeToken(db, principalOf(request).tokenId, services.now());
      return reply.status(204).send();
    });
    authed.get('/v1/auth/me', async (request) => {
      const { tokenId: _tokenId, deviceId, ...user } = principalOf(request);
      return { user, deviceId };
    });
  });
}

