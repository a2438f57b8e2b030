#!/usr/bin/env bash
# Makes docs/sample-certification.pdf (a fictional 70-item record, Town of Example, clerk
# "Nguyễn Thị Hương") and docs/sample-certification-page1.png, then checks the PDF:
#   - qpdf --check passes;
#   - pdffonts shows every font embedded and subset.
# Needs qpdf and poppler-utils (pdffonts, pdftoppm): apt-get install -y qpdf poppler-utils
set -euo pipefail
cd "$(dirname "$0")/.."

pdf=docs/sample-certification.pdf
png=docs/sample-certification-page1.png
mkdir -p docs

echo "== sample certification"
cargo run --quiet --example sample_certification -- "$pdf"
pdftoppm -png -r 80 -f 1 -singlefile "$pdf" "${png%.png}"
echo "wrote $pdf ($(wc -c <"$pdf") bytes) and $png"

echo "== qpdf --check"
qpdf --check "$pdf"

echo "== pdffonts: every font embedded (emb) and subset (sub)"
fonts=$(pdffonts "$pdf")
echo "$fonts"
# Skip the two header lines; columns from the right: object ID (2), uni, sub, emb.
rows=$(echo "$fonts" | tail -n +3)
if [ -z "$rows" ]; then
    echo "FAIL: no fonts in $pdf" >&2
    exit 1
fi
echo "$rows" | awk '{ emb = $(NF-4); sub_ = $(NF-3); if (emb != "yes" || sub_ != "yes") { print "FAIL: font " $1 " is not embedded and subset (emb " emb ", sub " sub_ ")"; bad = 1 } } END { exit bad }' >&2
echo "OK: all fonts embedded and subset"
