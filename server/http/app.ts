import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { ServerConfig } from '../config';
import type { Database } from '../store/db';
import { registerErrorHandling, sendNotFound } from './errors';
import { healthRoutes } from './health';
import { referenceRoutes } from './reference';
import { isSpaRoute, registerStatic, sendIndexHtml } from './static';

export interface AppOptions {
  db: Database;
  config: Pick<ServerConfig, 'logLevel' | 'staticDir'>;
  /** Folder of the built renderer; defaults to config.staticDir. */
  staticDir?: string;
  /** Fastify logger; defaults to pino at config.logLevel. Tests pass false. */
  logger?: FastifyServerOptions['logger'];
}

/** The HTTP API (and optionally the renderer), ready for inject() or listen(). */
export function buildApp(options: AppOptions): FastifyInstance {
  const { db, config } = options;
  const staticDir = options.staticDir ?? config.staticDir;
  const app = Fastify({ logger: options.logger ?? { level: config.logLevel } });

  registerErrorHandling(app);
  app.register(healthRoutes, { db });
  app.register(referenceRoutes, { db });

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
