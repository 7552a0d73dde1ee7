/**
 * Who may read and write what (design.md "Authorization"). The server decides
 * from its own assignments and re-checks every pushed mutation; the laptop
 * applies the same rules to offer only what a role may do.
 */
import type { SessionUser } from '../sync/protocol';

type Role = Pick<SessionUser, 'role'>;
type Scoped = Pick<SessionUser, 'role' | 'provinceCodes' | 'laoIds'>;
type LaoRef = { id: string; provinceCode: string };

/** Officers read their provinces (or only their LAOs); supervisors their provinces; admins all. */
export function canReadProvince(user: Scoped, provinceCode: string): boolean {
  return user.role === 'admin' || user.provinceCodes.includes(provinceCode);
}

/** LAOs of a readable province the user may see; null means all of them. */
export function visibleLaoIds(user: Scoped, provinceCode: string): string[] | null {
  if (user.role !== 'officer' || user.laoIds === null) return null;
  return canReadProvince(user, provinceCode) ? user.laoIds : [];
}

export function canReadLao(user: Scoped, lao: LaoRef): boolean {
  if (!canReadProvince(user, lao.provinceCode)) return false;
  const only = visibleLaoIds(user, lao.provinceCode);
  return only === null || only.includes(lao.id);
}

/** Records are written by officers of the LAO and by administrators; supervisors read. */
export function canWriteLao(user: Scoped, lao: LaoRef): boolean {
  if (user.role === 'admin') return true;
  return user.role === 'officer' && canReadLao(user, lao);
}

/**
 * On a laptop: nobody signed in means a device working on its own data (the
 * on-device demo), which writes what it holds; otherwise the server's rule.
 */
export function canWriteLaoHere(user: Scoped | null, lao: LaoRef): boolean {
  return user === null || canWriteLao(user, lao);
}

/** Conflicts are resolved by whoever may write the LAO, and by supervisors of its province. */
export function canResolveConflict(user: Scoped, lao: LaoRef): boolean {
  return canWriteLao(user, lao) || (user.role === 'supervisor' && canReadProvince(user, lao.provinceCode));
}

/** Users, roles, assignments and the registry: administrators only. */
export function canAdminister(user: Role): boolean {
  return user.role === 'admin';
}

/** The province-wide views of officers' work (officers page, dashboard): supervisors and administrators. */
export function canSupervise(user: Role): boolean {
  return user.role === 'supervisor' || user.role === 'admin';
}

/** Periods of an LAO are signed off and reopened by the supervisors of its province and by administrators. */
export function canSignOff(user: Scoped, lao: LaoRef): boolean {
  return user.role === 'admin' || (user.role === 'supervisor' && canReadProvince(user, lao.provinceCode));
}
