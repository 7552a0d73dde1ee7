import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { ServerConfig, TrustProxy } from '../config';
import type { Database } from '../store/db';
import { answerClientError, registerErrorHandling, sendFrameworkError, sendNotFound } from './errors';
import { registerShutdownAnswer, registerStrictJson } from './body';
import { healthRoutes } from './health';
import { adminRoutes } from './admin';
import { authRoutes } from './auth';
import { registerCors } from './cors';
import { recordRoutes } from './records';
import { referenceRoutes } from './reference';
import { makeServices, type SyncSettings } from './services';
import { syncRoutes } from './sync';
import type { SyncEvents } from '../sync/events';
import { isSpaRoute, registerStatic, sendIndexHtml } from './static';
import { registerUpdates } from './updates';
import { calendarRoutes } from './calendars';
import { signOffRoutes } from './signoffs';

export interface AppOptions {
  db: Database;
  config: Pick<ServerConfig, 'logLevel' | 'staticDir' | 'updatesDir'>;
  /** Folder of the built renderer; defaults to config.staticDir. */
  staticDir?: string;
  /** Fastify logger; defaults to pino at config.logLevel. Tests pass false. */
  logger?: FastifyServerOptions['logger'];
  /** The clock for tokens, rate limits and record timestamps (tests move it). */
  now?: () => Date;
  /** The notify bus; defaults to an in-process one. */
  events?: SyncEvents;
  settings?: Partial<SyncSettings>;
  /** Behind a TLS proxy: the proxies (or hop count) whose X-Forwarded-For gives the client address (login limits). */
  trustProxy?: TrustProxy;
}

/** The HTTP API (and optionally the renderer), ready for inject() or listen(). */
export function buildApp(options: AppOptions): FastifyInstance {
  const { db, config } = options;
  const staticDir = options.staticDir ?? config.staticDir;
  const hops = options.trustProxy;
  // A hop count as the function Fastify makes of one (its types omit numbers): the n nearest hops are proxies.
  const trustProxy = typeof hops === 'number' ? (_address: string, hop: number) => hop < hops : (hops ?? false);
  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel },
    trustProxy,
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
  app.register(recordRoutes, { services });
  app.register(calendarRoutes, { services });
  app.register(signOffRoutes, { services });
  registerUpdates(app, config.updatesDir);

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
