/**
 * A national DLA registry file for tests and measurements: 77 provinces, 879
 * districts and 7,850 LAOs with the real mix of types (one PAO per province,
 * a few municipalities per district, the rest SAOs), deterministic, with Thai
 * names; as UTF-8 text and as Windows-874 (TIS-620) bytes, as Thai Excel saves it.
 */
const SYLLABLES = ['นคร', 'ศรี', 'สุข', 'บุรี', 'ทอง', 'แก้ว', 'หนอง', 'บ้าน', 'โพธิ์', 'ชัย', 'สาร', 'คาม', 'วัง', 'น้ำ', 'ใหม่', 'เหนือ', 'ใต้', 'กลาง', 'ดอน', 'ป่า'];
const name = (n: number) => `${SYLLABLES[n % 20]}${SYLLABLES[Math.floor(n / 20) % 20]}${SYLLABLES[Math.floor(n / 400) % 20]}`;

export const NATIONAL = { provinces: 77, districts: 879, laos: 7_850 } as const;

export interface NationalRow { province: string; provinceCode: string; district: string; code: string; type: string; name: string }

/** Rows of the file; province codes 10–86, districts and LAOs numbered within them. */
export function nationalRows(): NationalRow[] {
  const rows: NationalRow[] = [];
  let laosLeft = NATIONAL.laos;
  let districtsLeft = NATIONAL.districts;
  for (let p = 0; p < NATIONAL.provinces; p += 1) {
    const provinceCode = String(10 + p);
    const province = name(p * 7 + 3);
    const districtCount = Math.round(districtsLeft / (NATIONAL.provinces - p));
    districtsLeft -= districtCount;
    for (let d = 1; d <= districtCount; d += 1) {
      const districtsAfter = districtsLeft + (districtCount - d);
      const laoCount = Math.round(laosLeft / (districtsAfter + 1));
      laosLeft -= laoCount;
      const district = `${name(p * 31 + d)}${d}`;
      for (let l = 1; l <= laoCount; l += 1) {
        const pao = d === 1 && l === 1;
        const municipality = !pao && l <= 2;
        const digit = pao ? 6 : municipality ? 5 : 7;
        const type = pao ? 'องค์การบริหารส่วนจังหวัด' : municipality ? 'เทศบาลตำบล' : 'องค์การบริหารส่วนตำบล';
        const code = `${digit}${provinceCode}${String(d).padStart(2, '0')}${String(l).padStart(2, '0')}`;
        rows.push({ province, provinceCode, district, code, type, name: pao ? `${type}${province}` : `${type}${name(p * 997 + d * 13 + l)}` });
      }
    }
  }
  return rows;
}

export function nationalCsv(rows: readonly NationalRow[] = nationalRows()): string {
  const lines = ['จังหวัด,อำเภอ,ตำบล,รหัส อปท.,ประเภท อปท.,อปท.'];
  for (const r of rows) lines.push([r.province, r.district, r.district, r.code, r.type, r.name].join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** The text as Windows-874 (TIS-620): Thai letters U+0E01–U+0E5B at 0xA1–0xFB, ASCII as is. */
export function windows874(text: string): Buffer {
  const bytes: number[] = [];
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    if (cp < 0x80) bytes.push(cp);
    else if (cp >= 0x0e01 && cp <= 0x0e5b) bytes.push(cp - 0x0e01 + 0xa1);
    else throw new Error(`not in Windows-874: ${char}`);
  }
  return Buffer.from(bytes);
}
