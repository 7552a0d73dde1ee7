import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { openLocalDb, type EplanDb, type OutboxEntry } from '../data/db';
import { META, readMeta, writeMeta } from './meta';
import { claimOutbox, countOutbox, dropOutsideScope, pushableBy } from './owners';

let db: EplanDb;
beforeEach(() => {
  db = openLocalDb(`owners-${uuidv7()}`);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const entry = (author: string, extra: Partial<OutboxEntry> = {}): OutboxEntry => ({
  mutationId: uuidv7(), table: 'antiDrugActivities', recordId: uuidv7(), op: 'upsert', baseVersion: 0, changes: {}, author, clientTime: '2026-01-01T00:00:00.000Z', ...extra,
});

describe('outbox owners', () => {
  it('counts the signed-in user’s pending and refused entries apart from other users’ waiting ones', () => {
    const entries = [entry('a'), entry('a', { rejected: { code: 'VALIDATION_FAILED', at: 'x' } }), entry('b'), entry('b', { rejected: { code: 'FORBIDDEN', at: 'x' } })];
    expect(countOutbox(entries, 'a')).toEqual({ pending: 1, rejected: 1, waiting: 2 });
    // Nobody signed in (the on-device demo): everything is this laptop's.
    expect(countOutbox(entries, null)).toEqual({ pending: 2, rejected: 2, waiting: 0 });
    expect(entries.filter(pushableBy('b'))).toEqual([entries[2]]);
  });

  it('gives work made before the first sign-in to that user, and only then', async () => {
    await db.outbox.bulkAdd([entry('demo-officer'), entry('local-user')]);
    expect(await claimOutbox(db, 'a')).toBeUndefined();
    expect((await db.outbox.toArray()).map((e) => e.author)).toEqual(['a', 'a']);
    await db.outbox.add(entry('a'));
    expect(await claimOutbox(db, 'b')).toBe('a');
    expect((await db.outbox.toArray()).map((e) => e.author)).toEqual(['a', 'a', 'a']);
    expect(await readMeta(db, META.signedInUsers)).toEqual(['a', 'b']);
    expect(await claimOutbox(db, 'a')).toBe('b');
    expect(await readMeta(db, META.signedInUsers)).toEqual(['b', 'a']);
  });

  it('sends again what was refused because another user pushed it, not what was refused for its content', async () => {
    await db.outbox.bulkAdd([
      entry('a', { rejected: { code: 'FORBIDDEN', at: 'x' } }),
      entry('a', { rejected: { code: 'VALIDATION_FAILED', at: 'x', by: 'b' } }),
      entry('a', { rejected: { code: 'VALIDATION_FAILED', at: 'x', by: 'a' } }),
      entry('a', { rejected: { code: 'FORBIDDEN', at: 'x', by: 'a' } }),
      entry('b', { rejected: { code: 'FORBIDDEN', at: 'x' } }),
    ]);
    await writeMeta(db, META.signedInUsers, ['b', 'a']);
    await claimOutbox(db, 'a');
    await claimOutbox(db, 'a');
    expect((await db.outbox.orderBy('seq').toArray()).map((e) => e.rejected?.code ?? 'pending')).toEqual(['pending', 'pending', 'VALIDATION_FAILED', 'FORBIDDEN', 'FORBIDDEN']);
  });

  it('drops records, conflicts and LAOs outside the new scope but keeps records that waiting work needs', async () => {
    const laos = ['lao-1', 'lao-2'];
    await db.laos.bulkPut(laos.map((id) => ({ id, code: id, type: 'SAO', nameTh: id, nameEn: id, provinceCode: '99', districtCode: '9901' })));
    const rows = [
      { id: 'r1', laoId: 'lao-1' },
      { id: 'r2', laoId: 'lao-2' },
      { id: 'r3', laoId: 'lao-2' },
    ];
    await db.table('antiDrugActivities').bulkPut(rows.map((row) => ({ ...row, provinceCode: '99', version: 1, deleted: false })));
    await db.outbox.add(entry('a', { recordId: 'r3' }));
    expect(await dropOutsideScope(db, new Set(['lao-1']))).toBe(1);
    expect((await db.table('antiDrugActivities').toArray()).map((row) => row.id).sort()).toEqual(['r1', 'r3']);
    expect((await db.laos.toArray()).map((lao) => lao.id)).toEqual(['lao-1']);
  });
});
