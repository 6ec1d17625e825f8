import { describe, expect, it } from '@jest/globals';
import { canonicalCheckId, trivyReader, trivyVulnerabilitySeverity } from '../src/trivy.js';
import {
  read,
  readBothWays,
  trivyMisconfiguration as misconfiguration,
  trivyReport,
  trivyVulnerability,
} from './support/documents.js';

describe('Trivy shapes', () => {
  it('reads the pre-0.20 bare array of Results (no Class) and the legacy null', () => {
    const legacy = [
      { Target: 'alpine:3.10 (alpine 3.10.2)', Type: 'alpine', Vulnerabilities: [trivyVulnerability()] },
      { Target: 'x', Vulnerabilities: null },
    ];
    expect(trivyReader.detect(legacy)).toBe(true);
    const result = readBothWays(legacy);
    expect(result.format).toBe('Trivy JSON (pre-0.20 array)');
    expect(result.records).toHaveLength(1);
    expect(read(trivyReader, null).records).toEqual([]);
  });

  it('reads SchemaVersion 2 with absent, null and empty lists', () => {
    const doc = trivyReport([
      { Target: 'package-lock.json', Class: 'lang-pkgs', Type: 'npm', Vulnerabilities: [trivyVulnerability()] },
      { Target: 'go.sum', Class: 'lang-pkgs', Type: 'gomod', Vulnerabilities: null, Misconfigurations: null },
      { Target: 'Dockerfile', Class: 'config', Type: 'dockerfile' },
    ]);
    const result = readBothWays(doc);
    expect(result.format).toBe('Trivy JSON (SchemaVersion 2)');
    expect(result.tools).toEqual(['trivy']);
    expect(result.records.map((r) => r.source.record)).toEqual(['/Results/0/Vulnerabilities/0']);
    // A clean scan has no Results key at all.
    expect(readBothWays({ SchemaVersion: 2, ArtifactName: 'x', ArtifactType: 'container_image' }).records).toEqual([]);
  });

  it('reads old `trivy k8s` (workloads under Vulnerabilities/Misconfigurations) with namespaces in paths', () => {
    const workload = (kind: string, results: unknown[]) => ({
      Namespace: 'shop',
      Kind: 'Deployment',
      Name: kind,
      Results: results,
    });
    const doc = {
      ClusterName: 'prod',
      Vulnerabilities: [
        workload('web', [
          {
            Target: 'nginx:1.25 (debian 12.1)',
            Class: 'os-pkgs',
            Type: 'debian',
            Vulnerabilities: [trivyVulnerability()],
          },
        ]),
      ],
      Misconfigurations: [
        workload('web', [
          {
            Target: 'Deployment/web',
            Class: 'config',
            Type: 'kubernetes',
            Misconfigurations: [misconfiguration({ ID: 'KSV001', AVDID: 'AVD-KSV-0001' })],
          },
        ]),
      ],
    };
    const result = readBothWays(doc);
    expect(result.format).toBe('Trivy k8s JSON (pre-0.4x cluster report)');
    expect(result.records.map((r) => [r.category, r.location.path, r.source.record])).toEqual([
      ['vulnerability', 'nginx', '/Vulnerabilities/0/Results/0/Vulnerabilities/0'],
      ['misconfiguration', 'shop/Deployment/web', '/Misconfigurations/0/Results/0/Misconfigurations/0'],
    ]);
  });

  it('reads current `trivy k8s` (Resources, empty ClusterName) and the consolidated Findings form', () => {
    const resource = {
      Namespace: 'default',
      Kind: 'Service',
      Name: 'api',
      Metadata: {},
      Results: [
        {
          Target: 'Service/api',
          Class: 'config',
          Type: 'kubernetes',
          Misconfigurations: [misconfiguration({ ID: 'KSV116', AVDID: 'AVD-KSV-0116' })],
        },
      ],
    };
    const current = readBothWays({ ClusterName: '', Resources: [resource] });
    expect(current.format).toBe('Trivy k8s JSON (Resources)');
    expect(current.records[0]).toMatchObject({ ruleId: 'KSV-0116', location: { path: 'default/Service/api' } });
    expect(readBothWays({ ClusterName: 'c', Findings: [resource] }).records).toHaveLength(1);
  });
});

