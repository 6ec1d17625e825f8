import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '@actions-kit/reports';
import { chooseReader, parseReportSpec } from '../src/choose-reader.js';
import { readReportBytes, readReportFile } from '../src/read-report-file.js';
import { writeChunks } from '../src/write-chunks.js';
import {
  banditReport,
  banditResult,
  gitleaksV8,
  sarifLog,
  trivyReport,
  trivyVulnerability,
} from './support/documents.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'findings-files-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fileWith(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** The InputError reading `content` throws, whole and streamed (both must fail the same way). */
function failure(
  content: string | Buffer,
  options: { reader?: 'trivy' | 'bandit' | 'gitleaks' | 'sarif' } = {},
): InputError {
  const errors = [undefined, 0].map((streamThreshold) => {
    try {
      readReportBytes(Buffer.from(content), 'out/report.json', {
        ...options,
        ...(streamThreshold === 0 && { streamThreshold }),
      });
    } catch (error) {
      return error;
    }
    throw new Error(`no error for ${String(content).slice(0, 40)}`);
  });
  for (const error of errors) expect(error).toBeInstanceOf(InputError);
  return errors[0] as InputError;
}

describe('format detection', () => {
  it.each([
    ['trivy', trivyReport([])],
    ['trivy', [{ Target: 'x', Vulnerabilities: null }]],
    ['trivy', { ClusterName: '', Resources: [] }],
    ['bandit', banditReport([])],
    ['gitleaks', [gitleaksV8()]],
    ['sarif', sarifLog([])],
  ])('recognises %s from the content', (name, doc) => {
    expect(chooseReader(doc, 'f.json')?.name).toBe(name);
  });

  it('treats null and [] as an empty report, whose tool is only known when forced', () => {
    expect(readReportBytes(Buffer.from('null'), 'r.json')).toMatchObject({
      tools: [],
      format: 'empty report (null)',
      records: [],
    });
    expect(readReportBytes(Buffer.from('[]'), 'r.json', { reader: 'gitleaks' })).toMatchObject({
      tools: ['gitleaks'],
      format: 'Gitleaks JSON (empty)',
      reader: 'gitleaks',
    });
  });

  it('parses tool: prefixes of known formats only', () => {
    expect(parseReportSpec('trivy:out/*.json')).toEqual({ reader: 'trivy', pattern: 'out/*.json' });
    expect(parseReportSpec(' SARIF: a.sarif ')).toEqual({ reader: 'sarif', pattern: 'a.sarif' });
    expect(parseReportSpec('C:/reports/x.json')).toEqual({ pattern: 'C:/reports/x.json' });
    expect(parseReportSpec('semgrep:x.sarif')).toEqual({ pattern: 'semgrep:x.sarif' });
  });

  it('reads with a forced reader when the content matches it', () => {
    expect(
      readReportBytes(Buffer.from(JSON.stringify(banditReport([banditResult()]))), 'b.json', { reader: 'bandit' })
        .records,
    ).toHaveLength(1);
  });
});

describe('bad input: a clear error naming the file, never a hang', () => {
  it('names the file and byte position of a JSON syntax error, with line and column', () => {
    const error = failure('{\n  "SchemaVersion": 2,\n  "Results": [}\n');
    expect(error.message).toMatch(
      /^out\/report\.json: not valid JSON: unexpected '\}' where a value was expected at byte 38/,
    );
    expect(error.message).toContain('(line 3, column 15)');
    expect(error.offset).toBe(38);
  });

  it('says a truncated report looks truncated', () => {
    const text = JSON.stringify(trivyReport([{ Target: 'x', Vulnerabilities: [trivyVulnerability()] }]));
    const error = failure(text.slice(0, 150));
    expect(error.message).toContain('unexpected end of input');
    expect(error.message).toContain('at byte 150');
    expect(error.message).toContain('looks truncated');
  });

  it('rejects text that is not JSON at all', () => {
    expect(failure('2026-01-01T00:00:00Z INFO Vulnerability scanning is enabled').message).toContain('not valid JSON');
  });

  it('rejects an empty file, saying the scanner probably failed', () => {
    const error = failure('');
    expect(error.message).toBe(
      'out/report.json: the file is empty (0 bytes). The scanner probably failed before writing its report; check its step log.',
    );
  });

  it('rejects an unknown format, describing the content without echoing it', () => {
    const error = failure(JSON.stringify({ issues: [], version: 3 }));
    expect(error.message).toContain(
      'unknown report format: the content is a JSON object with keys "issues", "version"',
    );
    expect(error.message).toContain('Supported: Trivy JSON, Bandit JSON, Gitleaks JSON and SARIF 2.1.0');
  });

  it('rejects a forced tool that does not match, naming both formats and the fix', () => {
    const error = failure(JSON.stringify(banditReport([])), { reader: 'trivy' });
    expect(error.message).toBe(
      "out/report.json: the 'trivy:' prefix says Trivy JSON, but the content is Bandit JSON. Use 'bandit:' or no prefix (the format is detected from the content).",
    );
  });

  it('rejects a file that is one 10 MB string, quickly and without printing it', () => {
    const error = failure(JSON.stringify('x'.repeat(10 * 1024 * 1024)));
    expect(error.message.length).toBeLessThan(400);
    expect(error.message).toContain('unknown report format');
  });

  it('rejects deep nesting as an unknown format instead of overflowing the stack', () => {
    const depth = 200_000;
    expect(failure(`${'['.repeat(depth)}${']'.repeat(depth)}`).message).toContain('unknown report format');
    expect(failure(`{"a":${'['.repeat(depth)}`).message).toContain('not valid JSON');
  });

  it('explains a UTF-16 file (PowerShell redirection) and accepts a UTF-8 byte order mark', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify(trivyReport([])), 'utf16le')]);
    expect(failure(utf16).message).toContain('UTF-16');
    expect(readReportBytes(Buffer.from(`\ufeff${JSON.stringify(trivyReport([]))}`), 'bom.json').format).toBe(
      'Trivy JSON (SchemaVersion 2)',
    );
  });
});

