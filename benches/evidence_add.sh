#!/usr/bin/env bash
# Benchmark (not a test): wall time of `dossier evidence add` on one large file, as a ratio
# to `openssl dgst -sha256` on the same file, measured in the same run.
#
# Acceptance target: ratio <= 1.15 and peak RSS of `dossier evidence add` < 50 MB.
#
# What it does:
#   1. builds the release binary (`cargo build --release --locked`) unless DOSSIER_BIN is set;
#   2. writes a random file of SIZE_MIB MiB once into a temp dir on the repo's file system
#      (the blob store then lives on the same disk as in real use), and warms the page cache
#      so both tools read from memory;
#   3. hyperfine (warmup 1, RUNS runs): `dossier --home H evidence add 1 FILE --kind other`,
#      each run on a fresh data home with one order (made in --prepare, not timed), versus
#      `openssl dgst -sha256 FILE`; prints the mean ratio dossier/openssl from the JSON export;
#   4. peak memory of one dossier run with /usr/bin/time -f %M;
#   5. checks that the stored sha256 (`dossier --json evidence list 1`) equals `sha256sum FILE`;
#   6. prints whether the CPU has SHA instructions (sha_ni), which sha2 uses when present.
#
# Run:   benches/evidence_add.sh
# Knobs: SIZE_MIB=1024  RUNS=5  DOSSIER_BIN=path/to/dossier  BENCH_DIR=dir (kept if given)
#        KEEP_JSON=path (copy the hyperfine JSON there)
# Needs: hyperfine (apt-get install hyperfine), openssl, python3 or jq, /usr/bin/time (apt
#        package `time`), sha256sum.
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$script_dir/.." && pwd)
size_mib=${SIZE_MIB:-1024}
runs=${RUNS:-5}

die() { echo "evidence_add.sh: $*" >&2; exit 1; }
for tool in hyperfine openssl sha256sum; do
    command -v "$tool" >/dev/null || die "needs $tool (apt-get install -y ${tool/sha256sum/coreutils})"
done
[[ -x /usr/bin/time ]] || die "needs /usr/bin/time (apt-get install -y time)"
command -v python3 >/dev/null || command -v jq >/dev/null || die "needs python3 or jq"

if [[ -n ${DOSSIER_BIN:-} ]]; then
    bin=$DOSSIER_BIN
else
    echo "== building release binary"
    (cd "$repo" && cargo build --release --locked --quiet)
    bin=$repo/target/release/dossier
fi
[[ -x $bin ]] || die "no executable at $bin"
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")

if [[ -n ${BENCH_DIR:-} ]]; then
    work=$BENCH_DIR
    mkdir -p "$work"
    own_work=false
else
    mkdir -p "$repo/target"
    work=$(mktemp -d -p "$repo/target" bench-evidence-add.XXXXXX)
    own_work=true
fi
file=$work/input.bin
home=$work/home
json=$work/hyperfine.json
cleanup() {
    if $own_work; then
        rm -rf "$work"
    else
        rm -rf "$file" "$home" "$json"
    fi
}
trap cleanup EXIT

echo "== setup"
echo "binary:   $bin"
echo "work dir: $work ($(df -PT "$work" | awk 'NR==2 {print $2 " on " $1}'))"
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || true)
if grep -qw sha_ni /proc/cpuinfo; then sha_ni=yes; else sha_ni=no; fi
echo "cpu:      ${cpu:-unknown}, $(nproc) cores; sha_ni: $sha_ni"
echo "openssl:  $(openssl version)"

echo "== writing ${size_mib} MiB of random data"
openssl rand -out "$file" $((size_mib * 1024 * 1024))
cat "$file" >/dev/null # page cache warm-up; both tools then read from memory
sync

q() { printf '%q' "$1"; }
# Fresh data home with one order, source re-warmed, earlier writes flushed: untimed.
prepare_dossier="rm -rf $(q "$home") && $(q "$bin") --home $(q "$home") --quiet order add --platform aliexpress --number 1 && cat $(q "$file") >/dev/null && sync"
prepare_openssl="cat $(q "$file") >/dev/null && sync"
cmd_dossier="$(q "$bin") --home $(q "$home") --quiet evidence add 1 $(q "$file") --kind other"
cmd_openssl="openssl dgst -sha256 $(q "$file")"

echo "== hyperfine (warmup 1, $runs runs)"
hyperfine --warmup 1 --runs "$runs" --style basic --export-json "$json" \
    --prepare "$prepare_dossier" -n "dossier evidence add" "$cmd_dossier" \
    --prepare "$prepare_openssl" -n "openssl dgst -sha256" "$cmd_openssl"
[[ -n ${KEEP_JSON:-} ]] && cp "$json" "$KEEP_JSON"

if command -v python3 >/dev/null; then
    summary=$(python3 - "$json" <<'EOF'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
d, o = r["dossier evidence add"], r["openssl dgst -sha256"]
print(f'{d["mean"]:.3f} {d["stddev"]:.3f} {d["min"]:.3f} '
      f'{o["mean"]:.3f} {o["stddev"]:.3f} {o["min"]:.3f} '
      f'{d["mean"] / o["mean"]:.3f} {d["min"] / o["min"]:.3f}')
EOF
)
else
    summary=$(jq -r '
        (.results[] | select(.command == "dossier evidence add")) as $d
        | (.results[] | select(.command == "openssl dgst -sha256")) as $o
        | [$d.mean, $d.stddev, $d.min, $o.mean, $o.stddev, $o.min,
           ($d.mean / $o.mean), ($d.min / $o.min)]
        | map(. * 1000 | round / 1000 | tostring) | join(" ")' "$json")
fi
read -r d_mean d_sd d_min o_mean o_sd o_min ratio ratio_min <<<"$summary"

echo "== peak memory (one dossier run)"
eval "$prepare_dossier"
/usr/bin/time -f %M -o "$work/time.out" "$bin" --home "$home" --quiet \
    evidence add 1 "$file" --kind other >/dev/null
rss_kib=$(tail -n1 "$work/time.out")
rss_mb=$(awk -v k="$rss_kib" 'BEGIN { printf "%.1f", k * 1024 / 1e6 }')
echo "max RSS: ${rss_kib} KiB = ${rss_mb} MB"

echo "== correctness"
stored=$("$bin" --home "$home" --json evidence list 1 |
    { if command -v python3 >/dev/null; then
          python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["sha256"])'
      else jq -r '.[0].sha256'; fi; })
expected=$(sha256sum "$file" | cut -d' ' -f1)
if [[ $stored == "$expected" ]]; then
    echo "sha256 ok: $stored"
    hash_ok=yes
else
    echo "sha256 MISMATCH: stored $stored, sha256sum $expected" >&2
    hash_ok=no
fi

verdict() { awk -v v="$1" -v max="$2" 'BEGIN { print (v <= max) ? "ok" : "OVER" }'; }
echo "== summary (${size_mib} MiB, $runs runs)"
echo "dossier evidence add : mean ${d_mean} s ± ${d_sd} (min ${d_min} s)"
echo "openssl dgst -sha256 : mean ${o_mean} s ± ${o_sd} (min ${o_min} s)"
echo "ratio (mean)         : ${ratio}x  target <= 1.15  $(verdict "$ratio" 1.15)"
echo "ratio (min)          : ${ratio_min}x"
echo "peak RSS             : ${rss_mb} MB  target < 50 MB  $(verdict "$rss_mb" 49.999)"
echo "sha256 matches       : $hash_ok"
echo "cpu sha_ni           : $sha_ni"
[[ $hash_ok == yes ]]
