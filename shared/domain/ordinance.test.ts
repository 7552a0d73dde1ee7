import { describe, expect, it } from 'vitest';
import { FIXTURE_IDS } from './fixtures';
import { ordinanceDateWindow } from './ordinance';
import { check } from './testUtil';

describe('ordinance', () => {
  it('is passed and announced from the start of the previous fiscal year to the end of its own', () => {
    expect(ordinanceDateWindow(2568)).toEqual({ start: '2023-10-01', end: '2025-09-30' });
    expect(check('ordinances', { councilPassedOn: '2023-10-01', announcedOn: null })).toEqual([]);
    // Late ordinances (passed after the year began) happen.
    expect(check('ordinances', { councilPassedOn: '2024-11-15', announcedOn: '2024-11-20' })).toEqual([]);
    expect(check('ordinances', { councilPassedOn: '2023-09-30', announcedOn: '2025-10-01' })).toEqual([
      'councilPassedOn:date.outsideOrdinanceWindow',
      'announcedOn:date.outsideOrdinanceWindow',
    ]);
  });

  it('is announced on or after it passed council', () => {
    expect(check('ordinances', { announcedOn: '2024-08-19' })).toEqual(['announcedOn:ordinance.announcedBeforePassed']);
    expect(check('ordinances', { announcedOn: '2024-08-20' })).toEqual([]);
  });

  it('has a non-negative integer total', () => {
    expect(check('ordinances', { total: -1 })).toEqual(['total:amount.negative']);
    expect(check('ordinances', { total: '100' })).toEqual(['total:amount.invalid']);
    expect(check('ordinances', { total: 1e16 })).toEqual(['total:amount.tooLarge']);
  });

  it('gives message params', () => {
    const r = check('ordinances', { councilPassedOn: '2020-01-01' });
    expect(r).toEqual(['councilPassedOn:date.outsideOrdinanceWindow']);
  });
});

describe('ordinance item', () => {
  const ctx = {
    related: {
      ordinance: (id: string) => (id === FIXTURE_IDS.ordinance ? { fiscalYear: 2568, total: 3_000_000_000 } : undefined),
      planProject: (id: string) => (id === FIXTURE_IDS.project ? { planId: FIXTURE_IDS.plan } : undefined),
    },
  };

  it('needs a reason when cancelled', () => {
    expect(check('ordinanceItems', { outcome: 'cancelled' })).toEqual(['cancelReason:ordinanceItem.cancelReasonRequired']);
    expect(check('ordinanceItems', { outcome: 'cancelled', cancelReason: '   ' })).toEqual([
      'cancelReason:ordinanceItem.cancelReasonRequired',
    ]);
    expect(check('ordinanceItems', { outcome: 'cancelled', cancelReason: 'โอนงบประมาณไปใช้ในภัยแล้ง' })).toEqual([]);
    expect(check('ordinanceItems', { outcome: 'paid' })).toEqual(['outcome:field.invalidOption']);
  });

  it('belongs to a known ordinance of the same fiscal year and a known project', () => {
    expect(check('ordinanceItems', {}, ctx)).toEqual([]);
    expect(check('ordinanceItems', { planProjectId: null }, ctx)).toEqual([]);
    expect(check('ordinanceItems', { ordinanceId: FIXTURE_IDS.item }, ctx)).toEqual(['ordinanceId:ordinance.unknown']);
    expect(check('ordinanceItems', { fiscalYear: 2569 }, ctx)).toEqual(['fiscalYear:fiscalYear.mismatch']);
    expect(check('ordinanceItems', { planProjectId: FIXTURE_IDS.item }, ctx)).toEqual(['planProjectId:planProject.unknown']);
  });
});

describe('quarter report', () => {
  it('is for quarter 1..4 and not before the quarter starts', () => {
    expect(check('quarterReports', { quarter: 5 })).toEqual(['quarter:quarter.invalid']);
    expect(check('quarterReports', { quarter: 2, reportedOn: '2024-12-31' })).toEqual([
      'reportedOn:quarterReport.beforeQuarterStart',
    ]);
    expect(check('quarterReports', { quarter: 4, reportedOn: '2025-10-15' })).toEqual([]);
    expect(check('quarterReports', { quarter: 1, reportedOn: '2024-10-01' })).toEqual([]);
  });
});
