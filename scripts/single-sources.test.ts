import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENVELOPE_FIELDS } from '../shared/domain/record';

// style.md "One list written in several places": the envelope is listed in shared/domain/record.ts only.
const HOME = path.join('shared', 'domain', 'record.ts');
const SELF = path.join('scripts', 'single-sources.test.ts');
const SIDES = ['shared', 'renderer', 'main', 'server', 'integration', 'e2e', 'bench', 'scripts'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : sourceFiles(file);
    return /\.(ts|tsx|mjs)$/.test(entry.name) ? [file] : [];
  });
}

/** Literal lists (`[...]`) naming three or more envelope fields other than `id`, which many lists name. */
function envelopeCopies(source: string): string[] {
  const names = ENVELOPE_FIELDS.filter((field) => field !== 'id');
  return [...source.matchAll(/\[([^[\]]*)\]/g)]
    .map((match) => match[0])
    .filter((list) => names.filter((field) => new RegExp(`['"\`]${field}['"\`]`).test(list)).length >= 3);
}

describe('single sources', () => {
  it('finds a copy of the envelope when there is one', () => {
    expect(envelopeCopies("const HIDDEN = new Set(['laoId', 'deleted', 'version', 'updatedBy']);")).toHaveLength(1);
    expect(envelopeCopies("const COLUMNS = ['id', 'lao_id', 'province_code'];")).toHaveLength(0);
  });

  it('lists the record envelope fields in shared/domain/record.ts alone', () => {
    const copies = SIDES.flatMap(sourceFiles)
      .filter((file) => file !== HOME && file !== SELF)
      .flatMap((file) => envelopeCopies(readFileSync(file, 'utf8')).map((list) => `${file}: ${list}`));
    expect(copies).toEqual([]);
  });
});
