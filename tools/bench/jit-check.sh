#!/usr/bin/env bash
# Checks that C2 intrinsified every Vector API call of the CPU kernels in a real model run: prints, per
# compiled kernel, the Vector API calls that were left out of line (those box their vectors and run ten
# times slower), then the run's tokens/s (slower than in `bench single`: the JIT is logging). No
# "not intrinsified" line means all is well.
#   tools/bench/jit-check.sh [types, default q8_0,q4_0] [threads, default 1]
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 tools/bench/jit-check.sh f32
# Needs `./hogwild` built once. Mostly useful on JDK 17, whose C2 gives up on large vector methods.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
log="$(mktemp)"
trap 'rm -f "$log" "$log.json"' EXIT
"$java" -XX:+PrintCompilation -XX:+UnlockDiagnosticVMOptions -XX:CompileCommand=quiet \
  "-XX:CompileCommand=PrintInlining,io.hogwild.kernels.cpu.Vector*::*" --add-modules=jdk.incubator.vector \
  -XX:MaxRAMPercentage=75 -cp "$root/jobs/target/hogwild-jobs-0.1.0-SNAPSHOT.jar:$root/jobs/target/lib/*" \
  io.hogwild.jobs.cli.HogwildCli bench single --types "${1:-q8_0,q4_0}" --threads "${2:-1}" \
  --prompt-tokens 64 --decode-tokens 32 --out "$log.json" > "$log" 2>&1
# A compile's inlining tree follows its PrintCompilation line; keep the failed Vector API calls of C2 (tier 4)
# compiles of our kernels. C1 trees can interleave with C2's (compiler threads print concurrently), so C1's
# own messages ("callee is too large", "no static binding": C1 never intrinsifies) are left out.
awk '/^ *[0-9]+ +[0-9]+ / { cur = ""
       if ($0 ~ / 4 +io\.hogwild\.kernels\.cpu\.Vector/ && $0 !~ /made/) {
         cur = $0; sub(/.*io\.hogwild\.kernels\.cpu\./, "", cur); sub(/ .*/, "", cur) }
       next }
     cur != "" && /failed to inline/ && /jdk\.(incubator|internal\.vm)\.vector/ && !/callee is too large|no static binding/ {
       line = $0; gsub(/ +/, " ", line); print "not intrinsified in " cur ":" line }' "$log" | sort | uniq -c
grep -E '"(model|prefill_tokens_per_s|decode_tokens_per_s)"' "$log.json" | tr -d ' ,' | paste -sd' ' | sed 's/"model"/\n&/g'
echo
