/**
 * What the supervisor chose on the export page (month, language, district,
 * LAOs) and an export asked for from elsewhere (shortcut or app-bar menu),
 * kept outside the page so they survive navigating away and back: a shortcut
 * pressed on another page starts the export with the same choices.
 */
import { useSyncExternalStore } from 'react';
import type { ExportKind } from '../../export/exportNames';
import type { WorkbookLanguage } from '../../export/labels';

export interface ExportSelections {
  /** 'YYYY-MM' (Gregorian), or '' for this month. */
  month: string;
  language: WorkbookLanguage | '';
  /** '' for the whole province. */
  district: string;
  /** Chosen LAO ids; none chosen means every LAO of the district (or province). */
  laoIds: readonly string[];
}

interface State {
  selections: ExportSelections;
  /** The export to start once the page is ready; `seq` tells two presses of the same key apart. */
  pending: { kind: ExportKind; seq: number } | undefined;
}

let state: State = { selections: { month: '', language: '', district: '', laoIds: [] }, pending: undefined };
let seq = 0;
const listeners = new Set<() => void>();

function set(next: State): void {
  state = next;
  for (const listener of listeners) listener();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export function useExportSelections(): ExportSelections {
  return useSyncExternalStore(subscribe, () => state.selections);
}

export const currentSelections = (): ExportSelections => state.selections;

export function updateSelections(change: Partial<ExportSelections>): void {
  set({ ...state, selections: { ...state.selections, ...change } });
}

export function usePendingExport(): State['pending'] {
  return useSyncExternalStore(subscribe, () => state.pending);
}

export function requestExport(kind: ExportKind): void {
  seq += 1;
  set({ ...state, pending: { kind, seq } });
}

/** The page takes the pending export exactly once. */
export function takePendingExport(expectedSeq: number): ExportKind | undefined {
  const pending = state.pending;
  if (!pending || pending.seq !== expectedSeq) return undefined;
  set({ ...state, pending: undefined });
  return pending.kind;
}
