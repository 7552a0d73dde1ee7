#!/bin/sh
# Render check for the Excel exports (issue 6): writes the demo workbooks,
# converts each to PDF with LibreOffice headless (as printed: A4 landscape,
# header rows repeated) and each PDF page to PNG, to look at by eye.
# Not part of npm test. Needs: apt-get install -y libreoffice-calc poppler-utils.
# Without a system Sarabun, the Thai subset of @fontsource/sarabun is converted
# (WOFF -> TTF, scripts/woff-to-ttf.py) into ~/.fonts; without any Thai font
# LibreOffice draws boxes.
#
#   scripts/render-workbook.sh [out-dir] [th|en]
set -eu
OUT="${1:-/tmp/eplan-render}"
LANG_CHOICE="${2:-th}"
command -v soffice >/dev/null || { echo "soffice not found: apt-get install -y libreoffice-calc" >&2; exit 2; }
command -v pdftoppm >/dev/null || { echo "pdftoppm not found: apt-get install -y poppler-utils" >&2; exit 2; }
mkdir -p "$OUT"
if ! fc-list | grep -qi sarabun; then
  mkdir -p "$HOME/.fonts"
  python3 scripts/woff-to-ttf.py "$HOME/.fonts" node_modules/@fontsource/sarabun/files/sarabun-thai-400-normal.woff node_modules/@fontsource/sarabun/files/sarabun-thai-700-normal.woff
  fc-cache -f >/dev/null
fi
npx tsx scripts/write-sample-workbooks.ts "$OUT" "$LANG_CHOICE"
# A private profile so a running LibreOffice does not swallow the conversion.
PROFILE="$(mktemp -d)"
for xlsx in "$OUT"/*-"$LANG_CHOICE".xlsx; do
  soffice -env:UserInstallation="file://$PROFILE" --headless --convert-to pdf --outdir "$OUT" "$xlsx" >/dev/null
  pdf="${xlsx%.xlsx}.pdf"
  pdftoppm -png -r 60 -f 1 -l 3 "$pdf" "${xlsx%.xlsx}"
  echo "$pdf: $(pdfinfo "$pdf" 2>/dev/null | grep -E '^(Pages|Page size)' | tr -s ' ' | tr '\n' ' ')"
done
rm -rf "$PROFILE"
ls "$OUT"/*.png
