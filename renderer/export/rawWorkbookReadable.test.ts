import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, setClock } from '../../shared/clock';
import { ANTI_DRUG_KIND_LABELS } from '../../shared/domain/antiDrug';
import { PROCUREMENT_METHOD_LABELS } from '../../shared/domain/contract';
import { EXPENDITURE_CATEGORY_LABELS, REVENUE_CATEGORY_LABELS } from '../../shared/domain/fiscalStats';
import { ITEM_OUTCOME_LABELS } from '../../shared/domain/ordinance';
import { AMENDMENT_KIND_LABELS, PLAN_STATUS_LABELS } from '../../shared/domain/plan';
import type { StoredRecord } from '../data/db';
import recordsTh from '../i18n/records.th.json';
import { demoFixture, FIXTURE_AS_OF, FIXTURE_FY } from './demoFixture';
import { writeRawWorkbook, type RawWorkbookInput } from './rawWorkbook';

// The workbook's own dates come from the records; the zip's timestamps from this clock.
let restoreClock: () => void;
beforeAll(() => { restoreClock = setClock(fixedClock('2026-03-20T03:00:00Z')); });
afterAll(() => restoreClock());

const THAI = /[\u0E00-\u0E7F]/;
const fields = recordsTh as unknown as Record<string, { section: string; fields: Record<string, string>; groups?: Record<string, string> }>;

interface Sheet { headers: string[]; rows: Array<Record<string, unknown>> }

async function workbook(options: Partial<RawWorkbookInput> = {}): Promise<Map<string, Sheet>> {
  const { dataset } = demoFixture();
  const bytes = await writeRawWorkbook({
    province: dataset.province, districts: dataset.districts, laos: dataset.laos, users: dataset.users, records: dataset.records,
    fiscalYear: FIXTURE_FY, asOf: FIXTURE_AS_OF, exportedBy: 'supervisor', language: 'th', ...options,
  });
  const read = new ExcelJS.Workbook();
  await read.xlsx.load(bytes.buffer as ArrayBuffer);
  const sheets = new Map<string, Sheet>();
  for (const ws of read.worksheets) {
    const headerRow = Number((ws.views[0] as { ySplit: number }).ySplit);
    const headers = (ws.getRow(headerRow).values as unknown[]).slice(1).map(String);
    const rows: Sheet['rows'] = [];
    for (let r = headerRow + 1; r <= ws.rowCount; r += 1) {
      const values = ws.getRow(r).values as unknown[];
      rows.push(Object.fromEntries(headers.map((h, i) => [h, values[i + 1] ?? null])));
    }
    sheets.set(ws.name, { headers, rows });
  }
  return sheets;
}

/** The sheet of a table, found by its Thai section title (sheet names are cut at 31 characters). */
const sheetOf = (sheets: Map<string, Sheet>, table: string): Sheet =>
  [...sheets].find(([name]) => fields[table]!.section.replace(/[/\\]/g, ' ').startsWith(name))![1];

const byId = <T extends { id: string }>(rows: readonly T[]) => new Map(rows.map((r) => [r.id, r]));
const thaiOf = (labels: Record<string, { th: string }>) => new Set(Object.values(labels).map((l) => l.th));

