/**
 * `npm run server`: the sync server alone, configured by environment
 * variables (see server/config.ts). Failures print one human sentence, no stack.
 */
import { loadConfig, type ServerConfig } from './config';
import { closeOnSignals, startServer } from './main';
import { ensureDemoLogins, seedDemoIfEmpty } from './demo-seed';
import { clockFrom, now, setClock } from '../shared/clock';

function describeDatabase(config: ServerConfig): string {
  return config.databaseUrl === undefined ? `pglite at ${config.dataDir}` : 'postgres';
}

async function run(): Promise<void> {
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    fail(loaded.error.message);
    return;
  }
  const config = loaded.value;
  if (config.clockStart !== undefined) {
    setClock(clockFrom(config.clockStart));
    console.log(`Clock set by EPLAN_NOW: the server's time starts at ${now().toISOString()}`);
  }
  try {
    const seedDemo = process.argv.includes('--seed-demo');
    const server = await startServer(config, seedDemo
        ? {
            onReady: async (db) => {
              await seedDemoIfEmpty(db, console.log);
              await ensureDemoLogins(db, console.log);
            },
          }
        : {});
    console.log(`Sync server listening on ${server.url} (database: ${describeDatabase(config)})`);
    closeOnSignals(server, () => process.exit(0));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
}

function fail(message: string): void {
  console.error(`Cannot start the sync server: ${message}`);
  process.exit(1);
}

void run();
