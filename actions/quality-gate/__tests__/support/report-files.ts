// Small real report files, written the way the tools write them: LCOV, JUnit XML (jest-junit's shape) and ESLint
// JSON. Paths are given relative to the project, as a test wants them to come out of the readers.

/** file → { line: hits } */
export function lcov(files: Record<string, Record<number, number>>): string {
  return Object.entries(files)
    .map(([file, lines]) => {
      const data = Object.entries(lines).map(([line, hits]) => `DA:${line},${hits}`);
      const hit = Object.values(lines).filter((hits) => hits > 0).length;
      return ['TN:', `SF:${file}`, ...data, `LF:${data.length}`, `LH:${hit}`, 'end_of_record'].join('\n');
    })
    .join('\n')
    .concat('\n');
}

export interface JunitCase {
  name: string;
  failure?: string;
  file?: string;
}

const xmlText = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function junit(cases: readonly JunitCase[]): string {
  const failures = cases.filter((test) => test.failure !== undefined).length;
  const body = cases
    .map((test) => {
      const file = test.file ? ` file="${xmlText(test.file)}"` : '';
      const open = `<testcase classname="suite" name="${xmlText(test.name)}" time="0.01"${file}`;
      if (test.failure === undefined) return `    ${open}/>`;
      return `    ${open}>\n      <failure message="${xmlText(test.failure)}">${xmlText(test.failure)}\n    at x</failure>\n    </testcase>`;
    })
    .join('\n');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="jest tests" tests="${cases.length}" failures="${failures}">\n` +
    `  <testsuite name="suite" tests="${cases.length}" failures="${failures}" errors="0" skipped="0">\n${body}\n  </testsuite>\n</testsuites>\n`
  );
}

export interface EslintMessage {
  line: number;
  rule: string;
  severity: 1 | 2;
  message?: string;
}

/** `root` is the absolute folder the paths are under: ESLint writes absolute filePaths. */
export function eslint(root: string, files: Record<string, EslintMessage[]>): string {
  return JSON.stringify(
    Object.entries(files).map(([file, messages]) => ({
      filePath: `${root}/${file}`,
      messages: messages.map((m) => ({
        ruleId: m.rule,
        severity: m.severity,
        message: m.message ?? `${m.rule} here`,
        line: m.line,
        column: 1,
      })),
      errorCount: messages.filter((m) => m.severity === 2).length,
      warningCount: messages.filter((m) => m.severity === 1).length,
    })),
  );
}
