import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { InputError } from '@actions-kit/reports';
import { chooseReader, parseReportSpec } from '../src/choose-reader.js';
import { readReportBytes, readReportFile } from '../src/read-report-file.js';
import { writeChunks } from '../src/write-chunks.js';
import {
  banditReport,
  banditResult,
  gitleaksV8,
  readBothWays,
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
    expect(parseReportSpec('codeql:x.sarif')).toEqual({ pattern: 'codeql:x.sarif' });
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
    expect(error.message).toContain(
      'Supported: Trivy JSON, Bandit JSON, Semgrep JSON, trufflehog3 JSON, Gitleaks JSON, TruffleHog v3 JSON Lines, pip-audit JSON, Safety JSON, npm audit JSON, OSV-Scanner JSON and SARIF 2.1.0',
    );
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

  it('tells a large list report from its first element, whether the preview ends inside it or long after it', () => {
    const leak = (i: number, match: string) => ({ RuleID: 'aws-access-token', File: `f${i}.env`, Match: match });
    // The first leak alone is larger than the preview: its RuleID is read before the preview ends inside Match.
    const cut = JSON.stringify([leak(0, 'm'.repeat(2 * 1024 * 1024)), leak(1, 'x')]);
    // 20,000 small leaks: the preview ends after thousands of complete ones.
    const many = JSON.stringify(Array.from({ length: 20_000 }, (_, i) => leak(i, 'AKIA' + 'x'.repeat(60))));
    for (const [name, content, records] of [
      ['cut.json', cut, 2],
      ['many.json', many, 20_000],
    ] as const) {
      const file = readReportFile(fileWith(name, content), { streamThreshold: 1024 });
      expect(file).toMatchObject({ reader: 'gitleaks', streamed: true });
      expect(file.records).toHaveLength(records);
    }
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

describe('special files', () => {
  /** Runs `read` with a writer waiting to fill the FIFO, so a reader that opened it would read "[]", not hang. */
  function withFifo(name: string, read: (path: string) => void): void {
    const path = join(dir, name);
    execFileSync('mkfifo', [path]);
    const writer = spawn('sh', ['-c', `printf '[]' > "$0"`, path], { stdio: 'ignore' });
    try {
      read(path);
    } finally {
      writer.kill();
    }
  }

  it('refuses a FIFO instead of waiting for a writer forever, naming the file', () => {
    withFifo('fifo.json', (path) => {
      // Read once: a reader that opened the FIFO a second time would wait forever, its writer gone.
      const read = (() => {
        try {
          return readReportFile(path, { displayPath: 'out/fifo.json' });
        } catch (error) {
          return error;
        }
      })();
      expect(read).toBeInstanceOf(InputError);
      expect((read as Error).message).toMatch(
        /^out\/fifo\.json: the path is a FIFO \(named pipe\), not a regular file; only regular files are read/,
      );
    });
  });

  it('refuses a device and a socket, naming what they are', async () => {
    expect(() => readReportFile('/dev/zero', { displayPath: 'zero.json' })).toThrow(
      /^zero\.json: the path is a character device, not a regular file/,
    );
    const socket = join(dir, 'report.sock');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    try {
      expect(() => readReportFile(socket, { displayPath: 'report.sock' })).toThrow(
        /^report\.sock: the path is a socket, not a regular file/,
      );
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('reports that are not what they look like', () => {
  const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
  const trivyWith = (vulnerabilities: string) =>
    `{"SchemaVersion":2,"ArtifactName":".","ArtifactType":"filesystem","Results":[{"Target":"go.mod",` +
    `"Vulnerabilities":${vulnerabilities}}]}`;

  it('refuses deep nesting in a findings list the same way whole and streamed, naming the file and the depth', () => {
    for (const vulnerabilities of [`[${deep(100_000)}]`, `[{"VulnerabilityID":"CVE-1","References":${deep(5000)}}]`]) {
      const error = failure(trivyWith(vulnerabilities));
      expect(error.message).toMatch(
        /^out\/report\.json: the JSON nests objects and arrays more than 128 levels deep \(at byte \d+\); reports are read to that depth/,
      );
    }
    // Both ways name the same byte.
    const bytes = Buffer.from(trivyWith(`[${deep(1000)}]`));
    const messages = [undefined, 0].map((streamThreshold) => {
      try {
        readReportBytes(bytes, 'x.json', { streamThreshold });
      } catch (error) {
        return (error as Error).message;
      }
      return 'read';
    });
    expect(messages[1]).toBe(messages[0]);
  });

  it('reads nesting up to the limit', () => {
    const nested = `[{"VulnerabilityID":"CVE-1","References":${deep(128 - 5)}}]`;
    expect(readBothWays(JSON.parse(trivyWith(nested))).records).toHaveLength(1);
  });

  it.each([
    ['a Trivy finding that is a number', trivyWith('[1]'), '/Results/0/Vulnerabilities/0 is a number, where a finding'],
    ['a Trivy finding that is a list', trivyWith('[[]]'), '/Results/0/Vulnerabilities/0 is an array, where a finding'],
    [
      'a Trivy findings list that is a string',
      trivyWith('"none"'),
      '/Results/0/Vulnerabilities is a string, where a list of findings',
    ],
    [
      'a Trivy Result that is a string',
      '{"SchemaVersion":2,"Results":["go.mod"]}',
      '/Results/0 is a string, where a Trivy Result',
    ],
    ['a Bandit result that is null', JSON.stringify(banditReport([null])), '/results/0 is null, where a Bandit result'],
    ['a Gitleaks leak that is a number', JSON.stringify([gitleaksV8(), 7]), '/1 is a number, where a Gitleaks leak'],
    ['a SARIF run that is a list', JSON.stringify(sarifLog([[]])), '/runs/0 is an array, where a SARIF run'],
    [
      'SARIF results that are an object',
      JSON.stringify(sarifLog([{ tool: { driver: { name: 'x' } }, results: {} }])),
      '/runs/0/results is an object, where a list of SARIF results',
    ],
  ])('refuses %s instead of reading no findings, naming where it is', (_, content, problem) => {
    expect(failure(content).message).toContain(`out/report.json: ${problem}`);
    expect(failure(content).message).toContain('The report looks damaged');
  });

  it('reads a report after more than 1 MiB of leading whitespace, streamed as whole', () => {
    const doc = `${' \n'.repeat(600 * 1024)}${JSON.stringify(trivyReport([{ Target: 'go.mod', Vulnerabilities: [trivyVulnerability()] }]))}`;
    const whole = readReportBytes(Buffer.from(doc), 'ws.json');
    const streamed = readReportBytes(Buffer.from(doc), 'ws.json', { streamThreshold: 0 });
    expect(streamed.records).toHaveLength(1);
    expect({ ...streamed, streamed: false }).toEqual(whole);
  });

  it.each([
    ['UTF-16 (little-endian, without a byte order mark', Buffer.from('{"runs":[]}', 'utf16le')],
    ['UTF-16 (big-endian, without a byte order mark', Buffer.from('{"runs":[]}', 'utf16le').swap16()],
    ['UTF-32 (little-endian, with a byte order mark', Buffer.from([0xff, 0xfe, 0, 0, 0x7b, 0, 0, 0, 0x7d, 0, 0, 0])],
    ['UTF-32 (big-endian, without a byte order mark', Buffer.from([0, 0, 0, 0x7b, 0, 0, 0, 0x7d])],
  ])('names %s)', (encoding, bytes) => {
    const [name, detail] = encoding.split(' (');
    expect(failure(bytes).message).toMatch(
      new RegExp(`^out/report\\.json: the file is ${name} encoded \\(${detail!.replaceAll('-', '\\-')}[;)]`),
    );
  });

  it.each([
    ['sarif', { version: '2.1.0', runs: {} }, 'SARIF, but "runs" is an object, where SARIF has a list of runs'],
    ['sarif', { version: 2.1, runs: [] }, 'SARIF, but "version" is a number, where SARIF has a string ("2.1.0")'],
    ['bandit', { errors: [], metrics: {}, results: [] }, 'Bandit JSON, but it has no "generated_at"'],
  ] as const)('says what is wrong with a %s report it does not read: %j', (reader, doc, problem) => {
    const message = `out/report.json: the content looks like ${problem}`;
    expect(failure(JSON.stringify(doc)).message).toContain(message);
    expect(failure(JSON.stringify(doc), { reader }).message).toContain(message);
  });
});
