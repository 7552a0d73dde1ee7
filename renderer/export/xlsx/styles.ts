/**
 * styles.xml of the streamed workbooks: the same look as sheet.ts gives the
 * exceljs ones (Sarabun, navy header row with white bold text and thin grey
 * borders, baht and count formats). Cells refer to these by index.
 */
import { argb, FONT_NAME, FONT_SIZE, FORMAT, GRID_GREY, NAVY as NAVY_HEX, TITLE_SIZE, type CellFormat } from '../layout';

/** `text` is `normal` spelled out on the cell, so readers that ignore the default style (exceljs) still see Sarabun. */
export const STYLE = { normal: 0, title: 1, label: 2, header: 3, baht: 4, count: 5, percent: 6, text: 7 } as const;
export type { CellFormat } from '../layout';

const NAVY = argb(NAVY_HEX);
const font = (inner: string) => `<font>${inner}<name val="${FONT_NAME}"/><family val="2"/></font>`;

const FONTS = [
  font(`<sz val="${FONT_SIZE}"/>`),
  font(`<b/><sz val="${TITLE_SIZE}"/><color rgb="${NAVY}"/>`),
  font(`<b/><sz val="${FONT_SIZE}"/>`),
  font(`<b/><sz val="${FONT_SIZE}"/><color rgb="FFFFFFFF"/>`),
];
const thin = (side: string) => `<${side} style="thin"><color rgb="${argb(GRID_GREY)}"/></${side}>`;
// Custom format ids start at 164; the codes are spelled out so every reader shows the same format.
const NUM_FMTS: Record<CellFormat, { id: number; code: string }> = {
  baht: { id: 164, code: FORMAT.baht },
  count: { id: 165, code: FORMAT.count },
  percent: { id: 166, code: FORMAT.percent },
};

const xf = (attrs: string, inner = '') => `<xf xfId="0" ${attrs}${inner ? `>${inner}</xf>` : '/>'}`;

export function stylesXml(): string {
  const formats = Object.values(NUM_FMTS);
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    + '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    + `<numFmts count="${formats.length}">${formats.map((f) => `<numFmt numFmtId="${f.id}" formatCode="${f.code}"/>`).join('')}</numFmts>`
    + `<fonts count="${FONTS.length}">${FONTS.join('')}</fonts>`
    + '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
    + `<fill><patternFill patternType="solid"><fgColor rgb="${NAVY}"/><bgColor indexed="64"/></patternFill></fill></fills>`
    + `<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border>${['left', 'right', 'top', 'bottom'].map(thin).join('')}<diagonal/></border></borders>`
    + '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    + '<cellXfs count="8">'
    + xf('numFmtId="0" fontId="0" fillId="0" borderId="0"')
    + xf('numFmtId="0" fontId="1" fillId="0" borderId="0" applyFont="1"')
    + xf('numFmtId="0" fontId="2" fillId="0" borderId="0" applyFont="1"')
    + xf('numFmtId="0" fontId="3" fillId="2" borderId="1" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"', '<alignment horizontal="center" vertical="center" wrapText="1"/>')
    + xf(`numFmtId="${NUM_FMTS.baht.id}" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"`)
    + xf(`numFmtId="${NUM_FMTS.count.id}" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"`)
    + xf(`numFmtId="${NUM_FMTS.percent.id}" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"`)
    + xf('numFmtId="0" fontId="0" fillId="0" borderId="0" applyFont="1"')
    + '</cellXfs>'
    + '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    + '<dxfs count="0"/><tableStyles count="0"/>'
    + '</styleSheet>';
}
