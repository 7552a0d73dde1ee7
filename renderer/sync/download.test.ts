import 'fake-indexeddb/auto';
import { liveQuery } from 'dexie';
import { describe, expect, it } from 'vitest';
import { openLocalDb } from '../data/db';
import { firstDownloadOf, readFirstDownload, WHOLE, type FirstDownload } from './download';
import { META, writeMeta } from './meta';

describe('the first download over a user\'s scopes', () => {
  it('is whole once every scope has its cursor', () => {
    expect(firstDownloadOf([])).toEqual(WHOLE);
    expect(firstDownloadOf([{ cursor: 12, progress: { after: null, cursor: 12, done: true, stored: 40, total: 40 } }])).toEqual(WHOLE);
  });

  it('counts the unfinished scopes: stored of total, interrupted when a page token is kept', () => {
    expect(firstDownloadOf([
      { cursor: 3, progress: { after: null, cursor: 3, done: true, stored: 9, total: 9 } },
      { cursor: undefined, progress: { after: '0.0190c4e2-0000-7000-8000-000000000001', cursor: 5, done: false, stored: 1000, total: 5400 } },
    ])).toEqual({ complete: false, stored: 1000, total: 5400, interrupted: true });
  });

  it('is partial with no total before the first page, or when the server did not count', () => {
    expect(firstDownloadOf([{ cursor: undefined, progress: undefined }])).toEqual({ complete: false, stored: 0, total: null, interrupted: false });
    expect(firstDownloadOf([
      { cursor: undefined, progress: { after: 'x', cursor: 1, done: false, stored: 10, total: 20 } },
      { cursor: undefined, progress: { after: 'y', cursor: 1, done: false, stored: 5 } },
    ])).toMatchObject({ stored: 15, total: null });
  });

  it('never says fewer records than it stored (rows added since the count)', () => {
    expect(firstDownloadOf([{ cursor: undefined, progress: { after: 'x', cursor: 1, done: false, stored: 25, total: 20 } }])).toMatchObject({ stored: 25, total: 25 });
  });
});

describe('readFirstDownload', () => {
  it('is whole when signed out, and a liveQuery over it sees every page stored (the app bar follows it)', async () => {
    const db = openLocalDb(`download-${Math.random()}`);
    expect(await readFirstDownload(db)).toEqual(WHOLE);
    await writeMeta(db, META.user, { id: 'u', username: 'sup', displayName: 'Sup', role: 'supervisor', provinceCodes: ['99'], laoIds: null });
    const seen: FirstDownload[] = [];
    const subscription = liveQuery(() => readFirstDownload(db)).subscribe((value) => seen.push(value));
    const settle = () => new Promise((resolve) => setTimeout(resolve, 100));
    await settle();
    await writeMeta(db, META.snapshot('99'), { after: '0.x', cursor: 4, done: false, stored: 400, total: 900 });
    await settle();
    await db.transaction('rw', db.meta, async () => {
      await writeMeta(db, META.snapshot('99'), { after: null, cursor: 4, done: true, stored: 900, total: 900 });
      await writeMeta(db, META.cursor('99'), 4);
    });
    await settle();
    subscription.unsubscribe();
    db.close();
    expect(seen).toEqual([
      { complete: false, stored: 0, total: null, interrupted: false },
      { complete: false, stored: 400, total: 900, interrupted: true },
      WHOLE,
    ]);
  });
});