describe('Trivy streamed reads', () => {
  // Large reports are streamed and each finding becomes a record as soon as it is read, from what came before it in
  // the file. readBothWays checks the streamed read gives exactly what the whole read gives.
  it('reads a Result whose Class and Type come after its findings as the whole read does', () => {
    const late = {
      Target: 'alpine:3.19 (alpine 3.19.1)',
      Vulnerabilities: [trivyVulnerability(), trivyVulnerability({ PkgName: 'musl' })],
      Class: 'os-pkgs',
      Type: 'alpine',
    };
    const result = readBothWays(trivyReport([late]));
    expect(result.records.map((r) => [r.location.path, r.tags])).toEqual([
      ['alpine', ['alpine', 'os-pkgs']],
      ['alpine', ['alpine', 'os-pkgs']],
    ]);
  });

  it('reads a report whose artifact comes after its Results as the whole read does', () => {
    const doc = {
      SchemaVersion: 2,
      Results: [{ Target: 'app/go.mod', Class: 'lang-pkgs', Vulnerabilities: [trivyVulnerability()] }],
      ArtifactName: 'ghcr.io/acme/app:1.2',
      ArtifactType: 'container_image',
    };
    const [record] = readBothWays(doc).records;
    // A language package inside an image is told apart by the image.
    expect(record!.identity).toMatchObject({ target: 'ghcr.io/acme/app//app/go.mod' });
  });

  it('reads a k8s report whose ClusterName comes after top-level Results as the whole read does', () => {
    // The k8s shape ignores top-level Results: records made from them while streaming must not be kept.
    const doc = {
      Results: [{ Target: 'go.mod', Class: 'lang-pkgs', Vulnerabilities: [trivyVulnerability()] }],
      ClusterName: 'prod',
    };
    expect(readBothWays(doc).records).toEqual([]);
  });

  it('reads findings that come before their Target as the whole read does', () => {
    const doc = trivyReport([
      { Vulnerabilities: [trivyVulnerability()], Target: 'app/go.mod', Class: 'lang-pkgs', Type: 'gomod' },
      { Target: 'app/package-lock.json', Class: 'lang-pkgs', Type: 'npm', Vulnerabilities: [trivyVulnerability()] },
    ]);
    expect(readBothWays(doc).records.map((r) => r.location.path)).toEqual(['app/go.mod', 'app/package-lock.json']);
  });
});

