import type { Metafile } from 'esbuild';

/** Writes outDir/eplan-server.mjs and outDir/migrations; resolves to esbuild's metafile. */
export function bundleServer(outDir: string, version: string): Promise<Metafile>;
