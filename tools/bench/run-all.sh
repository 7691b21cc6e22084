#!/usr/bin/env bash
# Runs every end-to-end benchmark of the CPU engine on one JDK and writes JSON + PNG under bench-out/<label>/.
#   tools/bench/run-all.sh                                   # default java
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 tools/bench/run-all.sh
# Run it on an otherwise idle machine: every report measures the machine's limits in the same run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
label="jdk$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p')"
out="$root/bench-out/$label"
mkdir -p "$out"
cd "$root"
./hogwild bench single --types f32,q8_0,q4_0 --threads 1,2 --out "$out/single-stream.json"
./hogwild bench roofline --types f32,q8_0,q4_0 --out "$out/roofline.json"
./hogwild bench hogwild --types q8_0 --out "$out/hogwild.json"
./hogwild bench attention --out "$out/attention.json"
./hogwild bench startup --models 0.5b,4b --out "$out/startup.json"
echo "all reports in $out"
