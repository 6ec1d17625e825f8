// The comment's text: marker first, the summary cut within GitHub's limit with a visible note, the footer kept.
import { describe, expect, it } from '@jest/globals';
import { SummaryBuilder } from '@actions-kit/core';
import { COMMENT_LIMIT_CHARS, commentBody } from '../src/comment-body.js';
import { stickyMarker } from '../src/marker.js';

const marker = stickyMarker('security-scan', '');
const footer = 'Posted by security-scan for commit a1b2c3d; updated on each push.';

/** A summary like security-scan's with `rows` findings, each row ~120 characters with non-ASCII text. */
function summaryWithRows(rows: number): SummaryBuilder {
  return new SummaryBuilder()
    .raw('## Security scan: ❌ failed')
    .paragraph('3 open findings at or above high.')
    .table(
      ['Severity', 'Finding', 'Where'],
      Array.from({ length: rows }, (_, i) => [
        'high',
        `CVE-2024-${i}: prototype pollution in lödash ✓`,
        `src/file-${i}.ts:${i}`,
      ]),
      { moreRowsNote: true },
    )
    .paragraph('Files read: out/trivy.json.');
}

describe('commentBody', () => {
  it('is the marker line, the summary as the step writes it, and the footer', () => {
    const summary = summaryWithRows(2);
    const body = commentBody({ marker, summary, footer });
    expect(body).toBe(`${marker}\n${summary.toString().replace(/\n+$/, '\n')}\n---\n${footer}\n`);
  });

  it('leaves the summary it posts as it was, for the step summary written after it', () => {
    const summary = summaryWithRows(3);
    const before = summary.toString();
    commentBody({ marker, summary, footer, limitChars: 400 });
    expect(summary.toString()).toBe(before);
  });

  it("cuts a summary over GitHub's 65,536 characters between table rows, says so, and keeps marker and footer", () => {
    const body = commentBody({ marker, summary: summaryWithRows(5_000), footer });
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT_CHARS);
    // Cut in UTF-8 bytes: each row's 'ö' and '✓' take 5 bytes for 2 characters, so a little room is left unused.
    expect(body.length).toBeGreaterThan(COMMENT_LIMIT_CHARS * 0.95);
    expect(body.startsWith(`${marker}\n## Security scan: ❌ failed\n`)).toBe(true);
    expect(body.endsWith(`\n---\n${footer}\n`)).toBe(true);
    expect(body).toMatch(/…and [\d,]+ more rows\n/);
    expect(body).toMatch(
      /> Summary truncated: \d+ bytes left out \(GitHub's limit is 65,536 characters per comment\)\.\n/,
    );
    // Every table line that was kept is whole: it starts and ends with a cell border.
    const tableLines = body.split('\n').filter((line) => line.startsWith('|'));
    expect(tableLines.length).toBeGreaterThan(100);
    for (const line of tableLines) expect(line.endsWith('|')).toBe(true);
    expect(body).not.toContain('Files read');
  });

  it('names a smaller limit in its note', () => {
    const body = commentBody({ marker, summary: summaryWithRows(50), footer, limitChars: 2_000 });
    expect(body.length).toBeLessThanOrEqual(2_000);
    expect(body).toContain('(the limit is 2,000 characters per comment)');
  });
});
