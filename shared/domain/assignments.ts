/** Which LAOs an officer answers for, as every screen and workbook counts them. */
import type { Lao, User } from './reference';

type Assigned = Pick<User, 'provinceCodes'> & { laoIds?: readonly string[] | null };

/**
 * The LAOs of `laos` assigned to `user`: the listed ones, or, with no list
 * (null or absent), every LAO of the user's provinces. An id not among `laos`
 * (an LAO this device does not hold) is not counted.
 */
export function assignedLaoIds(user: Assigned, laos: readonly Pick<Lao, 'id' | 'provinceCode'>[]): string[] {
  if (user.laoIds) {
    const listed = new Set(user.laoIds);
    return laos.filter((lao) => listed.has(lao.id)).map((lao) => lao.id);
  }
  const provinces = new Set(user.provinceCodes);
  return laos.filter((lao) => provinces.has(lao.provinceCode)).map((lao) => lao.id);
}
