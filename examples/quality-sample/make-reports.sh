#!/usr/bin/env bash
# Produces, with the real tools, every report quality-gate reads from this sample, into reports/ (see README.md).
# A failing test or a lint error is what the gate is there to judge, so neither stops this script; a tool that could
# not run at all does, saying which. QUALITY_SAMPLE_FAIL=1 makes one Jest test and one pytest test fail on purpose.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
PATH="$PWD/node_modules/.bin:$PATH"

need() {
  command -v "$1" >/dev/null || {
    echo "make-reports: $1 is not installed: $2" >&2
    exit 1
  }
}
need jest "run 'npx pnpm@10.34.9 install' from the repository root"
need eslint "run 'npx pnpm@10.34.9 install' from the repository root"
need pytest "run 'bash .ci/install-scanners.sh' from the repository root and put .cache/scanners/bin on PATH"

# Runs a tool for which exit 1 means "ran and found problems", then checks it wrote its report.
run() {
  local report=$1 status=0
  shift
  "$@" || status=$?
  if ((status > 1)) || [[ ! -s $report ]]; then
    echo "make-reports: '$*' exited $status without writing $report" >&2
    exit 1
  fi
}

rm -rf reports
mkdir reports

# Jest: coverage as LCOV, Cobertura, Istanbul JSON and its summary; JUnit XML from jest-junit; Jest's own --json.
JEST_JUNIT_OUTPUT_DIR=reports JEST_JUNIT_OUTPUT_NAME=jest-junit.xml JEST_JUNIT_SUITE_NAME='{filepath}' \
  JEST_JUNIT_ADD_FILE_ATTRIBUTE=true run reports/jest.json jest --ci --coverage --coverageDirectory=reports/coverage-js \
  --coverageReporters=lcovonly --coverageReporters=cobertura --coverageReporters=json \
  --coverageReporters=json-summary --reporters=default --reporters=jest-junit --json --outputFile=reports/jest.json

# ESLint: the plain JSON formatter.
run reports/eslint.json eslint --format json --output-file reports/eslint.json .

# pytest with pytest-cov: Cobertura XML (and coverage.py's JSON, for its totals), and JUnit XML.
run reports/pytest-junit.xml pytest -q -p no:cacheprovider --cov --cov-report=xml:reports/coverage-python.xml \
  --cov-report=json:reports/coverage-python.json --junitxml=reports/pytest-junit.xml

echo "make-reports: reports written to $PWD/reports"
