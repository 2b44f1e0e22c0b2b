#!/usr/bin/env bash
# Runs each fuzz target for a given time on this machine's stable toolchain.
#
#   fuzz/run.sh [SECONDS] [TARGET...]     default: 300 seconds each, every target in turn
#
# cargo-fuzz passes nightly-only -Z flags (the sanitizer, coverage instrumentation) to rustc;
# RUSTC_BOOTSTRAP=1 lets a stable rustc accept them. SANITIZER=none skips AddressSanitizer
# (about twice as many executions; safe Rust needs it little). Seeds are copied at run time
# from testdata/ and ../shared/corpus/ into fuzz/corpus/<target>/ (not committed), together
# with the crash inputs kept under testdata/fuzz/<target>/. A crash stops that target and is
# saved under fuzz/artifacts/<target>/: minimise it, add it to testdata/fuzz/<target>/ and
# fix it (see fuzz/README.md). Logs go to fuzz/logs/<target>.log.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-300}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(yaml_tree check_file fix_round_trip)
sanitizer=${SANITIZER:-address}
export RUSTC_BOOTSTRAP=1

command -v cargo-fuzz >/dev/null || {
  echo "cargo-fuzz is not installed: cargo install cargo-fuzz" >&2
  exit 2
}

mkdir -p logs
# Build every target once, up front, so the time given is spent fuzzing.
cargo fuzz build -O --debug-assertions --sanitizer "$sanitizer" >logs/build.log 2>&1 || {
  tail -n 20 logs/build.log >&2
  exit 2
}
status=0
for target in "${targets[@]}"; do
  corpus=corpus/$target
  mkdir -p "$corpus" "artifacts/$target"
  # Seeds: the project's fixtures, the shared corpus, and every crash found so far.
  find ../testdata -type f \( -name '*.yaml' -o -name '*.yml' \) -size -64k \
    -exec cp -n -t "$corpus" {} + 2>/dev/null || true
  if [ -d ../../shared/corpus ]; then
    find ../../shared/corpus -maxdepth 1 -type f -name '*.yaml' -size -64k \
      -exec cp -n -t "$corpus" {} + 2>/dev/null || true
  fi
  if [ -d "../testdata/fuzz/$target" ]; then
    for crash in "../testdata/fuzz/$target"/*; do
      [ -f "$crash" ] && cp "$crash" "$corpus/regression-$(basename "$crash")"
    done
  fi
  log=logs/$target.log
  echo "== $target: ${seconds}s from $(find "$corpus" -type f | wc -l) inputs, log in fuzz/$log"
  before=$(find "artifacts/$target" -type f | wc -l)
  if cargo fuzz run -O --debug-assertions --sanitizer "$sanitizer" "$target" "$corpus" -- \
    -max_total_time="$seconds" -dict=kubeadm.dict -max_len=65536 -timeout=20 \
    -rss_limit_mb=4096 -print_final_stats=1 >"$log" 2>&1; then
    result=ok
  elif [ "$(find "artifacts/$target" -type f | wc -l)" -gt "$before" ]; then
    result="CRASH (see fuzz/$log; input in fuzz/artifacts/$target/)"
    status=1
  else
    result="STOPPED without a crash input (see fuzz/$log)"
    status=1
  fi
  runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -n 1 || true)
  took=$(grep -oE 'Done [0-9]+ runs in [0-9]+ second' "$log" | tail -n 1 || true)
  echo "   $result: ${runs:-?} executions${took:+ ($took(s))}"
done
exit $status
