import { describe, expect, it } from 'vitest';
import { fixtureRecord, FIXTURE_IDS } from './fixtures';
import fc from 'fast-check';
import { checkFieldValues, hasFiscalYear, newRecordBase, newRecordId, RECORD_SCHEMAS, RECORD_TABLES, validateRecord, validateReference } from './index';
import { check, issuesOf } from './testUtil';

describe('RECORD_SCHEMAS', () => {
  it('has a schema for every record table', () => {
    expect(Object.keys(RECORD_SCHEMAS).sort()).toEqual([...RECORD_TABLES].sort());
  });

  it.each(RECORD_TABLES)('lists %s among the fiscal-year tables exactly when its records carry a fiscalYear', (table) => {
    expect('fiscalYear' in fixtureRecord(table)).toBe(hasFiscalYear(table));
    const { fiscalYear: _dropped, ...without } = fixtureRecord(table) as Record<string, unknown>;
    expect(validateRecord(table, without).ok).toBe(!hasFiscalYear(table));
  });

  it.each(RECORD_TABLES)('accepts the %s fixture', (table) => {
    const r = validateRecord(table, fixtureRecord(table));
    expect(issuesOf(r)).toEqual([]);
  });
});

describe('base fields', () => {
  it.each([
    [{ id: undefined }, 'id:field.required'],
    [{ id: 'abc' }, 'id:id.invalid'],
    [{ laoId: 12 }, 'laoId:id.invalid'],
    [{ provinceCode: '9' }, 'provinceCode:code.province'],
    [{ deleted: 'no' }, 'deleted:field.invalidType'],
    [{ version: -1 }, 'version:number.negative'],
    [{ version: 1.5 }, 'version:number.notInteger'],
    [{ updatedAt: '2025-03-01' }, 'updatedAt:datetime.invalid'],
    [{ updatedBy: null }, 'updatedBy:field.required'],
    [{ enteredOnBehalf: undefined }, 'enteredOnBehalf:field.required'],
    [{ fiscalYear: 2025 }, 'fiscalYear:year.invalid'],
  ])('%o -> %s', (patch, expected) => {
    expect(check('grants', patch)).toContain(expected);
  });

  it('refuses a record for an LAO the writer does not know', () => {
    expect(check('grants', {}, { knownLaoIds: new Set(['x']) })).toEqual(['laoId:lao.unknown']);
    expect(check('grants', {}, { knownLaoIds: new Set([FIXTURE_IDS.lao]) })).toEqual([]);
  });

  it('never blocks a tombstone on context rules', () => {
    expect(check('grants', { deleted: true }, { knownLaoIds: new Set(['x']) })).toEqual([]);
  });

  it('strips unknown fields', () => {
    const r = validateRecord('grants', { ...fixtureRecord('grants'), extra: 1 });
    expect(r.ok && 'extra' in r.value).toBe(false);
  });

  it('makes new bases with time-ordered UUIDv7 ids', () => {
    const a = newRecordId();
    const b = newRecordBase({ laoId: FIXTURE_IDS.lao, provinceCode: '99', updatedBy: FIXTURE_IDS.user, enteredOnBehalf: true, now: new Date('2025-01-01T00:00:00Z') });
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(b.version).toBe(0);
    expect(validateRecord('grants', { ...fixtureRecord('grants'), ...b }).ok).toBe(true);
  });
});

describe('validateReference', () => {
  it('validates reference rows', () => {
    expect(validateReference('provinces', { code: '99', nameTh: 'จังหวัดสาธิต', nameEn: 'Demo Province', demo: true }).ok).toBe(true);
    expect(issuesOf(validateReference('provinces', { code: 'AB', nameTh: '', nameEn: 'x' }))).toEqual([
      'code:code.province',
      'nameTh:field.required',
    ]);
  });
});

describe('checkFieldValues', () => {
  it.each(RECORD_TABLES)('accepts every field of a valid %s record, one by one', (table) => {
    expect(checkFieldValues(table, fixtureRecord(table) as Record<string, unknown>)).toEqual([]);
  });

  it('names a field the table does not have, and a value its own schema refuses, without reading other fields', () => {
    expect(checkFieldValues('visions', { colour: 'red', vision: 42, startYear: 2566 })).toEqual([
      { path: 'colour', code: 'field.unknown' },
      { path: 'vision', code: 'field.invalidType' },
    ]);
    // Inherited names are not fields.
    expect(checkFieldValues('visions', { toString: 'x', __proto__: 'y' } as Record<string, unknown>).map((i) => i.code)).toEqual(['field.unknown']);
  });

  it('refuses any value of a known field that validateRecord would refuse in a whole record', () => {
    fc.assert(
      fc.property(fc.constantFrom(...RECORD_TABLES), fc.anything(), (table, value) => {
        const record = fixtureRecord(table) as Record<string, unknown>;
        const fields = Object.keys(record);
        const field = fields[Math.abs(JSON.stringify(value)?.length ?? 0) % fields.length]!;
        if (checkFieldValues(table, { [field]: value }).length > 0) return;
        // Accepted alone: then its type is right, so a whole record refuses it only for a cross-field rule.
        const whole = validateRecord(table, { ...record, [field]: value });
        if (!whole.ok) expect(whole.error.every((found) => !found.path.startsWith(`${field}.`) || found.code !== 'field.invalidType')).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
