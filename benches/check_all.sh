#!/usr/bin/env bash
# Benchmark (not a test): wall time of `dossier check --all` over a large generated data
# home, as a ratio to a plain `sqlite3` query that reads the same status rows, measured in
# the same run.
#
# Guard rail (not a race): `check --all` (JSON and human output) at most 5x the sqlite3
# baseline on 10,000 orders with 200,000 statuses, peak RSS at most 100 MB.
#
# What it does:
#   1. builds the release binary (`cargo build --release --locked`) unless DOSSIER_BIN is set;
#   2. generates the data home once with benches/gen_home.py (deterministic: fixed seed)
#      into a temp dir under target/, unless BENCH_HOME names an existing data home;
#   3. hyperfine (warmup 2, RUNS runs, all from the page cache):
#        a. dossier --home H --now NOW check --all --json   > /dev/null
#        b. dossier --home H --now NOW check --all          > /dev/null   (human output)
#        c. sqlite3 H/dossier.db "SELECT order_id, max(at) FROM statuses GROUP BY order_id" > /dev/null
#      and prints the means and the ratios a/c and b/c from the JSON export;
#   4. peak memory of one run of (a) with /usr/bin/time -f %M.
#
# Run:   benches/check_all.sh
# Knobs: ORDERS=10000  STATUSES=200000  SEED=20261124  RUNS=10  DOSSIER_BIN=path/to/dossier
#        BENCH_HOME=dir (used as is when it holds dossier.db, else generated there and kept)
#        KEEP_JSON=path (copy the hyperfine JSON there)
# Needs: hyperfine, sqlite3, python3, /usr/bin/time (apt packages hyperfine sqlite3 time;
#        installed with apt-get when missing and running as root).
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$script_dir/.." && pwd)
orders=${ORDERS:-10000}
statuses=${STATUSES:-200000}
seed=${SEED:-20261124}
runs=${RUNS:-10}
now=2026-11-24T12:00:00+03:00 # the moment gen_home.py builds its histories against
query="SELECT order_id, max(at) FROM statuses GROUP BY order_id"

die() { echo "check_all.sh: $*" >&2; exit 1; }

