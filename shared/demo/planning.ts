/**
 * Demo vision, development plan, amendments and projects for each plan period.
 */
import { toCE, fiscalYearRange } from '../calendar/fiscal';
import { addDays } from '../calendar/isoDate';
import { AMENDMENT_KINDS } from '../domain/index';
import { baseFields, bahtAmount, minDate, randomDate, TYPE_SIZE, type LaoGen } from './laoContext';
import { MISSIONS, STRATEGIES, VISIONS } from './names';

export interface PlanPeriod {
  startYear: number;
  years: number;
}

export interface DemoProject {
  id: string;
  name: string;
  budgets: Map<number, number>;
}

/** Plan periods of 5 years since 2561 (2561–2565, 2566–2570), 3 years before that. */
export function planPeriodOf(fiscalYear: number): PlanPeriod {
  if (fiscalYear >= 2561) return { startYear: 2561 + 5 * Math.floor((fiscalYear - 2561) / 5), years: 5 };
  return { startYear: 2558 - 3 * Math.ceil((2558 - fiscalYear) / 3), years: 3 };
}

/** Generates one plan period's records; returns its projects for ordinance items to link to. */
export function generatePlanPeriod(g: LaoGen, period: PlanPeriod): DemoProject[] {
  const { rng, out } = g;
  const endYear = period.startYear + period.years - 1;
  const preparedYear = toCE(period.startYear) - 1;
  const strategies = rng
    .shuffle([...STRATEGIES])
    .slice(0, rng.int(4, 5))
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((s) => ({ template: s, approaches: s.approaches.slice(0, rng.int(2, s.approaches.length)) }));

  out.visions.push({
    ...baseFields(g, `${preparedYear}-03-15`),
    startYear: period.startYear,
    endYear,
    vision: rng.pick(VISIONS),
    missions: MISSIONS.slice(0, rng.int(3, MISSIONS.length)),
    strategies: strategies.map((s) => ({ code: s.template.code, name: s.template.name, approaches: s.approaches.map((a) => a.name) })),
  });

  const draft = g.profile === 'stalled' && period.startYear <= g.latestFiscalYear && g.latestFiscalYear <= endYear;
  const submittedOn = randomDate(rng, `${preparedYear}-05-01`, `${preparedYear}-06-30`);
  const approvedOn = addDays(submittedOn, rng.int(10, 60));
  const plan = {
    ...baseFields(g, draft ? `${preparedYear}-05-01` : approvedOn),
    startYear: period.startYear,
    years: period.years,
    status: draft ? ('draft' as const) : ('approved' as const),
    submittedOn: draft ? null : submittedOn,
    approvedOn: draft ? null : approvedOn,
  };
  out.plans.push(plan);

  const periodStart = fiscalYearRange(period.startYear).start;
  const periodEnd = minDate(fiscalYearRange(endYear).end, g.asOf);
  const amendmentDates = Array.from({ length: draft ? 0 : rng.int(0, 3) }, () => randomDate(rng, periodStart, periodEnd)).sort();
  amendmentDates.forEach((date, i) => {
    const pending = g.profile !== 'complete' && i === amendmentDates.length - 1 && rng.chance(0.5);
    out.planAmendments.push({
      ...baseFields(g, date),
      planId: plan.id,
      number: i + 1,
      kind: rng.pick(AMENDMENT_KINDS),
      approvedOn: pending ? null : date,
      description: 'เพิ่มเติมโครงการตามความต้องการของประชาคมหมู่บ้าน',
    });
  });

  const count = Math.max(3, Math.round(rng.int(10, 40) * Math.min(2, g.scale)));
  const projects: DemoProject[] = [];
  for (let i = 0; i < count; i++) {
    const strategy = rng.pick(strategies);
    const approach = rng.pick(strategy.approaches);
    const village = rng.int(1, 15);
    const name = `${rng.pick(approach.projects)} หมู่ที่ ${village}`;
    const first = period.startYear + rng.int(0, period.years - 1);
    const last = Math.min(endYear, first + rng.int(0, 2));
    const budgets = new Map<number, number>();
    for (let y = first; y <= last; y++) budgets.set(y, bahtAmount(rng, 50_000, 5_000_000 * TYPE_SIZE[g.lao.type], 1000));
    const project = {
      ...baseFields(g, plan.submittedOn ?? `${preparedYear}-05-01`),
      planId: plan.id,
      strategyCode: strategy.template.code,
      approach: approach.name,
      name,
      objective: `เพื่อให้ประชาชนหมู่ที่ ${village} ได้รับประโยชน์และมีคุณภาพชีวิตที่ดีขึ้น`,
      target: `ประชาชนหมู่ที่ ${village} จำนวน ${rng.int(50, 900)} ครัวเรือน`,
      budgets: [...budgets].map(([year, amount]) => ({ year, amount })),
      kpi: `ร้อยละ ${rng.int(70, 95)} ของประชาชนพึงพอใจ`,
      expectedResult: 'ประชาชนได้รับประโยชน์ตามวัตถุประสงค์ของโครงการ',
      responsibleUnit: strategy.template.unit,
    };
    out.planProjects.push(project);
    projects.push({ id: project.id, name, budgets });
  }
  return projects;
}
