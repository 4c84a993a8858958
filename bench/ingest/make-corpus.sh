#!/usr/bin/env bash
# Generates the ingestion bench corpus with the office tools Debian ships: PDFs from LibreOffice
# (subset and CID fonts, ligatures, two columns, tables, Greek and Cyrillic), groff, ghostscript and
# a cairo-based writer; Word files from LibreOffice; HTML pages and CSV files. Each PDF gets a
# `.reference.txt` from poppler's pdftotext, each file a `.source.txt` of the text it was made from.
#
#   bench/ingest/make-corpus.sh [--install] [folder]     (default folder: .strata/bench-ingest)
set -euo pipefail

install=0
if [[ "${1:-}" == "--install" ]]; then
  install=1
  shift
fi
out="${1:-.strata/bench-ingest}"

# tool:package pairs; rsvg-convert (cairo) is optional, the rest are required.
required=(soffice:libreoffice-writer-nogui pdftotext:poppler-utils groff:groff ps2pdf:ghostscript)
optional=(rsvg-convert:librsvg2-bin)
fonts=(fonts-dejavu-core fonts-liberation2 fonts-linuxlibertine fonts-noto-core)

missing_packages() {
  local pair
  for pair in "$@"; do command -v "${pair%%:*}" >/dev/null 2>&1 || printf '%s ' "${pair#*:}"; done
}

missing="$(missing_packages "${required[@]}")"
if [[ -n "$missing" && "$install" == 1 ]]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    $missing $(missing_packages "${optional[@]}") "${fonts[@]}" >/dev/null
  missing="$(missing_packages "${required[@]}")"
fi
if [[ -n "$missing" ]]; then
  echo "make-corpus: missing Debian packages: ${missing}(run with --install, or apt-get install them)" >&2
  exit 1
fi
[[ -f dist/bench/ingest/make-sources.js ]] || npx tsc -p tsconfig.json

rm -rf "$out"
mkdir -p "$out"
node dist/bench/ingest/make-sources.js "$out"
cd "$out"

# One LibreOffice process converts every file; a private profile keeps it from clashing with a
# desktop instance.
profile="-env:UserInstallation=file://$(pwd)/.profile"
soffice "$profile" --headless --convert-to pdf office-*.fodt >/dev/null 2>&1
soffice "$profile" --headless --convert-to 'docx:MS Word 2007 XML' office-*.fodt >/dev/null 2>&1
soffice "$profile" --headless --infilter='HTML (StarWriter)' --convert-to 'docx:MS Word 2007 XML' web-*.html >/dev/null 2>&1
rm -rf .profile

for source in groff-*.ms; do
  base="${source%.ms}"
  groff -ms -t -Tpdf "$source" >"$base.pdf" 2>/dev/null
  groff -ms -t -Tps "$source" 2>/dev/null | ps2pdf - "ghostscript-${base#groff-}.pdf"
  cp "$base.source.txt" "ghostscript-${base#groff-}.source.txt"
done
if command -v rsvg-convert >/dev/null 2>&1; then
  for source in cairo-*.svg; do rsvg-convert -f pdf -o "${source%.svg}.pdf" "$source"; done
else
  echo "make-corpus: rsvg-convert not found (librsvg2-bin): no cairo PDFs" >&2
fi
for pdf in *.pdf; do pdftotext -enc UTF-8 "$pdf" "${pdf%.pdf}.reference.txt"; done
echo "make-corpus: $(ls *.pdf | wc -l) PDFs, $(ls *.docx | wc -l) Word files, $(ls *.html | wc -l) HTML pages, $(ls *.csv | wc -l) CSV files in $out"