describe('readReportFile and writeChunks', () => {
  it('reads a file from disk whole or streamed, with the display path in sources', () => {
    const path = fileWith(
      'trivy.json',
      JSON.stringify(trivyReport([{ Target: 'go.mod', Vulnerabilities: [trivyVulnerability()] }])),
    );
    for (const streamThreshold of [undefined, 0]) {
      const file = readReportFile(path, {
        displayPath: 'out/trivy.json',
        ...(streamThreshold === 0 && { streamThreshold }),
      });
      expect(file).toMatchObject({ path: 'out/trivy.json', reader: 'trivy', streamed: streamThreshold === 0 });
      expect(file.records[0]!.source).toEqual({
        file: 'out/trivy.json',
        tool: 'trivy',
        record: '/Results/0/Vulnerabilities/0',
      });
    }
  });

  it('streams a report whose start does not fit in the format preview', () => {
    const vulnerabilities = Array.from({ length: 3000 }, (_, i) =>
      trivyVulnerability({ VulnerabilityID: `CVE-2024-${i}`, Description: 'd'.repeat(400) }),
    );
    const content = JSON.stringify({
      Metadata: { padding: 'p'.repeat(2 * 1024 * 1024) },
      SchemaVersion: 2,
      ArtifactName: 'x',
      ArtifactType: 'filesystem',
      Results: [{ Target: 'go.mod', Vulnerabilities: vulnerabilities }],
    });
    const file = readReportFile(fileWith('big.json', content), { streamThreshold: 1024 });
    expect(file.streamed).toBe(true);
    expect(file.records).toHaveLength(3000);
  });

  it('writes pieces of any size and multi-byte text intact', async () => {
    const pieces = ['{"a":"', 'é😀'.repeat(1000), '", "b":"', 'x'.repeat(5 * 1024 * 1024), '"}'];
    const path = join(dir, 'out.json');
    const bytes = await writeChunks(path, pieces);
    expect(bytes).toBe(Buffer.byteLength(pieces.join('')));
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { a: string; b: string };
    expect(parsed.a).toBe('é😀'.repeat(1000));
    expect(parsed.b.length).toBe(5 * 1024 * 1024);
  });

  it('keeps many buffers in order while earlier ones are still being written', async () => {
    // 40 MiB in 32 KiB pieces: ten 4 MiB buffers, more than are ever in flight at once.
    const pieces = Array.from(
      { length: 1280 },
      (_, i) => `${String(i).padStart(8, '0')}${'.'.repeat(32 * 1024 - 9)}\n`,
    );
    const path = join(dir, 'many.txt');
    expect(await writeChunks(path, pieces)).toBe(1280 * 32 * 1024);
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines.slice(0, -1).map((line) => Number(line.slice(0, 8)))).toEqual(pieces.map((_, i) => i));
  });

  it('fails with the error of a write that fails, after the others settle', async () => {
    // /dev/full accepts the open and fails every write with ENOSPC, as a full disk does.
    const pieces = Array.from({ length: 300 }, () => 'x'.repeat(32 * 1024));
    await expect(writeChunks('/dev/full', pieces)).rejects.toMatchObject({ code: 'ENOSPC' });
  });

  it('fails with the error of a piece that cannot be produced, and closes the file', async () => {
    function* pieces() {
      yield 'first';
      throw new Error('the producer failed');
    }
    await expect(writeChunks(join(dir, 'broken.txt'), pieces())).rejects.toThrow('the producer failed');
  });
});
