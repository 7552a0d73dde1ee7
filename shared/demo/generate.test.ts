import { describe, expect, it } from 'vitest';
import { quarterOf } from '../calendar/fiscal';
import { buildValidationContext, RECORD_TABLES, validateRecord, validateReference } from '../domain/index';
import { countRecords, everydayDemoOptions, generateDemoLaoRecords, generateDemoProvince, generateDemoReference, laoTypeMix } from './generate';

const options = { seed: 'unit-test', laoCount: 30, recordScale: 0.15 };
const demo = generateDemoProvince(options);

describe('generateDemoProvince', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(JSON.stringify(generateDemoProvince(options))).toBe(JSON.stringify(demo));
    const other = generateDemoProvince({ ...options, seed: 'another' });
    expect(other.laos[1]?.nameTh).not.toBe(demo.laos[1]?.nameTh);
  });

  it('marks the province as demo data', () => {
    expect(demo.province).toEqual({ code: '99', nameTh: 'จังหวัดสาธิต', nameEn: 'Demo Province', demo: true });
    expect(demo.districts.length).toBeGreaterThanOrEqual(10);
    expect(demo.districts.length).toBeLessThanOrEqual(25);
  });

  it('has a realistic LAO type mix', () => {
    const mix = laoTypeMix(100);
    const count = (t: string) => mix.filter((x) => x === t).length;
    expect([count('PAO'), count('CITY_MUNICIPALITY'), count('TOWN_MUNICIPALITY'), count('SUBDISTRICT_MUNICIPALITY'), count('SAO')]).toEqual([1, 1, 5, 30, 63]);
    expect(laoTypeMix(1)).toEqual(['PAO']);
    expect(laoTypeMix(334).length).toBe(334);
    expect(demo.laos).toHaveLength(30);
    expect(demo.laos.filter((l) => l.type === 'PAO')).toHaveLength(1);
    expect(new Set(demo.laos.map((l) => l.code)).size).toBe(30);
    expect(new Set(demo.laos.map((l) => l.nameTh)).size).toBe(30);
  });

  it('has an admin, a supervisor and officers covering every LAO', () => {
    expect(demo.users.map((u) => u.role).slice(0, 2)).toEqual(['admin', 'supervisor']);
    const officers = demo.users.filter((u) => u.role === 'officer');
    expect(officers.length).toBe(1);
    expect(generateDemoReference({ seed: 1, laoCount: 100 }).users.filter((u) => u.role === 'officer')).toHaveLength(4);
    expect(officers.flatMap((o) => o.laoIds ?? []).sort()).toEqual(demo.laos.map((l) => l.id).sort());
  });

  it('produces only valid reference data and records, consistent with each other', () => {
    for (const p of [demo.province]) expect(validateReference('provinces', p).ok).toBe(true);
    for (const d of demo.districts) expect(validateReference('districts', d)).toMatchObject({ ok: true });
    for (const l of demo.laos) expect(validateReference('laos', l)).toMatchObject({ ok: true });
    for (const u of demo.users) expect(validateReference('users', u)).toMatchObject({ ok: true });
    const r = demo.records;
    const ctx = buildValidationContext({
      laoIds: demo.laos.map((l) => l.id),
      plans: r.plans, planProjects: r.planProjects, ordinances: r.ordinances,
      ordinanceItems: r.ordinanceItems, contracts: r.contracts, disbursements: r.disbursements,
    });
    const failures: unknown[] = [];
    for (const table of RECORD_TABLES) {
      expect(r[table].length, table).toBeGreaterThan(0);
      for (const row of r[table]) {
        const v = validateRecord(table, row, ctx);
        if (!v.ok) failures.push({ table, row, issues: v.error });
      }
    }
    expect(failures.slice(0, 3)).toEqual([]);
  });

  it('never dates anything after asOf and uses unique ids', () => {
    const ids = new Set<string>();
    for (const table of RECORD_TABLES) {
      for (const row of demo.records[table]) {
        ids.add(row.id);
        expect(row.updatedAt <= '2026-11-25T23:59:59Z').toBe(true);
      }
    }
    expect(ids.size).toBe(countRecords(demo.records));
  });

  it('has complete, lagging and stalled LAOs in the latest fiscal year', () => {
    const byProfile = (p: string) => demo.laos.filter((l) => demo.profiles[l.id] === p).map((l) => l.id);
    const [stalled, lagging, complete] = [byProfile('stalled'), byProfile('lagging'), byProfile('complete')];
    expect(stalled.length).toBeGreaterThan(0);
    expect(lagging.length).toBeGreaterThan(0);
    expect(complete.length).toBeGreaterThan(lagging.length);
    const r = demo.records;
    for (const id of stalled) {
      expect(r.ordinances.filter((o) => o.laoId === id).map((o) => o.fiscalYear)).toEqual([2567]);
      expect(r.plans.find((p) => p.laoId === id)?.status).toBe('draft');
    }
    for (const id of lagging) {
      const late = r.disbursements.filter((d) => d.laoId === id && d.fiscalYear === 2568 && quarterOf(d.paidOn).quarter >= 3);
      expect(late).toEqual([]);
      expect(r.disbursements.some((d) => d.laoId === id && d.fiscalYear === 2568)).toBe(true);
    }
    const full = complete[0]!;
    expect(r.fiscalStats.filter((s) => s.laoId === full && s.fiscalYear === 2568)).toHaveLength(12);
    expect(new Set(r.disbursements.filter((d) => d.laoId === full && d.fiscalYear === 2568).map((d) => quarterOf(d.paidOn).quarter))).toEqual(
      new Set([1, 2, 3, 4]),
    );
  });

  it('streams one LAO at a time with the same result', () => {
    const reference = generateDemoReference(options);
    const first = generateDemoLaoRecords(reference, 0, options);
    expect(first.disbursements).toEqual(demo.records.disbursements.filter((d) => d.laoId === reference.laos[0]!.id));
  });
});

describe('the light demo', () => {
  // The generator takes its day as an argument: any fixed day will do.
  const asOf = '2026-12-05';
  const everyday = generateDemoProvince(everydayDemoOptions(asOf));
  const light = generateDemoProvince(everydayDemoOptions(asOf, 'light'));

  it('has the everyday demo\'s LAOs, users, officers and lagging profiles', () => {
    expect(light.laos).toEqual(everyday.laos);
    expect(light.users).toEqual(everyday.users);
    expect(light.officerOf).toEqual(everyday.officerOf);
    expect(light.profiles).toEqual(everyday.profiles);
  });

  it('holds under 40% of the rows, with rows in every table the everyday demo fills', () => {
    expect(countRecords(light.records)).toBeLessThan(countRecords(everyday.records) * 0.4);
    for (const table of RECORD_TABLES) {
      if (everyday.records[table].length > 0) expect(light.records[table].length, table).toBeGreaterThan(0);
    }
  });

  it('is valid under the schemas', () => {
    const r = light.records;
    const context = buildValidationContext({
      laoIds: light.laos.map((l) => l.id),
      plans: r.plans, planProjects: r.planProjects, ordinances: r.ordinances,
      ordinanceItems: r.ordinanceItems, contracts: r.contracts, disbursements: r.disbursements,
    });
    const failures = RECORD_TABLES.flatMap((table) => r[table].flatMap((row) => {
      const v = validateRecord(table, row, context);
      return v.ok ? [] : [{ table, row, issues: v.error }];
    }));
    expect(failures.slice(0, 3)).toEqual([]);
  });
});
