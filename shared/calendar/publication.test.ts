import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { copyTemplateToYear, noChanges, templateChanges } from './publication';
import { defaultTemplate } from './seedTemplate';
import { validateTemplate } from './template';

const years = fc.integer({ min: 2500, max: 2650 });

describe('calendar publications', () => {
  it('carries a calendar to any other year valid, months moved and nothing else changed', () => {
    fc.assert(
      fc.property(years, years, (from, to) => {
        const copied = copyTemplateToYear(defaultTemplate(from), to);
        expect(validateTemplate(copied).ok).toBe(true);
        // Carried back, it is the calendar it was; the rules never change on the way.
        expect(noChanges(templateChanges(defaultTemplate(from), copyTemplateToYear(copied, from)))).toBe(true);
        expect(copied.tasks.map((t) => t.rule)).toEqual(defaultTemplate(from).tasks.map((t) => t.rule));
      }),
    );
  });

  it('names the tasks a version adds, removes, changes and whether it only reorders', () => {
    const seed = defaultTemplate(2571);
    const [first, second, ...rest] = seed.tasks;
    const next = {
      ...seed,
      tasks: [second!, { ...first!, guidance: { ...first!.guidance, th: 'ใหม่' } }, ...rest.slice(1), { ...rest[0]!, id: 'renamed-task' }],
    };
    expect(templateChanges(seed, next)).toEqual({ added: ['renamed-task'], removed: [rest[0]!.id], changed: [first!.id], reordered: true });
    expect(templateChanges(seed, { ...seed, tasks: [second!, first!, ...rest] })).toEqual({ added: [], removed: [], changed: [], reordered: true });
    expect(noChanges(templateChanges(seed, defaultTemplate(2571)))).toBe(true);
    // Next year's copy names next year in its texts.
    expect(copyTemplateToYear(seed, 2572).tasks[0]!.label.th).toBe(defaultTemplate(2572).tasks[0]!.label.th);
  });
});
