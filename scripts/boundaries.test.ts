import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Proves the lint rules that keep design.md's one-way imports actually fire.
const eslint = new ESLint();

async function importErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-imports' || message.ruleId === 'no-restricted-globals')
    .map((message) => message.message);
}

describe('import boundaries', () => {
  it.each([
    ["import fs from 'node:fs';", 'node builtin'],
    ["import { app } from 'electron';", 'electron'],
    ["import Dexie from 'dexie';", 'dexie'],
    ["import { localDb } from '../renderer/data/db';", 'renderer'],
    ["import { buildApp } from '../server/http/app';", 'server'],
  ])('shared/ refuses %s (%s)', async (source) => {
    expect(await importErrors('shared/calendar/example.ts', `${source}\nexport {};\n`)).not.toHaveLength(0);
  });

  it('shared/ refuses browser globals', async () => {
    expect(await importErrors('shared/calendar/example.ts', 'export const w = window.innerWidth;\n')).not.toHaveLength(0);
  });

  it.each([
    ['renderer/app/example.ts', "import { buildApp } from '../../server/http/app';"],
    ['renderer/app/example.ts', "import { ipcMain } from 'electron';"],
    ['server/http/example.ts', "import { localDb } from '../../renderer/data/db';"],
    ['main/example.ts', "import { localDb } from '../renderer/data/db';"],
  ])('%s may not import across sides: %s', async (file, source) => {
    expect(await importErrors(file, `${source}\nexport {};\n`)).not.toHaveLength(0);
  });

  it('every side may import shared/', async () => {
    for (const file of ['renderer/app/example.ts', 'server/http/example.ts', 'main/example.ts']) {
      expect(await importErrors(file, "import { RECORD_TABLES } from '../../shared/domain/tables';\nexport const t = RECORD_TABLES;\n")).toHaveLength(0);
    }
  });
});
