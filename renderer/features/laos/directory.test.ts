import { describe, expect, it } from 'vitest';
import type { TaskStatus } from '../../../shared/calendar/index';
import { directoryRows, groupLaosByDistrict, matchesLaoSearch, monthStatusOf, type DirectoryLao } from './directory';

const r = (status: TaskStatus) => ({ status });

describe('monthStatusOf', () => {
  it('takes the neediest task of the month', () => {
    expect(monthStatusOf({ a: r('complete'), b: r('overdue'), c: r('in_progress') }, ['a', 'b', 'c'])).toBe('overdue');
    expect(monthStatusOf({ a: r('complete'), b: r('not_started'), c: r('in_progress') }, ['a', 'b', 'c'])).toBe('not_started');
    expect(monthStatusOf({ a: r('complete'), b: r('in_progress') }, ['a', 'b'])).toBe('in_progress');
    expect(monthStatusOf({ a: r('not_yet_due'), b: r('in_progress') }, ['a', 'b'])).toBe('in_progress');
  });

  it('is not yet due when a task of the month has not begun and none needs follow-up', () => {
    expect(monthStatusOf({ a: r('complete'), b: r('not_yet_due') }, ['a', 'b'])).toBe('not_yet_due');
    expect(monthStatusOf({ a: r('not_applicable'), b: r('not_yet_due') }, ['a', 'b'])).toBe('not_yet_due');
  });

  it('is complete only when every applicable task is, ignoring other months and tasks that do not apply', () => {
    expect(monthStatusOf({ a: r('complete'), b: r('not_applicable'), later: r('overdue') }, ['a', 'b'])).toBe('complete');
    expect(monthStatusOf({ b: r('not_applicable') }, ['b'])).toBe('not_applicable');
  });

  it('knows nothing before results exist', () => {
    expect(monthStatusOf(undefined, ['a'])).toBeUndefined();
  });
});

describe('the directory at national scale', () => {
  const districts = Array.from({ length: 900 }, (_, d) => ({ code: String(1000 + d), nameTh: `อำเภอ${d}`, nameEn: `District ${d}` }));
  const laos: DirectoryLao[] = Array.from({ length: 7850 }, (_, i) => ({
    id: `lao-${i}`, code: String(5_000_000 + i), type: i % 7 === 0 ? 'tambon_municipality' : 'sao', nameTh: `อบต.${i}`, nameEn: '', districtCode: String(1000 + (i % 900)), provinceCode: String(10 + (i % 77)),
  }));

  it('groups every LAO once, by district', () => {
    const groups = groupLaosByDistrict(laos, districts);
    expect(groups).toHaveLength(900);
    expect(groups.reduce((sum, g) => sum + g.laos.length, 0)).toBe(7850);
  });

  it('lays the groups out as district headings and rows of cards, every LAO once', () => {
    const groups = groupLaosByDistrict(laos.slice(0, 20), districts);
    const rows = directoryRows(groups, 3);
    expect(rows.filter((row) => row.kind === 'district')).toHaveLength(groups.length);
    const placed = rows.flatMap((row) => (row.kind === 'cards' ? row.laos.map((lao) => lao.id) : []));
    expect(placed.sort()).toEqual(laos.slice(0, 20).map((lao) => lao.id).sort());
    for (const row of rows) if (row.kind === 'cards') expect(row.laos.length).toBeLessThanOrEqual(3);
    expect(directoryRows(groups, 0).filter((row) => row.kind === 'cards')).toHaveLength(20);
  });

  it('finds by district name through a map as through the list', () => {
    const byCode = new Map(districts.map((d) => [d.code, d]));
    const found = laos.filter((lao) => matchesLaoSearch(lao, byCode, 'district 12'));
    expect(found.length).toBeGreaterThan(0);
    expect(found).toEqual(laos.filter((lao) => matchesLaoSearch(lao, districts, 'district 12')));
  });
});
