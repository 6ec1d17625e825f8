import { describe, expect, it } from '@jest/globals';
import { InputError } from '@actions-kit/reports';
import { fc, fuzz, type FuzzSubject } from '@actions-kit/testkit/fuzz';
import { dedupe } from '../src/dedupe.js';
import type { Finding } from '../src/model.js';
import { applySuppressions, parseSuppressionsYaml } from '../src/suppressions.js';
import { trivyReader } from '../src/trivy.js';
import { read, trivyReport, trivyVulnerability } from './support/documents.js';

const TODAY = new Date('2026-03-15T12:00:00Z');

function findings(): Finding[] {
  return dedupe(
    read(
      trivyReader,
      trivyReport([
        {
          Target: 'services/api/package-lock.json',
          Class: 'lang-pkgs',
          Vulnerabilities: [
            trivyVulnerability({ VulnerabilityID: 'CVE-2024-1' }),
            trivyVulnerability({ VulnerabilityID: 'CVE-2024-2' }),
          ],
        },
        {
          Target: 'services/web/package-lock.json',
          Class: 'lang-pkgs',
          Vulnerabilities: [trivyVulnerability({ VulnerabilityID: 'CVE-2024-1' })],
        },
        {
          Target: 'Dockerfile',
          Class: 'config',
          Misconfigurations: [
            { ID: 'DS002', AVDID: 'AVD-DS-0002', Title: 'root', Severity: 'HIGH', Status: 'FAIL', Message: 'm' },
          ],
        },
      ]),
    ).records,
  );
}

