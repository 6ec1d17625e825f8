import { describe, expect, it } from '@jest/globals';
import { readLintReports } from '../src/index.js';
import { workspace } from './support/workspace.js';

const ws = workspace();
const read = async (name: string, text: string, stripPrefixes: string[] = []) =>
  (await readLintReports([ws.write(name, text)], { root: ws.root, stripPrefixes })).messages;

const eslintFile = (filePath: string, messages: unknown[]) => ({
  filePath,
  messages,
  suppressedMessages: [],
  errorCount: 0,
  warningCount: 0,
  source: 'the whole file text',
});

describe('ESLint JSON', () => {
  it('reads severities, a null ruleId and fatal parse errors, with paths under the root made relative', async () => {
    const report = [
      eslintFile(`${ws.root}/src/a.ts`, [
        { ruleId: 'semi', severity: 1, message: 'Missing semicolon.', line: 3, column: 9, endLine: 3 },
        { ruleId: null, severity: 2, message: 'Unused eslint-disable directive', line: 10, column: 3 },
        { ruleId: null, fatal: true, severity: 1, message: 'Parsing error: x', line: 1 },
      ]),
      eslintFile(`${ws.root}/src/clean.ts`, []),
    ];
    expect(await read('eslint.json', JSON.stringify(report))).toEqual([
      expect.objectContaining({ path: 'src/a.ts', line: 3, endLine: 3, column: 9, severity: 'warning', rule: 'semi' }),
      expect.objectContaining({
        path: 'src/a.ts',
        line: 10,
        severity: 'error',
        message: 'Unused eslint-disable directive',
      }),
      expect.objectContaining({ severity: 'error', tool: 'ESLint', message: 'Parsing error: x' }),
    ]);
  });

  it('reads json-with-metadata the same way', async () => {
    const report = {
      results: [eslintFile('src/b.ts', [{ ruleId: 'eqeqeq', severity: 2, message: 'Use ===', line: 1, column: 1 }])],
      metadata: { rulesMeta: {} },
    };
    expect(await read('eslint-meta.json', JSON.stringify(report))).toEqual([
      expect.objectContaining({ path: 'src/b.ts', rule: 'eqeqeq', severity: 'error' }),
    ]);
  });

  it('refuses an empty array: ESLint linted nothing', async () => {
    await expect(read('eslint-empty.json', '[]')).rejects.toThrow(/ESLint linted nothing/);
  });

  it('refuses a damaged messages list instead of reading it as clean', async () => {
    const report = [{ filePath: 'a.ts', messages: [42] }];
    await expect(read('eslint-damaged.json', JSON.stringify(report))).rejects.toThrow(/\/0\/messages\/0 is a number/);
  });
});

describe('Checkstyle XML', () => {
  it('reads every error element with its severity and source as the rule', async () => {
    const xml =
      '<?xml version="1.0"?><checkstyle version="4.3"><file name="/ci/app/src/A.java">' +
      '<error line="1" column="10" severity="error" message="&apos;x&apos; unused" source="rules.unused"/>' +
      '<error line="2" severity="warning" message="semi" source="rules.semi"/><error line="3" severity="info" message="i"/>' +
      '</file><file name="/ci/app/src/Clean.java"/></checkstyle>';
    expect(await read('checkstyle.xml', xml, ['/ci/app'])).toEqual([
      expect.objectContaining({
        path: 'src/A.java',
        line: 1,
        column: 10,
        severity: 'error',
        message: "'x' unused",
        rule: 'rules.unused',
        tool: 'Checkstyle',
      }),
      expect.objectContaining({ line: 2, severity: 'warning' }),
      expect.objectContaining({ line: 3, severity: 'info' }),
    ]);
  });

  it('refuses a report that checked no file', async () => {
    await expect(read('checkstyle-empty.xml', '<checkstyle version="8"></checkstyle>')).rejects.toThrow(
      /no <file> elements/,
    );
  });
});

describe('SARIF', () => {
  const sarif = (results: unknown[], extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: { name: 'Semgrep', rules: [{ id: 'r1', defaultConfiguration: { level: 'error' } }, { id: 'r2' }] },
          },
          artifacts: [{ location: { uri: 'src/listed.py' } }],
          originalUriBaseIds: { SRC: { uri: 'file:///ci/app/' } },
          results,
          ...extra,
        },
      ],
    });

  it("resolves artifact indexes and uriBaseIds, takes level from the result, its rule's default or 'warning'", async () => {
    const messages = await read(
      'lint.sarif',
      sarif([
        {
          ruleId: 'r1',
          message: { text: 'a' },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: 'x.py', uriBaseId: 'SRC' },
                region: { startLine: 4, startColumn: 2 },
              },
            },
          ],
        },
        { ruleIndex: 1, message: { text: 'b' }, locations: [{ physicalLocation: { artifactLocation: { index: 0 } } }] },
        { ruleId: 'r2', level: 'note', message: { text: 'c' } },
      ]),
      ['/ci/app'],
    );
    expect(messages).toEqual([
      expect.objectContaining({ path: 'x.py', line: 4, column: 2, severity: 'error', rule: 'r1', tool: 'Semgrep' }),
      expect.objectContaining({ path: 'src/listed.py', severity: 'warning', rule: 'r2' }),
      expect.objectContaining({ path: '', severity: 'info', message: 'c' }),
    ]);
  });

  it('leaves out passing, not-applicable and suppressed results, keeps those under review', async () => {
    const messages = await read(
      'kinds.sarif',
      sarif([
        { ruleId: 'r2', kind: 'pass', message: { text: 'ok' } },
        { ruleId: 'r2', kind: 'notApplicable', message: { text: 'na' } },
        { ruleId: 'r2', suppressions: [{ kind: 'inSource' }], message: { text: 'hidden' } },
        { ruleId: 'r2', suppressions: [{ kind: 'external', status: 'underReview' }], message: { text: 'kept' } },
      ]),
    );
    expect(messages.map((m) => m.message)).toEqual(['kept']);
  });

  it('refuses a SARIF file with no runs', async () => {
    await expect(read('none.sarif', JSON.stringify({ version: '2.1.0', runs: [] }))).rejects.toThrow(/has no runs/);
  });
});
