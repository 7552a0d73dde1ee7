/**
 * Who may read and write what (design.md "Authorization"), decided from the
 * server's own assignments, never from the request body.
 */
import type { SessionUser } from '../../shared/sync/protocol';

export type Principal = SessionUser & { tokenId: string; deviceId: string };

/** Officers read their provinces (or only their LAOs); supervisors their provinces; admins all. */
export function canReadProvince(user: SessionUser, provinceCode: string): boolean {
  return user.role === 'admin' || user.provinceCodes.includes(provinceCode);
}

/** LAOs of a readable province the user may see; null means all of them. */
export function visibleLaoIds(user: SessionUser, provinceCode: string): string[] | null {
  if (user.role !== 'officer' || user.laoIds === null) return null;
  return canReadProvince(user, provinceCode) ? user.laoIds : [];
}

export function canReadLao(user: SessionUser, lao: { id: string; provinceCode: string }): boolean {
  if (!canReadProvince(user, lao.provinceCode)) return false;
  const only = visibleLaoIds(user, lao.provinceCode);
  return only === null || only.includes(lao.id);
}

/** Records are written by officers of the LAO and by administrators; supervisors read. */
export function canWriteLao(user: SessionUser, lao: { id: string; provinceCode: string }): boolean {
  if (user.role === 'admin') return true;
  return user.role === 'officer' && canReadLao(user, lao);
}

/** Conflicts are resolved by whoever may write the LAO, and by supervisors of its province. */
export function canResolveConflict(user: SessionUser, lao: { id: string; provinceCode: string }): boolean {
  return canWriteLao(user, lao) || (user.role === 'supervisor' && canReadProvince(user, lao.provinceCode));
}
