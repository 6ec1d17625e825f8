// Writes large synthetic scanner reports (Trivy, Bandit, Gitleaks, SARIF, Semgrep, npm audit) shaped like the real
// ones, for the benchmark.
// Output is written piece by piece, so a report larger than V8's maximum string length can be produced too.
import { closeSync, openSync, writeSync } from 'node:fs';

/** A small deterministic PRNG (mulberry32), so every run measures the same bytes. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS =
  'buffer overflow in the parser allows remote attackers to cause a denial of service or possibly execute arbitrary code via a crafted file when processing untrusted input in versions before the fixed release'.split(
    ' ',
  );

function sentence(next: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(next() * WORDS.length)]!);
  return out.join(' ');
}

/** Buffers text and writes it to a file descriptor in large pieces. */
export class Writer {
  private parts: string[] = [];
  private size = 0;
  bytes = 0;
  constructor(private readonly fd: number) {}
  write(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    if (this.size > 8 * 1024 * 1024) this.flush();
  }
  flush(): void {
    const chunk = Buffer.from(this.parts.join(''), 'utf8');
    writeSync(this.fd, chunk);
    this.bytes += chunk.length;
    this.parts = [];
    this.size = 0;
  }
}

export function withFile(path: string, body: (out: Writer) => void): number {
  const fd = openSync(path, 'w');
  const out = new Writer(fd);
  try {
    body(out);
    out.flush();
  } finally {
    closeSync(fd);
  }
  return out.bytes;
}

/** Indents JSON.stringify output so the document looks like Trivy's (2-space indented) output. */
function indented(value: unknown, depth: number): string {
  const pad = '  '.repeat(depth);
  return JSON.stringify(value, null, 2).replaceAll('\n', `\n${pad}`);
}

const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL', 'UNKNOWN'];

