/** Turning a renderer-suggested name into a plain, portable file name. */

const MAX_NAME_LENGTH = 180;
const FALLBACK_NAME = 'export';
// Windows refuses these as a base name, whatever the extension.
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;
// Characters invalid on Windows plus C0/C1 control characters.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHARS = /[<>:"/\\|?*\u0000-\u001f\u007f-\u009f]/g;

/**
 * Keeps only the last path segment, drops characters no file system accepts,
 * trims dots and spaces at the ends and bounds the length (keeping the extension).
 */
export function sanitizeFileName(name: string): string {
  const lastSegment = name.split(/[/\\]/).pop() ?? '';
  let clean = lastSegment.normalize('NFC').replace(FORBIDDEN_CHARS, '_').replace(/^[\s.]+|[\s.]+$/g, '');
  if (clean === '' || /^_+$/.test(clean)) return FALLBACK_NAME;

  const dot = clean.lastIndexOf('.');
  let base = dot > 0 ? clean.slice(0, dot) : clean;
  const extension = dot > 0 ? clean.slice(dot) : '';
  if (WINDOWS_RESERVED.test(base)) base = `_${base}`;
  const maxBase = Math.max(1, MAX_NAME_LENGTH - extension.length);
  if ([...base].length > maxBase) base = [...base].slice(0, maxBase).join('');
  clean = `${base}${extension.slice(0, MAX_NAME_LENGTH)}`;
  return clean;
}

/** The extension (lower case, no dot) of a sanitized name, if it has one. */
export function fileExtension(name: string): string | null {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) return null;
  const extension = name.slice(dot + 1).toLowerCase();
  return /^[a-z0-9]{1,10}$/.test(extension) ? extension : null;
}
