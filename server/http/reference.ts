import type { FastifyInstance } from 'fastify';
import { canReadProvince, visibleLaoIds } from '../../shared/auth/access';
import type { Principal } from '../auth/access';
import type { Database } from '../store/db';
import { authenticate, principalOf, type Services } from './services';
import { requireVersions } from './versions';
import { calendarsInForce } from './calendars';
import { signOffsSeenBy } from '../sync/signoffs';

export interface ProvinceDto {
  code: string;
  nameTh: string;
  nameEn: string;
  demo: boolean;
}

export interface ReferenceUserDto {
  id: string;
  username: string;
  displayName: string;
  role: Principal['role'];
  provinceCodes: string[];
  /** The LAOs the user is assigned; null means every LAO of their provinces. */
  laoIds: string[] | null;
  /** ISO dates; null when not set or not the viewer's to see. */
  contractSignedOn: string | null;
  hiringDocsSentOn: string | null;
}

/**
 * A user as `viewer` sees them: assignments cut to the viewer's provinces and
 * LAOs, contract dates only for supervisors, administrators and the user themself.
 */
export function userSeenBy(viewer: Principal, user: ReferenceUserDto, visibleLaoIds: ReadonlySet<string>): ReferenceUserDto {
  if (viewer.role === 'admin') return user;
  const ownOrSupervised = viewer.id === user.id || viewer.role === 'supervisor';
  return {
    ...user,
    provinceCodes: user.provinceCodes.filter((code) => canReadProvince(viewer, code)),
    laoIds: user.laoIds === null ? null : user.laoIds.filter((id) => visibleLaoIds.has(id)),
    contractSignedOn: ownOrSupervised ? user.contractSignedOn : null,
    hiringDocsSentOn: ownOrSupervised ? user.hiringDocsSentOn : null,
  };
}

/** Province codes the user may read; null for administrators (all). */
function readableProvinces(principal: Principal): string[] | null {
  return principal.role === 'admin' ? null : principal.provinceCodes;
}

/** Reference data, read-only here (administrators write it through /v1/admin), filtered to the user's scope. */
export async function referenceRoutes(app: FastifyInstance, options: { services: Services }): Promise<void> {
  const { services } = options;
  const db: Database = services.db;
  app.addHook('onRequest', authenticate(services));
  app.addHook('preHandler', requireVersions);

  const provinces = async (principal: Principal) =>
    (
      await db.query<ProvinceDto>(
        `SELECT code, name_th AS "nameTh", name_en AS "nameEn", demo FROM provinces
         WHERE $1::text[] IS NULL OR code = ANY($1::text[]) ORDER BY code`,
        [readableProvinces(principal)],
      )
    ).rows;

  app.get('/v1/reference/provinces', async (request) => ({ provinces: await provinces(principalOf(request)) }));

  app.get('/v1/reference', async (request) => {
    const principal = principalOf(request);
    const scope = readableProvinces(principal);
    const districts = await db.query(
      `SELECT code, province_code AS "provinceCode", name_th AS "nameTh", name_en AS "nameEn" FROM districts
       WHERE $1::text[] IS NULL OR province_code = ANY($1::text[]) ORDER BY code`,
      [scope],
    );
    const laos = await db.query<{ id: string; provinceCode: string }>(
      `SELECT id, code, type, name_th AS "nameTh", name_en AS "nameEn", province_code AS "provinceCode", district_code AS "districtCode"
       FROM laos WHERE $1::text[] IS NULL OR province_code = ANY($1::text[]) ORDER BY code`,
      [scope],
    );
    const visibleLaos = laos.rows.filter((lao) => {
      if (!canReadProvince(principal, lao.provinceCode)) return false;
      const only = visibleLaoIds(principal, lao.provinceCode);
      return only === null || only.includes(lao.id);
    });
    const users = await db.query<ReferenceUserDto>(
      `SELECT id, username, display_name AS "displayName", role, province_codes AS "provinceCodes", lao_ids AS "laoIds",
              to_char(contract_signed_on, 'YYYY-MM-DD') AS "contractSignedOn", to_char(hiring_docs_sent_on, 'YYYY-MM-DD') AS "hiringDocsSentOn"
       FROM users WHERE $1::text[] IS NULL OR province_codes && $1::text[] OR id = $2 ORDER BY username`,
      [scope, principal.id],
    );
    const visibleIds = new Set(visibleLaos.map((lao) => lao.id));
    return {
      provinces: await provinces(principal),
      districts: districts.rows,
      laos: visibleLaos,
      users: users.rows.map((user) => userSeenBy(principal, user, visibleIds)),
      // The calendars in force, so every laptop follows a publication after its next sync.
      calendars: await calendarsInForce(db),
      // Sign-offs of the LAOs the user reads (reopened ones too), so a laptop refuses a locked edit offline.
      signOffs: await signOffsSeenBy(db, principal, visibleIds),
    };
  });
}
