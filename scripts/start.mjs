// npm start: the local sync server (embedded PGlite, demo province) plus the
// desktop app; where the Electron binary is missing, the same app in a browser.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findElectronBinary } from './electron.mjs';

const port = Number(process.env.PORT ?? 8787);
const host = process.env.HOST ?? '127.0.0.1';
const url = `http://${host}:${port}`;
const say = (line) => console.log(`[e-plan] ${line}`);

if (!existsSync('dist/renderer/index.html')) {
  say('The app is not built yet: run `npm run build` (npm start normally does it for you).');
  process.exit(1);
}

say(`Starting the sync server on ${url} (embedded database in ./data/server, demo province)…`);
const server = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', '--seed-demo'], {
  stdio: ['ignore', 'inherit', 'inherit'],
  env: { ...process.env, PORT: String(port), HOST: host, STATIC_DIR: process.env.STATIC_DIR ?? 'dist/renderer' },
});
let app;
const stop = (code) => {
  app?.kill();
  server.kill('SIGTERM');
  process.exitCode = code;
};
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
server.on('exit', (code) => {
  if (code) say('The sync server stopped; see the message above.');
  app?.kill();
  process.exit(code ?? 0);
});

async function waitForHealth(deadline = Date.now() + 60_000) {
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/v1/health`);
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    if (server.exitCode !== null) return false;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return false;
}

if (!(await waitForHealth())) {
  say('The sync server did not become ready within 60 seconds.');
  stop(1);
} else {
  const electron = findElectronBinary();
  if (electron.available) {
    say('Launching the desktop app…');
    app = spawn(electron.path, ['.'], { stdio: 'inherit', env: { ...process.env, EPLAN_SERVER_URL: url } });
    app.on('exit', () => stop(0));
  } else {
    say('No Electron binary here, so the desktop window cannot open. Serving the same app for a browser instead:');
    say(`  open ${url}/ in Chromium, Chrome or Edge (data stays in that browser's storage; sign in or load the demo there).`);
    say(`Why no desktop window: ${electron.reason}.`);
    say('Press Ctrl+C to stop.');
  }
}
