/** POST /v1/auth/login, POST /v1/auth/logout, GET /v1/auth/me. */
import type { FastifyInstance } from 'fastify';
import { loginRequestSchema, type LoginResponse } from '../../shared/sync/protocol';
import { verifyPassword } from '../auth/password';
import { issueToken, revokeToken, toSessionUser, USER_COLUMNS, type UserRow } from '../auth/sessions';
import { HttpError } from './errors';
import { authenticate, principalOf, type Services } from './services';
import { requireVersions } from './versions';

export async function authRoutes(app: FastifyInstance, options: { services: Services }): Promise<void> {
  const { services } = options;
  const { db } = services;

  app.post('/v1/auth/login', async (request, reply) => {
    const body = loginRequestSchema.parse(request.body);
    const userKey = body.username.trim().toLowerCase();
    const addressKey = request.ip;
    const wait = Math.max(services.loginByUser.retryAfterMs(userKey), services.loginByAddress.retryAfterMs(addressKey));
    if (wait > 0) {
      reply.header('Retry-After', String(Math.ceil(wait / 1000)));
      throw new HttpError(429, 'TOO_MANY_ATTEMPTS', 'Too many failed logins; wait and try again');
    }
    const { rows } = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE username = $1`, [userKey]);
    const user = rows[0];
    const valid = await verifyPassword(body.password, user?.password_hash);
    if (!user || !valid || user.disabled) {
      services.loginByUser.fail(userKey);
      services.loginByAddress.fail(addressKey);
      throw new HttpError(401, 'INVALID_CREDENTIALS', 'Wrong username or password');
    }
    services.loginByUser.reset(userKey);
    const issued = await issueToken(db, {
      userId: user.id,
      deviceId: body.deviceId,
      ...(body.deviceName === undefined ? {} : { deviceName: body.deviceName }),
      now: services.now(),
      ttlDays: services.settings.tokenTtlDays,
    });
    const response: LoginResponse = { token: issued.token, expiresAt: issued.expiresAt.toISOString(), user: toSessionUser(user) };
    return response;
  });

  app.register(async (authed) => {
    authed.addHook('preHandler', authenticate(services));
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
