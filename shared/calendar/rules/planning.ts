/**
 * Seed row 2: vision, strategies and the development plan covering the
 * fiscal year recorded completely, through to submitting the plan.
 */
import { planEndYear, type DevelopmentPlan, type Vision } from '../../domain/index';
import { missingItem, type MissingItem } from '../completionCodes';
import type { RecordIndex } from '../recordIndex';
import { Tally, type RuleOutcome } from './tally';

const visionProblems = (v: Vision): MissingItem[] =>
  v.missions.length > 0
    ? []
    : [missingItem('vision.noMissions', { start: v.startYear, end: v.endYear }, { table: 'visions', recordId: v.id, field: 'missions' })];

function strategyProblems(v: Vision): MissingItem[] {
  const where = { table: 'visions' as const, recordId: v.id, field: 'strategies' };
  if (v.strategies.length === 0) return [missingItem('vision.noStrategies', { start: v.startYear, end: v.endYear }, where)];
  return v.strategies
    .filter((s) => s.approaches.length === 0)
    .map((s) => missingItem('vision.strategyWithoutApproaches', { code: s.code, strategy: s.name }, where));
}

const planRange = (p: DevelopmentPlan) => ({ start: p.startYear, end: planEndYear(p) });

/**
 * Among several records covering the year, judge the one passing most checks
 * (then with fewest problems): a duplicate draft must not hide a good record.
 */
function best<T>(candidates: T[], checks: (c: T) => MissingItem[][]): T | undefined {
  let chosen: T | undefined;
  let bestScore = -Infinity;
  for (const c of candidates) {
    const results = checks(c);
    const score = results.filter((p) => p.length === 0).length * 1e6 - results.reduce((n, p) => n + p.length, 0);
    if (score > bestScore) [chosen, bestScore] = [c, score];
  }
  return chosen;
}

function planProblems(index: RecordIndex, p: DevelopmentPlan): { projects: MissingItem[]; submitted: MissingItem[] } {
  const where = { table: 'plans' as const, recordId: p.id };
  return {
    projects: (index.projectsByPlan.get(p.id) ?? 0) > 0 ? [] : [missingItem('plan.noProjects', planRange(p), where)],
    submitted: p.status === 'draft' ? [missingItem('plan.notSubmitted', planRange(p), { ...where, field: 'status' })] : [],
  };
}

/** Four checks: vision with missions; strategies with approaches; plan with projects; plan submitted. */
export function planSubmitted(index: RecordIndex, fy: number): RuleOutcome {
  const t = new Tally();
  const visions = index.visions.filter((v) => v.startYear <= fy && fy <= v.endYear);
  const vision = best(visions, (v) => [visionProblems(v), strategyProblems(v)]);
  if (!vision) {
    t.fail(missingItem('vision.missing', { fy }, { table: 'visions' }));
    t.fail();
  } else {
    t.check(visionProblems(vision));
    t.check(strategyProblems(vision));
  }

  const plans = index.plans.filter((p) => p.startYear <= fy && fy <= planEndYear(p));
  const plan = best(plans, (p) => {
    const problems = planProblems(index, p);
    return [problems.projects, problems.submitted];
  });
  if (!plan) {
    t.fail(missingItem('plan.missing', { fy }, { table: 'plans' }));
    t.fail();
  } else {
    const problems = planProblems(index, plan);
    t.check(problems.projects);
    t.check(problems.submitted);
  }
  return t.outcome();
}
