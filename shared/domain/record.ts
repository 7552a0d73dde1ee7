/**
 * The fields every synced record carries (design.md "Data model").
 */
import { z } from 'zod';
import { v7 } from 'uuid';
import { beYear, e, isoDateTime, provinceCode, typeError, uuid } from './common';

/** Where a record sits: set when it is made and never changed (the server refuses a change). */
export const PLACE_FIELDS = ['id', 'laoId', 'provinceCode'] as const;
/**
 * Stamped by the server on push and by the laptop on save; never a user's edit.
 * version, updatedAt and updatedBy on every write, createdBy on the first.
 */
export const STAMP_FIELDS = ['version', 'updatedAt', 'updatedBy', 'createdBy'] as const;
/** The envelope every synced record carries, whatever its category: the one list (recordBaseShape is keyed by it). */
export const ENVELOPE_FIELDS = [...PLACE_FIELDS, 'deleted', ...STAMP_FIELDS, 'enteredOnBehalf'] as const;
export type EnvelopeField = (typeof ENVELOPE_FIELDS)[number];

const ENVELOPE = new Set<string>(ENVELOPE_FIELDS);
const STAMPS = new Set<string>(STAMP_FIELDS);
export const isEnvelopeField = (field: string): field is EnvelopeField => ENVELOPE.has(field);
export const isStampField = (field: string): boolean => STAMPS.has(field);

export const recordBaseShape = {
  id: uuid(),
  laoId: uuid(),
  provinceCode: provinceCode(),
  deleted: z.boolean({ error: typeError('field.invalidType') }),
  /** Server row version; 0 before the first sync. */
  version: z
    .number({ error: typeError('field.invalidType') })
    .int(e('number.notInteger'))
    .min(0, e('number.negative')),
  updatedAt: isoDateTime(),
  updatedBy: uuid(),
  /** Who made the record (its first accepted write); absent on records made before the server kept it. */
  createdBy: uuid().optional(),
  /** The officer entered it for the LAO (the calendar asks for that when an LAO cannot). */
  enteredOnBehalf: z.boolean({ error: typeError('field.invalidType') }),
} satisfies Record<EnvelopeField, z.ZodType>;

/** Base of records that belong to one fiscal year (B.E.). */
export const fiscalRecordShape = { ...recordBaseShape, fiscalYear: beYear() };

export const recordBaseSchema = z.object(recordBaseShape);
export type RecordBase = z.output<typeof recordBaseSchema>;
export type FiscalRecordBase = RecordBase & { fiscalYear: number };

/** UUIDv7: time-ordered, made on the client, so ids sort by creation and never collide. */
export function newRecordId(): string {
  return v7();
}

/** The base fields of a record about to be saved for the first time. */
export function newRecordBase(args: {
  laoId: string;
  provinceCode: string;
  updatedBy: string;
  enteredOnBehalf: boolean;
  now: Date;
}): RecordBase {
  return {
    id: newRecordId(),
    laoId: args.laoId,
    provinceCode: args.provinceCode,
    deleted: false,
    version: 0,
    updatedAt: args.now.toISOString(),
    updatedBy: args.updatedBy,
    createdBy: args.updatedBy,
    enteredOnBehalf: args.enteredOnBehalf,
  };
}
