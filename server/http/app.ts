import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { ServerConfig } from '../config';
import type { Database } from '../store/db';
import { answerClientError, registerErrorHandling, sendFrameworkError, sendNotFound } from './errors';
import { registerShutdownAnswer, registerStrictJson } from './body';
import { healthRoutes } from './health';
import { adminRoutes } from './admin';
import { authRoutes } from './auth';
import { registerCors } from './cors';
import { referenceRoutes } from './reference';
import { makeServices, type SyncSettings } from './services';
import { syncRoutes } from './sync';
import type { SyncEvents } from '../sync/events';
import { isSpaRoute, registerStatic, sendIndexHtml } from './static';

export interface AppOptions {
  db: Database;
  config: Pick<ServerConfig, 'logLevel' | 'staticDir'>;
  /** Folder of the built renderer; defaults to config.staticDir. */
  staticDir?: string;
  /** Fastify logger; defaults to pino at config.logLevel. Tests pass false. */
  logger?: FastifyServerOptions['logger'];
  /** The clock for tokens, rate limits and record timestamps (tests move it). */
  now?: () => Date;
  /** The notify bus; defaults to an in-process one. */
  events?: SyncEvents;
  settings?: Partial<SyncSettings>;
  /** Behind a TLS proxy: take the client address from X-Forwarded-For (login rate limits). */
  trustProxy?: boolean;
}

/** The HTTP API (and optionally the renderer), ready for inject() or listen(). */
export function buildApp(options: AppOptions): FastifyInstance {
  const { db, config } = options;
  const staticDir = options.staticDir ?? config.staticDir;
  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel },
    trustProxy: options.trustProxy ?? false,
    // Fastify's and Node's own refusals answer {code, message} like every other error.
    frameworkErrors: sendFrameworkError,
    clientErrorHandler: answerClientError,
    return503OnClosing: false, // registerShutdownAnswer answers in our shape
  });
  const services = makeServices({
    db,
    ...(options.now ? { now: options.now } : {}),
    ...(options.events ? { events: options.events } : {}),
    ...(options.settings ? { settings: options.settings } : {}),
  });
  app.decorateRequest('principal', null);

  registerErrorHandling(app);
  registerShutdownAnswer(app);
  registerStrictJson(app);
  registerCors(app);
  app.register(healthRoutes, { db });
  app.register(authRoutes, { services });
  app.register(referenceRoutes, { services });
  app.register(adminRoutes, { services });
  app.register(syncRoutes, { services });

  if (staticDir === undefined) {
    app.setNotFoundHandler(sendNotFound);
  } else {
    registerStatic(app, staticDir);
    app.setNotFoundHandler((request, reply) =>
      isSpaRoute(request) ? sendIndexHtml(reply) : sendNotFound(request, reply),
    );
  }
  return app;
}
