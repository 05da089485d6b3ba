#!/usr/bin/env bash
# Benchmark (not a test): `verify`, `export` and `import` on large evidence, each as a ratio
# to `openssl dgst -sha256` over the same files, measured in the same run.
#
# Acceptance targets (issue 13):
#   verify of a store of 2 GiB in 200 files   <= 0.75x  (it hashes on both cores)
#   export of a case with 1 GiB of evidence   <= 1.5x
#   import of that bundle into a fresh home   <= 2x
#   peak RSS of each                           < 100 MB
#
# What it does:
#   1. builds the release binary unless DOSSIER_BIN is set;
#   2. makes two data homes under target/: one order with 200 random files of 10.24 MiB
#      (2 GiB) for verify, one order with 4 random files of 256 MiB (1 GiB) for export and
#      import; the page cache is warmed so every tool reads from memory;
#   3. hyperfine (warmup 1, RUNS runs) of each command beside openssl over the same files;
#   4. peak memory of one run of each with /usr/bin/time -f %M;
#   5. checks that the imported home verifies clean.
#
# Run:   benches/bundle.sh
# Knobs: RUNS=5  DOSSIER_BIN=path/to/dossier  BENCH_DIR=dir (kept if given, data reused)
# Needs: hyperfine, openssl, python3, /usr/bin/time (installed with apt-get when root).
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$script_dir/.." && pwd)
runs=${RUNS:-5}

need() { # need COMMAND PACKAGE
    command -v "$1" >/dev/null 2>&1 && return
    [[ $(id -u) == 0 ]] || { echo "bundle.sh: needs $1 (apt-get install -y $2)" >&2; exit 1; }
    apt-get install -y -qq "$2" >/dev/null
}
need hyperfine hyperfine
need openssl openssl
need python3 python3
[[ -x /usr/bin/time ]] || need /usr/bin/time time

if [[ -n ${DOSSIER_BIN:-} ]]; then
    bin=$(cd "$(dirname "$DOSSIER_BIN")" && pwd)/$(basename "$DOSSIER_BIN")
else
    echo "== building release binary"
    (cd "$repo" && cargo build --release --locked --quiet)
    bin=$repo/target/release/dossier
fi

if [[ -n ${BENCH_DIR:-} ]]; then
    work=$BENCH_DIR
    mkdir -p "$work"
else
    mkdir -p "$repo/target"
    work=$(mktemp -d -p "$repo/target" bench-bundle.XXXXXX)
    trap 'rm -rf "$work"' EXIT
fi
q() { printf '%q' "$1"; }

echo "== setup in $work ($(df -PT "$work" | awk 'NR==2 {print $2}'))"
if grep -qw sha_ni /proc/cpuinfo; then echo "cpu: sha_ni yes, $(nproc) cores"; else echo "cpu: sha_ni no, $(nproc) cores"; fi
if [[ ! -d $work/verify-home ]]; then
    mkdir -p "$work/verify-files" "$work/bundle-files"
    for i in $(seq -w 1 200); do openssl rand -out "$work/verify-files/f$i.bin" $((10485760 + 10#$i)); done
    for i in 1 2 3 4; do openssl rand -out "$work/bundle-files/g$i.bin" $((268435456 + i)); done
    "$bin" --home "$work/verify-home" --quiet order add --platform aliexpress --number 1
    "$bin" --home "$work/verify-home" --quiet evidence add 1 "$work"/verify-files/*.bin --kind other
    "$bin" --home "$work/bundle-home" --quiet order add --platform aliexpress --number 2
    "$bin" --home "$work/bundle-home" --quiet evidence add 1 "$work"/bundle-files/*.bin --kind other
fi
verify_blobs=$(find "$work/verify-home/blobs" -type f -not -path '*/tmp/*' | sort)
bundle_blobs=$(find "$work/bundle-home/blobs" -type f -not -path '*/tmp/*' | sort)
zip=$work/case.zip
"$bin" --home "$work/bundle-home" --quiet export 1 -o "$zip"
warm="cat $(q "$work")/verify-home/blobs/*/* $(q "$work")/bundle-home/blobs/*/* $(q "$zip") >/dev/null"
eval "$warm"

results=()
measure() { # measure NAME DOSSIER_CMD PREPARE OPENSSL_FILES
    local name=$1 cmd=$2 prepare=$3 files=$4 json=$work/$1.json
    echo "== $name (warmup 1, $runs runs)"
    hyperfine --warmup 1 --runs "$runs" --style basic --export-json "$json" \
        --prepare "$prepare; $warm" -n "dossier $name" "$cmd" \
        --prepare "$warm" -n "openssl dgst -sha256" "openssl dgst -sha256 $files >/dev/null"
    eval "$prepare"
    /usr/bin/time -f %M -o "$work/time.out" bash -c "$cmd" >/dev/null
    local rss; rss=$(tail -n1 "$work/time.out")
    results+=("$(python3 - "$json" "$name" "$rss" <<'EOF'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
d, o = r["dossier " + sys.argv[2]], r["openssl dgst -sha256"]
print(f'{sys.argv[2]:7} {d["mean"]:.3f} s vs openssl {o["mean"]:.3f} s: {d["mean"] / o["mean"]:.2f}x '
      f'(fastest runs {d["min"] / o["min"]:.2f}x), peak RSS {int(sys.argv[3]) * 1024 / 1e6:.0f} MB')
EOF
)")
}

measure verify "$(q "$bin") --home $(q "$work/verify-home") --quiet verify" "true" "$(echo $verify_blobs)"
measure export "$(q "$bin") --home $(q "$work/bundle-home") --quiet export 1 -o $(q "$work/out.zip")" \
    "rm -f $(q "$work/out.zip")" "$(echo $bundle_blobs)"
measure import "$(q "$bin") --home $(q "$work/import-home") --quiet import $(q "$zip")" \
    "rm -rf $(q "$work/import-home")" "$(echo $bundle_blobs)"

echo "== correctness"
"$bin" --home "$work/import-home" verify
cmp "$zip" "$work/out.zip" && echo "export is byte-identical to the first one"

echo "== summary (targets: verify <= 0.75x, export <= 1.5x, import <= 2x, RSS < 100 MB)"
printf '%s\n' "${results[@]}"
