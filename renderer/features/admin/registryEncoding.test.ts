import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeRegistry } from './registryEncoding';

/** TIS-620 as Excel writes it: ASCII as is, Thai U+0E01–U+0E5B as single bytes 0xA1–0xFB. */
function tis620(text: string): Uint8Array {
  return Uint8Array.from([...text].map((ch) => {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) return code;
    if (code >= 0x0e01 && code <= 0x0e5b) return code - 0x0d60;
    throw new Error(`not in TIS-620: ${ch}`);
  }));
}

const CSV = 'รหัส อปท.,ชื่อ อปท.,ประเภท\r\n6401001,องค์การบริหารส่วนตำบลกรุงเทพ,อบต.\r\n';

describe('decodeRegistry', () => {
  it('reads Windows-874 (TIS-620) bytes as Thai', () => {
    expect(decodeRegistry(tis620(CSV))).toEqual({ text: CSV, encoding: 'windows-874' });
  });

  it('reads UTF-8, and UTF-8 with a byte-order mark (taken off)', () => {
    const utf8 = new TextEncoder().encode(CSV);
    expect(decodeRegistry(utf8)).toEqual({ text: CSV, encoding: 'utf-8' });
    expect(decodeRegistry(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8]))).toEqual({ text: CSV, encoding: 'utf-8-bom' });
  });

  it('reads a short Thai word in Windows-874 that happens to be valid UTF-8 (หก is 0xCB 0xA1) as Windows-874', () => {
    expect(decodeRegistry(tis620('หก'))).toEqual({ text: 'หก', encoding: 'windows-874' });
  });

  it('reads plain ASCII as UTF-8 and an empty file as empty', () => {
    expect(decodeRegistry(new TextEncoder().encode('a,b\n1,2\n'))).toEqual({ text: 'a,b\n1,2\n', encoding: 'utf-8' });
    expect(decodeRegistry(new Uint8Array())).toEqual({ text: '', encoding: 'utf-8' });
  });

  it('gives text for any bytes, never a throw; Thai text in either encoding comes back as written', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
      const decoded = decodeRegistry(bytes);
      expect(typeof decoded.text).toBe('string');
    }));
    const thai = fc.array(fc.constantFrom(...'กขคงจฉชซญดตถทนบปผพฟมยรลวศษสหอฮะาำิีึืุูเแโใไ่้๊๋็์ 0123456789,\r\n'), { minLength: 40, maxLength: 300 }).map((chars) => `อบต.${chars.join('')}`);
    fc.assert(fc.property(thai, (text) => {
      expect(decodeRegistry(tis620(text)).text).toBe(text);
      expect(decodeRegistry(new TextEncoder().encode(text)).text).toBe(text);
    }));
  });
});
