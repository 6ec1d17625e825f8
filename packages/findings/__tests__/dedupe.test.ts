import { describe, expect, it } from '@jest/globals';
import { dedupe } from '../src/dedupe.js';
import { fingerprintRecords } from '../src/fingerprint.js';
import { gitleaksReader } from '../src/gitleaks.js';
import type { FindingRecord } from '../src/model.js';
import { trivyReader } from '../src/trivy.js';
import { npmAuditReader } from '../src/npm-audit.js';
import { pipAuditReader } from '../src/pip-audit.js';
import {
  gitleaksV8,
  npmAuditReport,
  pipAuditDependency,
  read,
  trivyReport,
  trivyVulnerability,
} from './support/documents.js';

const k8sWorkload = (name: string, lines: [number, string][]) => ({
  Namespace: 'default',
  Kind: 'Deployment',
  Name: name,
  Results: [
    {
      Target: `Deployment/${name}`,
      Class: 'config',
      Type: 'kubernetes',
      Misconfigurations: lines.map(([line, content]) => ({
        ID: 'KSV001',
        AVDID: 'AVD-KSV-0001',
        Title: 'Process can elevate its own privileges',
        Message: "Container should set 'securityContext.allowPrivilegeEscalation' to false",
        Severity: 'MEDIUM',
        Status: 'FAIL',
        CauseMetadata: {
          StartLine: line,
          EndLine: line + 3,
          Code: { Lines: [{ Number: line, Content: content, IsCause: true }] },
        },
      })),
    },
  ],
});

describe('de-duplication (the cases the issue lists)', () => {
  it('merges the same CVE in the same package from two Trivy runs into one finding with two sources', () => {
    const doc = trivyReport([
      { Target: 'package-lock.json', Class: 'lang-pkgs', Type: 'npm', Vulnerabilities: [trivyVulnerability()] },
    ]);
    const findings = dedupe([
      ...read(trivyReader, doc, 'run-1/trivy.json').records,
      ...read(trivyReader, doc, 'run-2/trivy.json').records,
    ]);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.sources).toEqual([
      { file: 'run-1/trivy.json', tool: 'trivy', record: '/Results/0/Vulnerabilities/0' },
      { file: 'run-2/trivy.json', tool: 'trivy', record: '/Results/0/Vulnerabilities/0' },
    ]);
  });

  it('merges an exact duplicate record inside one report (trivy k8s emits them)', () => {
    const duplicated = {
      ClusterName: 'c',
      Vulnerabilities: [
        {
          Namespace: 'default',
          Kind: 'Deployment',
          Name: 'web',
          Results: [
            {
              Target: 'redis:6.0.5 (debian 10.4)',
              Class: 'os-pkgs',
              Vulnerabilities: [trivyVulnerability(), trivyVulnerability()],
            },
          ],
        },
      ],
    };
    const findings = dedupe(read(trivyReader, duplicated).records);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.sources.map((s) => s.record)).toEqual([
      '/Vulnerabilities/0/Results/0/Vulnerabilities/0',
      '/Vulnerabilities/0/Results/0/Vulnerabilities/1',
    ]);
  });

  const trivySecret = (ruleId: string, match: string) =>
    trivyReport([
      {
        Target: 'deploy/env.sh',
        Class: 'secret',
        Secrets: [
          {
            RuleID: ruleId,
            Category: 'GitHub',
            Severity: 'CRITICAL',
            Title: 'GitHub Personal Access Token',
            StartLine: 3,
            EndLine: 3,
            Match: match,
          },
        ],
      },
    ]);

  it('merges the same secret found by Gitleaks and by Trivy (same rule name and masking: one fingerprint)', () => {
    const records = [
      ...read(trivyReader, trivySecret('github-pat', `GITHUB_PAT=${'*'.repeat(40)}`), 'trivy.json').records,
      ...read(gitleaksReader, [gitleaksV8()], 'gitleaks.json').records,
    ];
    const findings = dedupe(records);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.tools.sort()).toEqual(['gitleaks', 'trivy']);
    expect(findings[0]!.aliases).toEqual([]);
  });

  it('merges the same secret found by Gitleaks and by Trivy under different rule names (same file and line)', () => {
    const records = [
      ...read(trivyReader, trivySecret('github-token', `export GITHUB_PAT=${'*'.repeat(40)}`), 'trivy.json').records,
      ...read(gitleaksReader, [gitleaksV8()], 'gitleaks.json').records,
    ];
    const fingerprints = fingerprintRecords(records);
    expect(new Set(fingerprints).size).toBe(2);
    const findings = dedupe(records);
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding!.tools.sort()).toEqual(['gitleaks', 'trivy']);
    expect(finding!.severity).toBe('critical');
    expect([finding!.fingerprint, ...finding!.aliases].sort()).toEqual([...fingerprints].sort());
    expect(finding!.sources.map((s) => s.file).sort()).toEqual(['gitleaks.json', 'trivy.json']);
  });

  it('does not merge two different secrets one tool finds on the same line', () => {
    const leaks = [
      gitleaksV8(),
      gitleaksV8({ RuleID: 'generic-api-key', Match: 'key=abcd1234efgh', Secret: 'abcd1234efgh' }),
    ];
    expect(dedupe(read(gitleaksReader, leaks).records)).toHaveLength(2);
  });

  it('keeps two containers flagged by the same rule on different lines as two findings', () => {
    const doc = {
      ClusterName: '',
      Resources: [
        k8sWorkload('web', [
          [132, '- image: nginx:1.25'],
          [150, '- image: envoy:1.30'],
        ]),
      ],
    };
    expect(dedupe(read(trivyReader, doc).records)).toHaveLength(2);
  });
});

