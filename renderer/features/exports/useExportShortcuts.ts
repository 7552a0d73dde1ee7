/**
 * Ctrl+Alt+1…4 from any page: go to the export page and start that export
 * with the choices made there. Registered once, by the app bar's export menu.
 */
import { useCallback, useEffect } from 'react';
import { useNavigate } from 'react-router';
import type { ExportKind } from '../../export/exportNames';
import { actionForKey } from './exportActions';
import { requestExport } from './exportSelections';

export const EXPORTS_PATH = '/exports';

/** Asks for an export and shows the page that runs it (progress, cancel, result). */
export function useStartExport(): (kind: ExportKind) => void {
  const navigate = useNavigate();
  return useCallback((kind) => {
    requestExport(kind);
    void navigate(EXPORTS_PATH);
  }, [navigate]);
}

export function useExportShortcuts(): void {
  const start = useStartExport();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // AltGr reports Ctrl+Alt on Windows, and AltGr+digit types a character on some layouts.
      if (event.repeat || event.getModifierState('AltGraph')) return;
      const action = actionForKey(event);
      if (!action) return;
      event.preventDefault();
      start(action.kind);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [start]);
}
