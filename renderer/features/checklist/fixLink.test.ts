import { describe, expect, it } from 'vitest';
import { fixLink } from './TaskLaoList';

describe('fixLink', () => {
  it('opens the record that is missing something in its form', () => {
    expect(fixLink('lao-1', { table: 'ordinances', recordId: 'rec-9' }, 2570)).toBe('/laos/lao-1?section=ordinances&record=rec-9&c=ordinance&fy=2570');
  });

  it("opens the section's new-record form when the record itself is missing, in the item's fiscal year", () => {
    expect(fixLink('lao-1', { table: 'plans', params: { fy: 2569 } }, 2570)).toBe('/laos/lao-1?section=plans&record=new&c=plan&fy=2569');
  });

  it('opens the workspace alone when the item names no table', () => {
    expect(fixLink('lao-1', {}, undefined)).toBe('/laos/lao-1');
  });
});
