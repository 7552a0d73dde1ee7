/**
 * `eplan-server` (and `npm run server`): the sync server's one command, configured
 * by environment variables (see server/config.ts and docs/deploy.md).
 * `serve` is the default; `migrate`, `create-admin` and `check` are in
 * server/commands.ts. Failures print one human sentence, no stack.
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { loadConfig, type ServerConfig } from './config';
import { closeOnSignals, startServer } from './main';
import { ensureDemoLogins, seedDemoIfEmpty } from './demo-seed';
import { COMMANDS, USAGE, checkCommand, createAdminCommand, demoSizeOption, describeDatabase, dumpCommand, migrateCommand, only, parseOptions, type Command, type Io } from './commands';
import { clockFrom, now, setClock } from '../shared/clock';

async function serve(config: ServerConfig, args: readonly string[]): Promise<void> {
  const options = parseOptions(args);
  only(options, ['seed-demo', 'demo-size']);
  const size = demoSizeOption(options);
  const server = await startServer(config, options.has('seed-demo')
      ? {
          onReady: async (db) => {
            await seedDemoIfEmpty(db, console.log, undefined, size);
            await ensureDemoLogins(db, console.log);
          },
        }
      : {});
  console.log(`Sync server listening on ${server.url} (database: ${describeDatabase(config)})`);
  closeOnSignals(server, () => process.exit(0));
}

/** Asks on the terminal with the typed characters hidden. */
function askSecret(prompt: string): Promise<string | null> {
  if (!process.stdin.isTTY) return Promise.resolve(null);
  process.stdout.write(prompt);
  const muted = new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = createInterface({ input: process.stdin, output: muted, terminal: true });
  return new Promise((resolve) => {
    rl.question('', (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
  });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const io: Io = { print: (line) => console.log(line), error: (line) => console.error(line), askSecret, readStdin };

async function run(argv: readonly string[]): Promise<void> {
  const [first, ...rest] = argv;
  if (first === '--help' || first === 'help' || first === '-h') {
    console.log(USAGE);
    return;
  }
  // No command, or options only: serve (as `npm run server -- --seed-demo` always did).
  const command = (first === undefined || first.startsWith('--') ? 'serve' : first) as Command;
  const args = command === first ? rest : argv;
  if (!COMMANDS.includes(command)) {
    console.error(`Unknown command "${first}".\n\n${USAGE}`);
    process.exit(2);
  }
  const loaded = loadConfig(process.env);
  if (!loaded.ok) fail(command, loaded.error.message);
  const config = loaded.value;
  if (config.clockStart !== undefined) {
    setClock(clockFrom(config.clockStart));
    console.log(`Clock set by EPLAN_NOW: the server's time starts at ${now().toISOString()}`);
  }
  try {
    if (command === 'serve') return await serve(config, args);
    const run = { migrate: migrateCommand, 'create-admin': createAdminCommand, check: checkCommand, dump: dumpCommand }[command];
    process.exitCode = await run(config, args, io);
  } catch (error) {
    fail(command, error instanceof Error ? error.message : String(error));
  }
}

function fail(command: Command, message: string): never {
  console.error(command === 'serve' ? `Cannot start the sync server: ${message}` : `eplan-server ${command}: ${message}`);
  process.exit(1);
}

void run(process.argv.slice(2));
