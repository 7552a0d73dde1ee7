/** The flags every bench script understands. */
export interface BenchArgs {
  /** Smaller data for a smoke run. */
  quick: boolean;
  /** `--backend pglite|postgres`; both when absent. */
  backends: Array<'pglite' | 'postgres'>;
  /** `--cpu-prof`: the server processes write V8 CPU profiles to this folder. */
  cpuProfDir: string | null;
  /** `--scale x`: recordScale of the demo generator instead of the script's default. */
  scale: number | null;
}

export function parseBenchArgs(argv: readonly string[] = process.argv.slice(2)): BenchArgs {
  const valueOf = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const backend = valueOf('--backend');
  if (backend !== undefined && backend !== 'pglite' && backend !== 'postgres') throw new Error(`--backend must be pglite or postgres, not ${backend}`);
  return {
    quick: argv.includes('--quick'),
    backends: backend === undefined ? ['pglite', 'postgres'] : [backend],
    cpuProfDir: argv.includes('--cpu-prof') ? (valueOf('--cpu-prof-dir') ?? '/tmp/eplan-bench-prof') : null,
    scale: valueOf('--scale') === undefined ? null : Number(valueOf('--scale')),
  };
}

export function cpuProfFlags(dir: string | null): string[] {
  return dir === null ? [] : ['--cpu-prof', `--cpu-prof-dir=${dir}`];
}
