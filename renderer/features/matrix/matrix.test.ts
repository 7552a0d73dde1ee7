import { describe, expect, it } from 'vitest';
import { provinceView } from './matrix';

const lao = (id: string, provinceCode: string) => ({ id, provinceCode });
const district = (code: string, provinceCode: string) => ({ code, provinceCode });

describe('provinceView', () => {
  const laos = [lao('a', '20'), lao('b', '10'), lao('c', '20')];
  const districts = [district('1001', '10'), district('2001', '20')];

  it('shows one province of several: the requested one, else the first by code', () => {
    expect(provinceView(laos, districts, '20')).toEqual({ provinces: ['10', '20'], province: '20', laos: [laos[0], laos[2]], districts: [districts[1]] });
    expect(provinceView(laos, districts, null).province).toBe('10');
    expect(provinceView(laos, districts, '99').province).toBe('10');
  });

  it('offers no choice with a single province', () => {
    const one = provinceView([lao('a', '99')], [district('9901', '99')], '10');
    expect(one.province).toBeUndefined();
    expect(one.laos).toHaveLength(1);
    expect(one.districts).toHaveLength(1);
  });
});
