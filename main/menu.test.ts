import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { APP_LANGUAGES } from '../shared/platform/bridge';
import { MENU_LABELS, buildMenuTemplate, type MenuOptions } from './menu';

const roles = (items: MenuItemConstructorOptions[]) => items.map((item) => item.role ?? item.label ?? item.type);
const submenu = (template: MenuItemConstructorOptions[], label: string) =>
  (template.find((item) => item.label === label || item.role === label)?.submenu ?? []) as MenuItemConstructorOptions[];

/** Every label in the menu, submenus included. */
function labelsOf(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.label ? [item.label] : []),
    ...(Array.isArray(item.submenu) ? labelsOf(item.submenu) : []),
  ]);
}

describe('buildMenuTemplate', () => {
  const options: MenuOptions = {
    appName: 'e-plan field companion',
    language: 'en',
    isDev: false,
    isMac: false,
    onAbout: () => undefined,
    onOpenLogFolder: () => undefined,
  };

  it('has File > Quit, Edit, View and Help', () => {
    const template = buildMenuTemplate(options);
    expect(template.map((item) => item.label)).toEqual(['File', 'Edit', 'View', 'Help']);
    expect(template.at(-1)?.role).toBe('help');
    expect(roles(submenu(template, 'File'))).toEqual(['quit']);
    expect(roles(submenu(template, 'Edit'))).toContain('paste');
  });

  it('is in Thai when the app is in Thai, every item labelled by us', () => {
    const template = buildMenuTemplate({ ...options, language: 'th' });
    expect(template.map((item) => item.label)).toEqual(['ไฟล์', 'แก้ไข', 'มุมมอง', 'ช่วยเหลือ']);
    const help = submenu(template, 'help');
    expect(help.map((item) => item.label ?? item.type)).toEqual(['เปิดโฟลเดอร์บันทึกการทำงาน', 'separator', 'เกี่ยวกับ e-plan field companion']);
    const roleItems = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
      items.flatMap((item) => [...(item.role ? [item] : []), ...(Array.isArray(item.submenu) ? roleItems(item.submenu) : [])]);
    for (const item of roleItems(buildMenuTemplate({ ...options, language: 'th', isDev: true, isMac: true }))) {
      expect(item.label, String(item.role)).toMatch(/[\u0E00-\u0E7F]|e-plan/);
    }
  });

  it('has a label for every item in both languages, different wording for each', () => {
    expect(Object.keys(MENU_LABELS.th).sort()).toEqual(Object.keys(MENU_LABELS.en).sort());
    for (const language of APP_LANGUAGES) {
      const labels = labelsOf(buildMenuTemplate({ ...options, language, isDev: true }));
      expect(labels.every((label) => label.trim() !== '')).toBe(true);
    }
    expect(labelsOf(buildMenuTemplate({ ...options, language: 'th' }))).not.toEqual(labelsOf(buildMenuTemplate(options)));
  });

  it('offers DevTools only in development', () => {
    expect(roles(submenu(buildMenuTemplate(options), 'View'))).not.toContain('toggleDevTools');
    const devView = roles(submenu(buildMenuTemplate({ ...options, isDev: true }), 'View'));
    expect(devView).toContain('reload');
    expect(devView).toContain('toggleDevTools');
  });

  it('opens the log folder and About from Help', () => {
    const onAbout = vi.fn();
    const onOpenLogFolder = vi.fn();
    const help = submenu(buildMenuTemplate({ ...options, onAbout, onOpenLogFolder }), 'help');
    expect(help[0]?.label).toBe('Open log folder');
    (help[0]?.click as () => void)();
    expect(onOpenLogFolder).toHaveBeenCalledOnce();
    expect(help[2]?.label).toBe('About e-plan field companion');
    (help[2]?.click as () => void)();
    expect(onAbout).toHaveBeenCalledOnce();
  });

  it('follows macOS conventions on macOS', () => {
    const template = buildMenuTemplate({ ...options, isMac: true });
    expect(template[0]?.label).toBe('e-plan field companion');
    expect(roles(submenu(template, 'e-plan field companion'))).toContain('quit');
    expect(roles(submenu(template, 'File'))).toEqual(['close']);
  });
});
