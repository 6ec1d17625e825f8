import { describe, expect, it } from '@jest/globals';
import { describeDrift, parsePorcelain, truncateDiff } from '../src/dist-drift.js';

describe('parsePorcelain', () => {
  it('reads status codes and paths, including untracked files', () => {
    expect(parsePorcelain(' M actions/a/dist/index.js\n?? actions/b/dist/index.js\n')).toEqual([
      { status: ' M', file: 'actions/a/dist/index.js' },
      { status: '??', file: 'actions/b/dist/index.js' },
    ]);
    expect(parsePorcelain('')).toEqual([]);
  });
});

describe('truncateDiff', () => {
  it('cuts long lines and counts the lines left out', () => {
    const diff = ['+' + 'x'.repeat(50), 'b', 'c', 'd'].join('\n') + '\n';
    expect(truncateDiff(diff, { maxLines: 2, maxLineChars: 10 }).split('\n')).toEqual([
      '+xxxxxxxxx… (41 more characters)',
      'b',
      "… 2 more lines: run 'git diff' after 'pnpm build' to see them all",
    ]);
  });

  it('leaves a short diff untouched', () => {
    expect(truncateDiff('a\nb\n', { maxLines: 5, maxLineChars: 10 })).toBe('a\nb');
  });
});

describe('describeDrift', () => {
  it('passes when git sees no change', () => {
    const report = describeDrift(['actions/a/dist'], [], '');
    expect(report.ok).toBe(true);
    expect(report.text).toBe('dist-check: 1 dist folder(s) match a fresh build.');
  });

  it('fails listing each file, the diff and the fix, in the log and the summary', () => {
    const changes = parsePorcelain(' M actions/a/dist/index.js\n?? actions/a/dist/new.js\n');
    const report = describeDrift(['actions/a/dist'], changes, '-old\n+new ```\n');
    expect(report.ok).toBe(false);
    expect(report.text).toContain('  ?? actions/a/dist/new.js');
    expect(report.text).toContain('+new ```');
    expect(report.text).toMatch(/Fix: run 'pnpm build' and commit/);
    expect(report.summary).toContain('- ` M actions/a/dist/index.js`');
    // The diff contains a triple backtick, so the fence must be longer to keep it inside the block.
    expect(report.summary).toContain('````diff\n-old\n+new ```\n````');
  });

  it('leaves the diff block out when only untracked files differ', () => {
    const report = describeDrift(['actions/a/dist'], parsePorcelain('?? actions/a/dist/index.js\n'), '');
    expect(report.summary).not.toContain('<details>');
  });
});
