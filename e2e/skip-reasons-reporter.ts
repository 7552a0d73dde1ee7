import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/** Prints why each skipped test was skipped, so a skip is never silent. */
export default class SkipReasonsReporter implements Reporter {
  private readonly skipped: string[] = [];

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status !== 'skipped') return;
    const reason = test.annotations.find((a) => a.type === 'skip')?.description ?? 'no reason given';
    this.skipped.push(`  skipped: ${test.titlePath().filter(Boolean).join(' › ')}\n    reason: ${reason}`);
  }

  onEnd(): void {
    if (this.skipped.length) console.log(`\n${this.skipped.join('\n')}\n`);
  }

  printsToStdio(): boolean {
    return true;
  }
}