# Tools: install what is missing when we can (root + apt-get), else say what to install.
missing=()
command -v hyperfine >/dev/null || missing+=(hyperfine)
command -v sqlite3 >/dev/null || missing+=(sqlite3)
[[ -x /usr/bin/time ]] || missing+=(time)
if ((${#missing[@]})); then
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
        echo "== installing ${missing[*]}"
        apt-get install -y "${missing[@]}" >/dev/null 2>&1 ||
            { apt-get update >/dev/null && apt-get install -y "${missing[@]}" >/dev/null; }
    else
        die "needs ${missing[*]} (apt-get install -y ${missing[*]})"
    fi
fi
command -v python3 >/dev/null || die "needs python3"

if [[ -n ${DOSSIER_BIN:-} ]]; then
    bin=$DOSSIER_BIN
else
    echo "== building release binary"
    (cd "$repo" && cargo build --release --locked --quiet)
    bin=$repo/target/release/dossier
fi
[[ -x $bin ]] || die "no executable at $bin"
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")

mkdir -p "$repo/target"
work=$(mktemp -d -p "$repo/target" bench-check-all.XXXXXX)
trap 'rm -rf "$work"' EXIT
if [[ -n ${BENCH_HOME:-} ]]; then
    home=$BENCH_HOME
    if [[ -f $home/dossier.db ]]; then
        echo "== using existing data home $home"
    else
        echo "== generating $orders orders / $statuses statuses into $home (kept)"
        python3 "$script_dir/gen_home.py" --orders "$orders" --statuses "$statuses" --seed "$seed" \
            --bin "$bin" "$home"
    fi
else
    home=$work/home
    echo "== generating $orders orders / $statuses statuses (seed $seed)"
    python3 "$script_dir/gen_home.py" --orders "$orders" --statuses "$statuses" --seed "$seed" \
        --bin "$bin" "$home"
fi
db=$home/dossier.db
json=$work/hyperfine.json

echo "== setup"
echo "binary:    $bin"
echo "data home: $home ($(du -sh "$db" | cut -f1), $(df -PT "$home" | awk 'NR==2 {print $2}'))"
echo "rows:      $(sqlite3 "$db" "SELECT (SELECT count(*) FROM orders) || ' orders (' ||
    (SELECT count(*) FROM orders WHERE outcome IS NULL) || ' open), ' ||
    (SELECT count(*) FROM statuses) || ' statuses, ' ||
    (SELECT count(*) FROM tracking_numbers) || ' tracking numbers'")"
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || true)
echo "cpu:       ${cpu:-unknown}, $(nproc) cores"
echo "sqlite3:   $(sqlite3 --version | cut -d' ' -f1)"
cat "$db" >/dev/null # page cache warm-up

# The check must work before it is timed.
"$bin" --home "$home" --now "$now" check --all --json >"$work/check.json" ||
    die "check --all --json failed"
checked=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$work/check.json")
echo "checked:   $checked open cases"

q() { printf '%q' "$1"; }
cmd_json="$(q "$bin") --home $(q "$home") --now $now check --all --json"
cmd_human="$(q "$bin") --home $(q "$home") --now $now check --all"
cmd_sqlite="sqlite3 $(q "$db") $(q "$query")"

echo "== hyperfine (warmup 2, $runs runs)"
hyperfine --warmup 2 --runs "$runs" --style basic --export-json "$json" --output null \
    -n "check --all --json" "$cmd_json" \
    -n "check --all (human)" "$cmd_human" \
    -n "sqlite3 baseline" "$cmd_sqlite"
[[ -n ${KEEP_JSON:-} ]] && cp "$json" "$KEEP_JSON"

summary=$(python3 - "$json" <<'EOF'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
a, b, c = r["check --all --json"], r["check --all (human)"], r["sqlite3 baseline"]
print(" ".join(f"{v:.4f}" for v in [a["mean"], a["stddev"], b["mean"], b["stddev"], c["mean"], c["stddev"],
                                    a["mean"] / c["mean"], b["mean"] / c["mean"],
                                    a["min"] / c["min"], b["min"] / c["min"]]))
EOF
)
read -r a_mean a_sd b_mean b_sd c_mean c_sd ratio_a ratio_b min_a min_b <<<"$summary"

echo "== peak memory (one run of check --all --json)"
/usr/bin/time -f %M -o "$work/time.out" "$bin" --home "$home" --now "$now" check --all --json >/dev/null
rss_kib=$(tail -n1 "$work/time.out")
rss_mb=$(awk -v k="$rss_kib" 'BEGIN { printf "%.1f", k * 1024 / 1e6 }')

verdict() { awk -v v="$1" -v max="$2" 'BEGIN { print (v <= max) ? "ok" : "OVER" }'; }
echo "== summary ($orders orders, $statuses statuses, $checked open cases, $runs runs)"
echo "a. check --all --json  : mean ${a_mean} s ± ${a_sd}"
echo "b. check --all (human) : mean ${b_mean} s ± ${b_sd}"
echo "c. sqlite3 baseline    : mean ${c_mean} s ± ${c_sd}"
echo "ratio a/c              : ${ratio_a}x  guard <= 5  $(verdict "$ratio_a" 5)"
echo "ratio b/c              : ${ratio_b}x  guard <= 5  $(verdict "$ratio_b" 5)"
echo "fastest-run ratios     : ${min_a}x ${min_b}x  (less sensitive to a noisy machine)"
echo "peak RSS of a          : ${rss_kib} KiB = ${rss_mb} MB  guard <= 100 MB  $(verdict "$rss_mb" 100)"
