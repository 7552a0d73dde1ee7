/** The application menu as plain data, so it can be tested without Electron. */
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuOptions {
  appName: string;
  isDev: boolean;
  isMac: boolean;
  onAbout: () => void;
}

export function buildMenuTemplate({ appName, isDev, isMac, onAbout }: MenuOptions): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { role: 'reload' },
    ...(isDev ? ([{ role: 'toggleDevTools' }] as MenuItemConstructorOptions[]) : []),
    { type: 'separator' },
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];

  return [
    ...(isMac ? ([{ label: appName, submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'quit' }] }] as MenuItemConstructorOptions[]) : []),
    { label: 'File', submenu: [isMac ? { role: 'close' } : { role: 'quit' }] },
    // Without an Edit menu, copy/paste shortcuts do not work on macOS.
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    { label: 'View', submenu: view },
    { role: 'help', submenu: [{ label: `About ${appName}`, click: onAbout }] },
  ];
}
