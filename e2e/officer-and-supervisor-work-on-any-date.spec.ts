/**
 * The dates that break naive date code: the fiscal-year rollover (30 Sep, and
 * 1 Oct just after midnight in Bangkok, still 30 Sep in UTC), New Year's Eve
 * and Day, the leap day of B.E. 2571, a 31st and the first day of a quarter.
 * At each, the demo province is generated relative to that date, and the
 * checklist, the province matrix, data entry and (at some) the matrix workbook
 * must show the right month, fiscal year and quarter, with no task overdue
 * before its months have ended and every task whose months lie ahead shown as
 * not yet due. What each test expects is worked out here from the date, with
 * plain arithmetic rather than the app's own calendar code.
 */
import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { defaultTemplate, taskPeriodEnd, taskPeriodStart } from '../shared/calendar/index';
import { expect, test, type Page } from './support/fixtures';
import { dialog, loadDemoThenGoOffline, openCategory, pickOption, section } from './support/workspace';

const THAI_MONTHS = ['มกราคม', 'กุมภาพันธ์', 'มีนาคม', 'เมษายน', 'พฤษภาคม', 'มิถุนายน', 'กรกฎาคม', 'สิงหาคม', 'กันยายน', 'ตุลาคม', 'พฤศจิกายน', 'ธันวาคม'];
const THAI_MONTHS_SHORT = ['ม.ค.', 'ก.พ.', 'มี.ค.', 'เม.ย.', 'พ.ค.', 'มิ.ย.', 'ก.ค.', 'ส.ค.', 'ก.ย.', 'ต.ค.', 'พ.ย.', 'ธ.ค.'];

interface Moment {
  name: string;
  at: string;
  exportWorkbook?: boolean;
}

/**
 * Each journey generates the demo province at its first moment; a later moment
 * is reached by the laptop's clock running on with the app open, as when an
 * officer works late into a new month or quarter, or opens the lid after a
 * month away (nothing entered meanwhile: tasks may be late, never early). The fiscal-year
 * rollover gets a province of its own on each side: data generated on 30 Sep
 * holds no ordinance yet for the new year, so nothing could be paid on 1 Oct.
 */
const JOURNEYS: Moment[][] = [
  [{ name: 'the last day of a fiscal year', at: '2027-09-30T16:00:00+07:00' }],
  [{ name: 'the first day of a fiscal year, half past midnight in Bangkok', at: '2027-10-01T00:30:00+07:00', exportWorkbook: true }],
  [
    { name: "New Year's Eve", at: '2027-12-31T23:30:00+07:00' },
    { name: "New Year's Day, the first day of Q2", at: '2028-01-01T00:15:00+07:00' },
  ],
  [
    { name: 'the leap day of B.E. 2571', at: '2028-02-29T10:00:00+07:00', exportWorkbook: true },
    // A month with the lid closed, then on past midnight into the next quarter.
    { name: 'a 31st', at: '2028-03-31T17:00:00+07:00' },
    { name: 'the first day of Q3', at: '2028-04-01T08:00:00+07:00' },
  ],
];

/** The Bangkok calendar day of an instant, its fiscal year and quarter, by plain arithmetic. */
function bangkokDay(at: string) {
  const shifted = new Date(new Date(at).getTime() + 7 * 3_600_000);
  const year = shifted.getUTCFullYear();
  const month = shifted.getUTCMonth() + 1;
  const day = shifted.getUTCDate();
  const be = year + 543;
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    iso: `${year}-${pad(month)}-${pad(day)}`,
    typed: `${pad(day)}/${pad(month)}/${be}`,
    shown: `${day} ${THAI_MONTHS_SHORT[month - 1]} ${be}`,
    monthTitle: `${THAI_MONTHS[month - 1]} ${be}`,
    fiscalYear: month >= 10 ? be + 1 : be,
    quarter: month >= 10 ? 1 : Math.floor((month - 1) / 3) + 2,
  };
}

type Day = ReturnType<typeof bangkokDay>;

