/**
 * Note 1 of the seed: grants, fiscal statistics and anti-drug operations kept
 * current every month. "Current" is our reading of the note; the thresholds
 * are rule params and docs/completion-rules.md explains each choice.
 */
import { fiscalYearRange, monthsOfFiscalYear, quarterRange } from '../fiscal';
import { daysBetween, parseIsoDate } from '../isoDate';
import { formatDate, formatMonthYear } from '../thaiDate';
import { missingItem } from '../completionCodes';
import type { RecordIndex } from '../recordIndex';
import { Tally, type RuleContext, type RuleOutcome } from './tally';

export const DEFAULT_STALE_AFTER_DAYS = 45;
export const DEFAULT_LAG_MONTHS = 1;
export const DEFAULT_RESULT_GRACE_DAYS = 7;

/** Currency is judged today, or on the year's last day once the year is over. */
function judgedOn({ asOf, fiscalYear }: RuleContext): string {
  const end = fiscalYearRange(fiscalYear).end;
  return asOf < end ? asOf : end;
}

const dateParams = (iso: string) => ({ th: formatDate(iso, { locale: 'th' }), en: formatDate(iso, { locale: 'en', era: 'BE' }) });

/**
 * Each grant of the year either needs no more updates (everything committed is
 * disbursed) or was updated within `staleAfterDays`. No grants: nothing to judge.
 */
export function grantsCurrent(index: RecordIndex, ctx: RuleContext, staleAfterDays = DEFAULT_STALE_AFTER_DAYS): RuleOutcome {
  const t = new Tally();
  const on = judgedOn(ctx);
  for (const g of index.grantsByFy.get(ctx.fiscalYear) ?? []) {
    const finished = g.committed > 0 && g.disbursed >= g.committed;
    const age = daysBetween(g.updatedOn, on);
    if (finished || age <= staleAfterDays) {
      t.pass();
      continue;
    }
    const updatedOn = dateParams(g.updatedOn);
    t.fail(
      missingItem(
        'grant.stale',
        { name: g.name, updatedOnTh: updatedOn.th, updatedOnEn: updatedOn.en, days: age },
        { table: 'grants', recordId: g.id, field: 'updatedOn' },
      ),
    );
  }
  return t.outcome();
}

/** Statistics recorded for every month of the year that ended at least `lagMonths` months before today. */
export function fiscalStatsCurrent(index: RecordIndex, ctx: RuleContext, lagMonths = DEFAULT_LAG_MONTHS): RuleOutcome {
  const t = new Tally();
  const today = parseIsoDate(ctx.asOf)!;
  const lastDue = today.year * 12 + today.month - lagMonths;
  const recorded = index.statsMonthsByFy.get(ctx.fiscalYear);
  for (const { year, month } of monthsOfFiscalYear(ctx.fiscalYear)) {
    const key = year * 12 + month;
    if (key > lastDue) break;
    if (recorded?.has(key)) {
      t.pass();
      continue;
    }
    const monthTh = formatMonthYear(year, month, { locale: 'th' });
    const monthEn = formatMonthYear(year, month, { locale: 'en', era: 'BE' });
    t.fail(missingItem('fiscalStats.monthMissing', { monthTh, monthEn, year, month }, { table: 'fiscalStats' }));
  }
  return t.outcome();
}

/**
 * Once the first quarter is over, the year has at least one activity held;
 * and every activity held more than `resultGraceDays` ago has its result.
 */
export function antiDrugCurrent(index: RecordIndex, ctx: RuleContext, resultGraceDays = DEFAULT_RESULT_GRACE_DAYS): RuleOutcome {
  const t = new Tally();
  const activities = index.antiDrugByFy.get(ctx.fiscalYear) ?? [];
  const on = judgedOn(ctx);
  if (ctx.asOf > quarterRange(ctx.fiscalYear, 1).end) {
    if (activities.some((a) => a.heldOn <= on)) t.pass();
    else t.fail(missingItem('antiDrug.noActivity', { fy: ctx.fiscalYear }, { table: 'antiDrugActivities' }));
  }
  for (const a of activities) {
    if (daysBetween(a.heldOn, ctx.asOf) <= resultGraceDays) continue;
    if (a.result) {
      t.pass();
      continue;
    }
    const heldOn = dateParams(a.heldOn);
    t.fail(
      missingItem(
        'antiDrug.resultMissing',
        { name: a.name, heldOnTh: heldOn.th, heldOnEn: heldOn.en },
        { table: 'antiDrugActivities', recordId: a.id, field: 'result' },
      ),
    );
  }
  return t.outcome();
}
