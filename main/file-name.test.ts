import { describe, expect, it } from 'vitest';
import { fileExtension, sanitizeFileName } from './file-name';

describe('sanitizeFileName', () => {
  it.each([
    ['checklist-2568.xlsx', 'checklist-2568.xlsx'],
    ['แผนพัฒนาท้องถิ่น 2568.csv', 'แผนพัฒนาท้องถิ่น 2568.csv'],
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\Windows\\win.ini', 'win.ini'],
    ['C:\\Users\\x\\report.pdf', 'report.pdf'],
    ['a<b>c:d"e|f?g*h.txt', 'a_b_c_d_e_f_g_h.txt'],
    ['bad\u0000name\n.txt', 'bad_name_.txt'],
    ['  .hidden. ', 'hidden'],
    ['CON.txt', '_CON.txt'],
    ['lpt1', '_lpt1'],
    ['..', 'export'],
    ['', 'export'],
    ['///', 'export'],
  ])('%j -> %j', (input, expected) => {
    expect(sanitizeFileName(input)).toBe(expected);
  });

  it('bounds the length but keeps the extension', () => {
    const clean = sanitizeFileName(`${'ก'.repeat(400)}.xlsx`);
    expect([...clean].length).toBeLessThanOrEqual(180);
    expect(clean.endsWith('.xlsx')).toBe(true);
  });
});

describe('fileExtension', () => {
  it('finds simple extensions only', () => {
    expect(fileExtension('a.XLSX')).toBe('xlsx');
    expect(fileExtension('noext')).toBeNull();
    expect(fileExtension('.bashrc')).toBeNull();
    expect(fileExtension('a.')).toBeNull();
    expect(fileExtension('a.tar gz')).toBeNull();
  });
});
