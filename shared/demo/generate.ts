/**
 * A deterministic demo province: reference data plus records of every table
 * for each LAO, some complete and some lagging, all valid under the schemas.
 */
import { fiscalYearOf, fiscalYearRange } from '../calendar/fiscal';
import { addDays } from '../calendar/isoDate';
import { LAO_TYPES, type District, type Lao, type LaoType, type Province, type User } from '../domain/index';
import { generateBudgetYear } from './budget';
import { emptyRecords, type DemoProfile, type DemoRecords, type LaoGen } from './laoContext';
import { generateMonthly } from './monthly';
import { generatePlanPeriod, planPeriodOf, type DemoProject } from './planning';
import { hash32, IdFactory, Rng } from './prng';
import { personName, uniquePlaceName } from './names';

export type { DemoProfile, DemoRecords } from './laoContext';

export interface DemoOptions {
  seed: number | string;
  laoCount?: number;
  fiscalYears?: readonly number[];
  /** The "today" of the dataset: nothing happens after it. */
  asOf?: string;
  /** Multiplies items, projects and activities per LAO; 1 gives ~1M records for 334 LAOs and 2 years. */
  recordScale?: number;
}

export interface DemoReference {
  province: Province;
  districts: District[];
  laos: Lao[];
  users: User[];
  /** How far behind each LAO is in the latest fiscal year, by LAO id. */
  profiles: Record<string, DemoProfile>;
  /** The officer who enters each LAO's data, by LAO id. */
  officerOf: Record<string, string>;
}

export interface DemoDataset extends DemoReference {
  records: DemoRecords;
  /** What it was generated from: the same options give the same rows, ids included. */
  options: DemoOptions;
}

export const DEMO_PROVINCE_CODE = '99';

interface Resolved {
  seed: number;
  laoCount: number;
  fiscalYears: number[];
  asOf: string;
  recordScale: number;
  baseMs: number;
}

function resolve(options: DemoOptions): Resolved {
  const asOf = options.asOf ?? '2026-11-25';
  return {
    seed: typeof options.seed === 'number' ? options.seed >>> 0 : hash32(options.seed),
    laoCount: Math.max(1, Math.floor(options.laoCount ?? 100)),
    fiscalYears: [...new Set(options.fiscalYears ?? [2567, 2568])].sort((a, b) => a - b),
    asOf,
    recordScale: options.recordScale ?? 1,
    baseMs: Date.parse(`${asOf}T00:00:00Z`),
  };
}

/** Type counts as mission.md's national mix: 1 PAO, ~1% city, ~5% town, ~30% subdistrict municipality, rest SAO. */
export function laoTypeMix(laoCount: number): LaoType[] {
  const rest = Math.max(0, laoCount - 1);
  const city = Math.min(rest, Math.round(laoCount * 0.01));
  const town = Math.min(rest - city, Math.round(laoCount * 0.05));
  const sdm = Math.min(rest - city - town, Math.round(laoCount * 0.3));
  const types: LaoType[] = ['PAO'];
  types.push(...Array<LaoType>(city).fill('CITY_MUNICIPALITY'), ...Array<LaoType>(town).fill('TOWN_MUNICIPALITY'));
  types.push(...Array<LaoType>(sdm).fill('SUBDISTRICT_MUNICIPALITY'));
  types.push(...Array<LaoType>(rest - city - town - sdm).fill('SAO'));
  return types.slice(0, laoCount);
}

