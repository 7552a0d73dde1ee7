import { expect, test } from './support/fixtures';
import { dialog, draftSurvivesReload, editThenDeleteAndUndo, loadDemoThenGoOffline, openCategory, pickOption, reloadOffline, rowCount, section, snap, switchToEnglish } from './support/workspace';

// Starts on a laptop that already holds the demo province.
test.use({ demoOnDevice: true });

test('an officer enters a development plan, an amendment and a project with a budget per plan year offline', async ({ page, context }) => {
  await loadDemoThenGoOffline(page, context);
  await openCategory(page, '2. แผนพัฒนาท้องถิ่น');
  const form = dialog(page);

  // The plan: submitted needs its submission date.
  const plans = section(page, 'plans');
  const plansBefore = await rowCount(plans);
  await plans.getByRole('button', { name: 'เพิ่มแผนพัฒนา' }).click();
  await form.getByLabel('ปีเริ่มต้น').fill('2571');
  await form.getByLabel('สถานะของแผน').selectOption({ label: 'ยื่นแผนแล้ว' });
  await form.getByLabel('ปีเริ่มต้น').press('Enter');
  await expect(form.getByText('กรุณาระบุวันที่ยื่นแผน')).toBeVisible();
  expect(await rowCount(plans)).toBe(plansBefore);
  await form.getByLabel('วันที่ยื่นแผน').fill('15/10/2569');
  await snap(page, 'plan-form-th');
  await form.getByLabel('วันที่ยื่นแผน').press('Enter');
  await expect(form).toBeHidden();
  await expect(plans.getByRole('row', { name: /2571–2575/ })).toContainText('ยื่นแผนแล้ว');

  // An amendment of that plan.
  const amendments = section(page, 'planAmendments');
  await amendments.getByRole('button', { name: 'เพิ่มการแก้ไขแผน' }).click();
  await pickOption(form.getByLabel('แผนพัฒนาท้องถิ่น'), '2571');
  await form.getByLabel('ครั้งที่').fill('1');
  await form.getByLabel('ประเภท').selectOption({ label: 'เปลี่ยนแปลง' });
  await form.getByLabel('วันที่อนุมัติ').fill('20/11/2569');
  await form.getByLabel('วันที่อนุมัติ').press('Enter');
  await expect(form).toBeHidden();
  await expect(amendments.getByRole('row', { name: /แผนพัฒนาท้องถิ่น 2571–2575/ })).toContainText('เปลี่ยนแปลง');

  // A project: budget only for years of the plan; unreadable amounts refused.
  const projects = section(page, 'planProjects');
  const projectsBefore = await rowCount(projects);
  await projects.getByRole('button', { name: 'เพิ่มโครงการ' }).click();
  await pickOption(form.getByLabel('แผนพัฒนาท้องถิ่น'), '2571');
  await form.getByLabel('ชื่อโครงการ').fill('ก่อสร้างถนนคอนกรีตเสริมเหล็กสายบ้านหนองบัว');
  await form.getByLabel('รหัสยุทธศาสตร์').fill('1');
  await form.getByLabel('แนวทางการพัฒนา').fill('ก่อสร้างและปรับปรุงถนน');
  await form.getByLabel('วัตถุประสงค์').fill('เพื่อให้ประชาชนสัญจรสะดวก');
  await form.getByLabel('เป้าหมาย').fill('ถนนกว้าง 5 เมตร ยาว 1,200 เมตร');
  await form.getByLabel('ปี 2571').fill('500000');
  await form.getByLabel('ปี 2572').fill('หกแสน');
  await form.getByLabel('ตัวชี้วัด').fill('ถนนแล้วเสร็จร้อยละ 100');
  await form.getByLabel('ผลที่คาดว่าจะได้รับ').fill('ลดอุบัติเหตุ');
  await form.getByLabel('หน่วยงานรับผิดชอบ').fill('กองช่าง');
  await form.getByLabel('หน่วยงานรับผิดชอบ').press('Enter');
  await expect(form.getByText('กรุณากรอกจำนวนเงินเป็นตัวเลข', { exact: false })).toBeVisible();
  await snap(page, 'plan-project-form-errors-th');
  expect(await rowCount(projects)).toBe(projectsBefore);
  await form.getByLabel('ปี 2572').fill('600,000');
  await form.getByLabel('ปี 2571').press('Control+s');
  await expect(form).toBeHidden();
  await expect.poll(() => rowCount(projects)).toBe(projectsBefore + 1);

  await reloadOffline(page, context);
  await editThenDeleteAndUndo(page, projects, 'สายบ้านหนองบัว', /สายบ้านหนองบัว/, 'หน่วยงานรับผิดชอบ', 'กองช่าง งานโยธา', '1,100,000.00 บาท');
  await draftSurvivesReload(page, context, projects, 'เพิ่มโครงการ', 'ชื่อโครงการ', 'โครงการที่พิมพ์ค้างไว้');
  await form.getByRole('button', { name: 'ยกเลิก' }).click();

  await switchToEnglish(page);
  await projects.getByRole('button', { name: 'Add project' }).click();
  await pickOption(form.getByLabel('Development plan'), '2566');
  await snap(page, 'plan-project-form-en');
});
