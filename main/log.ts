/**
 * The desktop app's log file, for support: one line per entry in
 * userData/logs/main.log, rotated by size (main.log → main.1.log → … →
 * main.{maxFiles-1}.log, the oldest dropped), so it never grows past
 * maxBytes × maxFiles. The file system comes in as a dependency; writes are
 * queued one after another, and a failing disk never throws into the caller.
 */
import * as path from 'node:path';

export const LOG_FILE_NAME = 'main.log';
export const LOG_MAX_BYTES = 1024 * 1024;
export const LOG_MAX_FILES = 5;
/** One entry's text is cut to this, so a runaway stack cannot rotate the whole history away. */
export const LOG_MAX_ENTRY_CHARS = 16_000;

export type LogLevel = 'error' | 'warn' | 'info';

export interface LogFs {
  mkdir(dir: string, options: { recursive: true }): Promise<unknown>;
  stat(file: string): Promise<{ size: number }>;
  appendFile(file: string, data: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  rm(file: string, options: { force: true }): Promise<void>;
}

export interface LogOptions {
  fs: LogFs;
  dir: string;
  now: () => Date;
  maxBytes?: number;
  maxFiles?: number;
  /** Where a failing log write is reported (the console): never the log itself. */
  onWriteError?: (error: unknown) => void;
}

export interface Log {
  /** The folder an officer opens from the Help menu. */
  readonly dir: string;
  write(level: LogLevel, source: string, message: string): Promise<void>;
  error(source: string, error: unknown): Promise<void>;
  info(source: string, message: string): Promise<void>;
}

/** An error as text: its stack when it has one, else its message or value. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}

/** "2026-10-01T02:00:00.000Z ERROR [renderer] message", continuation lines indented. */
export function formatLogLine(at: Date, level: LogLevel, source: string, message: string): string {
  const text = message.length > LOG_MAX_ENTRY_CHARS ? `${message.slice(0, LOG_MAX_ENTRY_CHARS)}…` : message;
  return `${at.toISOString()} ${level.toUpperCase()} [${source}] ${text.replace(/\r?\n/g, '\n    ')}\n`;
}

export const rotatedName = (index: number): string => (index === 0 ? LOG_FILE_NAME : LOG_FILE_NAME.replace(/\.log$/, `.${index}.log`));

export function createLog(options: LogOptions): Log {
  const { fs, dir, now } = options;
  const maxBytes = options.maxBytes ?? LOG_MAX_BYTES;
  const maxFiles = options.maxFiles ?? LOG_MAX_FILES;
  const file = (index: number) => path.join(dir, rotatedName(index));
  let queue: Promise<void> = Promise.resolve();
  let madeDir = false;

  async function sizeOf(target: string): Promise<number> {
    try {
      return (await fs.stat(target)).size;
    } catch {
      return 0;
    }
  }

  async function rotate(): Promise<void> {
    await fs.rm(file(maxFiles - 1), { force: true });
    for (let index = maxFiles - 2; index >= 0; index -= 1) {
      await fs.rename(file(index), file(index + 1)).catch((error: unknown) => {
        if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
      });
    }
  }

  async function append(line: string): Promise<void> {
    if (!madeDir) {
      await fs.mkdir(dir, { recursive: true });
      madeDir = true;
    }
    const size = await sizeOf(file(0));
    if (size > 0 && size + Buffer.byteLength(line) > maxBytes) await rotate();
    await fs.appendFile(file(0), line);
  }

  const write = (level: LogLevel, source: string, message: string): Promise<void> => {
    const line = formatLogLine(now(), level, source, message);
    queue = queue.then(() => append(line)).catch((error: unknown) => options.onWriteError?.(error));
    return queue;
  };

  return {
    dir,
    write,
    error: (source, error) => write('error', source, describeError(error)),
    info: (source, message) => write('info', source, message),
  };
}