export function generateDemoReference(options: DemoOptions): DemoReference {
  const o = resolve(options);
  const rng = new Rng(o.seed).fork('reference');
  const ids = new IdFactory(rng.fork('ids'), o.baseMs, 0);
  const usedNames = new Set<string>(['สาธิต']);
  const province: Province = { code: DEMO_PROVINCE_CODE, nameTh: 'จังหวัดสาธิต', nameEn: 'Demo Province', demo: true };

  const districtCount = Math.min(25, Math.max(10, Math.round(o.laoCount / 9)));
  const districts: District[] = Array.from({ length: districtCount }, (_, i) => {
    const place = i === 0 ? { th: 'เมืองสาธิต', en: 'Mueang Demo' } : uniquePlaceName(rng, usedNames);
    return { code: `${DEMO_PROVINCE_CODE}${String(i + 1).padStart(2, '0')}`, provinceCode: DEMO_PROVINCE_CODE, nameTh: place.th, nameEn: place.en };
  });

  const [pao, ...others] = laoTypeMix(o.laoCount);
  // Larger municipalities sit in the capital district; the rest spread over all districts.
  const ordered = [...others.filter((t) => t === 'CITY_MUNICIPALITY'), ...rng.shuffle(others.filter((t) => t !== 'CITY_MUNICIPALITY'))];
  const perDistrict = new Map<string, number>();
  const laos: Lao[] = [];
  if (pao) laos.push(makeLao(ids.next(), 'PAO', `${DEMO_PROVINCE_CODE}00001`, districts[0]!, { th: 'สาธิต', en: 'Demo' }));
  ordered.forEach((type, i) => {
    const district = type === 'CITY_MUNICIPALITY' ? districts[0]! : i < districtCount ? districts[i]! : rng.pick(districts);
    const n = (perDistrict.get(district.code) ?? 0) + 1;
    perDistrict.set(district.code, n);
    const place = type === 'CITY_MUNICIPALITY' && i === 0 ? { th: 'สาธิต', en: 'Demo' } : uniquePlaceName(rng, usedNames);
    laos.push(makeLao(ids.next(), type, `${district.code}${String(n).padStart(3, '0')}`, district, place));
  });

  const profiles = assignProfiles(rng, laos);
  const { users, officerOf } = makeUsers(rng, ids, laos, o.asOf);
  return { province, districts, laos, users, profiles, officerOf };
}

function makeLao(id: string, type: LaoType, code: string, district: District, place: { th: string; en: string }): Lao {
  const typeName = LAO_TYPES[type];
  return { id, code, type, nameTh: `${typeName.nameTh}${place.th}`, nameEn: `${place.en} ${typeName.nameEn}`, provinceCode: district.provinceCode, districtCode: district.code };
}

/** Fixed shares so every demo shows all three states: ~8% stalled, ~22% lagging; the PAO is complete. */
function assignProfiles(rng: Rng, laos: readonly Lao[]): Record<string, DemoProfile> {
  const candidates = rng.shuffle(laos.filter((l) => l.type !== 'PAO').map((l) => l.id));
  const stalled = Math.min(candidates.length, Math.max(1, Math.round(laos.length * 0.08)));
  const lagging = Math.min(candidates.length - stalled, Math.max(1, Math.round(laos.length * 0.22)));
  const profiles: Record<string, DemoProfile> = {};
  for (const l of laos) profiles[l.id] = 'complete';
  candidates.forEach((id, i) => {
    if (i < stalled) profiles[id] = 'stalled';
    else if (i < stalled + lagging) profiles[id] = 'lagging';
  });
  return profiles;
}

function makeUsers(rng: Rng, ids: IdFactory, laos: readonly Lao[], asOf: string) {
  const users: User[] = [
    { id: ids.next(), username: 'demo-admin', displayName: 'ผู้ดูแลระบบ (สาธิต)', role: 'admin', provinceCodes: [DEMO_PROVINCE_CODE] },
    { id: ids.next(), username: 'demo-supervisor', displayName: `${personName(rng)} (สถจ. สาธิต)`, role: 'supervisor', provinceCodes: [DEMO_PROVINCE_CODE] },
  ];
  const officerCount = Math.min(20, Math.max(1, Math.round(laos.length / 25)));
  const share = Math.ceil(laos.length / officerCount);
  const officerOf: Record<string, string> = {};
  for (let k = 0; k < officerCount; k++) {
    const assigned = laos.slice(k * share, (k + 1) * share).map((l) => l.id);
    const contractSignedOn = addDays('2024-10-01', rng.int(0, 20));
    // One officer's hiring documents went out late (remark 2 of the calendar: within 15 days).
    const sentAfter = k === officerCount - 1 ? rng.int(16, 30) : rng.int(3, 14);
    const officer: User = {
      id: ids.next(), username: `demo-officer${k + 1}`, displayName: personName(rng), role: 'officer',
      provinceCodes: [DEMO_PROVINCE_CODE], laoIds: assigned,
      contractSignedOn: contractSignedOn <= asOf ? contractSignedOn : asOf,
      hiringDocsSentOn: addDays(contractSignedOn, sentAfter) <= asOf ? addDays(contractSignedOn, sentAfter) : undefined,
    };
    if (officer.hiringDocsSentOn === undefined) delete officer.hiringDocsSentOn;
    users.push(officer);
    for (const id of assigned) officerOf[id] = officer.id;
  }
  return { users, officerOf };
}

