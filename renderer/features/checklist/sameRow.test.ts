/**
 * A checklist row renders again only when what it shows changed: rows are
 * rebuilt for every snapshot of results, most with the LAO and result they had.
 */
import { describe, expect, it } from 'vitest';
import type { TaskResult } from '../../../shared/calendar/index';
import type { Lao } from '../../../shared/domain/reference';
import { sameRow, type RowProps } from './TaskLaoList';

const lao = { id: 'lao-1', code: '1', nameTh: 'อบต.หนึ่ง', type: 'sao', districtCode: '01', provinceCode: '99' } as unknown as Lao;
const result = { status: 'in_progress', done: 1, total: 4, missing: [] } as unknown as TaskResult;
const props: RowProps = {
  fiscalYear: 2570,
  row: { lao, result },
  lastVisit: undefined,
  districtName: 'เมือง',
  open: false,
  onToggle: () => {},
  period: { task: { id: 't1' } as never, fiscalYear: 2570, month: null },
  signOffs: undefined,
  missingItems: async () => [],
};

describe('sameRow', () => {
  it('holds for a rebuilt row of the same LAO and result', () => {
    expect(sameRow(props, { ...props, row: { lao, result } })).toBe(true);
  });

  it('fails when the result, the LAO or any other prop changed', () => {
    expect(sameRow(props, { ...props, row: { lao, result: { ...result, done: 2 } } })).toBe(false);
    expect(sameRow(props, { ...props, row: { lao: { ...lao }, result } })).toBe(false);
    expect(sameRow(props, { ...props, open: true })).toBe(false);
    expect(sameRow(props, { ...props, lastVisit: { id: 'v1' } as never })).toBe(false);
    expect(sameRow(props, { ...props, onToggle: () => {} })).toBe(false);
  });
});