describe('Trivy findings', () => {
  it('maps a vulnerability: package identity, manifest location, CWE, help link', () => {
    const [record] = read(
      trivyReader,
      trivyReport([
        {
          Target: 'app/package-lock.json',
          Class: 'lang-pkgs',
          Type: 'npm',
          Vulnerabilities: [trivyVulnerability({ PkgIdentifier: { PURL: 'pkg:npm/openssl@3.0.1' } })],
        },
      ]),
    ).records;
    expect(record).toMatchObject({
      tool: 'trivy',
      ruleId: 'CVE-2024-0001',
      title: 'openssl: buffer overread',
      severity: 'high',
      category: 'vulnerability',
      location: { path: 'app/package-lock.json' },
      package: { name: 'openssl', version: '3.0.1', fixedVersion: '3.0.2', purl: 'pkg:npm/openssl@3.0.1' },
      identity: {
        kind: 'package',
        ids: ['CVE-2024-0001'],
        package: 'openssl',
        version: '3.0.1',
        target: 'app/package-lock.json',
      },
      cwes: ['CWE-125'],
      helpUri: 'https://avd.aquasec.com/nvd/cve-2024-0001',
    });
  });

  it('points OS package findings at the image repository (tag, digest and OS suffix dropped)', () => {
    const doc = trivyReport(
      [
        {
          Target: 'ghcr.io/acme/app:1.2.3 (alpine 3.19.1)',
          Class: 'os-pkgs',
          Type: 'alpine',
          Vulnerabilities: [trivyVulnerability()],
        },
      ],
      { ArtifactType: 'container_image' },
    );
    expect(read(trivyReader, doc).records[0]!.location.path).toBe('ghcr.io/acme/app');
  });

  it('counts only FAIL misconfigurations; PASS is not a finding and EXCEPTION is suppressed', () => {
    const doc = trivyReport([
      {
        Target: 'Dockerfile',
        Class: 'config',
        Type: 'dockerfile',
        Misconfigurations: [
          misconfiguration(),
          misconfiguration({ ID: 'DS001', AVDID: 'AVD-DS-0001', Status: 'PASS' }),
          misconfiguration({ ID: 'DS005', AVDID: 'AVD-DS-0005', Status: 'EXCEPTION' }),
        ],
      },
    ]);
    const result = readBothWays(doc);
    expect(result.records.map((r) => r.ruleId)).toEqual(['DS-0002']);
    expect(result.suppressed.map((r) => r.ruleId)).toEqual(['DS-0005']);
  });

  it('normalises DS002, AVD-DS-0002 and DS-0002 to one rule id and one fingerprint basis', () => {
    expect(['DS002', 'AVD-DS-0002', 'DS-0002', 'ds002'].map(canonicalCheckId)).toEqual([
      'DS-0002',
      'DS-0002',
      'DS-0002',
      'DS-0002',
    ]);
    expect(canonicalCheckId('KSV116')).toBe('KSV-0116');
    expect(canonicalCheckId('AVD-AWS-0086')).toBe('AWS-0086');
    expect(canonicalCheckId('custom check')).toBe('custom check');
    const old = read(
      trivyReader,
      trivyReport([{ Target: 'Dockerfile', Class: 'config', Misconfigurations: [misconfiguration()] }]),
    ).records[0]!;
    const current = read(
      trivyReader,
      trivyReport([
        {
          Target: 'Dockerfile',
          Class: 'config',
          Misconfigurations: [misconfiguration({ ID: 'DS-0002', AVDID: undefined })],
        },
      ]),
    ).records[0]!;
    expect(current.ruleId).toBe(old.ruleId);
    expect(current.identity).toEqual(old.identity);
  });

  it('reads secrets with their masked cause line as the snippet', () => {
    const secret = {
      RuleID: 'aws-access-key-id',
      Category: 'AWS',
      Severity: 'CRITICAL',
      Title: 'AWS Access Key ID',
      StartLine: 3,
      EndLine: 3,
      Code: {
        Lines: [
          { Number: 2, Content: '', IsCause: false },
          { Number: 3, Content: 'export KEY=********************', IsCause: true },
        ],
      },
      Match: 'export KEY=********************',
    };
    const [record] = readBothWays(trivyReport([{ Target: 'deploy.sh', Class: 'secret', Secrets: [secret] }])).records;
    expect(record).toMatchObject({
      category: 'secret',
      severity: 'critical',
      location: { path: 'deploy.sh', startLine: 3, endLine: 3 },
      identity: { snippet: 'export KEY=********************' },
    });
  });

  it('reads licences from packages and from files', () => {
    const licenses = [
      {
        Severity: 'HIGH',
        Category: 'restricted',
        PkgName: 'musl',
        FilePath: '',
        Name: 'GPL-2.0',
        Confidence: 1,
        Link: '',
      },
      {
        Severity: 'LOW',
        Category: 'notice',
        PkgName: '',
        FilePath: 'LICENSE',
        Name: 'MIT',
        Confidence: 0.9,
        Link: 'https://spdx.org/licenses/MIT',
      },
    ];
    const records = readBothWays(
      trivyReport([{ Target: 'OS Packages', Class: 'license', Licenses: licenses }]),
    ).records;
    expect(records.map((r) => [r.ruleId, r.severity, r.category, r.location.path, r.package?.name])).toEqual([
      ['GPL-2.0', 'high', 'license', 'OS Packages', 'musl'],
      ['MIT', 'low', 'license', 'LICENSE', undefined],
    ]);
  });

  it('counts findings that .trivyignore or VEX modified as suppressed, not as findings', () => {
    const doc = trivyReport([
      {
        Target: 'go.mod',
        Class: 'lang-pkgs',
        Vulnerabilities: [trivyVulnerability()],
        ExperimentalModifiedFindings: [
          {
            Type: 'vulnerability',
            Status: 'not_affected',
            Statement: 'vex',
            Source: 'vex.json',
            Finding: trivyVulnerability({ VulnerabilityID: 'CVE-2024-0002' }),
          },
        ],
      },
    ]);
    const result = readBothWays(doc);
    expect(result.records.map((r) => r.ruleId)).toEqual(['CVE-2024-0001']);
    expect(result.suppressed.map((r) => r.ruleId)).toEqual(['CVE-2024-0002']);
  });

  it('takes Severity over CVSS, and CVSS v4/v3/v2 only when Severity is UNKNOWN', () => {
    const severity = (v: Record<string, unknown>) =>
      read(trivyReader, trivyReport([{ Target: 't', Vulnerabilities: [trivyVulnerability(v)] }])).records[0]!.severity;
    expect(severity({ Severity: 'LOW', CVSS: { nvd: { V3Score: 9.8 } } })).toBe('low');
    expect(severity({ Severity: 'UNKNOWN', CVSS: { nvd: { V40Score: 9.3, V3Score: 5.0 } } })).toBe('critical');
    expect(
      severity({
        Severity: 'UNKNOWN',
        SeveritySource: 'ghsa',
        CVSS: { nvd: { V3Score: 9.8 }, ghsa: { V3Score: 5.3 } },
      }),
    ).toBe('medium');
    expect(severity({ Severity: 'UNKNOWN', CVSS: { nvd: { V2Score: 10 } } })).toBe('high');
    expect(severity({ Severity: 'UNKNOWN', SeveritySource: 'nvd', VendorSeverity: { nvd: 4 }, CVSS: {} })).toBe(
      'critical',
    );
    expect(severity({ Severity: 'UNKNOWN', CVSS: undefined })).toBe('info');
  });

  it('bounds huge strings from a report instead of carrying them into outputs', () => {
    const [record] = read(
      trivyReader,
      trivyReport([{ Target: 't', Vulnerabilities: [trivyVulnerability({ Title: 'x'.repeat(10 * 1024 * 1024) })] }]),
    ).records;
    expect(record!.title.length).toBeLessThanOrEqual(300);
    expect(record!.title.endsWith('…')).toBe(true);
  });
});

describe('Trivy severity', () => {
  it('prefers the SeveritySource CVSS entry, then nvd, ghsa, redhat, bitnami, then any other source', () => {
    const cvss = { bitnami: { V3Score: 9.1 }, redhat: { V3Score: 7.2 }, zzz: { V3Score: 1.0 } };
    expect(trivyVulnerabilitySeverity({ Severity: 'UNKNOWN', CVSS: cvss })).toBe('high');
    expect(trivyVulnerabilitySeverity({ Severity: 'UNKNOWN', SeveritySource: 'zzz', CVSS: cvss })).toBe('low');
    expect(trivyVulnerabilitySeverity({ Severity: 'UNKNOWN', CVSS: { only: { V2Score: 5 } } })).toBe('medium');
  });
});
