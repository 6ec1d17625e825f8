// Resolving the `reports` lines: globs, tool prefixes, exclusions, and the errors a user sees.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ConfigurationError } from '@actions-kit/core';
import { displayPath, resolveReportSources } from '../src/report-sources.js';
import { tempWorkspace, type TempWorkspace } from './temp-workspace.js';

let ws: TempWorkspace;
beforeEach(() => {
  ws = tempWorkspace();
  ws.write('out/trivy-fs.json', '{}');
  ws.write('out/trivy-image.json', '{}');
  ws.write('out/bandit.sarif', '{}');
});
afterEach(() => ws.remove());

const resolve = (lines: string[], options: { allowMissing?: boolean; exclude?: string[] } = {}) =>
  resolveReportSources(lines, ws.dir, { allowMissing: options.allowMissing ?? false, exclude: options.exclude ?? [] });

describe('resolveReportSources', () => {
  it('resolves globs and plain paths from the workspace, sorted, with the forced reader of a tool: prefix', async () => {
    const { sources } = await resolve(['trivy:out/trivy-*.json', 'out/bandit.sarif']);
    expect(sources).toEqual([
      { file: path.join(ws.dir, 'out/bandit.sarif'), displayPath: 'out/bandit.sarif' },
      { file: path.join(ws.dir, 'out/trivy-fs.json'), displayPath: 'out/trivy-fs.json', reader: 'trivy' },
      { file: path.join(ws.dir, 'out/trivy-image.json'), displayPath: 'out/trivy-image.json', reader: 'trivy' },
    ]);
  });

  it('applies ! exclusions to every line', async () => {
    const { sources } = await resolve(['out/*', '!out/trivy-image.json']);
    expect(sources.map((s) => s.displayPath)).toEqual(['out/bandit.sarif', 'out/trivy-fs.json']);
  });

  it('lists a file matched twice once, keeping the forced reader', async () => {
    const { sources } = await resolve(['out/*.json', 'trivy:out/trivy-fs.json']);
    expect(sources.filter((s) => s.displayPath === 'out/trivy-fs.json')).toEqual([
      { file: path.join(ws.dir, 'out/trivy-fs.json'), displayPath: 'out/trivy-fs.json', reader: 'trivy' },
    ]);
  });

  it('refuses a file forced to two different readers', async () => {
    await expect(resolve(['trivy:out/*.json', 'sarif:out/trivy-fs.json'])).rejects.toThrow(
      "reports: out/trivy-fs.json is matched with both 'trivy:' and 'sarif:'; keep one prefix for it",
    );
  });

  it.each(['out/semgrep-*.sarif', 'out/missing.json'])(
    'fails on a pattern matching nothing (%s), naming it and the directory',
    async (pattern) => {
      const error = await resolve(['out/bandit.sarif', pattern]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as Error).message).toBe(
        `reports: no file matches '${pattern}' (checked from ${ws.dir}); fix the pattern or the path`,
      );
    },
  );

  it('explains a prefix that is not a tool name', async () => {
    await expect(resolve(['codeql:out/*.sarif'])).rejects.toThrow(
      "'codeql:' is not a tool prefix (known: sarif:, trivy:, bandit:, semgrep:, trufflehog3:, gitleaks:, trufflehog:, " +
        'pip-audit:, safety:, npm-audit:, osv-scanner:); SARIF from any tool needs no prefix',
    );
  });

  it('with allowMissing, returns the patterns that matched nothing instead of failing', async () => {
    const result = await resolve(['out/bandit.sarif', 'out/semgrep-*.sarif', 'out/missing.json'], {
      allowMissing: true,
    });
    expect(result.sources.map((s) => s.displayPath)).toEqual(['out/bandit.sarif']);
    expect(result.unmatched).toEqual(['out/semgrep-*.sarif', 'out/missing.json']);
  });

  it("skips the action's own outputs and baseline when a glob matches them", async () => {
    const result = await resolve(['out/*'], { exclude: [path.join(ws.dir, 'out/bandit.sarif')] });
    expect(result.sources.map((s) => s.displayPath)).toEqual(['out/trivy-fs.json', 'out/trivy-image.json']);
    expect(result.skipped).toEqual(['out/bandit.sarif']);
  });

  it('reads a plain path naming a directory as every file below it, as @actions/glob does', async () => {
    const { sources } = await resolve(['out']);
    expect(sources.map((s) => s.displayPath)).toEqual([
      'out/bandit.sarif',
      'out/trivy-fs.json',
      'out/trivy-image.json',
    ]);
  });

  it('refuses a list of exclusions only', async () => {
    await expect(resolve(['!out/*'])).rejects.toThrow("reports: every line starts with '!'");
  });
});

describe('displayPath', () => {
  it('is relative with / inside the workspace and absolute outside it', () => {
    expect(displayPath(path.join(ws.dir, 'a', 'b.json'), ws.dir)).toBe('a/b.json');
    expect(displayPath(path.join(path.dirname(ws.dir), 'elsewhere.json'), ws.dir)).toBe(
      path.join(path.dirname(ws.dir), 'elsewhere.json'),
    );
  });
});
