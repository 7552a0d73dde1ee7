/** Which LAOs an export covers: the chosen ones, else all of the district, else the province. Pure. */
import type { Lao } from '../../../shared/domain/reference';

export interface LaoChoice {
  district: string;
  laoIds: readonly string[];
}

export function selectedLaos<T extends Pick<Lao, 'id' | 'districtCode'>>(laos: readonly T[], choice: LaoChoice): T[] {
  const inDistrict = choice.district ? laos.filter((lao) => lao.districtCode === choice.district) : [...laos];
  if (choice.laoIds.length === 0) return inDistrict;
  const chosen = new Set(choice.laoIds);
  // LAOs chosen before the district changed are dropped rather than exported from the wrong district.
  return inDistrict.filter((lao) => chosen.has(lao.id));
}

/** The LAOs the picker offers: those of the district, or all. */
export function pickableLaos<T extends Pick<Lao, 'districtCode'>>(laos: readonly T[], district: string): T[] {
  return district ? laos.filter((lao) => lao.districtCode === district) : [...laos];
}

/** Ids still valid after the district changed. */
export function keepInDistrict<T extends Pick<Lao, 'id' | 'districtCode'>>(laos: readonly T[], laoIds: readonly string[], district: string): string[] {
  if (!district) return [...laoIds];
  const allowed = new Set(laos.filter((lao) => lao.districtCode === district).map((lao) => lao.id));
  return laoIds.filter((id) => allowed.has(id));
}
