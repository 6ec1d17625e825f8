// One timed read of generated quality reports, as the quality benchmark (tools/bench) runs it in a fresh process:
// `read-all.ts <lcov> <junit> <eslint> [root]` reads each with its entry point and prints what it read and how long each
// took, as JSON. The process's peak RSS (taken from outside) is that of all three read together.
import { readCoverageReports, readLintReports, readTestReports } from '../src/index.js';

const [lcov, junit, eslint, root = process.cwd()] = process.argv.slice(2);
if (!lcov || !junit || !eslint) throw new Error('usage: read-all.ts <lcov> <junit xml> <eslint json> [root]');
const options = { root, stripPrefixes: ['/home/runner/work/app/app'] };

const timed = async <T>(read: () => Promise<T>): Promise<[T, number]> => {
  const started = performance.now();
  const result = await read();
  return [result, performance.now() - started];
};

const [coverage, lcovMs] = await timed(() => readCoverageReports([lcov], options));
const [tests, junitMs] = await timed(() => readTestReports([junit], options));
const [lint, eslintMs] = await timed(() => readLintReports([eslint], options));

let lines = 0;
let covered = 0;
for (const file of coverage.files.values()) {
  lines += file.lines.size;
  for (const hits of file.lines.values()) if (hits > 0) covered++;
}
const outcomes: Record<string, number> = {};
for (const test of tests.cases) outcomes[test.outcome] = (outcomes[test.outcome] ?? 0) + 1;
process.stdout.write(
  JSON.stringify({
    lcovMs,
    junitMs,
    eslintMs,
    coverage: { files: coverage.files.size, lines, covered },
    tests: outcomes,
    lint: { messages: lint.messages.length, errors: lint.messages.filter((m) => m.severity === 'error').length },
  }),
);
