/**
 * The DLA registry file as the laptop reads it (the server receives its rows
 * as JSON, never the file). It arrives as CSV saved by Excel on Thai Windows: either
 * Windows-874 (TIS-620 with a few additions) or UTF-8, with or without a
 * byte-order mark. Bytes are read as UTF-8 when they are valid UTF-8 and the
 * text is plain ASCII or holds Thai letters: a registry is Thai, and Thai in
 * Windows-874 is single bytes 0xA1–0xFB, which only by chance (a word or two)
 * pair up into valid UTF-8, and then never into Thai letters as a file's worth.
 * Anything else is read as Windows-874, which has a character or a
 * replacement for every byte, so reading never fails.
 */
export type RegistryEncoding = 'utf-8' | 'utf-8-bom' | 'windows-874';

export interface DecodedRegistry {
  text: string;
  encoding: RegistryEncoding;
}

export function decodeRegistry(bytes: Uint8Array): DecodedRegistry {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    // ignoreBOM: the mark stays in the text, and is taken off here, so the answer can say it was there.
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    if (bom) return { text: text.slice(1), encoding: 'utf-8-bom' };
    if (isAscii(text) || THAI.test(text)) return { text, encoding: 'utf-8' };
  } catch {
    // Not UTF-8.
  }
  return { text: new TextDecoder('windows-874').decode(bytes), encoding: 'windows-874' };
}

const isAscii = (text: string) => [...text].every((ch) => ch.charCodeAt(0) < 0x80);
const THAI = /[\u0e01-\u0e5b]/;

