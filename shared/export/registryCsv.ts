/**
 * The DLA LAO registry CSV (re01_*tambon.csv): จังหวัด, อำเภอ, ตำบล, รหัส อปท.,
 * ประเภท อปท., อปท., … with one row per LAO and subdistrict it covers.
 * Parsed into provinces, districts and LAOs, or every bad row by line. Pure.
 *
 * Codes: optional รหัสจังหวัด / รหัสอำเภอ columns win; otherwise the province and
 * district come from digits 2-3 and 2-5 of the 7-digit LAO code (T PP DD SS).
 */
import { LAO_TYPE_CODES, LAO_TYPES, type District, type Lao, type LaoType, type Province } from '../domain/reference';
import { validateReference } from '../domain/index';

export const REGISTRY_COLUMNS = { province: 'จังหวัด', district: 'อำเภอ', subdistrict: 'ตำบล', code: 'รหัส อปท.', type: 'ประเภท อปท.', name: 'อปท.' } as const;
const OPTIONAL = { provinceCode: 'รหัสจังหวัด', districtCode: 'รหัสอำเภอ' } as const;

export type RegistryIssueCode = 'registry.missingColumn' | 'registry.rowTooShort' | 'registry.unknownType' | 'registry.badCode' | 'registry.conflict' | 'registry.invalid' | 'registry.empty';
export interface RegistryIssue { line: number; code: RegistryIssueCode; params?: Record<string, string> }
export interface RegistryImport { provinces: Province[]; districts: District[]; laos: Lao[]; rows: number }

/** RFC 4180 CSV: quoted fields with "" escapes and line breaks; a BOM and CRLF are fine. Returns [line, cells][]. */
export function parseCsv(text: string): Array<[number, string[]]> {
  const out: Array<[number, string[]]> = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i += 1) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') { cell += '"'; i += 1; } else if (ch === '"') quoted = false;
      else { if (ch === '\n') line += 1; cell += ch; }
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { cells.push(cell); cell = ''; } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i += 1;
      cells.push(cell);
      if (cells.some((c) => c.trim() !== '')) out.push([rowLine, cells]);
      cells = []; cell = ''; line += 1; rowLine = line;
    } else cell += ch;
  }
  cells.push(cell);
  if (cells.some((c) => c.trim() !== '')) out.push([rowLine, cells]);
  return out;
}

const TYPE_NAMES = new Map<string, LaoType>();
for (const code of LAO_TYPE_CODES) {
  TYPE_NAMES.set(LAO_TYPES[code].nameTh, code);
  TYPE_NAMES.set(LAO_TYPES[code].abbrTh.replace(/\.$/, ''), code);
  TYPE_NAMES.set(LAO_TYPES[code].abbrTh, code);
}
export const laoTypeOf = (text: string): LaoType | undefined => TYPE_NAMES.get(text.replace(/\s+/g, '').trim());

export interface RegistryOptions {
  /** LAOs already on the device, so re-imports update them in place. */
  existing: readonly Lao[];
  newId: () => string;
}

function checkHeader(header: string[]): RegistryIssue[] {
  return Object.values(REGISTRY_COLUMNS).filter((c) => !header.includes(c)).map((column) => ({ line: 1, code: 'registry.missingColumn', params: { column } }));
}

export function parseRegistry(text: string, options: RegistryOptions): { ok: true; value: RegistryImport } | { ok: false; issues: RegistryIssue[] } {
  const rows = parseCsv(text);
  if (rows.length < 2) return { ok: false, issues: [{ line: 1, code: 'registry.empty' }] };
  const header = rows[0]![1].map((h) => h.trim());
  const headerIssues = checkHeader(header);
  if (headerIssues.length) return { ok: false, issues: headerIssues };
  const col = (name: string) => header.indexOf(name);
  const need = Math.max(...Object.values(REGISTRY_COLUMNS).map(col)) + 1;
  const existing = new Map(options.existing.map((lao) => [lao.code, lao]));
  const provinces = new Map<string, Province>();
  const districts = new Map<string, District>();
  const laos = new Map<string, { lao: Lao; line: number }>();
  const issues: RegistryIssue[] = [];
  for (const [line, cells] of rows.slice(1)) {
    if (cells.length < need) { issues.push({ line, code: 'registry.rowTooShort', params: { found: String(cells.length), expected: String(need) } }); continue; }
    const get = (name: string) => (col(name) >= 0 ? (cells[col(name)] ?? '').trim() : '');
    const code = get(REGISTRY_COLUMNS.code);
    const typeText = get(REGISTRY_COLUMNS.type);
    const type = laoTypeOf(typeText);
    if (!/^\d{7}$/.test(code)) { issues.push({ line, code: 'registry.badCode', params: { value: code } }); continue; }
    if (!type) { issues.push({ line, code: 'registry.unknownType', params: { value: typeText } }); continue; }
    const provinceCode = get(OPTIONAL.provinceCode) || code.slice(1, 3);
    const districtCode = get(OPTIONAL.districtCode) || code.slice(1, 5);
    const name = get(REGISTRY_COLUMNS.name);
    const previous = existing.get(code);
    const candidate = {
      id: previous?.id ?? laos.get(code)?.lao.id ?? options.newId(),
      code, type, nameTh: name, nameEn: previous?.nameEn ?? '', provinceCode, districtCode,
    };
    const seen = laos.get(code);
    if (seen && (seen.lao.type !== type || seen.lao.nameTh !== name)) { issues.push({ line, code: 'registry.conflict', params: { value: code, line: String(seen.line) } }); continue; }
    const checks = [
      validateReference('laos', candidate),
      validateReference('provinces', { code: provinceCode, nameTh: get(REGISTRY_COLUMNS.province), nameEn: '' }),
      validateReference('districts', { code: districtCode, provinceCode, nameTh: get(REGISTRY_COLUMNS.district), nameEn: '' }),
    ];
    const failed = checks.flatMap((c) => (c.ok ? [] : c.error));
    if (failed.length) { issues.push({ line, code: 'registry.invalid', params: { field: failed[0]!.path, reason: failed[0]!.code } }); continue; }
    if (!seen) laos.set(code, { lao: checks[0]!.ok ? (checks[0]!.value as Lao) : candidate, line });
    if (!provinces.has(provinceCode) && checks[1]!.ok) provinces.set(provinceCode, checks[1]!.value as Province);
    if (!districts.has(districtCode) && checks[2]!.ok) districts.set(districtCode, checks[2]!.value as District);
  }
  if (issues.length) return { ok: false, issues };
  return { ok: true, value: { provinces: [...provinces.values()], districts: [...districts.values()], laos: [...laos.values()].map((l) => l.lao), rows: rows.length - 1 } };
}
