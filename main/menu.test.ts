import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate } from './menu';

const roles = (items: MenuItemConstructorOptions[]) => items.map((item) => item.role ?? item.label ?? item.type);
const submenu = (template: MenuItemConstructorOptions[], label: string) =>
  (template.find((item) => item.label === label || item.role === label)?.submenu ?? []) as MenuItemConstructorOptions[];

describe('buildMenuTemplate', () => {
  const options = { appName: 'e-plan field companion', isMac: false, onAbout: () => undefined };

  it('has File > Quit, Edit, View and Help', () => {
    const template = buildMenuTemplate({ ...options, isDev: false });
    expect(template.map((item) => item.label ?? item.role)).toEqual(['File', 'Edit', 'View', 'help']);
    expect(roles(submenu(template, 'File'))).toEqual(['quit']);
    expect(roles(submenu(template, 'Edit'))).toContain('paste');
  });

  it('offers DevTools only in development', () => {
    expect(roles(submenu(buildMenuTemplate({ ...options, isDev: false }), 'View'))).not.toContain('toggleDevTools');
    const devView = roles(submenu(buildMenuTemplate({ ...options, isDev: true }), 'View'));
    expect(devView).toContain('reload');
    expect(devView).toContain('toggleDevTools');
  });

  it('opens About from Help', () => {
    const onAbout = vi.fn();
    const about = submenu(buildMenuTemplate({ ...options, isDev: false, onAbout }), 'help')[0];
    expect(about?.label).toBe('About e-plan field companion');
    (about?.click as () => void)();
    expect(onAbout).toHaveBeenCalledOnce();
  });

  it('follows macOS conventions on macOS', () => {
    const template = buildMenuTemplate({ ...options, isDev: false, isMac: true });
    expect(template[0]?.label).toBe('e-plan field companion');
    expect(roles(submenu(template, 'e-plan field companion'))).toContain('quit');
  });
});
