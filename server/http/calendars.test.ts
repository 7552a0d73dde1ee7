/**
 * Issue 17, item 1: calendars as server data. An administrator publishes a
 * fiscal year's calendar; it comes to every laptop with /v1/reference; each
 * publication is a version with who, when, a note and what changed; a draft
 * started from an older version is refused, never silently replaces the newer.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyTemplateToYear, defaultTemplate, type CalendarPublication, type CalendarTemplate } from '../../shared/calendar/index';
import { testBackends } from '../store/test-backends';
import { auth, baseTables, tableStates, useTestWorld, USERS, VERSIONS } from '../sync/test-kit';

const versions = `protocolVersion=${VERSIONS.protocolVersion}&schemaVersion=${VERSIONS.schemaVersion}`;
const FY = 2571;

/** The seed calendar of FY with a new every-month task added at the end. */
function withExtraTask(base: CalendarTemplate, id = 'local-meeting'): CalendarTemplate {
  const months = copyTemplateToYear(defaultTemplate(base.fiscalYear), base.fiscalYear).tasks.find((t) => t.everyMonth)!.months;
  return {
    ...base,
    tasks: [
      ...base.tasks,
      {
        id, months, everyMonth: true,
        label: { th: 'ประชุมประจำเดือน', en: 'Monthly meeting' },
        guidance: { th: 'บันทึกการประชุม', en: 'Record the meeting' },
        rule: { kind: 'grantsCurrent', staleAfterDays: 30 },
      },
    ],
  };
}

