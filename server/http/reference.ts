import type { FastifyInstance } from 'fastify';
import type { Database } from '../store/db';

export interface ProvinceDto {
  code: string;
  nameTh: string;
  nameEn: string;
  demo: boolean;
}

/** Read-only reference data. Authorization arrives with server/auth. */
export async function referenceRoutes(
  app: FastifyInstance,
  options: { db: Database },
): Promise<void> {
  const { db } = options;
  app.get('/v1/reference/provinces', async () => {
    const { rows } = await db.query<ProvinceDto>(
      'SELECT code, name_th AS "nameTh", name_en AS "nameEn", demo FROM provinces ORDER BY code',
    );
    return { provinces: rows };
  });
}
