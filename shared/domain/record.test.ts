import { describe, expect, it } from 'vitest';
import { RECORD_SCHEMAS, RECORD_TABLES } from './index';
import { ENVELOPE_FIELDS, isEnvelopeField, isStampField, newRecordBase, PLACE_FIELDS, recordBaseShape, STAMP_FIELDS } from './record';

type Shaped = { shape: Record<string, unknown> };

describe('the record envelope', () => {
  it('is exactly the base shape and what a new record is given', () => {
    expect(Object.keys(recordBaseShape).sort()).toEqual([...ENVELOPE_FIELDS].sort());
    const made = newRecordBase({ laoId: 'l', provinceCode: '99', updatedBy: 'u', enteredOnBehalf: false, now: new Date(0) });
    expect(Object.keys(made).sort()).toEqual([...ENVELOPE_FIELDS].sort());
  });

  it.each(RECORD_TABLES)('%s carries every envelope field, with the base schema of each', (table) => {
    const shape = (RECORD_SCHEMAS[table] as unknown as Shaped).shape;
    for (const field of ENVELOPE_FIELDS) expect(shape[field], field).toBe(recordBaseShape[field]);
  });

  it('place and stamp fields are envelope fields, apart from each other', () => {
    for (const field of [...PLACE_FIELDS, ...STAMP_FIELDS]) expect(isEnvelopeField(field)).toBe(true);
    expect(PLACE_FIELDS.some(isStampField)).toBe(false);
    expect(isEnvelopeField('fiscalYear')).toBe(false);
  });
});
