#!/usr/bin/env bash
# Writes the 250-indicator self-evaluation workbook with exceljs and times it, for comparison with OfficeEval's
# writer (see docs/performance.md):
#   1. OfficeEval generates the workbook and exports it with its JSON description;
#   2. npm ci installs the pinned exceljs;
#   3. write-workbook.mjs rebuilds the workbook from the description with exceljs, N times, and prints the timings;
#   4. --check-workbook compares exceljs's workbook with the description and reads it back with OfficeEval's reader.
#
# Usage: benchmarks/exceljs/run.sh [output-dir] [write-workbook.mjs options, e.g. --iterations 50 --warmup 10]
# The output directory defaults to artifacts/exceljs in the repository.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/artifacts/exceljs"
if [[ $# -gt 0 && "$1" != --* ]]; then
  out="$1"
  shift
fi
mkdir -p "$out"
out="$(cd "$out" && pwd)"

dotnet run -c Release --project "$root/benchmarks/OfficeEval.Benchmarks" -- --export-workbook "$out"
(cd "$here" && npm ci --no-audit --no-fund)
node "$here/write-workbook.mjs" "$out" "$@"
dotnet run -c Release --no-build --project "$root/benchmarks/OfficeEval.Benchmarks" -- --check-workbook "$out"
