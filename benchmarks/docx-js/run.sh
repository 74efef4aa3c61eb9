#!/usr/bin/env bash
# Writes the 250-indicator evaluation report with the docx package and times it, for comparison with OfficeEval's
# writer (see docs/performance.md):
#   1. OfficeEval generates the report and exports it with its JSON description;
#   2. npm ci installs the pinned docx;
#   3. write-report.mjs rebuilds the report from the description with docx, N times, and prints the timings;
#   4. --check-report compares docx's report with the description (texts, content controls, tables, chart, page).
#
# Usage: benchmarks/docx-js/run.sh [output-dir] [write-report.mjs options, e.g. --iterations 50 --warmup 10]
# The output directory defaults to artifacts/docx-js in the repository.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/artifacts/docx-js"
if [[ $# -gt 0 && "$1" != --* ]]; then
  out="$1"
  shift
fi
mkdir -p "$out"
out="$(cd "$out" && pwd)"

dotnet run -c Release --project "$root/benchmarks/OfficeEval.Benchmarks" -- --export-report "$out"
(cd "$here" && npm ci --no-audit --no-fund)
node "$here/write-report.mjs" "$out" "$@"
dotnet run -c Release --no-build --project "$root/benchmarks/OfficeEval.Benchmarks" -- --check-report "$out"
