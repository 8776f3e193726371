#!/usr/bin/env bash
# Adds the licence header to every tracked Java source file that lacks it; with --check, only lists
# the files without it and exits 1 if there are any. Run from anywhere inside the repository.
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"
LINE1='// SPDX-License-Identifier: Apache-2.0'
LINE2='// Copyright 2026 The influence4j authors'
missing=0
while IFS= read -r -d '' f; do
  if [[ "$(head -n 1 "$f")" == "$LINE1" ]]; then
    continue
  fi
  if [[ "${1:-}" == "--check" ]]; then
    echo "no licence header: $f"
    missing=1
  else
    { printf '%s\n%s\n\n' "$LINE1" "$LINE2"; cat "$f"; } > "$f.tmp" && mv "$f.tmp" "$f"
  fi
done < <(git ls-files -z -- '*.java')
exit $missing
