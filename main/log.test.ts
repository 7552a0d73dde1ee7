import { promises as fs } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fixedClock } from '../shared/clock';
import { LOG_MAX_ENTRY_CHARS, createLog, describeError, formatLogLine } from './log';

const clock = fixedClock('2026-10-01T09:00:00+07:00');
let root: string;
let dir: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'eplan-log-'));
  dir = path.join(root, 'logs');
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('formatLogLine', () => {
  it('stamps the UTC instant, level and source, and indents continuation lines', () => {
    expect(formatLogLine(clock.now(), 'error', 'renderer', 'TypeError: x\n    at A\nat B')).toBe(
      '2026-10-01T02:00:00.000Z ERROR [renderer] TypeError: x\n        at A\n    at B\n',
    );
  });

  it('cuts an overlong entry', () => {
    const line = formatLogLine(clock.now(), 'info', 'main', 'x'.repeat(LOG_MAX_ENTRY_CHARS + 500));
    expect(line.length).toBeLessThan(LOG_MAX_ENTRY_CHARS + 100);
    expect(line.endsWith('…\n')).toBe(true);
  });
});

describe('describeError', () => {
  it('prefers the stack, then the message, then JSON', () => {
    const error = new Error('boom');
    expect(describeError(error)).toContain('Error: boom\n    at ');
    expect(describeError('plain')).toBe('plain');
    expect(describeError({ code: 'X' })).toBe('{"code":"X"}');
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(describeError(circular)).toBe('[object Object]');
  });
});

describe('createLog on a real folder', () => {
  it('makes the folder and appends entries in order', async () => {
    const log = createLog({ fs, dir, now: clock.now });
    void log.info('main', 'started');
    await log.error('renderer', new Error('render failed'));
    const text = await readFile(path.join(dir, 'main.log'), 'utf8');
    const lines = text.split('\n').filter((line) => /^\d{4}-/.test(line));
    expect(lines[0]).toBe('2026-10-01T02:00:00.000Z INFO [main] started');
    expect(lines[1]).toBe('2026-10-01T02:00:00.000Z ERROR [renderer] Error: render failed');
  });

  it('rotates by size and keeps at most maxFiles files, newest in main.log', async () => {
    const log = createLog({ fs, dir, now: clock.now, maxBytes: 200, maxFiles: 3 });
    // Each line is about 60 bytes: three fit in 200, the fourth starts a new file.
    for (let entry = 1; entry <= 20; entry += 1) await log.info('main', `entry ${String(entry).padStart(2, '0')}`);
    expect((await readdir(dir)).sort()).toEqual(['main.1.log', 'main.2.log', 'main.log']);
    for (const name of await readdir(dir)) {
      expect((await fs.stat(path.join(dir, name))).size).toBeLessThanOrEqual(200);
    }
    const newest = await readFile(path.join(dir, 'main.log'), 'utf8');
    expect(newest).toContain('entry 20');
    const older = await readFile(path.join(dir, 'main.1.log'), 'utf8');
    const entriesOf = (text: string) => [...text.matchAll(/entry (\d+)/g)].map((match) => Number(match[1]));
    // main.1.log holds the entries just before main.log's first.
    expect(Math.max(...entriesOf(older)) + 1).toBe(Math.min(...entriesOf(newest)));
    const oldest = await readFile(path.join(dir, 'main.2.log'), 'utf8');
    expect(entriesOf(oldest)).not.toContain(1);
  });

  it('writes a single entry larger than maxBytes into a file of its own', async () => {
    const log = createLog({ fs, dir, now: clock.now, maxBytes: 100, maxFiles: 2 });
    await log.info('main', 'small');
    await log.info('main', 'y'.repeat(300));
    expect(await readFile(path.join(dir, 'main.1.log'), 'utf8')).toContain('small');
    expect(await readFile(path.join(dir, 'main.log'), 'utf8')).toContain('y'.repeat(300));
  });

  it('reports a failing disk to onWriteError and keeps accepting entries', async () => {
    const onWriteError = vi.fn();
    let failing = true;
    const flaky = {
      ...fs,
      appendFile: async (file: string, data: string) => {
        if (failing) throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
        await fs.appendFile(file, data);
      },
    };
    const log = createLog({ fs: flaky, dir, now: clock.now, onWriteError });
    await expect(log.info('main', 'lost')).resolves.toBeUndefined();
    expect(onWriteError).toHaveBeenCalledWith(expect.objectContaining({ code: 'ENOSPC' }));
    failing = false;
    await log.info('main', 'kept');
    expect(await readFile(path.join(dir, 'main.log'), 'utf8')).toContain('kept');
  });
});
