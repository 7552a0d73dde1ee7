/** The export commands as small named objects: the menu, the buttons and the shortcuts share them. */
import type { ExportKind } from '../../export/exportNames';

export interface ExportAction {
  kind: ExportKind;
  /** Ctrl+Alt+<digit>: free in browsers and in the desktop menu. */
  digit: string;
}

export const EXPORT_ACTIONS: readonly ExportAction[] = [
  { kind: 'matrix', digit: '1' },
  { kind: 'budget', digit: '2' },
  { kind: 'officers', digit: '3' },
  { kind: 'raw', digit: '4' },
];

export const shortcutLabel = (action: ExportAction) => `Ctrl+Alt+${action.digit}`;

export function actionForKey(event: Pick<KeyboardEvent, 'ctrlKey' | 'altKey' | 'metaKey' | 'code'>): ExportAction | undefined {
  if (!(event.ctrlKey || event.metaKey) || !event.altKey) return undefined;
  return EXPORT_ACTIONS.find((action) => event.code === `Digit${action.digit}`);
}
