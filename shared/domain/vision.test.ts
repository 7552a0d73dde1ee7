import { describe, expect, it } from 'vitest';
import { check } from './testUtil';

describe('vision', () => {
  it('needs a vision text and an ordered period', () => {
    expect(check('visions', { vision: '  ' })).toEqual(['vision:field.required']);
    expect(check('visions', { endYear: 2565 })).toEqual(['endYear:period.endBeforeStart']);
    expect(check('visions', { startYear: 1999 })).toEqual(['startYear:year.invalid']);
  });

  it('refuses duplicate strategy codes and empty approaches', () => {
    const s = { code: 'S1', name: 'x', approaches: ['a'] };
    expect(check('visions', { strategies: [s, s] })).toEqual(['strategies.1.code:strategy.duplicateCode']);
    expect(check('visions', { strategies: [{ ...s, approaches: [''] }] })).toEqual([
      'strategies.0.approaches.0:field.required',
    ]);
    expect(check('visions', { missions: 'one' })).toEqual(['missions:field.invalidType']);
  });
});
