import { describe, expect, it } from 'vitest';
import { monthChoices, monthLabel, newestFirst, selectedMonth } from './months';

describe('the month picker’s choices', () => {
  it('lists every given fiscal year once, the newest first, each from October to September', () => {
    const choices = monthChoices([2568, 2570, 2570]);
    expect(choices).toHaveLength(24);
    expect(choices.slice(0, 2)).toEqual([
      { year: 2026, month: 10, fiscalYear: 2570, key: '2026-10' },
      { year: 2026, month: 11, fiscalYear: 2570, key: '2026-11' },
    ]);
    expect(choices[11]).toEqual({ year: 2027, month: 9, fiscalYear: 2570, key: '2027-09' });
    expect(choices[12]).toEqual({ year: 2024, month: 10, fiscalYear: 2568, key: '2024-10' });
    expect(new Set(choices.map((c) => c.key)).size).toBe(24);
    expect(monthChoices([])).toEqual([]);
  });

  it('labels months in Thai with B.E. years, and in English with "BE"', () => {
    const [first] = monthChoices([2570]);
    expect(monthLabel(first!.year, first!.month, 'th')).toBe('ตุลาคม 2569');
    expect(monthLabel(2027, 9, 'th')).toBe('กันยายน 2570');
    expect(monthLabel(2027, 1, 'th', 'short')).toBe('ม.ค. 2570');
    expect(monthLabel(2026, 10, 'en')).toBe('October 2569 BE');
  });

  it('orders fiscal years newest first, once each', () => {
    expect(newestFirst([2566, 2570, 2568, 2570])).toEqual([2570, 2568, 2566]);
  });
});

describe('the month a screen shows', () => {
  it('is the URL’s month, else today’s, with its fiscal year', () => {
    expect(selectedMonth('2027-03', '2026-12-15')).toEqual({ year: 2027, month: 3, fiscalYear: 2570 });
    expect(selectedMonth(null, '2026-12-15')).toEqual({ year: 2026, month: 12, fiscalYear: 2570 });
    expect(selectedMonth('2026-13', '2026-09-30')).toEqual({ year: 2026, month: 9, fiscalYear: 2569 });
  });
});
