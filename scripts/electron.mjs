/**
 * Finds the Electron executable, or says in plain words why there is none.
 * The `electron` npm package only knows its binary after its install script
 * has downloaded it; where that is not allowed, require('electron') throws
 * "Electron failed to install correctly". ELECTRON_PATH overrides the lookup.
 *
 * Usage from a script:  const found = findElectronBinary();
 * From a shell:         node scripts/electron.mjs   (prints the result, exit 1 if absent)
 */
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

const HOW_TO_FIX =
  'run "node node_modules/electron/install.js" where downloading the Electron binary is allowed, ' +
  'or set ELECTRON_PATH to an Electron executable';

function isFile(path) {
  try {
    return existsSync(path) && statSync(path).isFile();
  } catch {
    return false;
  }
}

function firstLine(error) {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}

/**
 * @param {{ env?: Record<string, string | undefined> }} [options]
 * @returns {{ available: true, path: string } | { available: false, reason: string }}
 */
export function findElectronBinary({ env = process.env } = {}) {
  const override = env.ELECTRON_PATH?.trim();
  if (override) {
    const path = resolve(override);
    return isFile(path)
      ? { available: true, path }
      : { available: false, reason: `ELECTRON_PATH is set to "${override}", but there is no executable there` };
  }

  // The package is there but its download step never ran (npm's allowScripts denies it on purpose,
  // see the README): say so, rather than Electron's own "failed to install correctly", which reads
  // as a broken install.
  let packageDir;
  try {
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { available: false, reason: `the electron package is not installed (run npm ci); ${HOW_TO_FIX}` };
  }
  if (!existsSync(join(packageDir, 'path.txt')) && !env.ELECTRON_OVERRIDE_DIST_PATH) {
    return {
      available: false,
      reason: `the Electron binary has not been downloaded: npm install skips Electron's download script on purpose ("allowScripts" in package.json), so that installing works without access to Electron's download host; ${HOW_TO_FIX}`,
    };
  }
  let binary;
  try {
    binary = require('electron');
  } catch (error) {
    return {
      available: false,
      reason: `Electron binary is not installed (${firstLine(error)}); ${HOW_TO_FIX}`,
    };
  }
  if (typeof binary !== 'string') {
    return { available: false, reason: `require('electron') did not return an executable path; ${HOW_TO_FIX}` };
  }
  if (!isFile(binary)) {
    return { available: false, reason: `Electron binary is missing at "${binary}"; ${HOW_TO_FIX}` };
  }
  return { available: true, path: binary };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const found = findElectronBinary();
  console.log(found.available ? `Electron: ${found.path}` : `Electron unavailable: ${found.reason}`);
  process.exitCode = found.available ? 0 : 1;
}