describe('parseSuppressionsYaml', () => {
  it('warns when a comment cut an unquoted reason, naming the file, the line, the reason kept and the fix', async () => {
    const yaml = [
      '- cve: CVE-2024-1234',
      '  reason: the vulnerable parser is not reachable from the API (see #482)',
      '  expires: 2026-06-30 # last day it suppresses',
      '- rule: B101 # Bandit assert_used',
      '  reason: "quoted, so #1 stays" # a comment',
      '- rule: B102',
      '  reason: nothing cut here',
      '  # a comment line of its own',
      '- rule: B103',
      '  reason: C# and F#-style code',
      '- rule: B104\r\n  reason: cut too #7\r\n',
    ].join('\n');
    const warnings: string[] = [];
    const entries = await parseSuppressionsYaml(yaml, '.security-ignore.yml', (message) => warnings.push(message));

    expect(entries.map((e) => e.reason)).toEqual([
      'the vulnerable parser is not reachable from the API (see',
      'quoted, so #1 stays',
      'nothing cut here',
      'C# and F#-style code',
      'cut too',
    ]);
    expect(warnings).toEqual([
      ".security-ignore.yml: line 2: entry 1's reason was read as 'the vulnerable parser is not reachable from the " +
        "API (see': YAML ends an unquoted value at ' #' and takes '#482)' as a comment. If it is part of the reason, " +
        'quote the reason: reason: "the vulnerable parser is not reachable from the API (see #482)"',
      ".security-ignore.yml: line 12: entry 5's reason was read as 'cut too': YAML ends an unquoted value at ' #' " +
        'and takes \'#7\' as a comment. If it is part of the reason, quote the reason: reason: "cut too #7"',
    ]);
  });

  it('reads entries with id, rule, cve, path, reason and expires', async () => {
    const yaml = `
- cve: CVE-2024-1
  path: services/api/**
  reason: not reachable from the API
  expires: 2026-06-30
- rule: DS002
  reason: base image sets USER
- id: 0123456789abcdef0123456789abcdef
  reason: accepted risk
`;
    expect(await parseSuppressionsYaml(yaml, '.security-ignore.yml')).toEqual([
      {
        entry: 1,
        cve: 'CVE-2024-1',
        path: 'services/api/**',
        reason: 'not reachable from the API',
        expires: '2026-06-30',
      },
      { entry: 2, rule: 'DS002', reason: 'base image sets USER' },
      { entry: 3, id: '0123456789abcdef0123456789abcdef', reason: 'accepted risk' },
    ]);
    expect(await parseSuppressionsYaml('', 'empty.yml')).toEqual([]);
  });

  it.each([
    ['- cve: CVE-1\n', "entry 1: 'reason' is required"],
    ['- reason: because\n', "entry 1: give at least one of 'id'"],
    [
      '- cve: CVE-1\n  reason: x\n  expiry: 2026-01-01\n',
      "entry 1: unknown key 'expiry'; allowed keys: id, rule, cve, path, reason, expires.",
    ],
    ['- cve: CVE-1\n  reason: x\n  expires: next week\n', "'expires' must be a date written YYYY-MM-DD"],
    ['- cve: CVE-1\n  reason: x\n  expires: 2026-02-30\n', "'expires' must be a date written YYYY-MM-DD"],
    ['cve: CVE-1\n', 'expected a YAML list of entries'],
    ['- cve: [unclosed\n', 'not valid YAML at line'],
  ])('rejects %j with a message naming the file and the fix', async (yaml, message) => {
    let error: unknown;
    try {
      await parseSuppressionsYaml(yaml, '.security-ignore.yml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/^\.security-ignore\.yml: /);
    expect((error as Error).message).toContain(message);
  });
});

describe('applySuppressions', () => {
  it('suppresses by CVE under a path glob, by rule in any Trivy spelling, and by fingerprint', async () => {
    const all = findings();
    const dockerfile = all.find((f) => f.ruleId === 'DS-0002')!;
    const outcome = applySuppressions(
      all,
      await parseSuppressionsYaml(
        `- cve: cve-2024-1\n  path: services/api/**\n  reason: r1\n- rule: AVD-DS-0002\n  reason: r2\n- id: ${all.find((f) => f.ruleId === 'CVE-2024-2')!.fingerprint}\n  reason: r3\n`,
        'ignore.yml',
      ),
      TODAY,
    );
    expect(all.map((f) => [f.ruleId, f.location.path, f.status, f.suppression?.entry])).toEqual([
      ['CVE-2024-1', 'services/api/package-lock.json', 'suppressed', 1],
      ['CVE-2024-2', 'services/api/package-lock.json', 'suppressed', 3],
      ['CVE-2024-1', 'services/web/package-lock.json', 'new', undefined],
      ['DS-0002', 'Dockerfile', 'suppressed', 2],
    ]);
    expect(dockerfile.suppression).toEqual({ entry: 2, reason: 'r2' });
    expect(outcome).toMatchObject({ suppressed: 3, expired: [], unused: [] });
  });

  it('stops suppressing after the expiry day and reports the expired entry with what it would match', async () => {
    const all = findings();
    const entries = await parseSuppressionsYaml(
      '- cve: CVE-2024-1\n  reason: until the fix ships\n  expires: 2026-03-14\n- cve: CVE-2024-2\n  reason: last day today\n  expires: 2026-03-15\n- cve: CVE-9\n  reason: gone\n',
      'i.yml',
    );
    const outcome = applySuppressions(all, entries, TODAY);
    expect(all.filter((f) => f.status === 'suppressed').map((f) => f.ruleId)).toEqual(['CVE-2024-2']);
    expect(outcome.expired).toEqual([{ suppression: entries[0], matches: 2 }]);
    expect(outcome.unused).toEqual([entries[2]]);
  });

  it('requires every criterion of an entry to hold', async () => {
    const all = findings();
    applySuppressions(
      all,
      await parseSuppressionsYaml('- cve: CVE-2024-1\n  rule: CVE-2024-2\n  reason: never both\n', 'i.yml'),
      TODAY,
    );
    expect(all.every((f) => f.status === 'new')).toBe(true);
  });
});

describe('path globs', () => {
  /** A finding at `path`, to match an entry's glob against. */
  function findingAt(path: string): Finding {
    const [finding] = findings();
    return { ...finding!, location: { path } };
  }

  it('matches a glob that backtracking takes minutes on, within a hang budget, against a long path', async () => {
    const entries = await parseSuppressionsYaml('- rule: CVE-2024-1\n  path: "*a*a*a*a*c"\n  reason: r\n', 'i.yml');
    const long = findingAt('a'.repeat(100_000));
    const subject: FuzzSubject<Finding> = {
      name: 'glob',
      run: (finding) => void applySuppressions([finding], entries, TODAY),
      isClean: () => false,
      size: () => 100_000,
    };
    const result = fuzz(subject, fc.constant(long), { runs: 1, seed: 1, budgetMs: 5_000 });
    expect(result.counts).toMatchObject({ success: 1, hang: 0 });
    expect(long.status).not.toBe('suppressed');
    const hit = findingAt(`${'a'.repeat(50_000)}c`);
    applySuppressions([hit], entries, TODAY);
    expect(hit.status).toBe('suppressed');
  });

  it('refuses extended globs, naming the entry and saying what to write instead', async () => {
    await expect(parseSuppressionsYaml('- rule: R\n  path: "src/+(a|b)/**"\n  reason: r\n', 'i.yml')).rejects.toThrow(
      "i.yml: entry 1: 'path' \"src/+(a|b)/**\": extended globs such as '+(…)' are not supported; use {a,b} for alternatives",
    );
  });
});
