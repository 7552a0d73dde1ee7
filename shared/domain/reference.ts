/**
 * Reference data owned by the server: LAO types, provinces, districts, LAOs, users.
 */
import { z } from 'zod';
import { validText } from '../text';
import { hiringDocsBeforeContract } from '../calendar/contractDocs';
import { addIssue, districtCode, e, englishName, isoDate, laoCode, oneOf, provinceCode, text, uuid } from './common';

export const LAO_TYPE_CODES = [
  'PAO',
  'CITY_MUNICIPALITY',
  'TOWN_MUNICIPALITY',
  'SUBDISTRICT_MUNICIPALITY',
  'SAO',
  'PATTAYA',
  'BANGKOK',
] as const;
export type LaoType = (typeof LAO_TYPE_CODES)[number];

export interface LaoTypeInfo {
  nameTh: string;
  abbrTh: string;
  nameEn: string;
  abbrEn: string;
}

/** Names as in mission.md (DLA registry); the Thai prefix of an LAO's name is nameTh. */
export const LAO_TYPES: Record<LaoType, LaoTypeInfo> = {
  PAO: { nameTh: 'องค์การบริหารส่วนจังหวัด', abbrTh: 'อบจ.', nameEn: 'Provincial Administrative Organization', abbrEn: 'PAO' },
  CITY_MUNICIPALITY: { nameTh: 'เทศบาลนคร', abbrTh: 'ทน.', nameEn: 'City Municipality', abbrEn: 'City Mun.' },
  TOWN_MUNICIPALITY: { nameTh: 'เทศบาลเมือง', abbrTh: 'ทม.', nameEn: 'Town Municipality', abbrEn: 'Town Mun.' },
  SUBDISTRICT_MUNICIPALITY: {
    nameTh: 'เทศบาลตำบล',
    abbrTh: 'ทต.',
    nameEn: 'Subdistrict Municipality',
    abbrEn: 'Subdistrict Mun.',
  },
  SAO: { nameTh: 'องค์การบริหารส่วนตำบล', abbrTh: 'อบต.', nameEn: 'Subdistrict Administrative Organization', abbrEn: 'SAO' },
  PATTAYA: { nameTh: 'เมืองพัทยา', abbrTh: 'เมืองพัทยา', nameEn: 'Pattaya City', abbrEn: 'Pattaya' },
  BANGKOK: { nameTh: 'กรุงเทพมหานคร', abbrTh: 'กทม.', nameEn: 'Bangkok Metropolitan Administration', abbrEn: 'BMA' },
};

export const laoTypeSchema = oneOf(LAO_TYPE_CODES);

export const provinceSchema = z.object({
  code: provinceCode(),
  nameTh: text(200),
  nameEn: englishName(200),
  /** Demo provinces are generated data, never real. */
  demo: z.boolean().optional(),
});
export type Province = z.output<typeof provinceSchema>;

export const districtSchema = z
  .object({ code: districtCode(), provinceCode: provinceCode(), nameTh: text(200), nameEn: englishName(200) })
  .superRefine((d, ctx) => {
    if (!d.code.startsWith(d.provinceCode)) addIssue(ctx, 'code', 'code.provinceMismatch');
  });
export type District = z.output<typeof districtSchema>;

export const laoSchema = z
  .object({
    // Stored as every id is compared (sign-offs, records' laoId, the server's rows): in lower case.
    id: uuid().transform((id) => id.toLowerCase()),
    code: laoCode(),
    type: laoTypeSchema,
    nameTh: text(300),
    nameEn: englishName(300),
    provinceCode: provinceCode(),
    districtCode: districtCode(),
  })
  .superRefine((l, ctx) => {
    if (!l.districtCode.startsWith(l.provinceCode)) addIssue(ctx, 'districtCode', 'code.provinceMismatch');
  });
export type Lao = z.output<typeof laoSchema>;

export const USER_ROLES = ['officer', 'supervisor', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const userSchema = z
  .object({
    id: uuid(),
    username: validText(e('field.required'))
      .regex(/^[a-z0-9][a-z0-9._-]{2,31}$/, e('username.format')),
    displayName: text(200),
    role: oneOf(USER_ROLES),
    provinceCodes: z.array(provinceCode()),
    /** LAOs an officer is assigned; absent means every LAO of their provinces. */
    laoIds: z.array(uuid()).optional(),
    contractSignedOn: isoDate().optional(),
    hiringDocsSentOn: isoDate().optional(),
  })
  .superRefine((u, ctx) => {
    if (hiringDocsBeforeContract(u)) {
      addIssue(ctx, 'hiringDocsSentOn', 'user.docsBeforeContract');
    }
  });
export type User = z.output<typeof userSchema>;