/** Records of one LAO (index in reference.laos), appended to `out`; lets callers stream big provinces. */
export function generateDemoLaoRecords(reference: DemoReference, laoIndex: number, options: DemoOptions, out: DemoRecords = emptyRecords()): DemoRecords {
  const o = resolve(options);
  const lao = reference.laos[laoIndex];
  if (!lao) throw new RangeError(`no LAO at index ${laoIndex}`);
  const rng = new Rng(hash32(`${o.seed}:lao:${laoIndex}`));
  const g: LaoGen = {
    rng, lao, out, asOf: o.asOf, scale: o.recordScale,
    ids: new IdFactory(rng.fork('ids'), o.baseMs, laoIndex + 1),
    officerId: reference.officerOf[lao.id]!,
    profile: reference.profiles[lao.id] ?? 'complete',
    latestFiscalYear: o.fiscalYears[o.fiscalYears.length - 1] ?? 0,
  };
  const projectsByPeriod = new Map<number, DemoProject[]>();
  for (const fy of o.fiscalYears) {
    if (fiscalYearRange(fy).start > o.asOf) continue; // a year that has not begun has no data
    const period = planPeriodOf(fy);
    if (!projectsByPeriod.has(period.startYear)) projectsByPeriod.set(period.startYear, generatePlanPeriod(g, period));
    generateBudgetYear(g, fy, projectsByPeriod.get(period.startYear)!);
    generateMonthly(g, fy);
  }
  return out;
}

/** The whole demo province in memory; for very large sizes prefer generateDemoLaoRecords per LAO. */
export function generateDemoProvince(options: DemoOptions): DemoDataset {
  const reference = generateDemoReference(options);
  const records = emptyRecords();
  for (let i = 0; i < reference.laos.length; i++) generateDemoLaoRecords(reference, i, options, records);
  return { ...reference, records, options };
}

export function countRecords(records: DemoRecords): number {
  return Object.values(records).reduce((n, rows) => n + rows.length, 0);
}

/** How much the demo province holds: its LAOs, users and calendar state are the same at every size. */
export const DEMO_SIZES = ['everyday', 'light'] as const;
export type DemoSize = (typeof DEMO_SIZES)[number];

/** Items, projects and payments per LAO at each size (generateDemoProvince's recordScale). */
const RECORD_SCALE: Record<DemoSize, number> = { everyday: 0.2, light: 0.05 };

/**
 * The demo that `npm start` and the app's "load demo data" make: the previous
 * and the current fiscal year as of a day, light enough to load in seconds.
 * `light` has the same LAOs, users and lagging profiles with about a third of
 * the rows (fewer items, projects and payments): a server seeded with it
 * (`--demo-size light`) answers a first sign-in in a third of the time, which
 * is what the end-to-end specs use. Benchmarks use generateDemoProvince at
 * recordScale 1 instead.
 */
export function everydayDemoOptions(asOf: string, size: DemoSize = 'everyday'): DemoOptions {
  const fiscalYear = fiscalYearOf(asOf);
  return { seed: 2568, laoCount: 100, fiscalYears: [fiscalYear - 1, fiscalYear], asOf, recordScale: RECORD_SCALE[size] };
}
