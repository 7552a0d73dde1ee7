/**
 * The static checks of `npm test`, side by side: the TypeScript check of each
 * side (the `typecheck` script's projects) and ESLint, as many at once as the
 * machine has cores. Each one's output is printed whole when it ends; the exit
 * code is 1 when any failed. `--only=tsc` runs the TypeScript checks alone
 * (`npm run typecheck`).
 */
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import path from 'node:path';

const BIN = path.resolve('node_modules/.bin');
const PROJECTS = ['shared', 'renderer', 'main', 'server', 'e2e', 'integration', 'bench'];
const CHECKS = [
  ...PROJECTS.map((project) => ({ name: `tsc ${project}`, command: `tsc -p ${project}/tsconfig.json --noEmit` })),
  { name: 'eslint', command: 'eslint .' },
];

function run({ name, command }) {
  return new Promise((resolve) => {
    const startedAt = Date.now();
    const env = { ...process.env, PATH: `${BIN}${path.delimiter}${process.env.PATH ?? ''}` };
    const child = spawn(command, { shell: true, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => {
      const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
      console.log(`${code === 0 ? 'ok  ' : 'FAIL'} ${name} (${seconds} s)`);
      if (output.trim()) console.log(output.trimEnd());
      resolve(code === 0);
    });
  });
}

const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
const chosen = CHECKS.filter((check) => !only || check.name.startsWith(only));
if (chosen.length === 0) {
  console.error(`No static check is named ${only}.`);
  process.exit(1);
}
const queue = [...chosen];
const results = [];
const worker = async () => {
  for (let check = queue.shift(); check; check = queue.shift()) results.push(await run(check));
};
await Promise.all(Array.from({ length: Math.max(1, Math.min(availableParallelism(), chosen.length)) }, worker));
const failed = results.filter((passed) => !passed).length;
console.log(failed === 0 ? `All ${chosen.length} static checks passed.` : `${failed} of ${chosen.length} static checks failed.`);
process.exitCode = failed === 0 ? 0 : 1;
