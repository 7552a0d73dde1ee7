/**
 * The running count of a rule's checks: each check passes or names what is missing.
 */
import type { MissingItem } from '../completionCodes';

export interface RuleOutcome {
  done: number;
  total: number;
  missing: MissingItem[];
}

/** What rules know of the evaluation: the Bangkok day and the fiscal year judged. */
export interface RuleContext {
  asOf: string;
  fiscalYear: number;
}

export class Tally {
  done = 0;
  total = 0;
  readonly missing: MissingItem[] = [];

  pass(): void {
    this.done++;
    this.total++;
  }

  /** A failed check; it may name nothing when an earlier check already says why. */
  fail(...missing: MissingItem[]): void {
    this.total++;
    this.missing.push(...missing);
  }

  /** A check that passes when `problems` is empty. */
  check(problems: MissingItem[]): void {
    if (problems.length === 0) this.pass();
    else this.fail(...problems);
  }

  outcome(): RuleOutcome {
    return { done: this.done, total: this.total, missing: this.missing };
  }
}
