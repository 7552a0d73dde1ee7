/**
 * The application menu as plain data, in the app's language (the renderer
 * says which on every change), so it can be tested without Electron.
 * Role items get our labels too: Electron's own would be English.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { AppLanguage } from '../shared/platform/bridge';

export interface MenuLabels {
  file: string;
  quit: string;
  close: string;
  edit: string;
  undo: string;
  redo: string;
  cut: string;
  copy: string;
  paste: string;
  selectAll: string;
  view: string;
  reload: string;
  devTools: string;
  resetZoom: string;
  zoomIn: string;
  zoomOut: string;
  fullScreen: string;
  help: string;
  /** "{app}" is replaced by the app's name. */
  about: string;
  openLogFolder: string;
}

export const MENU_LABELS: Record<AppLanguage, MenuLabels> = {
  th: {
    file: 'ไฟล์',
    quit: 'ออกจากโปรแกรม',
    close: 'ปิดหน้าต่าง',
    edit: 'แก้ไข',
    undo: 'เลิกทำ',
    redo: 'ทำซ้ำ',
    cut: 'ตัด',
    copy: 'คัดลอก',
    paste: 'วาง',
    selectAll: 'เลือกทั้งหมด',
    view: 'มุมมอง',
    reload: 'โหลดใหม่',
    devTools: 'เครื่องมือนักพัฒนา',
    resetZoom: 'ขนาดปกติ',
    zoomIn: 'ขยาย',
    zoomOut: 'ย่อ',
    fullScreen: 'เต็มจอ',
    help: 'ช่วยเหลือ',
    about: 'เกี่ยวกับ {app}',
    openLogFolder: 'เปิดโฟลเดอร์บันทึกการทำงาน',
  },
  en: {
    file: 'File',
    quit: 'Quit',
    close: 'Close Window',
    edit: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select All',
    view: 'View',
    reload: 'Reload',
    devTools: 'Developer Tools',
    resetZoom: 'Actual Size',
    zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out',
    fullScreen: 'Full Screen',
    help: 'Help',
    about: 'About {app}',
    openLogFolder: 'Open log folder',
  },
};

export interface MenuOptions {
  appName: string;
  language: AppLanguage;
  isDev: boolean;
  isMac: boolean;
  onAbout: () => void;
  onOpenLogFolder: () => void;
}

export function buildMenuTemplate({ appName, language, isDev, isMac, onAbout, onOpenLogFolder }: MenuOptions): MenuItemConstructorOptions[] {
  const l = MENU_LABELS[language];
  const about = l.about.replace('{app}', appName);
  const view: MenuItemConstructorOptions[] = [
    { role: 'reload', label: l.reload },
    ...(isDev ? ([{ role: 'toggleDevTools', label: l.devTools }] as MenuItemConstructorOptions[]) : []),
    { type: 'separator' },
    { role: 'resetZoom', label: l.resetZoom },
    { role: 'zoomIn', label: l.zoomIn },
    { role: 'zoomOut', label: l.zoomOut },
    { type: 'separator' },
    { role: 'togglefullscreen', label: l.fullScreen },
  ];

  return [
    ...(isMac
      ? ([{ label: appName, submenu: [{ role: 'about', label: about }, { type: 'separator' }, { role: 'quit', label: l.quit }] }] as MenuItemConstructorOptions[])
      : []),
    { label: l.file, submenu: [isMac ? { role: 'close', label: l.close } : { role: 'quit', label: l.quit }] },
    // Without an Edit menu, copy/paste shortcuts do not work on macOS.
    {
      label: l.edit,
      submenu: [
        { role: 'undo', label: l.undo },
        { role: 'redo', label: l.redo },
        { type: 'separator' },
        { role: 'cut', label: l.cut },
        { role: 'copy', label: l.copy },
        { role: 'paste', label: l.paste },
        { role: 'selectAll', label: l.selectAll },
      ],
    },
    { label: l.view, submenu: view },
    {
      role: 'help',
      label: l.help,
      submenu: [
        { label: l.openLogFolder, click: onOpenLogFolder },
        { type: 'separator' },
        { label: about, click: onAbout },
      ],
    },
  ];
}