describe('the raw workbook, read by a supervisor', () => {
  it('has Thai headers everywhere, no field keys', async () => {
    const sheets = await workbook();
    expect(sheets.size).toBe(12);
    for (const [name, sheet] of sheets) {
      for (const header of sheet.headers) {
        expect(header, `${name}: ${header}`).toMatch(THAI);
        expect(header, `${name}: ${header}`).not.toMatch(/^[A-Za-z_]+(\.[A-Za-z_]+)*$/);
      }
    }
  });

  it('puts the columns in the order of the form: start year before end year, revenue before expenditure by category', async () => {
    const sheets = await workbook();
    const visions = sheetOf(sheets, 'visions').headers;
    const v = fields.visions!.fields;
    expect(visions.slice(3, 8)).toEqual([v.startYear, v.endYear, v.vision, v.missions, v.strategies]);
    const stats = sheetOf(sheets, 'fiscalStats').headers;
    const groups = fields.fiscalStats!.groups!;
    expect(stats.slice(3, 5)).toEqual(['ปีงบประมาณ', fields.fiscalStats!.fields.month]);
    expect(stats.slice(5, 19)).toEqual([
      ...Object.values(REVENUE_CATEGORY_LABELS).map((l) => `${groups.revenue}: ${l.th}`),
      ...Object.values(EXPENDITURE_CATEGORY_LABELS).map((l) => `${groups.expenditure}: ${l.th}`),
    ]);
    const c = fields.contracts!.fields;
    const contracts = sheetOf(sheets, 'contracts').headers;
    const order = [c.ordinanceItemId, c.number, c.signedOn, c.amount, c.contractor, c.procurementMethod].map((h) => contracts.indexOf(h!));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(order[0]).toBeGreaterThan(2);
    expect(contracts.slice(-5)).toEqual(['จนท.บันทึกแทน อปท.', 'ผู้บันทึก', 'ผู้แก้ไขล่าสุด', 'แก้ไขล่าสุดเมื่อ', 'รหัสระเบียน']);
  });

  it('shows B.E. years and dates: fiscal year 2569, months and dates in 25xx, never 2026', async () => {
    const sheets = await workbook();
    const stats = sheetOf(sheets, 'fiscalStats');
    expect(stats.rows.length).toBeGreaterThan(0);
    for (const row of stats.rows) {
      expect(row['ปีงบประมาณ']).toBe(FIXTURE_FY);
      expect(String(row['เดือน'])).toMatch(/^[\u0E00-\u0E7F]+ 25(68|69)$/);
    }
    for (const [, sheet] of sheets) {
      for (const row of sheet.rows) {
        for (const value of Object.values(row)) {
          if (typeof value === 'string' && /^\d{2}\/\d{2}\/\d{4}/.test(value)) expect(Number(value.slice(6, 10))).toBeGreaterThan(2500);
        }
      }
    }
    expect(sheetOf(sheets, 'visions').rows.every((r) => Number(r[fields.visions!.fields.startYear!]) > 2500)).toBe(true);
  });

  it('writes every choice as its Thai label', async () => {
    const sheets = await workbook();
    const choices: Array<[string, string, Set<string>]> = [
      ['plans', 'status', thaiOf(PLAN_STATUS_LABELS)],
      ['planAmendments', 'kind', thaiOf(AMENDMENT_KIND_LABELS)],
      ['ordinanceItems', 'outcome', thaiOf(ITEM_OUTCOME_LABELS)],
      ['contracts', 'procurementMethod', thaiOf(PROCUREMENT_METHOD_LABELS)],
      ['antiDrugActivities', 'kind', thaiOf(ANTI_DRUG_KIND_LABELS)],
    ];
    for (const [table, field, labels] of choices) {
      const sheet = sheetOf(sheets, table);
      expect(sheet.rows.length, table).toBeGreaterThan(0);
      for (const row of sheet.rows) expect(labels, `${table}.${field}`).toContain(row[fields[table]!.fields[field]!]);
    }
    const onBehalf = new Set(sheetOf(sheets, 'contracts').rows.map((r) => r['จนท.บันทึกแทน อปท.']));
    expect([...onBehalf].every((v) => v === 'ใช่' || v === 'ไม่ใช่')).toBe(true);
  });

  it('names each referenced plan, item and contract beside its id', async () => {
    const { dataset } = demoFixture();
    const sheets = await workbook();
    const plans = byId(dataset.records.plans);
    for (const row of sheetOf(sheets, 'planAmendments').rows) {
      const plan = plans.get(String(row['แผนพัฒนาท้องถิ่น (รหัส)']))!;
      expect(row['แผนพัฒนาท้องถิ่น']).toBe(`แผนพัฒนาท้องถิ่น ${plan.startYear}–${plan.startYear + plan.years - 1}`);
    }
    const items = byId(dataset.records.ordinanceItems);
    for (const row of sheetOf(sheets, 'contracts').rows) {
      const item = items.get(String(row['รายการในข้อบัญญัติ (รหัส)']))!;
      expect(String(row['รายการในข้อบัญญัติ'])).toMatch(new RegExp(`^${item.name.replace(/[()]/g, '.')} \\(`));
    }
    const contracts = byId(dataset.records.contracts);
    const paid = sheetOf(sheets, 'disbursements').rows.filter((r) => r['สัญญา (ถ้ามี) (รหัส)']);
    expect(paid.length).toBeGreaterThan(0);
    for (const row of paid) {
      const contract = contracts.get(String(row['สัญญา (ถ้ามี) (รหัส)']))!;
      expect(String(row['สัญญา (ถ้ามี)'])).toContain(`สัญญาเลขที่ ${contract.number} · ${contract.contractor}`);
    }
    const ordinances = sheetOf(sheets, 'ordinanceItems').rows;
    expect(ordinances.every((r) => r['ข้อบัญญัติงบประมาณ'] === `ข้อบัญญัติงบประมาณ พ.ศ. ${FIXTURE_FY}`)).toBe(true);
  });

  it('names who entered and who last changed each record', async () => {
    const { dataset } = demoFixture();
    const users = new Map(dataset.users.map((u) => [u.id, u.displayName]));
    const [first, second, third] = dataset.records.contracts.filter((c) => c.fiscalYear === FIXTURE_FY && !c.deleted);
    const officer = dataset.users.find((u) => u.id !== first!.updatedBy)!;
    // The first from this laptop's history; the second written once by the server (version 1); the third unknown.
    const once = { ...second!, version: 1 } as StoredRecord;
    const contracts = dataset.records.contracts.map((c) => (c.id === once.id ? once : c));
    const sheets = await workbook({ categories: ['contract'], records: { ...dataset.records, contracts }, creators: { [first!.id]: officer.id } });
    const rows = new Map(sheetOf(sheets, 'contracts').rows.map((r) => [String(r['รหัสระเบียน']), r]));
    expect(rows.get(first!.id)!['ผู้บันทึก']).toBe(officer.displayName);
    expect(rows.get(once.id)!['ผู้บันทึก']).toBe(users.get(once.updatedBy));
    expect(rows.get(third!.id)!['ผู้บันทึก']).toBe('—');
    for (const contract of [first!, once, third!]) {
      const row = rows.get(contract.id)!;
      expect(row['ผู้แก้ไขล่าสุด']).toBe(users.get(contract.updatedBy));
      expect(row['จนท.บันทึกแทน อปท.']).toBe(contract.enteredOnBehalf ? 'ใช่' : 'ไม่ใช่');
    }
  });

  it('names the creator the server stamped, before any history of this laptop, and when the record last changed', async () => {
    const { dataset } = demoFixture();
    const [stamped] = dataset.records.contracts.filter((c) => c.fiscalYear === FIXTURE_FY && !c.deleted);
    const creator = dataset.users.find((u) => u.id !== stamped!.updatedBy)!;
    const laptopGuess = dataset.users.find((u) => u.id !== creator.id)!;
    const synced = { ...stamped!, version: 4, createdBy: creator.id, updatedAt: '2026-03-02T09:05:00.000Z' } as StoredRecord;
    const contracts = dataset.records.contracts.map((c) => (c.id === synced.id ? synced : c));
    for (const language of ['th', 'en'] as const) {
      const sheets = await workbook({ language, categories: ['contract'], records: { ...dataset.records, contracts }, creators: { [synced.id]: laptopGuess.id } });
      const sheet = [...sheets.values()][0]!;
      const [id, enteredBy, updatedBy, updatedAt] = language === 'th'
        ? ['รหัสระเบียน', 'ผู้บันทึก', 'ผู้แก้ไขล่าสุด', 'แก้ไขล่าสุดเมื่อ']
        : ['Record id', 'Entered by', 'Last changed by', 'Last changed on'];
      const row = sheet.rows.find((r) => r[id!] === synced.id)!;
      expect(row[enteredBy!]).toBe(creator.displayName);
      expect(row[updatedBy!]).toBe(dataset.users.find((u) => u.id === synced.updatedBy)!.displayName);
      // 16:05 in Bangkok, B.E. date in both languages.
      expect(row[updatedAt!]).toBe('02/03/2569 16:05');
    }
  });

  it('in English: English headers and choice labels, B.E. years still', async () => {
    const sheets = await workbook({ language: 'en', categories: ['plan', 'fiscalStats'] });
    for (const [, sheet] of sheets) for (const header of sheet.headers) expect(header).not.toMatch(THAI);
    const plans = [...sheets.values()][0]!;
    const english = new Set(Object.values(PLAN_STATUS_LABELS).map((l) => l.en));
    expect(plans.rows.every((r) => english.has(String(r.Status)))).toBe(true);
    const stats = [...sheets.values()].at(-1)!;
    expect(stats.rows.every((r) => /^[A-Za-z]+ 25\d\d$/.test(String(r.Month)))).toBe(true);
  });
});
