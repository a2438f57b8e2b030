#!/usr/bin/env bash
# Makes the fallback fonts the certification prints with when DejaVu Sans has no glyph, from
# Debian's packages, gzipped (clerkcheck inflates them the first time a record needs them):
#   - assets/fonts/DroidSansFallback.ttf.gz: Droid Sans Fallback 2.55b as shipped (Apache-2.0):
#     all 20,902 CJK Unified Ideographs, all 11,172 Hangul syllables, kana, CJK punctuation.
#   - assets/fonts/Symbola-emoji.ttf.gz: Symbola 9.17 (free for any use) cut down to emoji,
#     pictographs, dingbats and other symbols (monochrome outlines).
# Needs: apt-get install -y fonts-droid-fallback fonts-symbola python3-fonttools
set -euo pipefail
cd "$(dirname "$0")/.."
python=/usr/bin/python3
out=assets/fonts

gzip -9 -n -c /usr/share/fonts-droid-fallback/truetype/DroidSansFallback.ttf \
    >"$out/DroidSansFallback.ttf.gz"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$python" -m fontTools.subset /usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf \
    --unicodes="2190-21FF,2300-23FF,2460-24FF,25A0-27BF,2900-297F,2B00-2BFF,1F000-1FAFF" \
    --output-file="$tmp/Symbola-emoji.ttf" --no-hinting --drop-tables+=GSUB,GPOS,GDEF \
    --name-IDs='*' --notdef-outline
gzip -9 -n -c "$tmp/Symbola-emoji.ttf" >"$out/Symbola-emoji.ttf.gz"
ls -l "$out"
