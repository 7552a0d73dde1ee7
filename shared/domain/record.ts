/**
 * The fields every synced record carries (design.md "Data model").
 */
import { z } from 'zod';
import { v7 } from 'uuid';
import { beYear, e, isoDateTime, provinceCode, typeError, uuid } from './common';

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
  /** The officer entered it for the LAO (the calendar asks for that when an LAO cannot). */
  enteredOnBehalf: z.boolean({ error: typeError('field.invalidType') }),
};

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
    enteredOnBehalf: args.enteredOnBehalf,
  };
}