/** A Trivy SchemaVersion 2 report with `vulnerabilities` findings spread over `targets` results (~1 KB each). */
export function writeTrivyReport(path: string, vulnerabilities: number, targets = 10, seed = 1): number {
  const next = random(seed);
  return withFile(path, (out) => {
    out.write('{\n  "SchemaVersion": 2,\n  "Trivy": {\n    "Version": "0.74.0"\n  },\n');
    out.write('  "ArtifactName": "registry.example.com/team/app:1.2.3",\n  "ArtifactType": "container_image",\n');
    out.write(
      '  "Metadata": {\n    "OS": {\n      "Family": "debian",\n      "Name": "12.5"\n    }\n  },\n  "Results": [\n',
    );
    const perTarget = Math.ceil(vulnerabilities / targets);
    let written = 0;
    for (let t = 0; t < targets && written < vulnerabilities; t++) {
      const lang = t > 0;
      out.write(
        `    {\n      "Target": ${JSON.stringify(lang ? `srv/app${t}/package-lock.json` : 'registry.example.com/team/app:1.2.3 (debian 12.5)')},\n`,
      );
      out.write(
        `      "Class": "${lang ? 'lang-pkgs' : 'os-pkgs'}",\n      "Type": "${lang ? 'npm' : 'debian'}",\n      "Vulnerabilities": [\n`,
      );
      const count = Math.min(perTarget, vulnerabilities - written);
      for (let i = 0; i < count; i++) {
        const cve = `CVE-20${10 + Math.floor(next() * 15)}-${1000 + Math.floor(next() * 90000)}`;
        const pkg = `pkg-${Math.floor(next() * 3000)}`;
        const version = `${Math.floor(next() * 9)}.${Math.floor(next() * 20)}.${Math.floor(next() * 30)}`;
        const score = Math.round(next() * 100) / 10;
        const vulnerability = {
          VulnerabilityID: cve,
          PkgID: `${pkg}@${version}`,
          PkgName: pkg,
          PkgIdentifier: { PURL: `pkg:npm/${pkg}@${version}` },
          InstalledVersion: version,
          FixedVersion: next() < 0.7 ? `${version}-1` : '',
          Status: 'fixed',
          SeveritySource: 'nvd',
          PrimaryURL: `https://avd.aquasec.com/nvd/${cve.toLowerCase()}`,
          DataSource: { ID: 'debian', Name: 'Debian Security Tracker' },
          Title: `${pkg}: ${sentence(next, 6)}`,
          Description: sentence(next, 12),
          Severity: SEVERITIES[Math.floor(next() * SEVERITIES.length)],
          CweIDs: [`CWE-${Math.floor(next() * 900)}`],
          VendorSeverity: { nvd: 1 + Math.floor(next() * 4) },
          CVSS: { nvd: { V3Vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', V3Score: score } },
          References: [`https://nvd.nist.gov/vuln/detail/${cve}`],
          PublishedDate: '2021-06-29T11:15:00Z',
          LastModifiedDate: '2023-12-08T20:34:00Z',
        };
        out.write(`        ${indented(vulnerability, 4)}${i + 1 < count ? ',' : ''}\n`);
      }
      written += count;
      out.write(`      ]\n    }${written < vulnerabilities && t + 1 < targets ? ',' : ''}\n`);
    }
    out.write('  ]\n}\n');
  });
}

/** A Bandit JSON report with `results` results (post-1.7.3 fields). */
export function writeBanditReport(path: string, results: number, seed = 2): number {
  const next = random(seed);
  return withFile(path, (out) => {
    out.write('{\n  "errors": [],\n  "generated_at": "2026-01-01T00:00:00Z",\n  "metrics": {},\n  "results": [\n');
    for (let i = 0; i < results; i++) {
      const line = 1 + Math.floor(next() * 500);
      const file = `./src/module_${Math.floor(next() * 400)}.py`;
      const code = `${line - 1} import requests\n${line} requests.get(url_${i % 97})\n${line + 1} \n`;
      const result = {
        code,
        col_offset: 4,
        end_col_offset: 30,
        filename: file,
        issue_confidence: 'LOW',
        issue_cwe: { id: 400, link: 'https://cwe.mitre.org/data/definitions/400.html' },
        issue_severity: ['LOW', 'MEDIUM', 'HIGH'][Math.floor(next() * 3)],
        issue_text: 'Call to requests without timeout',
        line_number: line,
        line_range: [line],
        more_info: 'https://bandit.readthedocs.io/en/1.9.4/plugins/b113_request_without_timeout.html',
        test_id: 'B113',
        test_name: 'request_without_timeout',
      };
      out.write(`    ${indented(result, 2)}${i + 1 < results ? ',' : ''}\n`);
    }
    out.write('  ]\n}\n');
  });
}

/** A Gitleaks v8 JSON report with `leaks` findings. */
export function writeGitleaksReport(path: string, leaks: number, seed = 3): number {
  const next = random(seed);
  return withFile(path, (out) => {
    out.write('[\n');
    for (let i = 0; i < leaks; i++) {
      const secret = `AKIA${Math.floor(next() * 1e16)
        .toString(36)
        .toUpperCase()
        .padEnd(16, 'X')}`;
      const line = 1 + Math.floor(next() * 300);
      const file = `config/env_${Math.floor(next() * 2000)}.sh`;
      const commit = Math.floor(next() * 1e16)
        .toString(16)
        .padStart(40, '0');
      const leak = {
        RuleID: 'aws-access-token',
        Description:
          'Identified a pattern that may indicate AWS credentials, risking unauthorized cloud resource access and data breaches on AWS platforms.',
        StartLine: line,
        EndLine: line,
        StartColumn: 18,
        EndColumn: 38,
        Match: `AWS_ACCESS_KEY_ID=${secret}`,
        Secret: secret,
        File: file,
        SymlinkFile: '',
        Commit: commit,
        Entropy: 3.6,
        Author: 'Jane Doe',
        Email: 'jane@example.com',
        Date: '2025-03-01T10:00:00Z',
        Message: 'add deployment configuration',
        Tags: [],
        Fingerprint: `${commit}:${file}:aws-access-token:${line}`,
      };
      // Gitleaks indents its report by one space (json.Encoder.SetIndent("", " ")).
      out.write(` ${JSON.stringify(leak, null, 1).replaceAll('\n', '\n ')}${i + 1 < leaks ? ',' : ''}\n`);
    }
    out.write(']\n');
  });
}

/** A SARIF 2.1.0 log (one run, Semgrep-like) with `results` results. */
export function writeSarifReport(path: string, results: number, seed = 4): number {
  const next = random(seed);
  return withFile(path, (out) => {
    const rules = Array.from({ length: 40 }, (_, r) => ({
      id: `rules.security.check-${r}`,
      name: `check-${r}`,
      shortDescription: { text: `Security check ${r}` },
      fullDescription: { text: sentence(next, 30) },
      help: { text: sentence(next, 20) },
      defaultConfiguration: { level: ['error', 'warning', 'note'][r % 3] },
      properties: { 'security-severity': String((r % 10) + 0.5), tags: ['security', `CWE-${r}`] },
    }));
    out.write(
      '{\n  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",\n  "version": "2.1.0",\n  "runs": [\n    {\n',
    );
    out.write(
      `      "tool": ${indented({ driver: { name: 'Semgrep OSS', semanticVersion: '1.50.0', rules } }, 3)},\n      "results": [\n`,
    );
    for (let i = 0; i < results; i++) {
      const rule = Math.floor(next() * rules.length);
      const line = 1 + Math.floor(next() * 800);
      const result = {
        ruleId: rules[rule]!.id,
        message: { text: sentence(next, 12) },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: `src/handlers/h${Math.floor(next() * 500)}.js`, uriBaseId: '%SRCROOT%' },
              region: {
                startLine: line,
                startColumn: 5,
                endLine: line,
                endColumn: 40,
                snippet: { text: `  const q = db.query(input_${i % 113});` },
              },
            },
          },
        ],
        fingerprints: { 'matchBasedId/v1': Math.floor(next() * 1e16).toString(16) },
      };
      out.write(`        ${indented(result, 4)}${i + 1 < results ? ',' : ''}\n`);
    }
    out.write('      ]\n    }\n  ]\n}\n');
  });
}

