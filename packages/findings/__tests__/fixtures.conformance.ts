// Conformance with real reports: every file under ../shared/fixtures (DefectDojo's parser samples and the tools' own
// outputs) read with the counts and field values their MANIFESTs list. Where our semantics deliberately differ from
// DefectDojo's, the test asserts ours and CONFORMANCE.md says why. SARIF written from all of them is validated
// against the OASIS SARIF 2.1.0 schema.
import { expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { analyse } from '../src/analyse.js';
import { dedupe } from '../src/dedupe.js';
import { buildReport, reportFinding, reportFindingJson, serializeReport } from '../src/json-report.js';
import type { ReaderName } from '../src/finding-reader.js';
import type { Finding, FindingRecord } from '../src/model.js';
import { readReportFile, type ReportFile } from '../src/read-report-file.js';
import { buildSarif, type SarifLog, serializeSarif } from '../src/sarif-writer.js';
import { sharedFixtures } from '@actions-kit/testkit/shared-fixtures';

// Both are CommonJS modules with a `default` export; NodeNext sees the module object.
const Ajv04 = ajvDraft04.default;
const addFormats = ajvFormats.default;

const { root: FIXTURES, suite } = sharedFixtures('findings', '', 'defectdojo/MANIFEST.md');

function load(path: string, reader?: ReaderName): ReportFile {
  return readReportFile(join(FIXTURES, path), { displayPath: path, ...(reader && { reader }) });
}

const read = (path: string, reader?: ReaderName) => load(path, reader).records;

/** Fields compared in assertions (whole records carry identity data that is not the point here). */
function view(record: FindingRecord | Finding | undefined) {
  if (!record) throw new Error('no record at that index');
  return {
    ruleId: record.ruleId,
    title: record.title,
    severity: record.severity,
    category: record.category,
    location: record.location,
    package: record.package,
  };
}

function severities(records: readonly { severity: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of records) counts[r.severity] = (counts[r.severity] ?? 0) + 1;
  return counts;
}

suite('DefectDojo Trivy samples', () => {
  it.each([
    ['legacy_no_vuln.json', 0],
    ['legacy_many_vulns.json', 93],
    ['scheme_2_no_vuln.json', 0],
    ['scheme_2_many_vulns.json', 5],
    ['misconfigurations_and_secrets.json', 5],
    ['kubernetes.json', 20],
    ['kubernetes_fabricated_subset.json', 13],
    ['kubernetes_fabricated_internal_duplicates_subset.json', 5],
    ['issue_9170.json', 37],
    ['license_scheme.json', 19],
    ['issue_9092.json', 1],
    ['issue_9263.json', 1],
    ['cvss_severity_source.json', 2],
    ['severity_prio.json', 2],
    ['issue_14136.json', 1],
  ])('%s has %i active records', (file, raw) => {
    expect(read(`defectdojo/trivy/${file}`, 'trivy')).toHaveLength(raw);
  });

  it('legacy_many_vulns.json: [0] low CVE-2011-3374 in apt 1.8.2.2, CWE-347, no empty tags', () => {
    const records = read('defectdojo/trivy/legacy_many_vulns.json');
    expect(view(records[0])).toMatchObject({
      ruleId: 'CVE-2011-3374',
      severity: 'low',
      package: { name: 'apt', version: '1.8.2.2' },
    });
    expect(records[0]!.cwes).toEqual(['CWE-347']);
    expect(records.every((r) => (r.tags ?? []).every((t) => typeof t === 'string' && t !== '' && t !== 'None'))).toBe(
      true,
    );
  });

  it('scheme_2_many_vulns.json: freetype and krb5-libs with their CWE, path and fixed version', () => {
    const [first, second] = read('defectdojo/trivy/scheme_2_many_vulns.json');
    expect(view(first)).toMatchObject({
      ruleId: 'CVE-2020-15999',
      severity: 'medium',
      location: { path: 'app/libs/freetype-2.9.1-r2' },
      package: { name: 'freetype', version: '2.9.1-r2', fixedVersion: '2.9.1-r3' },
    });
    expect(first!.cwes).toEqual(['CWE-787']);
    expect(view(second)).toMatchObject({
      ruleId: 'CVE-2020-28196',
      severity: 'high',
      package: { name: 'krb5-libs', version: '1.15.5-r0', fixedVersion: '1.15.5-r1' },
    });
    expect(second!.cwes).toEqual(['CWE-674']);
  });

  it('misconfigurations_and_secrets.json: DS002 as DS-0002, high; the GitHub token secret critical at Dockerfile:24', () => {
    const records = read('defectdojo/trivy/misconfigurations_and_secrets.json');
    expect(view(records[2])).toMatchObject({
      ruleId: 'DS-0002',
      title: "Image user should not be 'root'",
      severity: 'high',
      category: 'misconfiguration',
      location: { path: 'Dockerfile' },
    });
    expect(records[2]!.helpUri).toBe('https://avd.aquasec.com/misconfig/ds002');
    expect(records[2]!.tags).toContain('dockerfile');
    expect(view(records[3])).toMatchObject({
      title: 'GitHub Personal Access Token',
      severity: 'critical',
      category: 'secret',
      location: { path: 'Dockerfile', startLine: 24 },
    });
    expect(records[3]!.identity).toMatchObject({ snippet: 'ENV GITHUB_PAT=*****' });
  });

  it('kubernetes.json (old trivy k8s): [0] apt medium, [5] the redis-leader image, [10] KSV001 medium; no duplicates', () => {
    const records = read('defectdojo/trivy/kubernetes.json');
    expect(view(records[0])).toMatchObject({
      ruleId: 'CVE-2020-27350',
      severity: 'medium',
      location: { path: 'gcr.io/google_samples/gb-redis-follower' },
      package: { name: 'apt', version: '1.8.2.1' },
    });
    expect(records[0]!.tags).toEqual(['debian', 'os-pkgs']);
    expect(records[0]!.source.record).toBe('/Vulnerabilities/0/Results/0/Vulnerabilities/0');
    expect(view(records[5])).toMatchObject({ ruleId: 'CVE-2020-27350', location: { path: 'docker.io/redis' } });
    expect(view(records[10])).toMatchObject({
      ruleId: 'KSV-0001',
      title: 'Process can elevate its own privileges',
      severity: 'medium',
      location: { path: 'default/Deployment/redis-follower' },
    });
    expect(records[10]!.tags).toEqual(['Kubernetes Security Check', 'kubernetes']);
    expect(dedupe(records)).toHaveLength(20);
  });

  it('kubernetes subsets read with kubernetes.json: 13 of 13 and 4 of 5 are duplicates (see CONFORMANCE.md)', () => {
    const full = read('defectdojo/trivy/kubernetes.json');
    const subset = read('defectdojo/trivy/kubernetes_fabricated_subset.json');
    expect(dedupe([...full, ...subset])).toHaveLength(20);
    const internal = read('defectdojo/trivy/kubernetes_fabricated_internal_duplicates_subset.json');
    expect(dedupe(internal)).toHaveLength(3);
    // Its KSV014 record flags the 'leader' container's lines under redis-follower: other content, another finding.
    const merged = dedupe([...full, ...internal]);
    expect(merged).toHaveLength(21);
    expect(merged.filter((f) => f.sources.every((s) => s.file.includes('subset'))).map((f) => f.ruleId)).toEqual([
      'KSV-0014',
    ]);
  });

  it('issue_9170.json (current trivy k8s): [0] KSV116 low', () => {
    expect(view(read('defectdojo/trivy/issue_9170.json')[0])).toMatchObject({
      ruleId: 'KSV-0116',
      title: 'Runs with a root primary or supplementary GID',
      severity: 'low',
      location: { path: 'default/Service/kubernetes' },
    });
    expect(load('defectdojo/trivy/issue_9170.json').format).toBe('Trivy k8s JSON (Resources)');
  });

  it('license_scheme.json: [0] GPL-2.0 restricted licence of alpine-baselayout, high', () => {
    const [first] = read('defectdojo/trivy/license_scheme.json');
    expect(view(first)).toMatchObject({
      ruleId: 'GPL-2.0',
      severity: 'high',
      category: 'license',
      package: { name: 'alpine-baselayout' },
    });
    expect(first!.tags).toEqual(['restricted']);
  });

  it('CycloneDX scans (issue_9092, issue_9263): high, at requirements.txt', () => {
    expect(view(read('defectdojo/trivy/issue_9092.json')[0])).toMatchObject({
      severity: 'high',
      location: { path: 'requirements.txt' },
    });
    expect(read('defectdojo/trivy/issue_9263.json')[0]!.severity).toBe('high');
  });

  it('Severity wins over CVSS (cvss_severity_source vs severity_prio) and issue_14136 is low', () => {
    expect(read('defectdojo/trivy/cvss_severity_source.json').map((r) => r.severity)).toEqual(['medium', 'high']);
    expect(read('defectdojo/trivy/severity_prio.json').map((r) => r.severity)).toEqual(['low', 'critical']);
    expect(read('defectdojo/trivy/issue_14136.json')[0]!.severity).toBe('low');
  });
});

suite('Trivy upstream golden outputs', () => {
  it('alpine-310.json.golden: 4 medium vulnerabilities, 2 CVEs in 2 packages', () => {
    const records = read('trivy-upstream/alpine-310.json.golden');
    expect(severities(records)).toEqual({ medium: 4 });
    expect(dedupe(records)).toHaveLength(4);
    expect(new Set(records.map((r) => r.ruleId)).size).toBe(2);
  });

  it('alpine-310.sarif.golden (the same scan as SARIF): 4 medium results, 4 findings', () => {
    const records = read('trivy-upstream/alpine-310.sarif.golden');
    expect(records.map((r) => [r.tool, r.severity, r.category])).toEqual(
      Array(4).fill(['trivy', 'medium', 'vulnerability']),
    );
    expect(dedupe(records)).toHaveLength(4);
  });

  it('secrets.json.golden: critical at deploy.sh:3 and high at deploy.sh:7', () => {
    expect(
      read('trivy-upstream/secrets.json.golden').map((r) => [r.severity, r.location.path, r.location.startLine]),
    ).toEqual([
      ['critical', 'deploy.sh', 3],
      ['high', 'deploy.sh', 7],
    ]);
  });

  it('license-cyclonedx.json.golden: medium, low, low; helm_badname.json.golden (no Results key): 0', () => {
    expect(read('trivy-upstream/license-cyclonedx.json.golden').map((r) => r.severity)).toEqual([
      'medium',
      'low',
      'low',
    ]);
    expect(read('trivy-upstream/helm_badname.json.golden')).toEqual([]);
  });
});

suite('DefectDojo Bandit samples (before 1.7.3) and Bandit upstream output', () => {
  it.each([
    ['defectdojo/bandit/no_vuln.json', 0],
    ['defectdojo/bandit/one_vuln.json', 1],
    ['defectdojo/bandit/many_vulns.json', 214],
    ['defectdojo/bandit/dd.json', 47],
    ['bandit-upstream/bandit-examples.json', 37],
    ['bandit-upstream/bandit-clean.json', 0],
  ])('%s has %i active records', (file, raw) => {
    expect(read(file, 'bandit')).toHaveLength(raw);
  });

  it('one_vuln.json: the assert finding, low, at one/one.py, B101 with its documentation link', () => {
    const [record] = read('defectdojo/bandit/one_vuln.json');
    expect(view(record)).toMatchObject({
      ruleId: 'B101',
      title: 'Use of assert detected. The enclosed code will be removed when compiling to optimised byte code.',
      severity: 'low',
      location: { path: 'one/one.py' },
    });
    expect(record!.helpUri).toBe('https://bandit.readthedocs.io/en/latest/plugins/b101_assert_used.html');
    expect(record!.tags).toEqual(['assert_used']);
  });

  it('many_vulns.json: [0] try/except/pass, low, B110, the Windows path with forward slashes; one exact duplicate', () => {
    const records = read('defectdojo/bandit/many_vulns.json');
    expect(view(records[0])).toMatchObject({
      ruleId: 'B110',
      title: 'Try, Except, Pass detected.',
      severity: 'low',
      location: { path: 'dojo/benchmark/views.py' },
    });
    expect(dedupe(records)).toHaveLength(213);
  });

  it('many_vulns.json: the four B105 hardcoded passwords are masked wherever they are shown, fingerprints unchanged', () => {
    const records = read('defectdojo/bandit/many_vulns.json').filter((r) => r.ruleId === 'B105');
    expect(records.map((r) => r.title)).toEqual([
      "Possible hardcoded password: '••••'",
      "Possible hardcoded password: '••••'",
      "Possible hardcoded password: '••••'",
      "Possible hardcoded password: '••••'",
    ]);
    const passwords = ['Pass', 'Fail', 'POST'].map((word) => `'${word}'`);
    const policy = { failOn: 'none', scope: 'all' } as const;
    const analysis = analyse([load('defectdojo/bandit/many_vulns.json')], { policy, today: new Date('2026-01-01') });
    const report = buildReport({ generatedAt: new Date(0), policy, ...analysis, files: [] });
    const written = [
      [...serializeSarif(buildSarif(analysis.findings, { tools: analysis.tools }).plan)].join(''),
      [...serializeReport(report)].join(''),
    ];
    for (const text of written) for (const password of passwords) expect(text).not.toContain(password);
    // The fingerprints hash the unmasked message and line, as before masking.
    expect(records.map((r) => r.identity)).toContainEqual(
      expect.objectContaining({ detail: "Possible hardcoded password: 'Pass'" }),
    );
  });

  it('dd.json: [0] insecure hash, medium, B303', () => {
    expect(view(read('defectdojo/bandit/dd.json')[0])).toMatchObject({
      ruleId: 'B303',
      title: 'Use of insecure MD2, MD4, MD5, or SHA1 hash function.',
      severity: 'medium',
      location: { path: 'dojo/tools/acunetix/parser.py' },
    });
  });

  it('bandit-examples.json (1.9.4): High 1, Medium 30, Low 6; test ids; the unparsable file as a note; no ./ prefix', () => {
    const file = load('bandit-upstream/bandit-examples.json');
    expect(file.format).toBe('Bandit JSON (1.7.3 or later)');
    expect(severities(file.records)).toEqual({ high: 1, medium: 30, low: 6 });
    const ids: Record<string, number> = {};
    for (const r of file.records) ids[r.ruleId] = (ids[r.ruleId] ?? 0) + 1;
    expect(ids).toEqual({ B113: 25, B108: 3, B602: 3, B607: 2, B506: 2, B101: 1, B201: 1 });
    expect(file.notes).toEqual([
      'Bandit could not scan ./examples/nonsense.py: syntax error while parsing AST from file',
    ]);
    expect(file.records.every((r) => r.location.path.startsWith('examples/') && r.cwes?.[0]?.startsWith('CWE-'))).toBe(
      true,
    );
  });
});

suite('DefectDojo Gitleaks samples and Gitleaks upstream output', () => {
  it.each([
    ['defectdojo/gitleaks/no_findings.json', 0, 0],
    ['defectdojo/gitleaks/data_one.json', 1, 1],
    ['defectdojo/gitleaks/data_many.json', 2, 2],
    ['defectdojo/gitleaks/version_7.5.0.json', 8, 4],
    ['defectdojo/gitleaks/gitleaks8_many.json', 4, 3],
    ['gitleaks-upstream/empty.json', 0, 0],
  ])('%s has %i active records and %i findings', (file, raw, findings) => {
    const records = read(file, 'gitleaks');
    expect(records).toHaveLength(raw);
    expect(dedupe(records)).toHaveLength(findings);
  });

  it('data_one.json (legacy v4): the private key in cert-key.pem, no line, tags split', () => {
    const [record] = read('defectdojo/gitleaks/data_one.json');
    expect(view(record)).toMatchObject({
      ruleId: 'Asymmetric Private Key',
      severity: 'high',
      category: 'secret',
      location: { path: 'cert-key.pem' },
    });
    expect(record!.location.startLine).toBeUndefined();
    expect(record!.tags).toContain('AsymmetricPrivateKey');
  });

  it('data_many.json: [0] Github in .bashrc', () => {
    const [record] = read('defectdojo/gitleaks/data_many.json');
    expect(view(record)).toMatchObject({ ruleId: 'Github', location: { path: '.bashrc' } });
    expect(record!.tags).toContain('Github');
  });

  it('version_7.5.0.json: the same 4 leaks DefectDojo keeps, each found in 2 commits', () => {
    const findings = dedupe(read('defectdojo/gitleaks/version_7.5.0.json'));
    expect(
      findings.map((f) => [f.ruleId, f.location.path.split('/').pop(), f.location.startLine, f.sources.length]),
    ).toEqual([
      ['AWS Access Key', 'gitlab_secret_detection_report_1_vuln.json', 13, 2],
      ['Asymmetric Private Key', 'gitlab_secret_detection_report_3_vuln.json', 13, 2],
      ['AWS Access Key', 'gitlab_secret_detection_report_3_vuln.json', 44, 2],
      ['AWS Access Key', 'test_gitlab_secret_detection_report_parser.py', 37, 2],
    ]);
    expect(findings[0]!.tags).toEqual(['key', 'AWS']);
  });

  it('gitleaks8_many.json: the AWS key found in two commits is one finding with 2 sources; tags kept', () => {
    const findings = dedupe(read('defectdojo/gitleaks/gitleaks8_many.json'));
    expect(findings.map((f) => [f.ruleId, f.location.path, f.location.startLine, f.sources.length])).toEqual([
      ['aws-access-token', '/conf/aws.tf', 2, 2],
      ['RSA-PK', 'conf/rsa.pk', 57, 1],
      ['generic-api-key', 'tests/api.py', 21, 1],
    ]);
    expect(findings[1]!.tags).toEqual(['tag1', 'tag2']);
    expect(JSON.stringify(findings)).not.toContain('dfjksdjfs3294dfjlsdaf213');
  });

  it('sarif_simple.sarif: one high secret (Gitleaks SARIF has no level), its snippet secret not kept', () => {
    const records = read('gitleaks-upstream/sarif_simple.sarif');
    expect(records.map((r) => [r.tool, r.severity, r.category, r.location.path])).toEqual([
      ['gitleaks', 'high', 'secret', 'auth.py'],
    ]);
    expect(JSON.stringify(records)).not.toContain('a secret');
  });
});

suite('DefectDojo SARIF samples', () => {
  it.each([
    ['DefectDojo_django-DefectDojo__2020-12-11_13 42 10__export.sarif', 510, 0],
    ['appendix_k.sarif', 0, 1],
    ['appendix_k1.sarif', 0, 0],
    ['appendix_k1_double.sarif', 0, 0],
    ['appendix_k2.sarif', 1, 0],
    ['appendix_k4.sarif', 0, 1],
    ['suppression_test.sarif', 2, 3],
    ['dependency_check.sarif', 13, 0],
    ['bash-report.sarif', 27, 0],
    ['bash-report-fabricated-no-internal-dupes.sarif', 5, 0],
    ['bash-report-fabricated-no-internal-dupes-subset.sarif', 4, 0],
    ['bash-report-subset-same-hash-code-same-unique-id.sarif', 4, 0],
    ['njsscan.sarif', 2, 0],
    ['mobsfscan.json', 9, 0],
    ['gitleaks_7.5.0.sarif', 8, 0],
    ['flawfinder.sarif', 53, 0],
    ['codeQL-output.sarif', 72, 0],
    ['issue_10191.json', 77, 0],
    ['no_runs.sarif', 0, 0],
  ])('%s has %i active and %i suppressed records', (file, raw, suppressed) => {
    const report = load(`defectdojo/sarif/${file}`, 'sarif');
    expect(report.records).toHaveLength(raw);
    expect(report.suppressed).toHaveLength(suppressed);
  });

  it('the DefectDojo export: every title bounded, every severity valid, no duplicates', () => {
    const records = read('defectdojo/sarif/DefectDojo_django-DefectDojo__2020-12-11_13 42 10__export.sarif');
    expect(
      records.every((r) => r.title.length <= 300 && ['critical', 'high', 'medium', 'low', 'info'].includes(r.severity)),
    ).toBe(true);
    expect(dedupe(records)).toHaveLength(510);
  });

  it('appendix_k.sarif: the suppressed result is at src/collections/list.h:15, high, with its message filled in', () => {
    const [record] = load('defectdojo/sarif/appendix_k.sarif').suppressed;
    expect(view(record)).toMatchObject({
      ruleId: 'C2001',
      severity: 'high',
      location: { path: 'src/collections/list.h', startLine: 15 },
    });
    expect(record!.title).toMatch(/^Variable "ptr" was used without being initialized/);
  });

  it('appendix_k1_double.sarif: two runs, two tools, no results', () => {
    expect(load('defectdojo/sarif/appendix_k1_double.sarif').tools).toEqual(['codescanner', 'otherscanner']);
  });

  it('appendix_k2.sarif: the message from messageStrings at src/collections/list.cpp:15', () => {
    expect(view(read('defectdojo/sarif/appendix_k2.sarif')[0])).toMatchObject({
      title: 'Variable "count" was used without being initialized.',
      location: { path: 'src/collections/list.cpp', startLine: 15 },
    });
  });

  it('appendix_k4.sarif: the suppressed C2001 result', () => {
    expect(load('defectdojo/sarif/appendix_k4.sarif').suppressed[0]!.ruleId).toBe('C2001');
  });

  it('suppression_test.sarif: "Suppressed" results are suppressed, "Not suppressed" (no or empty suppressions) are findings', () => {
    const report = load('defectdojo/sarif/suppression_test.sarif');
    expect(report.records.map((r) => r.title)).toEqual(['Not suppressed', 'Not suppressed']);
    expect(report.suppressed.map((r) => r.title)).toEqual(['Suppressed', 'Suppressed', 'Suppressed']);
  });

  it('dependency_check.sarif: [0] the absolute file URI as a path, [6] CVE-2019-11358 high', () => {
    const records = read('defectdojo/sarif/dependency_check.sarif');
    expect(records[0]!.location.path).toBe(
      '/src/.venv/lib/python3.9/site-packages/tastypie_swagger/static/tastypie_swagger/js/lib/handlebars-1.0.0.js',
    );
    expect(view(records[6])).toMatchObject({ ruleId: 'CVE-2019-11358', severity: 'high', category: 'vulnerability' });
    expect(records[6]!.title).toMatch(/^CVE-2019-11358 - jQuery before 3.4.0/);
  });

  it('bash-report.sarif: 27 records, 12 findings (rule, file and line content), note is low', () => {
    const records = read('defectdojo/sarif/bash-report.sarif');
    expect(records[0]!.location.path).toBe('/home/damien/dd/docker/setEnv.sh');
    expect(records[6]!.severity).toBe('low');
    expect(dedupe(records)).toHaveLength(12);
  });

  it('bash-report fabricated files: no internal duplicates; the subset after the full file adds nothing', () => {
    const full = read('defectdojo/sarif/bash-report-fabricated-no-internal-dupes.sarif');
    const subset = read('defectdojo/sarif/bash-report-fabricated-no-internal-dupes-subset.sarif');
    expect(dedupe(full)).toHaveLength(5);
    expect(dedupe([...full, ...subset])).toHaveLength(5);
    expect(dedupe(read('defectdojo/sarif/bash-report-subset-same-hash-code-same-unique-id.sarif'))).toHaveLength(2);
  });

  it('njsscan.sarif: [0] /src/index.js with CWE-327 ... first location of each result only', () => {
    const records = read('defectdojo/sarif/njsscan.sarif');
    expect(records[0]!.location.path).toBe('/src/index.js');
    expect(records[1]!.location.startLine).toBe(235);
  });

  it('gitleaks_7.5.0.sarif: 8 high secrets (rule named by the message), the same 4 findings as its JSON', () => {
    const records = read('defectdojo/sarif/gitleaks_7.5.0.sarif');
    expect(records.map((r) => r.location.startLine)).toEqual([13, 13, 13, 44, 37, 13, 44, 37]);
    expect(records.every((r) => r.severity === 'high' && r.category === 'secret' && r.ruleId !== 'unknown-rule')).toBe(
      true,
    );
    expect(records[7]!.location.path).toBe('dojo/unittests/tools/test_gitlab_secret_detection_report_parser.py');
    expect(dedupe(records)).toHaveLength(4);
  });

  it('flawfinder.sarif: [0] FF1048 high at src/tree/param.cc:29 CWE-327, [20] FF1004 note, [52] FF1021 high; the pass result is skipped', () => {
    const records = read('defectdojo/sarif/flawfinder.sarif');
    expect(view(records[0])).toMatchObject({
      ruleId: 'FF1048',
      severity: 'high',
      location: { path: 'src/tree/param.cc', startLine: 29 },
    });
    expect(records[0]!.title).toContain('CWE-327');
    expect(view(records[20])).toMatchObject({ ruleId: 'FF1004', severity: 'low' });
    expect(view(records[52])).toMatchObject({ ruleId: 'FF1021', severity: 'high' });
  });

  it('codeQL-output.sarif: [7] py/call/wrong-named-argument high at good/mod_user.py:33', () => {
    expect(view(read('defectdojo/sarif/codeQL-output.sarif')[7])).toMatchObject({
      ruleId: 'py/call/wrong-named-argument',
      severity: 'high',
      location: { path: 'good/mod_user.py', startLine: 33 },
    });
  });

  it('issue_10191.json (Semgrep with security-severity): 77 records, all medium or above', () => {
    expect(Object.keys(severities(read('defectdojo/sarif/issue_10191.json'))).sort()).toEqual(['high', 'medium']);
  });
});

suite('quality/sarif (codeql-action fingerprinting input)', () => {
  it('resolves the artifact given only by index, and defaults a missing level to warning', () => {
    const records = read('quality/sarif/codeql-action-fingerprinting.input.sarif');
    expect(records.map((r) => [r.ruleId, r.severity, r.location.path])).toEqual([
      ['js/unused-local-variable', 'medium', 'testFile1.js'],
      ['js/unused-local-variable', 'medium', 'testFile2.js'],
    ]);
  });
});

suite('Semgrep JSON (DefectDojo samples and Semgrep e2e snapshots)', () => {
  it.each([
    ['defectdojo/semgrep/empty.json', 0, 0],
    // DefectDojo: 1 with nb_occurences 2. The same result twice is one finding with two sources.
    ['defectdojo/semgrep/repeated_findings.json', 2, 1],
    ['defectdojo/semgrep/cwe_list.json', 1, 1],
    ['defectdojo/semgrep/fingerprint_test.json', 2, 2],
    ['defectdojo/semgrep/high-medium-low-severities.json', 3, 3],
  ])('%s: %i records, %i findings', (file, raw, findings) => {
    const records = read(file);
    expect(records).toHaveLength(raw);
    expect(dedupe(records)).toHaveLength(findings);
  });

  it('repeated_findings.json: WARNING (medium) at BenchmarkTest01150.java:66, CWE-696 from a string', () => {
    const [record] = read('defectdojo/semgrep/repeated_findings.json');
    expect(view(record)).toMatchObject({
      ruleId: 'java.lang.security.audit.cbc-padding-oracle.cbc-padding-oracle',
      severity: 'medium',
      location: { path: 'src/main/java/org/owasp/benchmark/testcode/BenchmarkTest01150.java', startLine: 66 },
    });
    expect(record!.cwes).toEqual(['CWE-696']);
  });

  it('cwe_list.json: INFO is info (DefectDojo says Low; Semgrep itself says Info), index.js:12:7-12:22, CWE-352', () => {
    const [record] = read('defectdojo/semgrep/cwe_list.json');
    expect(view(record)).toMatchObject({
      severity: 'info',
      location: { path: 'index.js', startLine: 12, endLine: 12, startColumn: 7, endColumn: 22 },
    });
    expect(record!.cwes).toEqual(['CWE-352']);
  });

  it('fingerprint_test.json: "requires login" is neither an identity nor a snippet; ERROR 1, WARNING 1', () => {
    const records = read('defectdojo/semgrep/fingerprint_test.json');
    expect(records.map((r) => [r.location.path, r.location.startLine, r.severity])).toEqual([
      ['sample/brute.py', 31, 'high'],
      ['sample/function.go', 37, 'medium'],
    ]);
    expect(records.flatMap((r) => r.cwes ?? []).sort()).toEqual(['CWE-78', 'CWE-89']);
    for (const r of records) expect(r.identity).toMatchObject({ snippet: undefined, toolFingerprint: undefined });
  });

  it('high-medium-low-severities.json: 3 LOW at lines 48-50 of an absolute path, no CWE', () => {
    const records = read('defectdojo/semgrep/high-medium-low-severities.json');
    expect(records.map((r) => [r.severity, r.location.startLine])).toEqual([
      ['low', 48],
      ['low', 49],
      ['low', 50],
    ]);
    expect(records[0]!.location.path).toBe(
      '/Users/user.example/git/company/full-codebase/company/lead-magnet/src/templates/base.html.twig',
    );
    expect(records[0]!.ruleId).toBe('rules.sast.dev.generic.internal.detect-cdn-usage-react-express');
    expect(records.every((r) => r.cwes === undefined)).toBe(true);
  });

  it('test_nosem_rule__with_disable_nosem: 7 active + 21 suppressed (DefectDojo ignores is_ignored and imports 28)', () => {
    const file = load('semgrep-upstream/semgrep/test_nosem_rule__with_disable_nosem-results.json');
    expect(file.records).toHaveLength(7);
    expect(file.suppressed).toHaveLength(21);
    expect(file.records.every((r) => r.severity === 'medium')).toBe(true);
    expect(file.records.map((r) => `${r.location.path.split('/').pop()}:${r.location.startLine}`)).toContain(
      'nosem.js:5',
    );
  });
});

suite('pip-audit JSON (DefectDojo samples)', () => {
  it('empty.json (legacy `[]`) has no records', () => {
    expect(read('defectdojo/pip_audit/empty.json')).toHaveLength(0);
  });

  it('zero_vulns_new.json: no findings, but the skipped dependency is said (never "clean")', () => {
    const file = load('defectdojo/pip_audit/zero_vulns_new.json');
    expect(file.records).toHaveLength(0);
    expect(file.notes).toEqual([expect.stringContaining('1 dependency was not audited')]);
    expect(file.notes[0]).toContain('azure-devops');
  });

  it.each(['many_vulns.json', 'many_vulns_new.json'])(
    '%s: 7 on 4 packages, not rated (DefectDojo invents Medium), the fix for the installed release line',
    (name) => {
      const file = load(`defectdojo/pip_audit/${name}`);
      const records = file.records;
      expect(records).toHaveLength(7);
      expect(new Set(records.map((r) => r.package?.name))).toEqual(new Set(['aiohttp', 'django', 'lxml', 'twisted']));
      expect(records.every((r) => r.severity === 'info' && r.tags?.includes('not-rated'))).toBe(true);
      expect(records[0]).toMatchObject({
        ruleId: 'PYSEC-2021-76',
        package: { name: 'aiohttp', fixedVersion: '3.7.4' },
      });
      expect(records[1]).toMatchObject({
        ruleId: 'PYSEC-2021-439',
        package: { version: '3.2.9', fixedVersion: '3.2.10' },
      });
      expect(records[2]).toMatchObject({
        ruleId: 'PYSEC-2021-852',
        package: { name: 'lxml', fixedVersion: undefined },
      });
      expect(records.filter((r) => r.package?.name === 'twisted')).toHaveLength(4);
      expect(file.notes).toEqual([expect.stringContaining('azure-devops')]);
    },
  );
});

suite('Safety JSON (DefectDojo 1.x samples, Safety 2.x reports)', () => {
  it('empty.json has no records', () => {
    expect(read('defectdojo/safety/empty.json')).toHaveLength(0);
  });

  it('many_vulns.json: 5 on 4 packages, distinct ids, django 2.2.17 twice, not rated, CVE from the text', () => {
    const records = read('defectdojo/safety/many_vulns.json');
    expect(records).toHaveLength(5);
    expect(new Set(records.map((r) => r.package?.name)).size).toBe(4);
    expect(new Set(records.map((r) => r.ruleId)).size).toBe(5);
    expect(
      records
        .filter((r) => r.package?.name === 'django')
        .map((r) => r.ruleId)
        .sort(),
    ).toEqual(['39523', '39526']);
    expect(records.find((r) => r.ruleId === '39608')!.package).toMatchObject({ name: 'httplib2', version: '0.18.1' });
    expect(records.find((r) => r.ruleId === '39611')!.identity).toMatchObject({
      aliases: expect.arrayContaining(['CVE-2020-14343']),
    });
    expect(records.every((r) => r.severity === 'info' && r.package?.fixedVersion === undefined)).toBe(true);
  });

  it('multiple_cves.json: ampache 3.8.2, id 37863, the two CVEs of the text as aliases', () => {
    const [record] = read('defectdojo/safety/multiple_cves.json');
    expect(record).toMatchObject({
      ruleId: '37863',
      package: { name: 'ampache', version: '3.8.2' },
      identity: { aliases: ['CVE-2019-12385', 'CVE-2019-12386'] },
    });
  });

  it('report.json (2.0b1): insecure-package 0.1.0, id 25853, no fix ([""]), not rated, nothing ignored', () => {
    const file = load('safety-upstream/safety/report.json');
    expect(file.records).toHaveLength(1);
    expect(file.suppressed).toHaveLength(0);
    expect(file.records[0]).toMatchObject({
      ruleId: '25853',
      severity: 'info',
      package: { name: 'insecure-package', version: '0.1.0', fixedVersion: undefined },
    });
  });

  it('report_with_recommended_fix.json: CVSS v3 from severity or CVE, 4.0.2 and 4.0.4 the fixes for 4.0.1', () => {
    const records = read('safety-upstream/safety/report_with_recommended_fix.json');
    expect(records.map((r) => [r.ruleId, r.severity, r.package?.fixedVersion, r.identity])).toEqual([
      ['44742', 'medium', '4.0.2', expect.objectContaining({ aliases: ['CVE-2022-22818'] })],
      ['44741', 'high', '4.0.2', expect.objectContaining({ aliases: ['CVE-2022-23833'] })],
      ['48041', 'critical', '4.0.4', expect.objectContaining({ aliases: ['CVE-2022-28346'] })],
      ['48040', 'critical', '4.0.4', expect.objectContaining({ aliases: ['CVE-2022-28347'] })],
    ]);
  });
});

suite('TruffleHog v3 and trufflehog3 JSON', () => {
  it('v3_git.json: 4 lines (no final newline) -> 3 findings, all verified (high; DefectDojo says Critical)', () => {
    const file = load('defectdojo/trufflehog/v3_git.json');
    expect(file.records).toHaveLength(4);
    const findings = dedupe(file.records);
    expect(findings).toHaveLength(3);
    expect(findings.map((f) => [f.ruleId, f.location.path, f.location.startLine]).sort()).toEqual([
      ['AWS', 'keys', 4],
      ['PrivateKey', 'keys', 1],
      ['URI', 'keys', 3],
    ]);
    expect(findings.every((f) => f.severity === 'high' && f.tags?.includes('verified'))).toBe(true);
    expect(file.notes).toEqual(['TruffleHog: 4 of 4 secrets verified live']);
  });

  it('handlers-testdata.json: 12 unverified (medium; DefectDojo: all Critical) at 12 distinct spots', () => {
    const file = load('trufflehog-upstream/trufflehog/handlers-testdata.json');
    expect(file.records).toHaveLength(12);
    expect(dedupe(file.records)).toHaveLength(12);
    expect(file.records.every((r) => r.severity === 'medium' && r.tags?.includes('unverified'))).toBe(true);
    expect(new Set(file.records.map((r) => (r.identity.kind === 'content' ? r.identity.secret : '')))).toHaveProperty(
      'size',
      4,
    );
    expect(file.records.filter((r) => r.ruleId === 'URI')).toHaveLength(8);
    expect(JSON.stringify(file)).not.toContain('gitlab-ci-token:password');
  });

  it('trufflehog3 zero_vulns.json has no records', () => {
    expect(read('defectdojo/trufflehog3/zero_vulns.json')).toHaveLength(0);
  });

  it('trufflehog3 many_vulns_current.json: 4 records -> 3 findings (one id in two commits), HIGH/MEDIUM/LOW kept', () => {
    const records = read('defectdojo/trufflehog3/many_vulns_current.json');
    expect(records).toHaveLength(4);
    const findings = dedupe(records);
    expect(findings.map((f) => [f.severity, f.location.path, f.location.startLine, f.sources.length])).toEqual([
      ['high', 'docker/Dockerfile', 3, 1],
      ['medium', 'docker/Dockerfile', 2, 2],
      ['low', 'env-file.txt', 10, 1],
    ]);
  });

  it('trufflehog3 issue_6999.json: one MEDIUM at line 2 whose 127,726-character context holds NUL characters', () => {
    const [record] = read('defectdojo/trufflehog3/issue_6999.json');
    expect(view(record)).toMatchObject({
      ruleId: 'high-entropy-based-rules2',
      severity: 'medium',
      location: { path: 'tests/Services/GoodDrafts/DataSets/4620060807393', startLine: 2 },
    });
    expect(JSON.stringify(record)).not.toContain('6B760A0478D4EB84EA8CD6202E866A4C');
  });

  it('trufflehog3 many_vulns_legacy.json: 32 rows -> 22 findings (DefectDojo: 7 by path and reason)', () => {
    // Each row is one commit diff with no line; rows of one file whose strings found are the same (the same secret in
    // several commits) are one finding with several sources; different strings in one file are different findings,
    // which DefectDojo's path + reason key folds together.
    const records = read('defectdojo/trufflehog3/many_vulns_legacy.json');
    expect(records).toHaveLength(32);
    expect(dedupe(records)).toHaveLength(22);
    expect(view(records[0])).toMatchObject({
      ruleId: 'High entropy',
      severity: 'high',
      location: { path: 'fixtures/users.json' },
    });
  });
});

suite('npm audit JSON (DefectDojo samples and npm-audit-report fixtures)', () => {
  // DefectDojo makes one finding per package entry (with via[0]'s title and CWE); a record here is one advisory of
  // the package it is about, with its own severity: packages vulnerable only through a dependency add none.
  it.each([
    ['defectdojo/npm_audit_7_plus/no_vuln.json', 0, {}],
    ['defectdojo/npm_audit_7_plus/one_vuln.json', 2, { medium: 1, high: 1 }],
    ['defectdojo/npm_audit_7_plus/many_vulns.json', 3, { medium: 2, low: 1 }],
    ['defectdojo/npm_audit_7_plus/issue_10801.json', 1, { medium: 1 }],
    [
      'npm-audit-report-upstream/npm_audit_7_plus/all-severity-levels.json',
      18,
      { critical: 2, high: 11, medium: 2, low: 3 },
    ],
  ])('%s: %i advisories', (file, count, bySeverity) => {
    const records = read(file);
    expect(records).toHaveLength(count);
    expect(dedupe(records)).toHaveLength(count);
    expect(severities(records)).toEqual(bySeverity);
  });

  it('one_vuln.json: debug has 1094222 moderate CWE-400 and 1094457 high CWE-1333 (not High with the first CWE)', () => {
    const records = read('defectdojo/npm_audit_7_plus/one_vuln.json');
    expect(records.map((r) => [r.ruleId, r.severity, r.cwes])).toEqual([
      ['GHSA-gxpj-cx7g-858c', 'medium', ['CWE-400']],
      ['GHSA-9vvw-cc9w-f27h', 'high', ['CWE-1333']],
    ]);
    expect(records[0]!.description).toContain('Installed at node_modules/debug.');
    expect(records[0]!.description).toContain('Fix: upgrade express to 4.18.3.');
  });

  it('many_vulns.json: the advisories of debug, semver and undici; vercel is named as what a fix upgrades', () => {
    const records = read('defectdojo/npm_audit_7_plus/many_vulns.json');
    expect(records.map((r) => [r.package?.name, r.cwes]).sort()).toEqual([
      ['debug', ['CWE-400']],
      ['semver', ['CWE-1333']],
      ['undici', ['CWE-200']],
    ]);
    expect(records.every((r) => r.description?.includes('Fix: upgrade vercel to 32.3.0 (a major version).'))).toBe(
      true,
    );
  });

  it('issue_10801.json: got, moderate as its entry says (not the edited metadata), GHSA-pfrx-2q88-qq97, no CWE', () => {
    const [record] = read('defectdojo/npm_audit_7_plus/issue_10801.json');
    expect(record).toMatchObject({
      ruleId: 'GHSA-pfrx-2q88-qq97',
      severity: 'medium',
      package: { name: 'got' },
      cwes: undefined,
    });
  });

  it('all-severity-levels.json (early npm 7): critical 755 handlebars and 1494 sapper, low 1084, 1179, 1490', () => {
    const records = read('npm-audit-report-upstream/npm_audit_7_plus/all-severity-levels.json');
    expect(records.filter((r) => r.severity === 'critical').map((r) => [r.ruleId, r.package?.name])).toEqual([
      ['npm-755', 'handlebars'],
      ['npm-1494', 'sapper'],
    ]);
    expect(
      records
        .filter((r) => r.severity === 'low')
        .map((r) => r.ruleId)
        .sort(),
    ).toEqual(['npm-1084', 'npm-1179', 'npm-1490']);
  });
});

suite('OSV-Scanner JSON (DefectDojo samples and osv-scanner test data)', () => {
  it('no_findings.json (0 bytes) is an error saying the scanner wrote nothing, never "clean"', () => {
    expect(() => read('defectdojo/osv_scanner/no_findings.json')).toThrow('the file is empty (0 bytes)');
  });

  it('some_findings.json: MAL-2023-1035 in flot-axis 0.0.0, not rated (DefectDojo: Low), CWE-506, no fix', () => {
    const [record, ...rest] = read('defectdojo/osv_scanner/some_findings.json');
    expect(rest).toHaveLength(0);
    expect(record).toMatchObject({
      ruleId: 'MAL-2023-1035',
      severity: 'info',
      tags: ['npm', 'not-rated'],
      cwes: ['CWE-506'],
      package: { name: 'flot-axis', version: '0.0.0', fixedVersion: undefined },
      location: { path: '/tmp/components/yarn.lock' },
    });
  });

  it('many_findings.json: 66 records -> 37 vulnerabilities (by group; DefectDojo: 66), HIGH 20, MEDIUM 12, CRITICAL 5', () => {
    const records = read('defectdojo/osv_scanner/many_findings.json');
    expect(records).toHaveLength(37);
    expect(dedupe(records)).toHaveLength(37);
    expect(severities(records)).toEqual({ high: 20, medium: 12, critical: 5 });
    expect(records[0]).toMatchObject({
      ruleId: 'GHSA-25mq-v84q-4j7r',
      severity: 'high',
      package: { name: 'guzzlehttp/guzzle', version: '6.3.3', fixedVersion: '6.5.8' },
      identity: { aliases: expect.arrayContaining(['CVE-2022-31090']) },
    });
    expect(records[0]!.cwes).toEqual(['CWE-200', 'CWE-212']);
    const noFix = records.filter((r) => r.package?.fixedVersion === undefined);
    expect(noFix.map((r) => [r.ruleId, r.package?.version])).toEqual([
      ['CVE-2023-50094', 'f5f3c22f3ed5a6804a2a8d9ee9fa43044cfa24a6'],
    ]);
    // Rated by CVSS where the GHSA word says less: 7.5 on the PYSEC alias.
    expect(records.find((r) => r.ruleId === 'GHSA-hrfv-mqp8-q5rw')!.severity).toBe('high');
  });

  it('multiple-packages-with-vulns.json: 6 records -> 3, rated HIGH, MODERATE, CRITICAL; smallvec fixed in 1.6.1', () => {
    const records = read('osv-scanner-upstream/osv_scanner/multiple-packages-with-vulns.json');
    expect(records.map((r) => [r.ruleId, r.package?.name, r.severity, r.package?.fixedVersion, r.cwes])).toEqual([
      ['GHSA-qc84-gqf4-9926', 'crossbeam-utils', 'high', '0.8.7', ['CWE-362']],
      ['GHSA-wfg4-322g-9vqv', 'memoffset', 'medium', '0.6.2', undefined],
      ['GHSA-43w2-9j62-hq99', 'smallvec', 'critical', '1.6.1', ['CWE-787']],
    ]);
    expect(records[0]!.identity).toMatchObject({
      aliases: expect.arrayContaining(['RUSTSEC-2022-0041', 'CVE-2022-23639']),
    });
  });

  it('results-empty.json: a clean scan', () => {
    const file = load('osv-scanner-upstream/osv_scanner/results-empty.json');
    expect(file.reader).toBe('osv-scanner');
    expect(file.records).toHaveLength(0);
  });
});

/** A file of each reader (several of the richer ones), read: what the written outputs are checked on. */
function filesOfEveryReader(): ReportFile[] {
  return [
    ...[
      'legacy_many_vulns.json',
      'misconfigurations_and_secrets.json',
      'kubernetes.json',
      'issue_9170.json',
      'license_scheme.json',
      'cvss_severity_source.json',
    ].map((f) => load(`defectdojo/trivy/${f}`)),
    load('defectdojo/bandit/many_vulns.json'),
    load('bandit-upstream/bandit-examples.json'),
    load('defectdojo/gitleaks/gitleaks8_many.json'),
    load('defectdojo/gitleaks/version_7.5.0.json'),
    ...[
      'codeQL-output.sarif',
      'flawfinder.sarif',
      'issue_10191.json',
      'dependency_check.sarif',
      'appendix_k.sarif',
      'suppression_test.sarif',
    ].map((f) => load(`defectdojo/sarif/${f}`)),
    load('trivy-upstream/secrets.json.golden'),
    load('defectdojo/semgrep/fingerprint_test.json'),
    load('semgrep-upstream/semgrep/test_nosem_rule__with_disable_nosem-results.json'),
    load('defectdojo/pip_audit/many_vulns_new.json'),
    load('safety-upstream/safety/report_with_recommended_fix.json'),
    load('defectdojo/trufflehog/v3_git.json'),
    load('trufflehog-upstream/trufflehog/handlers-testdata.json'),
    load('defectdojo/trufflehog3/issue_6999.json'),
    load('defectdojo/trufflehog3/many_vulns_legacy.json'),
    load('npm-audit-report-upstream/npm_audit_7_plus/all-severity-levels.json'),
    load('defectdojo/osv_scanner/many_findings.json'),
  ];
}

suite('SARIF written from every fixture', () => {
  const schema = (): object =>
    JSON.parse(readFileSync(join(FIXTURES, 'schemas', 'sarif-schema-2.1.0.json'), 'utf8')) as object;

  it('is valid against the OASIS SARIF 2.1.0 schema (JSON Schema draft-04) and within GitHub limits', () => {
    const ajv = new Ajv04({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema());
    const files = filesOfEveryReader();
    const findings = dedupe(files.flatMap((f) => f.records));
    findings[0]!.status = 'suppressed';
    findings[0]!.suppression = { entry: 1, reason: 'accepted for the test' };
    const { plan } = buildSarif(findings, { tools: [...new Set(files.flatMap((f) => f.tools))] });
    const written = JSON.parse([...serializeSarif(plan)].join('')) as SarifLog;
    const log = written;
    const valid = validate(written);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(log.runs.length).toBeLessThanOrEqual(20);
    for (const run of log.runs) {
      expect(run.results.length).toBeLessThanOrEqual(25_000);
      expect(new Set(run.tool.driver.rules.map((r) => r.id)).size).toBe(run.tool.driver.rules.length);
      expect(new Set(log.runs.map((r) => r.automationDetails.id)).size).toBe(log.runs.length);
      for (const result of run.results) {
        expect(result.locations[0]!.physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
        expect(result.partialFingerprints.primaryLocationLineHash).toMatch(/^[0-9a-f]{32}$/);
      }
    }
  });
});

suite('the JSON report written from every fixture', () => {
  it('writes each finding as its projection stringified, whether written directly or not', () => {
    const findings = dedupe(filesOfEveryReader().flatMap((f) => f.records));
    findings[0]!.status = 'suppressed';
    findings[0]!.suppression = { entry: 1, reason: 'accepted for the test' };
    const written = findings.map(reportFindingJson);
    expect(written).toEqual(findings.map((f) => JSON.stringify(reportFinding(f))));
    expect(written.length).toBeGreaterThan(500);
  });
});
