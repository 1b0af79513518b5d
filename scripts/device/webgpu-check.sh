#!/usr/bin/env bash
# WebGPU device check for a Linux machine with an NVIDIA GPU where only the npm registry is reachable.
# Installs what it needs (npm ci, build), then runs, writing everything to $OUT (default ./webgpu-check-out):
#   1. nvidia-smi (if present) and `mrnet doctor` (text + JSON): backends, the WebGPU adapter, driver files;
#      when Dawn finds no hardware adapter, missing.txt names each missing NVIDIA Vulkan/EGL file or library;
#   2. the model parity tests on webgpu (forward logits + every gradient vs cpu/wasm; 3 Adam steps vs wasm), CI=true;
#   3. the model section of `npm run bench -- --backend webgpu` (tools/bench-model.mjs: train step and inference on
#      one 32×256² exam), then the same on wasm on this machine, for the ratio.
# Designed to finish in under 8 minutes; each step has its own time limit and the script goes on after a failure.
# Overrides for a dry run on a machine without a GPU: BENCH_SLICES, BENCH_SIZE, BENCH_REPEATS, BENCH_ON_SOFTWARE=1, LIMIT_PARITY (s).
set -uo pipefail
cd "$(dirname "$0")/../.."
OUT="${OUT:-$PWD/webgpu-check-out}"
mkdir -p "$OUT"
START=$(date +%s)
SLICES="${BENCH_SLICES:-32}"
SIZE="${BENCH_SIZE:-256}"
REPEATS="${BENCH_REPEATS:-3}"
SUMMARY="$OUT/summary.txt"
: >"$SUMMARY"

say() { echo "webgpu-check: $*" | tee -a "$SUMMARY" >&2; }
elapsed() { echo $(( $(date +%s) - START )); }
# step NAME SECONDS CMD...: runs CMD with a time limit, output to $OUT/NAME.log, and records its status.
step() {
  local name="$1" limit="$2"; shift 2
  local t0=$(date +%s)
  timeout --kill-after=10 "$limit" "$@" >"$OUT/$name.log" 2>&1
  local rc=$?
  local why=""; [ "$rc" -eq 124 ] && why=" (time limit ${limit} s)"
  say "$name: exit $rc$why in $(( $(date +%s) - t0 )) s (log $OUT/$name.log)"
  return "$rc"
}

say "start $(date -u +%FT%TZ) on $(uname -srm); node $(node -v 2>/dev/null || echo missing); npm $(npm -v 2>/dev/null || echo missing)"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then say "node and npm are required (Node >= 20.19)"; exit 1; fi
{ command -v nvidia-smi >/dev/null && nvidia-smi; } >"$OUT/nvidia-smi.txt" 2>&1 || echo "nvidia-smi not found or failed" >>"$OUT/nvidia-smi.txt"
nproc >"$OUT/nproc.txt" 2>&1

# 1. Install and build (npm ci only when node_modules does not match the lock file).
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step npm-ci 240 npm ci --no-audit --no-fund || { say "npm ci failed: see npm-ci.log"; exit 1; }
else
  say "npm ci: node_modules already matches package-lock.json"
fi
step build 180 npx tsc -b packages/model/tsconfig.lib.json packages/train/tsconfig.lib.json examples/cli/tsconfig.lib.json || { say "build failed: see build.log"; exit 1; }

# 2. mrnet doctor, and exactly what is missing when Dawn finds no hardware adapter.
step doctor 90 node examples/cli/dist/main.js doctor
cp "$OUT/doctor.log" "$OUT/doctor.txt"
node examples/cli/dist/main.js doctor --json >"$OUT/doctor.json" 2>"$OUT/doctor-json.stderr"
ADAPTER=$(node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const a = r.webgpu && r.webgpu.adapter;
  console.log(!a ? "none" : a.software ? "software" : "hardware");
  const lines = [];
  if (!a || a.software) {
    lines.push(a ? `Dawn found only a software adapter (${a.device || a.description}): the NVIDIA driver is not usable from here.` : "Dawn found no WebGPU adapter.");
    for (const t of (r.webgpu && r.webgpu.tried) || []) lines.push(`  tried ${t}`);
    for (const m of (r.webgpu && r.webgpu.messages) || []) lines.push(`  dawn: ${m}`);
    const miss = (r.driverFiles || []).filter((f) => f.path === null && f.route !== "mesa");
    for (const f of miss) lines.push(`MISSING ${f.name}: ${f.purpose}`);
    if (miss.length === 0) lines.push("every NVIDIA Vulkan/EGL file listed by mrnet doctor is present: see the dawn lines above for why the adapter was refused");
  }
  require("fs").writeFileSync(process.argv[2], lines.join("\n") + (lines.length ? "\n" : ""));
' "$OUT/doctor.json" "$OUT/missing.txt" 2>>"$OUT/doctor-json.stderr" || echo "unknown")
say "webgpu adapter: $ADAPTER"
if [ -s "$OUT/missing.txt" ]; then
  while IFS= read -r line; do say "$line"; done <"$OUT/missing.txt"
fi

# 3. Parity tests (must run, not skip: CI=true).
if [ "$ADAPTER" != "none" ]; then
  step parity "${LIMIT_PARITY:-240}" env CI=true npx vitest run packages/model/src/backend/webgpu.test.ts packages/train/src/loop/steps-webgpu.test.ts
  sed 's/\x1b\[[0-9;]*m//g' "$OUT/parity.log" | grep -E "parity on|webgpu vs wasm after|Tests +[0-9]|FAIL" | while IFS= read -r l; do say "parity: $l"; done
else
  say "parity: not run (no adapter)"
fi

# 4. Benchmarks: webgpu, then wasm on the same machine.
bench() {
  local backend="$1" limit="$2"
  step "bench-$backend" "$limit" node tools/bench-model.mjs --backend "$backend" --slices "$SLICES" --size "$SIZE" --repeats "$REPEATS" --no-torch
  grep -E "^model:|tfjs +inference" "$OUT/bench-$backend.log" | while IFS= read -r l; do say "bench $backend: $l"; done
}
if [ "$ADAPTER" = "hardware" ] || { [ "$ADAPTER" = "software" ] && [ "${BENCH_ON_SOFTWARE:-0}" = "1" ]; }; then
  bench webgpu 150
else
  say "bench webgpu: not run (adapter: $ADAPTER; BENCH_ON_SOFTWARE=1 runs it on a software adapter)"
fi
LEFT=$(( 470 - $(elapsed) ))
if [ "$LEFT" -gt 30 ]; then bench wasm "$LEFT"; else say "bench wasm: not run (only ${LEFT} s left of the 8-minute budget)"; fi

say "done in $(elapsed) s; files in $OUT"
