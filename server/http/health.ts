import type { FastifyInstance } from 'fastify';
import type { Database, DatabaseKind } from '../store/db';
import { currentSchemaVersion } from '../store/migrate';
import { SCHEMA_VERSION } from '../../shared/sync/protocol';
import { PROTOCOL_VERSION, SERVER_VERSION } from '../version';

export interface HealthOk {
  status: 'ok';
  database: DatabaseKind;
  /** The last database migration applied (server/store/migrations). */
  databaseMigration: number;
  /** The sync protocol's versions this server speaks (shared/sync/protocol.ts). */
  protocolVersion: number;
  schemaVersion: number;
  serverVersion: string;
}

export interface HealthError {
  status: 'error';
  code: 'DB_UNAVAILABLE';
  message: string;
}

/** GET /v1/health: answers 200 only when the database answers a real query. */
export async function healthRoutes(app: FastifyInstance, options: { db: Database }): Promise<void> {
  const { db } = options;
  app.get('/v1/health', async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    try {
      const body: HealthOk = {
        status: 'ok',
        database: db.kind,
        databaseMigration: await currentSchemaVersion(db),
        protocolVersion: PROTOCOL_VERSION,
        schemaVersion: SCHEMA_VERSION,
        serverVersion: SERVER_VERSION,
      };
      return body;
    } catch (error) {
      request.log.warn({ err: error }, 'health check: database unavailable');
      const body: HealthError = {
        status: 'error',
        code: 'DB_UNAVAILABLE',
        message: 'The database is not available',
      };
      return reply.status(503).send(body);
    }
  });
}
