#!/usr/bin/env bash
# Makes docs/sample-certification.pdf (a fictional 71-item record, Town of Example, clerk
# "Nguyễn Thị Hương") and docs/sample-certification-page1.png, then checks the PDF:
#   - qpdf --check passes;
#   - pdffonts shows every font embedded and subset;
#   - pdfdetach lists the attached record, clerkcheck-record-000001.ron, and it is a record
#     file (ends with clerkcheck's seal line);
#   - clerkcheck verify-certification says "genuine" (exit 0), and "altered" (exit 1) once a
#     byte of the attached record is changed.
# Needs qpdf and poppler-utils (pdffonts, pdftoppm, pdfdetach): apt-get install -y qpdf poppler-utils
set -euo pipefail
cd "$(dirname "$0")/.."

pdf=docs/sample-certification.pdf
png=docs/sample-certification-page1.png
mkdir -p docs
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "== sample certification"
cargo run --quiet --example sample_certification -- "$pdf"
pdftoppm -png -r 80 -f 1 -singlefile "$pdf" "${png%.png}"
echo "wrote $pdf ($(wc -c <"$pdf") bytes, $(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }') pages) and $png"

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

echo "== a certification signed 王秀英 김민준 👍: CJK and emoji fonts embedded and subset, qpdf clean"
cargo run --quiet --example sample_certification -- "$tmp/cjk.pdf" "王秀英 김민준 👍"
qpdf --check "$tmp/cjk.pdf" >/dev/null
cjk_fonts=$(pdffonts "$tmp/cjk.pdf")
echo "$cjk_fonts"
for font in CCKCJK+DroidSansFallback CCKEMO+Symbola; do
    if ! echo "$cjk_fonts" | awk -v f="$font" '$1 == f && $(NF-4) == "yes" && $(NF-3) == "yes" && $(NF-2) == "yes" { ok = 1 } END { exit !ok }'; then
        echo "FAIL: $font is not embedded, subset and mapped to Unicode" >&2
        exit 1
    fi
done
cjk_text=$(pdftotext "$tmp/cjk.pdf" -)
if ! grep -q "王秀英 김민준 👍" <<<"$cjk_text"; then
    echo "FAIL: the name does not read back from the PDF" >&2
    exit 1
fi
echo "OK: CJK and emoji embedded, subset, and the name reads back"

echo "== pdfdetach: the record is attached"
list=$(pdfdetach -list "$pdf")
echo "$list"
if ! grep -q "clerkcheck-record-000001.ron" <<<"$list"; then
    echo "FAIL: the record is not attached to $pdf" >&2
    exit 1
fi
pdfdetach -save 1 -o "$tmp/record.ron" "$pdf"
if ! tail -n 1 "$tmp/record.ron" | grep -Eq '^// clerkcheck-sha256: [0-9a-f]{64}$'; then
    echo "FAIL: the attachment is not a sealed record file" >&2
    exit 1
fi
echo "OK: clerkcheck-record-000001.ron attached ($(wc -c <"$tmp/record.ron") bytes), sealed"

echo "== verify-certification"
cargo build --quiet --bin clerkcheck
bin=${CARGO_TARGET_DIR:-target}/debug/clerkcheck
"$bin" --data-dir "$tmp/no-office" verify-certification "$pdf"
# The same PDF with one byte of its record changed: qpdf writes it uncompressed, so the
# record's text can be edited in place (same length), and the result must say "altered".
qpdf --qdf --object-streams=disable "$pdf" "$tmp/open.pdf"
LC_ALL=C sed 's/Municipal Clerk/Municipal Clerc/' "$tmp/open.pdf" >"$tmp/altered-raw.pdf"
qpdf "$tmp/altered-raw.pdf" "$tmp/altered.pdf" 2>/dev/null || true
set +e
out=$("$bin" --data-dir "$tmp/no-office" verify-certification "$tmp/altered.pdf")
code=$?
set -e
echo "$out"
if [ "$code" -ne 1 ] || ! grep -q ": altered$" <<<"$out"; then
    echo "FAIL: an altered certification was not reported as altered (exit $code)" >&2
    exit 1
fi
echo "OK: genuine reads genuine, altered reads altered"
