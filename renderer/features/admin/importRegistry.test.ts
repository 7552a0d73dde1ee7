import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import type { Lao } from '../../../shared/domain/reference';
import { parseCsv } from '../../../shared/export/registryCsv';
import { openLocalDb } from '../../data/db';
import { loadDraft, saveDraft } from '../../data/drafts';
import { saveRecord } from '../../data/records';
import { importRegistry } from './importRegistry';

const OFFICER_ID = '0190c4e2-0000-7000-8000-00000000a003';
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('importing the DLA registry CSV', () => {
  it('creates the province, districts and one LAO per code from rows per subdistrict', async () => {
    const db = openLocalDb(`registry-${uuidv7()}`);
    const outcome = await importRegistry(db, fixture('re01_demo_tambon.csv'));
    expect(outcome).toMatchObject({ ok: true, provinces: 1, districts: 3, laos: 6, rows: 7 });
    const laos = await db.laos.toArray();
    const city = laos.find((l) => l.code === '3300102') as unknown as { type: string; districtCode: string; provinceCode: string };
    expect(city).toMatchObject({ type: 'CITY_MUNICIPALITY', districtCode: '3001', provinceCode: '30' });
    expect(laos.find((l) => l.code === '5300202')).toMatchObject({ type: 'SAO' });
    expect(await db.provinces.get('30')).toMatchObject({ nameTh: 'นครราชสีมา' });
    // A re-import updates in place: same ids, no duplicates.
    const ids = laos.map((l) => l.id).sort();
    await importRegistry(db, fixture('re01_demo_tambon.csv'));
    expect((await db.laos.toArray()).map((l) => l.id).sort()).toEqual(ids);
    db.close();
  });

  it('reports malformed rows by line and stores nothing', async () => {
    const db = openLocalDb(`registry-${uuidv7()}`);
    const outcome = await importRegistry(db, fixture('re01_bad_tambon.csv'));
    expect(outcome.ok).toBe(false);
    if (outcome.ok || !('issues' in outcome)) return;
    expect(outcome.issues).toEqual([
      { line: 3, code: 'registry.unknownType', params: { value: 'สภาตำบล' } },
      { line: 4, code: 'registry.badCode', params: { value: '43002' } },
      { line: 5, code: 'registry.rowTooShort', params: { found: '4', expected: '6' } },
    ]);
    expect(await db.laos.count()).toBe(0);
    expect(await db.provinces.count()).toBe(0);
    db.close();
  });

  it('signed in as an administrator, stores nothing locally when the server refuses the file, and everything once it accepts', async () => {
    const db = openLocalDb(`registry-${uuidv7()}`);
    const refusal = new Error('409 REFERENCE_CONFLICT');
    const refused = await importRegistry(db, fixture('re01_demo_tambon.csv'), { sendToServer: async () => { throw refusal; } });
    expect(refused).toEqual({ ok: false, serverError: refusal });
    expect(await db.laos.count()).toBe(0);
    const sent: unknown[] = [];
    const accepted = await importRegistry(db, fixture('re01_demo_tambon.csv'), { sendToServer: async (file) => void sent.push(file) });
    expect(accepted).toMatchObject({ ok: true, laos: 6, onServer: true });
    // The server gets exactly what this device stores, with the same ids.
    expect(sent).toHaveLength(1);
    expect((sent[0] as { laos: { id: string }[] }).laos.map((l) => l.id).sort()).toEqual((await db.laos.toArray()).map((l) => l.id).sort());
    db.close();
  });

  it('stores LAOs under the ids the server kept (it matches by code), reports progress, and leaves English names empty', async () => {
    const db = openLocalDb(`registry-${uuidv7()}`);
    const serverIds = new Map<string, string>();
    const steps: string[] = [];
    const outcome = await importRegistry(db, fixture('re01_demo_tambon.csv'), {
      sendToServer: async (file) => {
        for (const lao of file.laos) serverIds.set(lao.code, uuidv7());
        return { keptIds: Object.fromEntries(file.laos.map((lao) => [lao.id, serverIds.get(lao.code)!])) };
      },
      onProgress: (step, done, total) => steps.push(`${step} ${done}/${total}`),
    });
    expect(outcome).toMatchObject({ ok: true, laos: 6, onServer: true });
    const stored = await db.laos.toArray();
    expect(stored.map((l) => [l.code, l.id]).sort()).toEqual([...serverIds.entries()].sort());
    expect(stored.every((l) => l.nameEn === '')).toBe(true);
    expect((await db.provinces.get('30'))?.nameEn).toBe('');
    expect(steps).toEqual(['checking 0/1', 'checking 7/7', 'sending 0/6', 'sending 6/6', 'storing 6/6']);
    db.close();
  });

  it("moves an officer's unsynced work for an LAO the server holds under another id to the server's id, with its outbox entry and draft", async () => {
    const db = openLocalDb(`registry-${uuidv7()}`);
    // Imported on this laptop alone first (no server): the LAOs get ids made here.
    expect(await importRegistry(db, fixture('re01_demo_tambon.csv'))).toMatchObject({ ok: true, laos: 6 });
    const lao = (await db.laos.toArray())[0] as unknown as Lao;
    const officer = { userId: OFFICER_ID, now: () => new Date('2026-11-26T03:00:00Z') };
    const saved = await saveRecord(db, 'antiDrugActivities', {
      laoId: lao.id, provinceCode: lao.provinceCode, fiscalYear: 2570, heldOn: '2026-11-20', kind: 'campaign',
      name: 'เดินรณรงค์', budget: 100_000, participants: 50, result: null, enteredOnBehalf: true,
    }, officer);
    expect(saved, JSON.stringify(saved)).toMatchObject({ ok: true });
    expect((await saveDraft(db, { table: 'antiDrugActivities', laoId: lao.id, recordId: null, values: { name: 'ร่าง' } })).ok).toBe(true);
    const other = (await db.laos.toArray())[1] as unknown as Lao;

    // Then through the server, which holds this LAO's code under an id of its own; the other LAOs keep theirs.
    const serverId = uuidv7();
    const outcome = await importRegistry(db, fixture('re01_demo_tambon.csv'), {
      sendToServer: async (file) => ({ keptIds: Object.fromEntries(file.laos.map((l) => [l.id, l.code === lao.code ? serverId : l.id])) }),
    });
    expect(outcome).toMatchObject({ ok: true, laos: 6, onServer: true });
    expect(await db.laos.get(lao.id)).toBeUndefined();
    expect(await db.laos.get(serverId)).toMatchObject({ code: lao.code });
    expect(await db.laos.get(other.id)).toMatchObject({ code: other.code });
    const record = await db.table('antiDrugActivities').get(saved.ok ? saved.value.id : '');
    expect(record).toMatchObject({ laoId: serverId, name: 'เดินรณรงค์', version: 0 });
    const [entry] = await db.outbox.toArray();
    expect(entry!.changes.laoId).toEqual({ old: null, new: serverId });
    expect(await db.table('antiDrugActivities').where('laoId').equals(lao.id).count()).toBe(0);
    expect(await loadDraft(db, 'antiDrugActivities', lao.id, null)).toBeUndefined();
    expect(await loadDraft(db, 'antiDrugActivities', serverId, null)).toMatchObject({ laoId: serverId, values: { name: 'ร่าง' } });
    db.close();
  });

  it('leaves no record, outbox entry or draft under an LAO id the laptop no longer holds, whichever LAOs the server holds under other ids', async () => {
    const text = fixture('re01_demo_tambon.csv');
    const actor = { userId: OFFICER_ID, now: () => new Date('2026-11-26T03:00:00Z') };
    await fc.assert(fc.asyncProperty(
      fc.array(fc.nat({ max: 5 }), { minLength: 1, maxLength: 6 }),
      fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
      async (entered, replaced) => {
        const db = openLocalDb(`registry-${uuidv7()}`);
        try {
          await importRegistry(db, text);
          const laos = (await db.laos.toArray()) as unknown as Lao[];
          for (const [n, index] of entered.entries()) {
            const lao = laos[index % laos.length]!;
            const saved = await saveRecord(db, 'antiDrugActivities', {
              laoId: lao.id, provinceCode: lao.provinceCode, fiscalYear: 2570, heldOn: '2026-11-20', kind: 'campaign',
              name: `กิจกรรม ${n}`, budget: 1_000, participants: 5, result: null, enteredOnBehalf: true,
            }, actor);
            expect(saved.ok).toBe(true);
            await saveDraft(db, { table: 'antiDrugActivities', laoId: lao.id, recordId: null, values: { name: `ร่าง ${n}` } });
          }
          const drafts = await db.table('drafts').count();
          const outcome = await importRegistry(db, text, {
            sendToServer: async (file) => ({ keptIds: Object.fromEntries(file.laos.map((l, i) => [l.id, replaced[i % replaced.length] ? uuidv7() : l.id])) }),
          });
          expect(outcome).toMatchObject({ ok: true });
          const held = new Set((await db.laos.toCollection().primaryKeys()).map(String));
          const records = await db.table('antiDrugActivities').toArray();
          expect(records).toHaveLength(entered.length);
          for (const record of records) expect(held.has(record.laoId)).toBe(true);
          for (const entry of await db.outbox.toArray()) expect(held.has(String(entry.changes.laoId?.new))).toBe(true);
          const draftRows = await db.table('drafts').toArray();
          expect(draftRows).toHaveLength(drafts);
          for (const draft of draftRows) expect(held.has(draft.laoId) && draft.key.includes(`:${draft.laoId}:`)).toBe(true);
        } finally {
          db.close();
        }
      },
    ), { numRuns: 12, seed: 20261205 });
  }, 60_000);

  it('moves nothing when this device cannot store the import: the work stays under the LAO id it had', async () => {
    const db = openLocalDb(`registry-${uuidv7()}`);
    await importRegistry(db, fixture('re01_demo_tambon.csv'));
    const lao = (await db.laos.toArray())[0] as unknown as Lao;
    const saved = await saveRecord(db, 'antiDrugActivities', {
      laoId: lao.id, provinceCode: lao.provinceCode, fiscalYear: 2570, heldOn: '2026-11-20', kind: 'campaign',
      name: 'เดินรณรงค์', budget: 100_000, participants: 50, result: null, enteredOnBehalf: true,
    }, { userId: OFFICER_ID, now: () => new Date('2026-11-26T03:00:00Z') });
    expect(saved, JSON.stringify(saved)).toMatchObject({ ok: true });
    db.laos.hook('creating', () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const outcome = await importRegistry(db, fixture('re01_demo_tambon.csv'), {
      sendToServer: async (file) => ({ keptIds: Object.fromEntries(file.laos.map((l) => [l.id, uuidv7()])) }),
    });
    expect(outcome).toEqual({ ok: false, localError: { code: 'QUOTA_EXCEEDED' }, onServer: true });
    expect(await db.laos.get(lao.id)).toMatchObject({ code: lao.code });
    expect(await db.table('antiDrugActivities').where('laoId').equals(lao.id).count()).toBe(1);
    expect((await db.outbox.toArray())[0]!.changes.laoId).toEqual({ old: null, new: lao.id });
    db.close();
  });

  it('stores nothing on this device when the disk is full halfway through, and says whether the server has the file', async () => {
    const db = openLocalDb(`registry-${uuidv7()}`);
    let laos = 0;
    db.laos.hook('creating', () => {
      laos += 1;
      if (laos === 4) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const alone = await importRegistry(db, fixture('re01_demo_tambon.csv'));
    expect(alone).toEqual({ ok: false, localError: { code: 'QUOTA_EXCEEDED' }, onServer: false });
    expect([await db.provinces.count(), await db.districts.count(), await db.laos.count()]).toEqual([0, 0, 0]);
    laos = 0;
    const sent = await importRegistry(db, fixture('re01_demo_tambon.csv'), { sendToServer: async () => {} });
    expect(sent).toEqual({ ok: false, localError: { code: 'QUOTA_EXCEEDED' }, onServer: true });
    expect([await db.provinces.count(), await db.districts.count(), await db.laos.count()]).toEqual([0, 0, 0]);
    db.close();
  });

  it('reports a missing column on the header line', async () => {
    const db = openLocalDb(`registry-${uuidv7()}`);
    const outcome = await importRegistry(db, 'จังหวัด,อำเภอ,ตำบล,อปท.\nนครราชสีมา,ครบุรี,แชะ,เทศบาลตำบลแชะ\n');
    expect(outcome).toEqual({ ok: false, issues: [
      { line: 1, code: 'registry.missingColumn', params: { column: 'รหัส อปท.' } },
      { line: 1, code: 'registry.missingColumn', params: { column: 'ประเภท อปท.' } },
    ] });
    db.close();
  });

  it('parses quoted fields with commas, quotes and line breaks', () => {
    expect(parseCsv('a,"b, ""c""\nd",e\r\n\r\nf,g,h')).toEqual([[1, ['a', 'b, "c"\nd', 'e']], [4, ['f', 'g', 'h']]]);
  });
});
