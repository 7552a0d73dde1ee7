import { describe, expect, it } from 'vitest';
import th from '../../../i18n/records.th.json';
import en from '../../../i18n/records.en.json';
import { RECORD_CATEGORIES, RECORD_CATEGORY_KEYS } from '../../../../shared/domain/tables';
import { CATEGORIES } from './index';

const lookup = (messages: unknown, key: string): unknown => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);

describe('record categories', () => {
  it('cover the eight categories of mission.md', () => {
    expect(CATEGORIES.map((c) => c.key).sort()).toEqual([...RECORD_CATEGORY_KEYS].sort());
  });

  it('show each table in the tab of its category (shared/domain/tables.ts), where a checklist link looks for it', () => {
    for (const category of CATEGORIES) expect(category.sections.map((def) => def.table), category.key).toEqual([...RECORD_CATEGORIES[category.key]]);
  });

  it.each([['th', th], ['en', en]])('have every label in %s', (_lang, messages) => {
    const keys = CATEGORIES.flatMap((c) => [
      `categories.${c.key}`,
      ...c.sections.flatMap((def) => [
        `${def.table}.section`,
        `${def.table}.add`,
        ...def.fields.filter((f) => !f.labelOf).map((f) => f.label ?? `${def.table}.fields.${f.name}`),
        ...def.columns.filter((col) => !def.fields.some((f) => f.name === col.field)).map((col) => `${def.table}.fields.${col.field}`),
      ]),
    ]);
    for (const key of keys) expect(typeof lookup(messages, key), key).toBe('string');
  });
});
