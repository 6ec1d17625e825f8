// Writes large synthetic quality reports (LCOV, JUnit XML, ESLint JSON) shaped like the real ones, for the quality
// benchmark; deterministic, written piece by piece.
import { random, withFile } from './security-reports.js';

/** An LCOV tracefile as Istanbul writes it: `files` records of `lines` DA lines and `functions` FN/FNDA pairs. */
export function writeLcovReport(path: string, files: number, lines = 200, functions = 20, seed = 5): number {
  const next = random(seed);
  return withFile(path, (out) => {
    for (let f = 0; f < files; f++) {
      const parts = [
        `TN:\nSF:src/feature-${String(f % 400).padStart(3, '0')}/module-${String(f).padStart(5, '0')}.ts\n`,
      ];
      const hits: number[] = [];
      for (let i = 0; i < functions; i++) parts.push(`FN:${i * 10 + 1},handleRequest_${i}\n`);
      for (let i = 0; i < functions; i++) {
        const count = next() < 0.8 ? Math.floor(next() * 50) + 1 : 0;
        parts.push(`FNDA:${count},handleRequest_${i}\n`);
      }
      parts.push(`FNF:${functions}\nFNH:${functions}\n`);
      for (let line = 1; line <= lines; line++) {
        const count = next() < 0.75 ? Math.floor(next() * 200) + 1 : 0;
        hits.push(count);
        parts.push(`DA:${line},${count}\n`);
      }
      parts.push(`LF:${lines}\nLH:${hits.filter((h) => h > 0).length}\nend_of_record\n`);
      out.write(parts.join(''));
    }
  });
}

/** Outcome counts of a generated JUnit report, for checking what a reader made of it. */
export interface JunitCounts {
  passed: number;
  failed: number;
  errored: number;
  skipped: number;
}

/**
 * A JUnit XML report of `cases` testcases in suites of 100, as Surefire or jest-junit write them: about 3% fail
 * with a stack trace, 1% error, 2% are skipped. Returns the bytes written and the outcome counts.
 */
export function writeJunitReport(path: string, cases: number, seed = 6): { bytes: number; counts: JunitCounts } {
  const next = random(seed);
  const counts: JunitCounts = { passed: 0, failed: 0, errored: 0, skipped: 0 };
  const bytes = withFile(path, (out) => {
    out.write(`<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="all" tests="${cases}">\n`);
    for (let s = 0; s * 100 < cases; s++) {
      const suite = `com.example.feature${s % 50}.Module${s}Test`;
      out.write(`  <testsuite name="${suite}" tests="${Math.min(100, cases - s * 100)}" time="1.5">\n`);
      const parts: string[] = [];
      for (let c = s * 100; c < Math.min(cases, (s + 1) * 100); c++) {
        const roll = next();
        const head = `    <testcase name="handles case ${c} &amp; more" classname="${suite}" time="0.0${c % 90}"`;
        if (roll < 0.03) {
          counts.failed++;
          parts.push(
            `${head}>\n      <failure message="expected: &lt;${c}&gt; but was: &lt;${c + 1}&gt;" type="java.lang.AssertionError">` +
              `java.lang.AssertionError: expected: &lt;${c}&gt; but was: &lt;${c + 1}&gt;\n` +
              `\tat ${suite}.handlesCase(Module${s}Test.java:${(c % 300) + 10})\n\tat java.base/java.lang.reflect.Method.invoke(Method.java:580)\n` +
              '      </failure>\n    </testcase>\n',
          );
        } else if (roll < 0.04) {
          counts.errored++;
          parts.push(
            `${head}>\n      <error message="boom" type="java.lang.IllegalStateException"/>\n    </testcase>\n`,
          );
        } else if (roll < 0.06) {
          counts.skipped++;
          parts.push(`${head}>\n      <skipped/>\n    </testcase>\n`);
        } else {
          counts.passed++;
          parts.push(`${head}/>\n`);
        }
      }
      out.write(`${parts.join('')}  </testsuite>\n`);
    }
    out.write('</testsuites>\n');
  });
  return { bytes, counts };
}

const RULES = ['no-unused-vars', 'eqeqeq', '@typescript-eslint/no-explicit-any', 'prettier/prettier', 'no-console'];

/** An ESLint JSON report (--format json) with `messages` messages, 10 per file, about a third of them errors. */
export function writeEslintReport(path: string, messages: number, seed = 7): { bytes: number; errors: number } {
  const next = random(seed);
  let errors = 0;
  const bytes = withFile(path, (out) => {
    out.write('[');
    for (let f = 0; f * 10 < messages; f++) {
      const list = [];
      for (let m = f * 10; m < Math.min(messages, (f + 1) * 10); m++) {
        const severity = next() < 0.33 ? 2 : 1;
        if (severity === 2) errors++;
        const line = Math.floor(next() * 400) + 1;
        list.push({
          ruleId: RULES[m % RULES.length],
          severity,
          message: `Problem number ${m} found by the rule; fix it or disable the rule for this line.`,
          line,
          column: (m % 40) + 1,
          nodeType: 'Identifier',
          endLine: line,
          endColumn: (m % 40) + 8,
        });
      }
      const errorCount = list.filter((m) => m.severity === 2).length;
      const result = {
        filePath: `/home/runner/work/app/app/src/feature-${f % 300}/file-${f}.ts`,
        messages: list,
        suppressedMessages: [],
        errorCount,
        fatalErrorCount: 0,
        warningCount: list.length - errorCount,
        fixableErrorCount: 0,
        fixableWarningCount: 0,
        usedDeprecatedRules: [],
      };
      out.write(`${f === 0 ? '' : ','}${JSON.stringify(result)}`);
    }
    out.write(']\n');
  });
  return { bytes, errors };
}
