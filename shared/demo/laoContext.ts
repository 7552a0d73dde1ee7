/**
 * What each per-LAO generator needs: its random stream, id factory, the
 * officer who enters its data, how far behind it is, and the base fields.
 */
import { addDays, daysBetween } from '../calendar/isoDate';
import type { RecordBase, Lao, LaoType, RecordOf, RecordTable } from '../domain/index';
import type { IdFactory, Rng } from './prng';

/** How complete an LAO's data is in the latest fiscal year of the dataset. */
export type DemoProfile = 'complete' | 'lagging' | 'stalled';

export type DemoRecords = { [T in RecordTable]: RecordOf<T>[] };

export interface LaoGen {
  rng: Rng;
  ids: IdFactory;
  lao: Lao;
  officerId: string;
  profile: DemoProfile;
  asOf: string;
  latestFiscalYear: number;
  /** Multiplies the number of ordinance items (and so their disbursements), projects and activities. */
  scale: number;
  out: DemoRecords;
}

/** Bigger organisations have bigger budgets and more items. */
export const TYPE_SIZE: Record<LaoType, number> = {
  PAO: 3,
  CITY_MUNICIPALITY: 2.5,
  TOWN_MUNICIPALITY: 1.6,
  SUBDISTRICT_MUNICIPALITY: 1.1,
  SAO: 1,
  PATTAYA: 3,
  BANGKOK: 3,
};

export function emptyRecords(): DemoRecords {
  return {
    visions: [], plans: [], planAmendments: [], planProjects: [], ordinances: [], ordinanceItems: [],
    contracts: [], disbursements: [], quarterReports: [], grants: [], fiscalStats: [], antiDrugActivities: [], fieldVisits: [],
  };
}

const stamps = new Map<string, string>();
/** One shared string per day: a million records share a few hundred timestamps. */
function stampOf(day: string): string {
  let stamp = stamps.get(day);
  if (stamp === undefined) stamps.set(day, (stamp = `${day}T03:00:00.000Z`));
  return stamp;
}

/** Base fields of a record entered on `date` (10:00 Bangkok), never later than asOf. */
export function baseFields(g: LaoGen, date: string): RecordBase {
  const day = date > g.asOf ? g.asOf : date;
  return {
    id: g.ids.next(),
    laoId: g.lao.id,
    provinceCode: g.lao.provinceCode,
    deleted: false,
    version: 0,
    updatedAt: stampOf(day),
    updatedBy: g.officerId,
    enteredOnBehalf: g.rng.chance(g.profile === 'complete' ? 0.05 : 0.5),
  };
}

const dates = new Map<string, string>();
/** Interns ISO dates so records share one string per day. */
export function internDate(date: string): string {
  const known = dates.get(date);
  if (known !== undefined) return known;
  dates.set(date, date);
  return date;
}

/** A random day in [start, end] (inclusive); start if the range is empty. */
export function randomDate(rng: Rng, start: string, end: string): string {
  const span = daysBetween(start, end);
  return internDate(span <= 0 ? start : addDays(start, rng.int(0, span)));
}

export const minDate = (a: string, b: string): string => (a < b ? a : b);

/** Whole baht between min and max, rounded to `step` baht, in satang. */
export function bahtAmount(rng: Rng, min: number, max: number, step = 100): number {
  return Math.max(step, Math.round(rng.int(min, max) / step) * step) * 100;
}
