/**
 * What every bench script prints last: one line `BENCH_JSON {...}` with its
 * named figures and its targets (PASS/MISS), which bench/run.ts collects.
 * Human lines come before it; the JSON line is the contract.
 */
import { z } from 'zod';

export const BENCH_JSON_PREFIX = 'BENCH_JSON ';

// JSON has no NaN (nothing measured, e.g. no request finished): it travels as null.
const measured = z.number().nullable().transform((value) => value ?? Number.NaN);

export const figureSchema = z.object({
  value: measured,
  /** 'ms', 's', 'rows/s', 'mutations/s', 'MB', 'x' (a ratio), 'count' … */
  unit: z.string(),
  /** One line on what was measured, for the summary table and docs. */
  label: z.string().optional(),
});
export type Figure = z.output<typeof figureSchema>;

export const targetSchema = z.object({
  /** What the issue asks, in words: "incremental 1,000 edits ≤ 1 s". */
  name: z.string(),
  /** Key of the figure it checks. */
  figure: z.string(),
  op: z.enum(['<=', '>=']),
  limit: z.number(),
  value: measured,
  pass: z.boolean(),
});
export type Target = z.output<typeof targetSchema>;

export const benchReportSchema = z.object({
  name: z.string(),
  figures: z.record(z.string(), figureSchema),
  targets: z.array(targetSchema).default([]),
  /** Free-form facts worth keeping with the figures (data size, backend, concurrency). */
  context: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
});
export type BenchReport = z.output<typeof benchReportSchema>;

/** A figure with its unit (and optional label). */
export function figure(value: number, unit: string, label?: string): Figure {
  return label === undefined ? { value, unit } : { value, unit, label };
}

/** Checks a figure against its limit: `op` says which side passes. */
export function target(name: string, figures: Record<string, Figure>, key: string, op: '<=' | '>=', limit: number): Target {
  const found = figures[key];
  if (!found) throw new Error(`target "${name}" names a figure "${key}" that was not measured`);
  const value = found.value;
  const pass = Number.isFinite(value) && (op === '<=' ? value <= limit : value >= limit);
  return { name, figure: key, op, limit, value, pass };
}

/** Prints the targets in words, then the machine line; call it last. */
export function printBenchJson(
  name: string,
  figures: Record<string, Figure>,
  targets: Target[] = [],
  context: BenchReport['context'] = {},
): BenchReport {
  for (const t of targets) {
    console.log(`${t.pass ? 'PASS' : 'MISS'}  ${t.name}: ${formatNumber(t.value)} ${figures[t.figure]?.unit ?? ''} (target ${t.op} ${formatNumber(t.limit)})`);
  }
  const report: BenchReport = { name, figures, targets, context };
  console.log(BENCH_JSON_PREFIX + JSON.stringify(report));
  return report;
}

/**
 * What a script has measured so far, as a BENCH_JSON line marked partial and
 * without targets: printed after each phase, so a script stopped at its time
 * limit (bench/run.ts) still reports every figure it got to. The final
 * printBenchJson line, printed later, is the one read when the script ends.
 */
export function printInterim(name: string, figures: Record<string, Figure>, context: BenchReport['context'] = {}): void {
  console.log(BENCH_JSON_PREFIX + JSON.stringify({ name, figures, targets: [], context: { ...context, partial: true } }));
}

/** The last BENCH_JSON line of a script's output, validated; null when there is none. */
export function parseBenchJson(output: string): BenchReport | null {
  const lines = output.split('\n').filter((line) => line.startsWith(BENCH_JSON_PREFIX));
  const last = lines[lines.length - 1];
  if (last === undefined) return null;
  return benchReportSchema.parse(JSON.parse(last.slice(BENCH_JSON_PREFIX.length)));
}

/** The p-th percentile (0–100) by nearest rank; NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en');
  return value.toFixed(Math.abs(value) >= 10 ? 1 : 2);
}

/** Milliseconds since `start` (performance.now()). */
export function since(start: number): number {
  return performance.now() - start;
}
