import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createPeakRssProbe, parseKibibytes } from '../src/peak-rss.js';

describe('parseKibibytes', () => {
  it('reads the figure GNU time writes, also after its note about a failed command', () => {
    expect(parseKibibytes('45312\n', 'rss.txt')).toBe(45312);
    expect(parseKibibytes('Command exited with non-zero status 1\n45312\n', 'rss.txt')).toBe(45312);
  });

  it('names the file and the text when there is no figure', () => {
    expect(() => parseKibibytes('', 'rss.txt')).toThrow("rss.txt: expected a peak RSS in KiB, got ''");
  });
});

describe('createPeakRssProbe on a real node process', () => {
  let scratch = '';
  beforeEach(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'peak-rss-'));
  });
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  // Allocating ~64 MiB must show in the figure, whichever way it is read.
  const script = 'globalThis.keep = Buffer.alloc(64 * 1024 * 1024, 1)';
  function peakOf(gnuTime: string): { method: string; kib: number } {
    const probe = createPeakRssProbe(process.execPath, scratch, 'test', gnuTime);
    const run = spawnSync(probe.nodePath, ['-e', script], { env: { ...process.env, ...probe.env } });
    expect(run.status).toBe(0);
    return { method: probe.method, kib: probe.read() };
  }

  it('records maxRSS from a preload when GNU time is absent', () => {
    const { method, kib } = peakOf(path.join(scratch, 'no-such-time'));
    expect(method).toMatch(/resourceUsage/);
    expect(kib).toBeGreaterThan(64 * 1024);
  });

  // GNU time is a Debian package ('time'); where it is missing the preload above is what the benchmark uses.
  (existsSync('/usr/bin/time') ? it : it.skip)('reads GNU time when it is there', () => {
    const { method, kib } = peakOf('/usr/bin/time');
    expect(method).toBe('/usr/bin/time -f %M');
    expect(kib).toBeGreaterThan(64 * 1024);
  });

  it('fails clearly when no run reported', () => {
    const probe = createPeakRssProbe(process.execPath, scratch, 'idle', path.join(scratch, 'no-such-time'));
    expect(() => probe.read()).toThrow(/wrote no .*peak-rss-idle\.txt/);
  });
});
