/** What the lock screen reads ahead of the unlock is what the first page then finds in memory. */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultTemplate } from '../../shared/calendar/index';
import { generateDemoProvince } from '../../shared/demo/generate';
import { calendarInForce } from './calendars';
import { provinceCompletion } from './completion';
import { localDb } from './db';
import { loadDemoDataset } from './demo';
import { holdReference, provinceReference } from './province';

const FY = 2570;
const ASOF = '2026-11-25';
const dataset = generateDemoProvince({ seed: 12, laoCount: 4, fiscalYears: [FY], asOf: ASOF, recordScale: 0.05 });
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  await loadDemoDataset(localDb(), dataset);
});
afterAll(async () => {
  localDb().close();
  await localDb().delete();
});

describe('reading ahead of the unlock', () => {
  // useReadAheadOfUnlock runs the engine of useProvinceCompletion(today): the same engine,
  // kept by provinceCompletion's cache, is what the page mounted after the unlock finds.
  it('leaves the results of today in the engine the page then asks for, computed', async () => {
    const template = calendarInForce(FY).template;
    expect(template).toEqual(defaultTemplate(FY));
    // What useProvinceCompletion(FY, ASOF) asks for, before anything read.
    expect(provinceCompletion(localDb(), FY, ASOF, template).snapshot().ready).toBe(false);
    await provinceCompletion(localDb(), FY, ASOF, calendarInForce(FY).template).refresh();
    const snapshot = provinceCompletion(localDb(), FY, ASOF, template).snapshot();
    expect(snapshot.ready).toBe(true);
    expect(snapshot.stale).toBe(false);
    expect([...snapshot.results.keys()].sort()).toEqual(dataset.laos.map((lao) => lao.id).sort());
  });

  it('keeps the reference data in memory while held, for the page mounted after the unlock', async () => {
    const stop = holdReference();
    await wait(100);
    expect(provinceReference.current().value?.laos).toHaveLength(dataset.laos.length);
    stop();
    // The page's own use, mounted as the lock screen leaves, finds it at once.
    const page = provinceReference.subscribe(() => {});
    expect(provinceReference.current().value?.laos).toHaveLength(dataset.laos.length);
    page();
  });
});
