import { describe, expect, it } from 'vitest';
import { firstDownloadOf, WHOLE } from './download';

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
