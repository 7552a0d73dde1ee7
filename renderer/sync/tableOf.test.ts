import { describe, expect, it } from 'vitest';
import { fixtureRecord } from '../../shared/domain/fixtures';
import { RECORD_TABLES } from '../../shared/domain/tables';
import type { WireRecord } from '../../shared/sync/protocol';
import { tableOfSnapshotRecord } from './tableOf';

describe('tableOfSnapshotRecord', () => {
  it.each(RECORD_TABLES)('finds %s from its fields', (table) => {
    expect(tableOfSnapshotRecord(fixtureRecord(table) as WireRecord)).toBe(table);
  });
  it('prefers a table name the server sends, and gives up on nonsense', () => {
    expect(tableOfSnapshotRecord({ ...(fixtureRecord('grants') as WireRecord), table: 'grants' })).toBe('grants');
    expect(tableOfSnapshotRecord({ id: 'x' } as unknown as WireRecord)).toBeNull();
  });
});
