#!/usr/bin/env bash
# Spark GPU discovery script: prints this host's GPUs as Spark's resource JSON,
#   {"name": "gpu", "addresses": ["0", "1"]}
# Respects CUDA_VISIBLE_DEVICES (numeric indexes) when it is set. Prints no addresses when nvidia-smi is absent,
# so a misplaced GPU profile fails at scheduling with a clear "no gpu" message rather than here.
set -euo pipefail
addresses=()
if command -v nvidia-smi >/dev/null 2>&1; then
  while IFS= read -r idx; do
    idx="${idx//[[:space:]]/}"
    [[ -n "$idx" ]] && addresses+=("$idx")
  done < <(nvidia-smi --query-gpu=index --format=csv,noheader 2>/dev/null || true)
fi
if [[ -n "${CUDA_VISIBLE_DEVICES:-}" && "${CUDA_VISIBLE_DEVICES}" =~ ^[0-9,]+$ ]]; then
  IFS=',' read -r -a visible <<< "$CUDA_VISIBLE_DEVICES"
  kept=()
  for a in "${addresses[@]}"; do
    for v in "${visible[@]}"; do [[ "$a" == "$v" ]] && kept+=("$a"); done
  done
  addresses=("${kept[@]}")
fi
json=""
for a in "${addresses[@]}"; do json+="${json:+, }\"$a\""; done
printf '{"name": "gpu", "addresses": [%s]}\n' "$json"
