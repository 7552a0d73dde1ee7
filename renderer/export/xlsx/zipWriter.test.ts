import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ZipWriter } from './zipWriter';
import { cellXml, columnName, escapeXml } from './sheetXml';

/** Bit by bit, independent of the writer's CRC (which comes from the gzip trailer). */
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return ~c >>> 0;
}

/** Reads the archive from its central directory, as spreadsheet apps do. */
function unzip(zip: Uint8Array): Map<string, { data: Uint8Array; crc: number }> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = zip.length - 22;
  expect(view.getUint32(end, true)).toBe(0x06054b50);
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const out = new Map<string, { data: Uint8Array; crc: number }>();
  for (let i = 0; i < count; i += 1) {
    expect(view.getUint32(at, true)).toBe(0x02014b50);
    const crc = view.getUint32(at + 16, true);
    const compressed = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const local = view.getUint32(at + 42, true);
    const name = new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength));
    expect(view.getUint32(local, true)).toBe(0x04034b50);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const data = new Uint8Array(inflateRawSync(zip.subarray(start, start + compressed)));
    expect(data.length).toBe(size);
    // The data descriptor after the body repeats CRC and sizes.
    expect(view.getUint32(start + compressed, true)).toBe(0x08074b50);
    expect(view.getUint32(start + compressed + 4, true)).toBe(crc);
    out.set(name, { data, crc });
    at += 46 + nameLength;
  }
  return out;
}

describe('the streaming zip writer', () => {
  it('writes entries any unzip reads back, with correct CRC-32 and sizes', async () => {
    const zip = new ZipWriter(new Date('2026-03-20T10:00:00Z'));
    await zip.add('[Content_Types].xml', '<Types/>');
    const big = zip.entry('xl/worksheets/sheet1.xml');
    const parts: string[] = [];
    for (let i = 0; i < 2000; i += 1) {
      const part = `<row r="${i + 1}"><c t="inlineStr"><is><t>องค์การบริหารส่วนตำบล ${i}</t></is></c></row>`;
      parts.push(part);
      await big.write(part);
    }
    await big.close();
    await zip.add('empty.xml', '');
    const files = unzip(zip.finish());
    expect([...files.keys()]).toEqual(['[Content_Types].xml', 'xl/worksheets/sheet1.xml', 'empty.xml']);
    for (const { data, crc } of files.values()) expect(crc).toBe(crc32(data));
    expect(new TextDecoder().decode(files.get('xl/worksheets/sheet1.xml')!.data)).toBe(parts.join(''));
    expect(files.get('empty.xml')!.data.length).toBe(0);
  });

  it('refuses a second entry while one is open, and finishing with one open', async () => {
    const zip = new ZipWriter();
    const open = zip.entry('a.xml');
    expect(() => zip.entry('b.xml')).toThrow('ZIP_ENTRY_OPEN');
    expect(() => zip.finish()).toThrow('ZIP_ENTRY_OPEN');
    await open.close();
    expect(unzip(zip.finish()).size).toBe(1);
  });
});

describe('sheet XML pieces', () => {
  it('names columns as Excel does', () => {
    expect([1, 26, 27, 52, 53, 702, 703].map(columnName)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
  });

  it('escapes markup and drops characters XML cannot hold', () => {
    expect(escapeXml('a < b & c > d\u0001')).toBe('a &lt; b &amp; c &gt; d');
    expect(cellXml('B2', ' padded ', 7)).toBe('<c r="B2" s="7" t="inlineStr"><is><t xml:space="preserve"> padded </t></is></c>');
    expect(cellXml('C3', 1234.5, 4)).toBe('<c r="C3" s="4"><v>1234.5</v></c>');
    expect([null, undefined, '', Number.NaN].map((v) => cellXml('A1', v, 0))).toEqual(['', '', '', '']);
  });
});
