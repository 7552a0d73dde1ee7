/**
 * Rules on the budget ordinance, its items, contracts, disbursements and
 * quarter reports (seed rows 1, 3, 4, 5, 6). docs/completion-rules.md says
 * each one in plain words.
 */
import type { Quarter } from '../fiscal';
import { formatBaht } from '../../money';
import { missingItem, type MissingItem } from '../completionCodes';
import { itemsOfYear, quarterKey, type ItemFacts, type RecordIndex } from '../recordIndex';
import { Tally, type RuleOutcome } from './tally';

const itemRef = (f: ItemFacts, field?: string) =>
  field ? { table: 'ordinanceItems' as const, recordId: f.item.id, field } : { table: 'ordinanceItems' as const, recordId: f.item.id };

/**
 * Check: the year has a live ordinance (with at least one item unless another
 * check judges the items). Returns the year's items.
 */
function ordinanceRecorded(t: Tally, index: RecordIndex, fy: number, requireItems = true): ItemFacts[] {
  const ordinances = index.ordinancesByFy.get(fy) ?? [];
  const items = itemsOfYear(index, fy);
  if (ordinances.length === 0) t.fail(missingItem('ordinance.missing', { fy }, { table: 'ordinances' }));
  else if (requireItems && items.length === 0) t.fail(missingItem('ordinance.noItems', { fy }, { table: 'ordinances', recordId: ordinances[0]!.id }));
  else t.pass();
  return items;
}

/** Check: every ordinance of the year has items adding up to its total (no item left out). */
function itemsAddUp(t: Tally, index: RecordIndex, fy: number): void {
  const ordinances = index.ordinancesByFy.get(fy) ?? [];
  if (ordinances.length === 0) return t.fail();
  const problems: MissingItem[] = [];
  for (const o of ordinances) {
    const items = index.itemsByOrdinance.get(o.id) ?? [];
    const itemsTotal = items.reduce((sum, f) => sum + f.item.allocated, 0);
    if (items.length === 0) problems.push(missingItem('ordinance.noItems', { fy }, { table: 'ordinances', recordId: o.id }));
    else if (itemsTotal !== o.total) {
      problems.push(
        missingItem(
          'ordinance.itemsTotalMismatch',
          { fy, itemsTotal: formatBaht(itemsTotal), total: formatBaht(o.total) },
          { table: 'ordinances', recordId: o.id, field: 'total' },
        ),
      );
    }
  }
  t.check(problems);
}

/** Ordinance of the year passed by council, recorded with all its items. */
export function ordinancePassed(index: RecordIndex, fy: number): RuleOutcome {
  const t = new Tally();
  ordinanceRecorded(t, index, fy, false);
  itemsAddUp(t, index, fy);
  return t.outcome();
}

const cancelProblems = (f: ItemFacts): MissingItem[] =>
  f.item.cancelReason ? [] : [missingItem('ordinanceItem.cancelReasonMissing', { item: f.item.name }, itemRef(f, 'cancelReason'))];

/**
 * An item closed for its year: cancelled with a reason, carried over, or
 * completed with at least one disbursement.
 */
function closedProblems(f: ItemFacts, fy: number): MissingItem[] {
  const { outcome, name } = f.item;
  if (outcome === 'cancelled') return cancelProblems(f);
  if (outcome === 'carried_over') return [];
  const problems: MissingItem[] = [];
  if (f.disbursements === 0) problems.push(missingItem('ordinanceItem.noDisbursement', { item: name }, itemRef(f)));
  if (outcome === 'open') problems.push(missingItem('ordinanceItem.notClosed', { item: name, fy }, itemRef(f, 'outcome')));
  return problems;
}

/** The whole fiscal year complete to disbursement: every item closed (seed rows 1 and 6). */
export function yearDisbursed(index: RecordIndex, fy: number): RuleOutcome {
  const t = new Tally();
  for (const f of ordinanceRecorded(t, index, fy)) t.check(closedProblems(f, fy));
  return t.outcome();
}

/**
 * An item's progress in a quarter, as far as records can show it: a cancelled
 * item needs its reason, a completed one a disbursement, and an item without a
 * plan project (salaries, utilities: paid every month) a disbursement in the
 * quarter. A project item may rightly have nothing in a quarter (not yet
 * procured, or paid on delivery later), so the quarter report vouches for it.
 */
function quarterProblems(f: ItemFacts, quarter: Quarter, fy: number): MissingItem[] {
  const { outcome, name, planProjectId } = f.item;
  if (outcome === 'cancelled') return cancelProblems(f);
  if (outcome === 'completed') {
    return f.disbursements > 0 ? [] : [missingItem('ordinanceItem.noDisbursement', { item: name }, itemRef(f))];
  }
  if (!planProjectId && (f.quarterMask & (1 << (quarter - 1))) === 0) {
    return [missingItem('ordinanceItem.noDisbursementInQuarter', { item: name, quarter, fy }, itemRef(f))];
  }
  return [];
}

function quarterReported(t: Tally, index: RecordIndex, fy: number, quarter: Quarter): void {
  if (index.reportedQuarters.has(quarterKey(fy, quarter))) t.pass();
  else t.fail(missingItem('quarter.notReported', { quarter, fy }, { table: 'quarterReports' }));
}

/** Commitments and disbursements of a quarter recorded, and the quarter marked reported (rows 3, 5). */
export function quarterProgress(index: RecordIndex, fy: number, quarter: Quarter): RuleOutcome {
  const t = new Tally();
  for (const f of ordinanceRecorded(t, index, fy)) t.check(quarterProblems(f, quarter, fy));
  quarterReported(t, index, fy, quarter);
  return t.outcome();
}

/**
 * The stricter check of a quarter (row 4): the ordinance's items add up to its
 * total, every item has its progress in each quarter from the first to this
 * one, and each of those quarters is marked reported.
 */
export function quarterVerified(index: RecordIndex, fy: number, quarter: Quarter): RuleOutcome {
  const t = new Tally();
  const items = ordinanceRecorded(t, index, fy, false);
  itemsAddUp(t, index, fy);
  const quarters = ([1, 2, 3, 4] as const).filter((q) => q <= quarter);
  for (const f of items) t.check(uniqueProblems(quarters.flatMap((q) => quarterProblems(f, q, fy))));
  for (const q of quarters) quarterReported(t, index, fy, q);
  return t.outcome();
}

/** The same cancel or disbursement problem found for several quarters is one thing to fix. */
function uniqueProblems(problems: MissingItem[]): MissingItem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.code}:${p.recordId ?? ''}:${String(p.params?.quarter ?? '')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
