/**
 * /v1/records: a record's shared history (issue 15), for whoever may read the
 * record: an administrator, a supervisor or officer of its province, an
 * officer limited to some LAOs only for those (auth/access.ts canReadLao).
 */
import type { FastifyInstance } from 'fastify';
import { recordHistoryParamsSchema } from '../../shared/sync/history';
import { readRecordHistory } from '../sync/history';
import { HttpError } from './errors';
import { authenticate, principalOf, type Services } from './services';
import { requireVersions } from './versions';

export async function recordRoutes(app: FastifyInstance, options: { services: Services }): Promise<void> {
  const { services } = options;
  app.addHook('onRequest', authenticate(services));
  app.addHook('preHandler', requireVersions);

  app.get('/v1/records/:table/:id/history', async (request) => {
    const { table, id } = recordHistoryParamsSchema.parse(request.params);
    const answer = await readRecordHistory(services.db, principalOf(request), table, id.toLowerCase());
    // Absent and out of scope alike: nobody learns that a record they may not read exists.
    if (answer === null) throw new HttpError(404, 'NOT_FOUND', 'No such record');
    return answer;
  });
}
