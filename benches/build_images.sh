#!/usr/bin/env bash
# Benchmark (not a test): `dossier build` of a case holding 40 phone screenshots, against
# `img2pdf` (PyPI) on the same 40 files, wall time and peak memory measured in the same run.
#
# Acceptance targets (issues 4, 12): first build <= 0.5x img2pdf's wall time (originals
# attached as far as the default 8 MB allows), PDF <= 4 MB when the originals are not attached,
# peak memory <= 200 MB, rebuild with a warm cache <= 0.15x img2pdf.
#
# What it does:
#   1. builds the release binary and the screenshot generator (`examples/screenshots.rs`,
#      drawing with `tests/support/sample.rs`): 40 PNGs of 1170x2532 with text in three
#      scripts, UI blocks and a photo-like area;
#   2. makes a data home with one order and the 40 files attached (not timed);
#   3. hyperfine (warmup 1, RUNS runs), in one run:
#        img2pdf FILES -o out.pdf
#        dossier build 1 (cold: the derived-image cache is emptied before each run)
#        dossier build 1 (warm: the cache from the previous run is kept)
#      and prints both ratios from the JSON export;
#   4. peak RSS of one cold and one warm build and of img2pdf (/usr/bin/time -f %M), and the
#      sizes of both PDFs.
#
# (hyperfine applies a single --prepare to every command: each command gets its own.)
#
# Run:   benches/build_images.sh
# Knobs: RUNS=10  DOSSIER_BIN=path/to/dossier  BENCH_DIR=dir (kept if given)
# Needs: hyperfine, img2pdf (pip install img2pdf), python3, /usr/bin/time.
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$script_dir/.." && pwd)
runs=${RUNS:-10}

die() { echo "build_images.sh: $*" >&2; exit 1; }
for tool in hyperfine img2pdf python3; do
    command -v "$tool" >/dev/null || die "needs $tool"
done
[[ -x /usr/bin/time ]] || die "needs /usr/bin/time (apt-get install -y time)"

(cd "$repo" && cargo build --release --locked --quiet && cargo build --release --locked --quiet --example screenshots)
bin=${DOSSIER_BIN:-$repo/target/release/dossier}
gen=$repo/target/release/examples/screenshots

if [[ -n ${BENCH_DIR:-} ]]; then
    work=$BENCH_DIR
    mkdir -p "$work"
else
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
fi
rm -rf "$work/shots" "$work/home"
"$gen" "$work/shots" 40
home=$work/home
export DOSSIER_NOW=2026-11-24T12:00:00+03:00
"$bin" --home "$home" -q order add --platform aliexpress --number 8100000000000040 --item "USB-C hub"
"$bin" --home "$home" -q evidence add 1 --kind tracker "$work"/shots/*.png
echo "40 screenshots: $(du -sh "$work/shots" | cut -f1) of PNG"

json=$work/hyperfine.json
hyperfine --warmup 1 --runs "$runs" --export-json "$json" \
    --prepare true --prepare "rm -rf $home/cache/img" --prepare true \
    -n img2pdf "img2pdf $work/shots/*.png -o $work/img2pdf.pdf" \
    -n cold "$bin --home $home -q build 1 -o $work/cold.pdf" \
    -n warm "$bin --home $home -q build 1 -o $work/warm.pdf"

python3 - "$json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
base = r["img2pdf"]["mean"]
for name in ("cold", "warm"):
    print(f"{name}: {r[name]['mean'] * 1000:.0f} ms = {r[name]['mean'] / base:.3f}x img2pdf ({base * 1000:.0f} ms)")
PY

rm -rf "$home/cache/img"
cold_kb=$( { /usr/bin/time -f %M "$bin" --home "$home" -q build 1 -o "$work/cold.pdf"; } 2>&1 )
warm_kb=$( { /usr/bin/time -f %M "$bin" --home "$home" -q build 1 -o "$work/warm.pdf"; } 2>&1 )
img_kb=$( { /usr/bin/time -f %M img2pdf "$work"/shots/*.png -o "$work/img2pdf.pdf"; } 2>&1 )
echo "peak RSS: cold build $((cold_kb / 1024)) MB, warm build $((warm_kb / 1024)) MB, img2pdf $((img_kb / 1024)) MB"
"$bin" --home "$home" -q build 1 --no-attachments -o "$work/bare.pdf"
echo "PDF size: dossier $(stat -c %s "$work/cold.pdf") bytes with the originals attached," \
    "$(stat -c %s "$work/bare.pdf") bytes without (target: at most 4 MB), img2pdf $(stat -c %s "$work/img2pdf.pdf") bytes"
cmp -s "$work/cold.pdf" "$work/warm.pdf" && echo "cold and warm builds are byte-identical" || die "cold and warm builds differ"
