import { describe, expect, it } from 'vitest';
import { generateDemoProvince } from '../demo/generate';
import { RECORD_TABLES } from '../domain/tables';
import { evaluateLao, type LaoRecords, type TaskResult } from './completion';
import { defaultTemplate } from './seedTemplate';
import { taskPeriodEnd } from './template';

const fiscalYear = 2568;
const template = defaultTemplate(fiscalYear);
const SEED_TASKS = template.tasks.filter((t) => !t.everyMonth).map((t) => t.id);
/** Gaps the demo generator leaves on purpose in lagging LAOs: open items, quarters never marked reported. */
const DEMO_GAPS = new Set(['ordinanceItem.notClosed', 'quarter.notReported']);

function demoResults(asOf: string) {
  const demo = generateDemoProvince({ seed: 'completion', laoCount: 40, fiscalYears: [2567, 2568], asOf, recordScale: 0.2 });
  const byLao = new Map<string, Record<string, unknown[]>>();
  for (const table of RECORD_TABLES) {
    for (const r of demo.records[table]) {
      const records = byLao.get(r.laoId) ?? {};
      (records[table] ??= []).push(r);
      byLao.set(r.laoId, records);
    }
  }
  return demo.laos.map((lao) => ({
    profile: demo.profiles[lao.id]!,
    results: evaluateLao(template, (byLao.get(lao.id) ?? {}) as LaoRecords, { asOf, fiscalYear }),
  }));
}

const onlyDemoGaps = (r: TaskResult) => r.status === 'complete' || r.missing.every((m) => DEMO_GAPS.has(m.code));

describe('the demo province after FY 2568', () => {
  const laos = demoResults('2025-11-25');
  const of = (profile: string) => laos.filter((l) => l.profile === profile);

  it('has every profile', () => {
    expect(of('complete').length).toBeGreaterThan(20);
    expect(of('lagging').length).toBeGreaterThan(0);
    expect(of('stalled').length).toBeGreaterThan(0);
  });

  it('scores complete LAOs complete on every past task', () => {
    for (const l of of('complete')) {
      for (const id of [...SEED_TASKS, 'monthly-fiscal-stats', 'monthly-anti-drug', 'monthly-grants']) {
        expect(l.results[id]!.status, `${id}: ${JSON.stringify(l.results[id]!.missing.slice(0, 3))}`).toBe('complete');
      }
    }
  });

  it('scores stalled LAOs overdue on every task of the year', () => {
    for (const l of of('stalled')) {
      for (const id of SEED_TASKS.filter((id) => id !== 'prev-year-disbursement')) expect(l.results[id]!.status, id).toBe('overdue');
    }
  });

  it('scores lagging LAOs complete to Q2 and overdue from Q3', () => {
    for (const l of of('lagging')) {
      expect(onlyDemoGaps(l.results['q2-progress']!)).toBe(true);
      expect(l.results['q3-progress']!.status).toBe('overdue');
      expect(l.results['year-disbursement']!.status).toBe('overdue');
      expect(l.results['monthly-fiscal-stats']!.status).toBe('overdue');
    }
  });
});

describe('the demo province in May 2568', () => {
  it('has no task overdue before its period ends', () => {
    const asOf = '2025-05-15';
    for (const { results } of demoResults(asOf)) {
      for (const task of template.tasks) {
        if (taskPeriodEnd(task) >= asOf) expect(results[task.id]!.status, task.id).not.toBe('overdue');
      }
    }
  });
});