async function checklistOfToday(page: Page, day: Day): Promise<void> {
  await page.getByRole('link', { name: 'ตรวจสอบรายเดือน' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`งานประจำเดือน${day.monthTitle}`);
  await expect(page.getByTestId('today')).toContainText(`วันนี้ ${day.shown}`);
  await expect(page.getByTestId('today')).toContainText(`ปีงบประมาณ พ.ศ. ${day.fiscalYear} ไตรมาสที่ ${day.quarter}`);
  const cards = page.getByTestId('task-card');
  await expect(cards.first()).toBeVisible({ timeout: 60_000 });
  // A task due this month ends this month or later: none of its LAOs can be overdue yet.
  for (const count of await cards.getByTestId('count-overdue').allTextContents()) expect(count).toMatch(/\s0$/);
  // The month picker offers this month, under this fiscal year.
  await page.getByLabel('เดือน').click();
  await expect(page.getByRole('option', { name: day.monthTitle, exact: true })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Escape');
}

async function matrixOfTheYear(page: Page, day: Day): Promise<void> {
  await page.getByRole('link', { name: 'ภาพรวมจังหวัด' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`ภาพรวมจังหวัด ปีงบประมาณ พ.ศ. ${day.fiscalYear}`);
  const tasks = defaultTemplate(day.fiscalYear).tasks;
  await page.getByRole('button', { name: 'ทั้งปี' }).click();
  await expect(page.getByTestId('matrix-task-header')).toHaveCount(tasks.length);
  await expect(page.getByTestId('matrix-row')).toHaveCount(100, { timeout: 60_000 });
  // After a day passed, the earlier day's results show until today's are computed.
  await expect(page.getByTestId('matrix-page')).toHaveAttribute('data-results', day.iso, { timeout: 60_000 });
  const cells = await page.locator('td[data-task-id]').evaluateAll((tds) => tds.map((td) => [td.getAttribute('data-task-id')!, td.getAttribute('data-status')!] as const));
  expect(new Set(cells.map(([taskId]) => taskId))).toEqual(new Set(tasks.map((task) => task.id)));
  for (const task of tasks) {
    const statuses = new Set(cells.filter(([taskId]) => taskId === task.id).map(([, status]) => status));
    const label = `${task.id} on ${day.iso}: ${[...statuses].join(', ')}`;
    if (day.iso < taskPeriodStart(task)) {
      for (const status of statuses) expect(['complete', 'not_applicable', 'not_yet_due'], label).toContain(status);
      // Some LAO has not done, early, what is not yet due.
      expect(statuses.has('not_yet_due'), label).toBe(true);
    } else {
      expect(statuses.has('not_yet_due'), label).toBe(false);
    }
    if (day.iso <= taskPeriodEnd(task)) expect(statuses.has('overdue'), label).toBe(false);
  }
  await page.screenshot({ path: `e2e/screenshots/matrix-year-${day.iso}-th.png` });
}

async function disbursementDatedToday(page: Page, day: Day, amount: string): Promise<void> {
  await openCategory(page, '5. การเบิกจ่าย');
  const list = section(page, 'disbursements');
  await expect(list).toHaveAttribute('data-loaded', 'true');
  await list.getByRole('button', { name: 'เพิ่มการเบิกจ่าย' }).click();
  const form = dialog(page);
  await pickOption(form.getByLabel('รายการในข้อบัญญัติ'));
  await form.getByLabel('วันที่เบิกจ่าย').fill(day.typed);
  await expect(form.getByText(`ไตรมาสที่ ${day.quarter} ปีงบประมาณ พ.ศ. ${day.fiscalYear}`)).toBeVisible();
  await form.getByLabel('จำนวนเงินที่เบิกจ่าย').fill(amount);
  await form.getByLabel('จำนวนเงินที่เบิกจ่าย').press('Control+s');
  await expect(form).toBeHidden();
  const row = list.getByRole('row', { name: new RegExp(amount.replace(/[.]/g, '\\.')) });
  await expect(row).toContainText(day.shown);
  await expect(row).toContainText(`ไตรมาส ${day.quarter}`);
}

async function matrixWorkbook(page: Page, day: Day): Promise<void> {
  await page.getByRole('link', { name: 'ส่งออก Excel' }).click();
  await page.getByTestId('export-menu-button').click();
  const downloading = page.waitForEvent('download');
  await page.getByTestId('export-matrix').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toContain(`fy${day.fiscalYear}`);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
  const ws = workbook.worksheets[0]!;
  expect(String(ws.getCell('A1').value)).toContain(`ประจำเดือน${day.monthTitle}`);
  const texts: string[] = [];
  ws.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value ?? ''))));
  expect(texts.join('\n')).toContain(String(day.fiscalYear));
}

test.describe.configure({ mode: 'parallel' });

for (const journey of JOURNEYS) {
  const title = journey.map((moment) => `${moment.name} (${moment.at})`).join(', then ');
  test.describe(`on ${title}`, () => {
    // Only the app's files come from the server: the data is generated on the device at the first moment.
    test.use({ clockAt: journey[0]!.at, serverAtClock: false });

    test('the checklist, the matrix and data entry show the right month, fiscal year and quarter', async ({ page, context }) => {
      test.setTimeout(120_000 * journey.length);
      await loadDemoThenGoOffline(page, context);
      for (const [index, moment] of journey.entries()) {
        await test.step(moment.name, async () => {
          // The lid closes and opens at the moment: timers that fell due fire once, as on a laptop waking.
          if (index > 0) await context.clock.fastForward(new Date(moment.at).getTime() - (await page.evaluate(() => Date.now())));
          const day = bangkokDay(moment.at);
          await checklistOfToday(page, day);
          await matrixOfTheYear(page, day);
          await disbursementDatedToday(page, day, `1,234.${String(51 + index)}`);
          if (moment.exportWorkbook) await matrixWorkbook(page, day);
        });
      }
    });
  });
}