describe.each(testBackends)('calendars on $kind', (backend) => {
  const world = useTestWorld(backend);
  let admin = '';
  let officer = '';
  let supervisor = '';
  let tables: string[] = [];
  const publish = (token: string, fiscalYear: number | string, payload: unknown) =>
    world.t.app.inject({ method: 'POST', url: `/v1/admin/calendars/${fiscalYear}?${versions}`, headers: auth(token), payload: payload as object });
  const inForce = async (token: string) =>
    (await world.t.app.inject({ method: 'GET', url: `/v1/reference?${versions}`, headers: auth(token) })).json<{ calendars: CalendarPublication[] }>().calendars;

  beforeAll(async () => {
    admin = (await world.t.login('admin')).token;
    officer = (await world.t.login('officer')).token;
    supervisor = (await world.t.login('supervisor')).token;
    tables = await baseTables(world.db);
  });

  it('publishes version 1 over the seed, then version 2 on top of it, each with who, note and what changed; laptops get the newest', async () => {
    expect((await inForce(officer)).find((c) => c.fiscalYear === FY)).toBeUndefined();
    const first = await publish(admin, FY, { template: withExtraTask(defaultTemplate(FY)), baseVersion: null, note: 'เพิ่มการประชุม' });
    expect(first.statusCode).toBe(200);
    expect(first.json().calendar).toMatchObject({
      fiscalYear: FY, version: 1, publishedBy: USERS.admin.id, note: 'เพิ่มการประชุม',
      changes: { added: ['local-meeting'], removed: [], changed: [], reordered: false },
    });

    const v1 = first.json<{ calendar: CalendarPublication }>().calendar.template;
    const moved = { ...v1, tasks: v1.tasks.filter((t) => t.id !== 'local-meeting').map((t, i) => (i === 0 ? { ...t, label: { ...t.label, th: 'งานแรก (แก้ไข)' } } : t)) };
    const second = await publish(admin, FY, { template: moved, baseVersion: 1, note: '' });
    expect(second.json().calendar).toMatchObject({ version: 2, changes: { added: [], removed: ['local-meeting'], changed: [moved.tasks[0]!.id] } });

    for (const token of [officer, supervisor]) {
      const calendar = (await inForce(token)).find((c) => c.fiscalYear === FY)!;
      expect(calendar.version).toBe(2);
      expect(calendar.template.tasks[0]!.label.th).toBe('งานแรก (แก้ไข)');
    }
    const history = await world.t.app.inject({ method: 'GET', url: `/v1/calendars/${FY}/versions?${versions}`, headers: auth(officer) });
    expect(history.json<{ versions: CalendarPublication[] }>().versions.map((v) => v.version)).toEqual([2, 1]);
  });

  it('reads the year in the path from decimal digits only: 0x, exponents, spaces and fractions are 400, never another year', async () => {
    const before = await tableStates(world.db, tables);
    // Each of these reads as a year in range when coerced with Number().
    for (const year of ['0x9fa', '2.57e3', '%202570', '2570.0', '+2570', '2570%20']) {
      const read = await world.t.app.inject({ method: 'GET', url: `/v1/calendars/${year}/versions?${versions}`, headers: auth(officer) });
      expect([year, read.statusCode]).toEqual([year, 400]);
      const written = await publish(admin, year, { template: defaultTemplate(2570), baseVersion: null, note: '' });
      expect([year, written.statusCode]).toEqual([year, 400]);
    }
    expect(await tableStates(world.db, tables)).toEqual(before);
  });

  it('refuses a draft started from an older version (409 CALENDAR_STALE) and stores nothing', async () => {
    const before = await tableStates(world.db, tables);
    const stale = await publish(admin, FY, { template: withExtraTask(defaultTemplate(FY), 'late-edit'), baseVersion: 1, note: 'late' });
    expect([stale.statusCode, stale.json().code]).toEqual([409, 'CALENDAR_STALE']);
    const none = await publish(admin, FY, { template: defaultTemplate(FY), baseVersion: null, note: 'from nothing' });
    expect([none.statusCode, none.json().code]).toEqual([409, 'CALENDAR_STALE']);
    expect(await tableStates(world.db, tables)).toEqual(before);
  });

  it('answers an unchanged template with the version in force, adding none', async () => {
    const current = (await inForce(admin)).find((c) => c.fiscalYear === FY)!;
    const again = await publish(admin, FY, { template: current.template, baseVersion: current.version, note: 'same' });
    expect(again.json()).toMatchObject({ unchanged: true, calendar: { version: current.version } });
  });

  it('lets only administrators publish, and refuses before reading the body', async () => {
    for (const token of [officer, supervisor]) {
      const response = await publish(token, 2572, { template: defaultTemplate(2572), baseVersion: null, note: '' });
      expect([response.statusCode, response.json().code]).toEqual([403, 'FORBIDDEN']);
    }
    const stranger = await world.t.app.inject({ method: 'POST', url: `/v1/admin/calendars/2572?${versions}`, payload: 'x'.repeat(100) , headers: { 'content-type': 'application/json' } });
    expect([stranger.statusCode, stranger.json().code]).toEqual([401, 'UNAUTHORIZED']);
  });

  it('refuses a template the shared rules refuse, with their codes, and a template of another year', async () => {
    const before = await tableStates(world.db, tables);
    const seed = defaultTemplate(2572);
    const outside = { ...seed, tasks: seed.tasks.map((t, i) => (i === 0 ? { ...t, months: [{ year: 2000, month: 1 }] } : t)) };
    const twice = { ...seed, tasks: [...seed.tasks, seed.tasks[0]!] };
    for (const [template, code] of [[outside, 'template.monthOutsideFiscalYear'], [twice, 'template.duplicateTaskId']] as const) {
      const response = await publish(admin, 2572, { template, baseVersion: null, note: '' });
      expect(response.statusCode).toBe(400);
      expect(response.json().issues.map((i: { message: string }) => i.message)).toContain(code);
    }
    const otherYear = await publish(admin, 2573, { template: seed, baseVersion: null, note: '' });
    expect([otherYear.statusCode, otherYear.json().code]).toEqual([400, 'CALENDAR_YEAR_MISMATCH']);
    expect(await tableStates(world.db, tables)).toEqual(before);
  });

  it('leaves the FY 2554 seed calendar the default and unchanged when a calendar of 2554 is published', async () => {
    const seed = structuredClone(defaultTemplate(2554));
    const published = await publish(admin, 2554, { template: withExtraTask(defaultTemplate(2554), 'seed-year-extra'), baseVersion: null, note: '' });
    expect(published.json().calendar.version).toBe(1);
    expect(defaultTemplate(2554)).toEqual(seed);
    // Any other year without a publication still has the seed, carried to that year.
    expect((await inForce(officer)).some((c) => c.fiscalYear === 2555)).toBe(false);
  });

  it('answers any generated body or year with a coded 4xx or a publication, never a 5xx', async () => {
    const task = defaultTemplate(2574).tasks[0]!;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.integer({ min: -10, max: 9999 }).map(String), fc.string({ maxLength: 12 })),
        fc.record({
          template: fc.oneof(
            fc.anything(),
            fc.record({ fiscalYear: fc.integer({ min: 2400, max: 2700 }), tasks: fc.array(fc.record({ ...Object.fromEntries(Object.keys(task).map((k) => [k, fc.anything()])) }), { maxLength: 3 }) }),
          ),
          baseVersion: fc.oneof(fc.constant(null), fc.integer(), fc.anything()),
          note: fc.oneof(fc.string({ maxLength: 600 }), fc.anything()),
        }, { requiredKeys: [] }),
        async (year, payload) => {
          const response = await publish(admin, encodeURIComponent(year), payload);
          expect(response.statusCode).toBeLessThan(500);
          if (response.statusCode >= 400) expect(Object.keys(response.json()).sort()).toEqual(expect.arrayContaining(['code', 'message']));
        },
      ),
      { numRuns: 150 },
    );
  });
});
