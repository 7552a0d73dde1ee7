import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBenchJson, percentile, printBenchJson, target } from './lib/report';
import { parseRunArgs, reportOf, runScript } from './run';

describe('bench runner', () => {
  it('reads the common BENCH_JSON line and the export script\'s own shape', () => {
    const figures = { roundTripMs: { value: 1200, unit: 'ms' } };
    const common = `human line\nBENCH_JSON ${JSON.stringify({ name: 'incremental', figures, targets: [target('≤ 1 s', figures, 'roundTripMs', '<=', 1000)] })}\n`;
    expect(parseBenchJson(common)?.targets[0]).toMatchObject({ pass: false, value: 1200, limit: 1000 });
    const exportLine = `BENCH_JSON ${JSON.stringify({ rows: 100000, reps: 1, exportMs: 5000, exceljsMs: 4500, ratio: 1.11, peakMB: 450, exceljsPeakMB: 300, matrixMs: 900, time: 'PASS', memory: 'MISS', targets: { ratio: 1.3, peakMB: 400 } })}`;
    expect(reportOf('export', exportLine)?.targets.map((t) => t.pass)).toEqual([true, false]);
    expect(reportOf('incremental', 'crashed before printing')).toBeNull();
    expect(() => reportOf('incremental', 'BENCH_JSON {"figures":1}')).toThrow(/unknown shape/);
  });

  it('takes --quick and --only, refuses an unknown bench, passes other flags on', () => {
    expect(parseRunArgs(['--quick', '--only', 'incremental,server-load', '--backend', 'postgres'])).toEqual({
      quick: true, only: ['incremental', 'server-load'], passThrough: ['--backend', 'postgres'],
    });
    expect(() => parseRunArgs(['--only', 'nope'])).toThrow(/unknown bench nope/);
  });

  it('computes nearest-rank percentiles and refuses a target on a figure never measured', () => {
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 100], 99)).toBe(100);
    expect(percentile([], 50)).toBeNaN();
    expect(() => target('x', {}, 'missing', '>=', 1)).toThrow(/not measured/);
    const printed = printBenchJson('t', { a: { value: Number.NaN, unit: 'ms' } }, [target('a', { a: { value: Number.NaN, unit: 'ms' } }, 'a', '<=', 1)]);
    expect(printed.targets[0]!.pass).toBe(false);
    // NaN goes out as null and comes back as NaN, so a phase with no finished request still parses.
    expect(parseBenchJson(`BENCH_JSON ${JSON.stringify(printed)}`)?.figures.a?.value).toBeNaN();
  });

  it('keeps the figures a script measured before it was stopped at its time limit', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'bench-run-'));
    try {
      const script = path.join(dir, 'overruns.ts');
      const report = path.resolve(import.meta.dirname, 'lib/report.ts');
      await writeFile(script, `import { printInterim } from ${JSON.stringify(report)};
printInterim('overruns', { firstPhaseMs: { value: 1234, unit: 'ms' } }, { scale: 1 });
setInterval(() => {}, 1000);
`);
      const outcome = await runScript({ name: 'overruns', script, quickArgs: [], timeoutMin: 0.05 }, false, []);
      expect(outcome.problem).toBe('stopped after 0.05 min; the figures it measured until then are listed');
      expect(outcome.report?.figures.firstPhaseMs).toEqual({ value: 1234, unit: 'ms' });
      expect(outcome.report?.context).toEqual({ scale: 1, partial: true });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
