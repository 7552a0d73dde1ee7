import { describe, expect, it } from 'vitest';
import { parseBenchJson, percentile, printBenchJson, target } from './lib/report';
import { parseRunArgs, reportOf } from './run';

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
});