/** A Semgrep JSON report (`semgrep scan --json`, 1.x) with `results` results (~1.2 KB each). */
export function writeSemgrepReport(path: string, results: number, seed = 5): number {
  const next = random(seed);
  return withFile(path, (out) => {
    out.write(
      '{\n  "errors": [],\n  "interfile_languages_used": [],\n  "paths": {\n    "scanned": []\n  },\n  "results": [\n',
    );
    for (let i = 0; i < results; i++) {
      const line = 1 + Math.floor(next() * 800);
      const col = 1 + Math.floor(next() * 40);
      const rule = Math.floor(next() * 60);
      const result = {
        check_id: `python.lang.security.audit.rule-${rule}`,
        end: { col: col + 24, line, offset: line * 40 + col + 24 },
        extra: {
          engine_kind: 'OSS',
          fingerprint: 'requires login',
          is_ignored: false,
          lines: 'requires login',
          message: `Detected ${sentence(next, 12)}. Review this call (rule ${rule}).`,
          metadata: {
            category: 'security',
            confidence: 'MEDIUM',
            cwe: [`CWE-${78 + (rule % 20)}: Improper Neutralization of Special Elements`],
            likelihood: 'LOW',
            owasp: ['A03:2021 - Injection'],
            references: [`https://semgrep.dev/r/python.lang.security.audit.rule-${rule}`],
            source: `https://semgrep.dev/r/python.lang.security.audit.rule-${rule}`,
            technology: ['python'],
          },
          metavars: {},
          severity: ['ERROR', 'WARNING', 'INFO'][Math.floor(next() * 3)],
          validation_state: 'NO_VALIDATOR',
        },
        path: `src/package_${Math.floor(next() * 300)}/module_${Math.floor(next() * 50)}.py`,
        start: { col, line, offset: line * 40 + col },
      };
      out.write(`    ${indented(result, 2)}${i + 1 < results ? ',' : ''}\n`);
    }
    out.write('  ],\n  "skipped_rules": [],\n  "version": "1.185.0"\n}\n');
  });
}

/**
 * An npm audit JSON report (npm 7+, `auditReportVersion: 2`) with `packages` package entries: two of three carry
 * two advisories of their own, one of three is vulnerable only through another package (~1.1 KB per entry).
 */
export function writeNpmAuditReport(path: string, packages: number, seed = 6): number {
  const next = random(seed);
  const words = ['low', 'moderate', 'high', 'critical'];
  return withFile(path, (out) => {
    out.write('{\n  "auditReportVersion": 2,\n  "vulnerabilities": {\n');
    for (let i = 0; i < packages; i++) {
      const name = `package-${i}`;
      const own = i % 3 !== 2;
      const via = own
        ? [0, 1].map((a) => ({
            source: 1_000_000 + i * 2 + a,
            name,
            dependency: name,
            title: `${sentence(next, 6)} in ${name}`,
            url: `https://github.com/advisories/GHSA-${(i * 2 + a).toString(36).padStart(4, '0')}-xxxx-yyyy`,
            severity: words[Math.floor(next() * 4)],
            cwe: [`CWE-${400 + Math.floor(next() * 900)}`],
            cvss: {
              score: Math.round(next() * 100) / 10,
              vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
            },
            range: `<${1 + Math.floor(next() * 5)}.${Math.floor(next() * 10)}.0`,
          }))
        : [`package-${i - 1}`];
      const entry = {
        name,
        severity: words[Math.floor(next() * 4)],
        isDirect: next() < 0.2,
        via,
        effects: own ? [`package-${i + 1}`] : [],
        range: '<=2.6.8',
        nodes: [`node_modules/${name}`],
        fixAvailable: next() < 0.5 ? true : { name: `package-${i + 1}`, version: '4.18.3', isSemVerMajor: false },
      };
      out.write(`    ${JSON.stringify(name)}: ${indented(entry, 2)}${i + 1 < packages ? ',' : ''}\n`);
    }
    out.write(
      '  },\n  "metadata": {\n    "vulnerabilities": {\n      "info": 0,\n      "low": 0,\n      "moderate": 0,\n',
    );
    out.write(`      "high": 0,\n      "critical": 0,\n      "total": ${packages}\n    }\n  }\n}\n`);
  });
}
