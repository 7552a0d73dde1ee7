import { describe, expect, it } from 'vitest';
import { currentSelections, requestExport, takePendingExport, updateSelections } from './exportSelections';

// The store is read through hooks in the app; here through the same functions the page calls.
describe('an export asked for from another page', () => {
  it('is taken once, and only by the request it was made for', () => {
    requestExport('raw');
    requestExport('budget');
    // A page that saw the first request (seq 1) does not start the second one by mistake.
    expect(takePendingExport(1)).toBeUndefined();
    expect(takePendingExport(2)).toBe('budget');
    expect(takePendingExport(2)).toBeUndefined();
  });

  it('keeps the choices made on the page when others change', () => {
    updateSelections({ district: '9901', laoIds: ['a', 'b'] });
    updateSelections({ month: '2026-03' });
    expect(currentSelections()).toEqual({ month: '2026-03', language: '', district: '9901', laoIds: ['a', 'b'] });
    requestExport('matrix');
    expect(takePendingExport(3)).toBe('matrix');
    expect(currentSelections().laoIds).toEqual(['a', 'b']);
  });
});