describe('fingerprints', () => {
  const misconfig = (lines: [number, string][]) =>
    read(trivyReader, { ClusterName: '', Resources: [k8sWorkload('web', lines)] }).records;

  it('survive code moving: the same flagged line elsewhere in the file keeps its fingerprint', () => {
    const before = fingerprintRecords(misconfig([[132, '- image: nginx:1.25']]));
    const after = fingerprintRecords(misconfig([[140, '- image: nginx:1.25']]));
    expect(after).toEqual(before);
  });

  it('survive re-indentation (whitespace does not count)', () => {
    expect(fingerprintRecords(misconfig([[1, '    - image: nginx:1.25']]))).toEqual(
      fingerprintRecords(misconfig([[1, '- image:nginx:1.25']])),
    );
  });

  it('tell identical lines apart by their occurrence index, as primaryLocationLineHash does', () => {
    const twins = fingerprintRecords(
      misconfig([
        [10, '- image: nginx:1.25'],
        [30, '- image: nginx:1.25'],
      ]),
    );
    expect(new Set(twins).size).toBe(2);
    // Moving both keeps both.
    expect(
      fingerprintRecords(
        misconfig([
          [12, '- image: nginx:1.25'],
          [44, '- image: nginx:1.25'],
        ]),
      ),
    ).toEqual(twins);
  });

  it('rank identical lines by line, whatever order the report lists them in', () => {
    const line = '- image: nginx:1.25';
    const ordered = fingerprintRecords(
      misconfig([
        [10, line],
        [20, line],
        [30, line],
      ]),
    );
    const shuffled = fingerprintRecords(
      misconfig([
        [30, line],
        [10, line],
        [20, line],
        [10, line],
      ]),
    );
    expect(new Set(ordered).size).toBe(3);
    expect(shuffled).toEqual([ordered[2], ordered[0], ordered[1], ordered[0]]);
    // The first of the identical lines has the fingerprint the line has when it is alone in the file.
    expect(fingerprintRecords(misconfig([[10, line]]))).toEqual([ordered[0]]);
  });

  it('survive a Trivy upgrade that renames the check id and a new image tag', () => {
    const vuln = (target: string) =>
      read(trivyReader, trivyReport([{ Target: target, Class: 'os-pkgs', Vulnerabilities: [trivyVulnerability()] }]))
        .records;
    expect(fingerprintRecords(vuln('app:1.0 (alpine 3.19.1)'))).toEqual(
      fingerprintRecords(vuln('app:1.1 (alpine 3.19.1)')),
    );
  });

  it('fall back to the tool fingerprint, then to the line and message', () => {
    const record = (identity: Partial<Extract<FindingRecord['identity'], { kind: 'content' }>>): FindingRecord =>
      ({ identity: { kind: 'content', rule: 'R', path: 'a.js', ...identity } }) as FindingRecord;
    const [byTool, byToolMoved, byLine, byLineOtherMessage] = fingerprintRecords([
      record({ toolFingerprint: 'id=1', line: 3 }),
      record({ toolFingerprint: 'id=1', line: 9, scope: 'other' }),
      record({ line: 3, detail: 'x' }),
      record({ line: 3, detail: 'y' }),
    ]);
    expect(byToolMoved).toBe(byTool);
    expect(byLine).not.toBe(byLineOtherMessage);
  });

  it('are stable 32-hex strings', () => {
    const [fingerprint] = fingerprintRecords(
      read(trivyReader, trivyReport([{ Target: 'go.mod', Vulnerabilities: [trivyVulnerability()] }])).records,
    );
    expect(fingerprint).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('merged findings', () => {
  it('take the highest severity of their records and come out most severe first', () => {
    const doc = trivyReport([
      { Target: 'a.lock', Vulnerabilities: [trivyVulnerability({ VulnerabilityID: 'CVE-1', Severity: 'LOW' })] },
      { Target: 'b.lock', Vulnerabilities: [trivyVulnerability({ VulnerabilityID: 'CVE-2', Severity: 'CRITICAL' })] },
      { Target: 'a.lock', Vulnerabilities: [trivyVulnerability({ VulnerabilityID: 'CVE-1', Severity: 'HIGH' })] },
    ]);
    const findings = dedupe(read(trivyReader, doc).records);
    expect(findings.map((f) => [f.ruleId, f.severity, f.sources.length])).toEqual([
      ['CVE-2', 'critical', 1],
      ['CVE-1', 'high', 2],
    ]);
  });
});

describe('de-duplication at scale', () => {
  /** A source whose `file` counts how often it is read: how much comparing a merge does. */
  function countedSource(record: string, reads: { count: number }) {
    return {
      get file() {
        reads.count++;
        return 'reports/gitleaks.json';
      },
      tool: 'gitleaks',
      record,
    };
  }

  it('absorbs a record repeated n times with work linear in n, keeping each distinct source once', () => {
    const [leak] = read(gitleaksReader, [gitleaksV8()]).records;
    const reads = { count: 0 };
    const n = 4000;
    const records = Array.from({ length: n }, (_, i) => ({
      ...leak!,
      // Every record twice: the second copy of each adds no source.
      source: countedSource(`/${i % (n / 2)}`, reads),
    }));
    const findings = dedupe(records);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.sources.map((s) => s.record)).toEqual(Array.from({ length: n / 2 }, (_, i) => `/${i}`));
    // Comparing each record with every source before it reads `file` ~n²/4 = 4,000,000 times.
    expect(reads.count).toBeLessThan(4 * n);
  });

  it('merges thousands of secrets on one line from two tools, and a secret with 200,000 sources', () => {
    const gitleaks = read(
      gitleaksReader,
      Array.from({ length: 3000 }, (_, i) => gitleaksV8({ Match: `KEY_${i}=x`, Secret: `s${i}` })),
    ).records;
    // The leak with the largest fingerprint reported 200,000 times (distinct records): one finding, whose sources
    // are merged into the finding with the smallest fingerprint.
    const fingerprints = fingerprintRecords(gitleaks);
    const last = fingerprints.indexOf([...fingerprints].sort().pop()!);
    const repeated = Array.from({ length: 200_000 }, (_, i) => ({
      ...gitleaks[last]!,
      source: { ...gitleaks[last]!.source, record: `/${i}` },
    }));
    const [trivy] = read(
      trivyReader,
      trivyReport([{ Target: 'deploy/env.sh', Secrets: [{ RuleID: 'github-pat', StartLine: 3, Match: '***' }] }]),
    ).records;
    const findings = dedupe([trivy!, ...repeated, ...gitleaks.filter((_, i) => i !== last)]);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.fingerprint).not.toBe(fingerprints[last]);
    expect(findings[0]!.aliases).toHaveLength(3000);
    expect(findings[0]!.tools.sort()).toEqual(['gitleaks', 'trivy']);
    expect(findings[0]!.sources).toHaveLength(1 + 200_000 + 2999);
  });
});

describe('one vulnerability from two tools', () => {
  const trivy = (overrides: Record<string, unknown> = {}) =>
    read(
      trivyReader,
      trivyReport([
        {
          Target: 'requirements.txt',
          Class: 'lang-pkgs',
          Type: 'pip',
          Vulnerabilities: [
            trivyVulnerability({
              VulnerabilityID: 'CVE-2021-44420',
              PkgName: 'Django',
              InstalledVersion: '3.2.9',
              Severity: 'HIGH',
              ...overrides,
            }),
          ],
        },
      ]),
      'trivy.json',
    ).records;
  const pipAudit = () =>
    read(pipAuditReader, { dependencies: [pipAuditDependency()], fixes: [] }, 'pip-audit.json').records;

  it("is one finding when pip-audit lists the CVE Trivy reports as an alias: both tools, both sources, Trivy's rating", () => {
    const findings = dedupe([...pipAudit(), ...trivy()]);
    expect(findings).toHaveLength(1);
    expect([...findings[0]!.tools].sort()).toEqual(['pip-audit', 'trivy']);
    expect(findings[0]!.sources.map((s) => s.file).sort()).toEqual(['pip-audit.json', 'trivy.json']);
    expect(findings[0]!.severity).toBe('high');
    expect(findings[0]!.aliases).toHaveLength(1);
  });

  it('stays two findings for another version or another vulnerability of the package', () => {
    expect(dedupe([...pipAudit(), ...trivy({ InstalledVersion: '3.2.8' })])).toHaveLength(2);
    expect(dedupe([...pipAudit(), ...trivy({ VulnerabilityID: 'CVE-2022-0001' })])).toHaveLength(2);
  });

  it('joins npm audit, which names no version, by the advisory id when each tool has one such finding', () => {
    const npm = read(
      npmAuditReader,
      npmAuditReport({
        debug: {
          name: 'debug',
          via: [
            {
              source: 1,
              name: 'debug',
              title: 't',
              url: 'https://github.com/advisories/GHSA-gxpj-cx7g-858c',
              severity: 'moderate',
            },
          ],
          nodes: ['node_modules/debug'],
        },
      }),
      'npm.json',
    ).records;
    const trivyNpm = (version: string) =>
      trivy({ VulnerabilityID: 'GHSA-gxpj-cx7g-858c', PkgName: 'debug', InstalledVersion: version });
    expect(dedupe([...npm, ...trivyNpm('2.6.8')])).toHaveLength(1);
    // Two installed versions: which one npm's advisory is about cannot be told, so nothing is joined.
    expect(dedupe([...npm, ...trivyNpm('2.6.8'), ...trivyNpm('2.2.0')])).toHaveLength(3);
  });
});
