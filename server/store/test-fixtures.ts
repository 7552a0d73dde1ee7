/** Small, hand-made reference data and records for server tests. */
import type { RecordSeed, ReferenceSeed, SeedRecord } from './seed';

export const PROVINCE_CODE = '99';
export const LAO_IDS = ['lao-9900001', 'lao-9900002'] as const;

export function sampleReference(): ReferenceSeed {
  return {
    province: { code: PROVINCE_CODE, nameTh: 'จังหวัดสาธิต', nameEn: 'Demo Province', demo: true },
    districts: [{ code: '9901', provinceCode: PROVINCE_CODE, nameTh: 'อำเภอเมือง', nameEn: 'Mueang' }],
    laos: [
      {
        id: LAO_IDS[0],
        code: '9900001',
        type: 'PAO',
        nameTh: 'อบจ.สาธิต',
        nameEn: 'Demo PAO',
        provinceCode: PROVINCE_CODE,
      },
      {
        id: LAO_IDS[1],
        code: '9900002',
        type: 'SAO',
        nameTh: 'อบต.ตัวอย่าง',
        nameEn: 'Example SAO',
        provinceCode: PROVINCE_CODE,
        districtCode: '9901',
      },
    ],
    users: [
      {
        id: 'user-officer',
        username: 'officer',
        displayName: 'สมชาย ใจดี',
        role: 'officer',
        provinceCodes: [PROVINCE_CODE],
        laoIds: [LAO_IDS[1]],
        contractSignedOn: '2024-10-01',
      },
      {
        id: 'user-admin',
        username: 'admin',
        displayName: 'Administrator',
        role: 'admin',
        provinceCodes: [],
      },
    ],
  };
}

/** `count` disbursements spread over the sample LAOs, with deterministic UUIDs. */
export function sampleRecords(count: number): RecordSeed {
  const disbursements: SeedRecord[] = Array.from({ length: count }, (_, index) => ({
    id: `00000000-0000-7000-8000-${String(index).padStart(12, '0')}`,
    laoId: LAO_IDS[index % LAO_IDS.length] ?? LAO_IDS[0],
    provinceCode: PROVINCE_CODE,
    fiscalYear: 2568,
    deleted: false,
    version: index + 1,
    updatedAt: '2025-01-15T03:00:00.000Z',
    updatedBy: 'user-officer',
    amountSatang: 150_000 + index,
    paidOn: '2025-01-10',
    enteredOnBehalf: index % 2 === 0,
  }));
  return { disbursements };
}
