import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import MarkdownIt from 'markdown-it';
import { SUMMARY_LIMIT_BYTES, SummaryBuilder } from '../src/summary.js';
import { type FakeRunner, fakeRunner } from '@actions-kit/testkit';

// A CommonMark + GFM-tables renderer that lets raw HTML through, as GitHub does before sanitising: any markup that
// survived the escaping would show up as a tag here.
const markdown = new MarkdownIt({ html: true });

/** The text a reader sees: rendered, tags removed, entities decoded. */
function visibleText(md: string): string {
  return htmlText(markdown.render(md));
}

function htmlText(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

function tags(md: string): string[] {
  return [...markdown.render(md).matchAll(/<\/?([a-z0-9]+)/g)].map((match) => match[0]);
}

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');
const HOSTILE = ['::error::pwned', '%0A::add-mask::x', '</details><img src=x onerror=alert(1)>', '@org/team'];

describe('SummaryBuilder escaping', () => {
  it.each(HOSTILE)('renders %j as text in every block, with mentions broken', (text) => {
    const md = new SummaryBuilder()
      .heading(text)
      .paragraph(text)
      .table([text], [[text]])
      .list([text])
      .details(text, text)
      .toString();
    const expected = text.replace('@org', '@\u200borg');
    // seven places: heading, paragraph, table header, table cell, list item, details summary, details body
    expect(visibleText(md).split(expected)).toHaveLength(8);
    expect(tags(md)).not.toContain('<img');
    expect(tags(md).filter((tag) => tag === '</details')).toHaveLength(1);
    expect(md).not.toMatch(/@org/);
  });

  it('renders Markdown syntax in untrusted text literally', () => {
    const text = '**bold** [link](https://evil.test) `code` | pipe # not a heading';
    const md = new SummaryBuilder()
      .paragraph(text)
      .table(['a'], [[text]])
      .toString();
    expect(tags(md)).toEqual([
      '<p',
      '</p',
      '<table',
      '<thead',
      '<tr',
      '<th',
      '</th',
      '</tr',
      '</thead',
      '<tbody',
      '<tr',
      '<td',
      '</td',
      '</tr',
      '</tbody',
      '</table',
    ]);
    expect(visibleText(md).split(text)).toHaveLength(3);
  });

  it('builds the blocks GitHub renders: heading levels, tables with padded rows, lists, details around a builder', () => {
    const inner = new SummaryBuilder().table(['rule', 'count'], [['no-eval', '2'], ['no-any']]);
    const md = new SummaryBuilder()
      .heading('Quality gate', 1)
      .heading('Findings', 3)
      .list(['first\nsecond line', 'other'])
      .details('2 rules', inner)
      .raw('**trusted**')
      .toString();
    expect(md).toBe(
      [
        '# Quality gate',
        '',
        '### Findings',
        '',
        '- first<br>second line',
        '- other',
        '',
        '<details><summary>2 rules</summary>',
        '',
        '| rule | count |',
        '| --- | --- |',
        '| no-eval | 2 |',
        '| no-any |  |',
        '',
        '</details>',
        '',
        '**trusted**',
        '',
        '',
      ].join('\n'),
    );
    expect(tags(md)).toContain('<strong');
    expect(tags(md)).toContain('<table');
  });

  it('refuses a row with more cells than the header, which GitHub would drop silently', () => {
    expect(() => new SummaryBuilder().table(['a'], [['1', '2']])).toThrow(
      'summary table: a row has 2 cells but the header has 1',
    );
  });
});

describe('SummaryBuilder table cells', () => {
  /** The cells of each body row, as a reader sees them. */
  function bodyCells(md: string): string[][] {
    const html = markdown.render(md);
    const body = html.slice(html.indexOf('<tbody>'));
    return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
      [...row[1]!.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((cell) => htmlText(cell[1]!).trim()),
    );
  }

  it.each([
    ['a workflow command', '::error::pwned'],
    ['an encoded command', '%0A::add-mask::x'],
    ['HTML', '</td></tr><img src=x onerror=alert(1)>'],
    ['pipes', 'a | b || c \\| d'],
    ['Markdown', '**bold** [link](https://evil.test) `code` # not a heading'],
  ])('keeps %s in its cell as text, in plain and in linked cells', (_what, text) => {
    const md = new SummaryBuilder()
      .table(['text', 'link'], [[text, { text, href: 'https://example.test/x' }]])
      .toString();
    expect(bodyCells(md)).toEqual([[text, text]]);
    expect(tags(md)).not.toContain('<img');
    expect(md.split('\n').filter((line) => line.startsWith('|'))).toHaveLength(3);
    expect(md).not.toMatch(/^::/m);
  });

  it('breaks a cell with newlines into lines within the cell, never into a new row', () => {
    const md = new SummaryBuilder()
      .table(['a', 'b'], [['one\n| two |\r\nthree', { text: 'x\ny', href: 'https://example.test/' }]])
      .toString();
    expect(md).toContain('| one<br>\\| two \\|<br>three | [x<br>y](https://example.test/) |\n');
    expect(bodyCells(md)).toHaveLength(1);
  });

  it('links the text of a cell to an http(s) URL, percent-encoding what Markdown or the table would read', () => {
    const md = new SummaryBuilder()
      .table(
        ['file'],
        [
          [{ text: 'app/run.py:7', href: 'https://github.com/o/r/blob/abc/app/run.py#L7' }],
          [{ text: 'odd', href: 'http://example.test/a b/(c)|d"e\'f<g>`h`[i]?q=1&r=2' }],
        ],
      )
      .toString();
    expect(md).toContain('| [app/run.py:7](https://github.com/o/r/blob/abc/app/run.py#L7) |\n');
    expect(md).toContain('| [odd](http://example.test/a%20b/%28c%29%7Cd%22e%27f%3Cg%3E%60h%60%5Bi%5D?q=1&r=2) |\n');
    const links = [...markdown.render(md).matchAll(/<a href="([^"]*)">([^<]*)<\/a>/g)].map((m) => [m[1], m[2]]);
    expect(links).toEqual([
      ['https://github.com/o/r/blob/abc/app/run.py#L7', 'app/run.py:7'],
      ['http://example.test/a%20b/%28c%29%7Cd%22e%27f%3Cg%3E%60h%60%5Bi%5D?q=1&amp;r=2', 'odd'],
    ]);
    expect(bodyCells(md)).toEqual([['app/run.py:7'], ['odd']]);
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'java\nscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'app/run.py',
    '//evil.test/x',
    '',
  ])('shows the text without a link for the href %j', (href) => {
    const md = new SummaryBuilder().table(['file'], [[{ text: 'click [me](javascript:alert(2))', href }]]).toString();
    expect(md).toBe('| file |\n| --- |\n| click \\[me\\](javascript:alert(2)) |\n\n');
    expect(tags(md)).not.toContain('<a');
  });

  it('shows the text alone for a cell without an href', () => {
    expect(new SummaryBuilder().table(['a'], [[{ text: 'plain', href: undefined }]]).toString()).toBe(
      '| a |\n| --- |\n| plain |\n\n',
    );
  });
});

describe('SummaryBuilder limit', () => {
  it('keeps a summary under the limit as it is, and adds nothing for an empty paragraph or list', () => {
    const md = new SummaryBuilder({ limitBytes: 100 }).paragraph('short').paragraph('').list([]).toString();
    expect(md).toBe('short\n\n');
  });

  it('never exceeds 1 MiB, cuts multi-byte text on a character boundary and says what was left out', () => {
    const builder = new SummaryBuilder().heading('Report');
    const paragraph = '€ ü 😀 漢字 '.repeat(5_000); // 3-, 2-, 4- and 3-byte characters
    for (let i = 0; i < 12; i++) builder.paragraph(paragraph);
    const total = bytes('## Report\n\n') + 12 * bytes(`${paragraph}\n\n`);
    expect(total).toBeGreaterThan(SUMMARY_LIMIT_BYTES);

    const md = builder.toString();
    expect(bytes(md)).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES);
    expect(Buffer.from(md, 'utf8').toString('utf8')).toBe(md); // no broken sequence
    expect(md).not.toContain('\ufffd');
    const note = /\n> Summary truncated: (\d+) bytes left out \(GitHub's limit is 1 MiB per step\)\.\n$/.exec(md);
    expect(note).not.toBeNull();
    const kept = md.slice(0, md.length - (note?.[0].length ?? 0) + 1);
    expect(Number(note?.[1])).toBe(total - bytes(kept));
    // all but the last bytes are used: the cut is inside a paragraph, not at the previous block
    expect(SUMMARY_LIMIT_BYTES - bytes(md)).toBeLessThan(8);
  });

  it('closes a details section it has to cut, and cuts a table between rows', () => {
    const rows = Array.from({ length: 50 }, (_, i) => [`row ${i}`, 'ö'.repeat(20)]);
    const body = new SummaryBuilder().paragraph('intro').table(['name', 'value'], rows);
    const md = new SummaryBuilder({ limitBytes: 900 }).details('50 findings', body).toString();
    expect(bytes(md)).toBeLessThanOrEqual(900);
    expect(md).toMatch(
      /\| row \d+ \| ö{20} \|\n\n<\/details>\n\n> Summary truncated: \d+ bytes left out \(the limit is 900 bytes per step\)\.\n$/,
    );
    expect(tags(md).filter((tag) => tag === '<details')).toHaveLength(1);
    expect(tags(md).filter((tag) => tag === '</details')).toHaveLength(1);
  });

  it('cuts a table at a whole row and says how many rows were left out when asked to', () => {
    const rows = Array.from({ length: 40 }, (_, i) => [`row ${i}`, { text: `file ${i}`, href: `https://x.test/${i}` }]);
    const builder = (): SummaryBuilder =>
      new SummaryBuilder({ limitBytes: 700 }).paragraph('intro').table(['name', 'where'], rows, { moreRowsNote: true });
    const md = builder().toString();
    expect(bytes(md)).toBeLessThanOrEqual(700);
    const shown = md.split('\n').filter((line) => /^\| row \d+ \|/.test(line));
    expect(shown.length).toBeGreaterThan(5);
    expect(shown.at(-1)).toBe(
      `| row ${shown.length - 1} | [file ${shown.length - 1}](https://x.test/${shown.length - 1}) |`,
    );
    expect(md).toContain(`|\n\n…and ${40 - shown.length} more rows\n\n> Summary truncated: `);
    expect(visibleText(md)).toContain(`…and ${40 - shown.length} more rows`);
    // As many rows as fit beside the note: one more would not.
    const rowBytes = bytes(`| row ${shown.length} | [file ${shown.length}](https://x.test/${shown.length}) |\n`);
    expect(bytes(md) + rowBytes).toBeGreaterThan(700);
  });

  it('says nothing about rows of a table that fits, nor of a cut table without moreRowsNote', () => {
    const rows = [['a'], ['b']];
    expect(new SummaryBuilder().table(['x'], rows, { moreRowsNote: true }).toString()).toBe(
      '| x |\n| --- |\n| a |\n| b |\n\n',
    );
    const cut = new SummaryBuilder({ limitBytes: 120 }).table(['x'], Array<string[]>(20).fill(['row']));
    expect(cut.toString()).not.toContain('more row');
  });

  it('drops a raw block whole rather than cut its markup', () => {
    const raw = `<details><summary>trusted</summary>\n\n${'x'.repeat(500)}\n\n</details>`;
    const md = new SummaryBuilder({ limitBytes: 300 }).paragraph('kept').raw(raw).toString();
    expect(md).toBe(
      `kept\n\n> Summary truncated: ${bytes(raw) + 2} bytes left out (the limit is 300 bytes per step).\n`,
    );
  });
});

describe('SummaryBuilder.write', () => {
  let runner: FakeRunner;
  beforeEach(() => {
    runner = fakeRunner();
  });
  afterEach(() => runner.restore());

  it('appends to GITHUB_STEP_SUMMARY and empties the builder', async () => {
    writeFileSync(process.env['GITHUB_STEP_SUMMARY'] ?? '', 'earlier step output\n');
    const builder = new SummaryBuilder().heading('Health check').paragraph('3/3 probes passed');
    await builder.write();
    await builder.write();
    expect(runner.file('STEP_SUMMARY')).toBe('earlier step output\n## Health check\n\n3/3 probes passed\n\n');
  });

  it('counts what the file already holds against the limit', async () => {
    writeFileSync(process.env['GITHUB_STEP_SUMMARY'] ?? '', 'x'.repeat(150));
    await new SummaryBuilder({ limitBytes: 300 }).paragraph('y'.repeat(200)).write();
    const written = runner.file('STEP_SUMMARY');
    expect(bytes(written)).toBeLessThanOrEqual(300);
    expect(written).toMatch(/^x{150}y+\n\n> Summary truncated: \d+ bytes left out/);
  });

  it('warns instead of writing when the file is already full', async () => {
    writeFileSync(process.env['GITHUB_STEP_SUMMARY'] ?? '', 'x'.repeat(300));
    await new SummaryBuilder({ limitBytes: 300 }).paragraph('more').write();
    expect(runner.file('STEP_SUMMARY')).toBe('x'.repeat(300));
    expect(runner.stdout()).toBe(
      '::warning::job summary not written: it already holds 300 bytes of the 300 allowed per step\n',
    );
  });

  it('only logs a debug line when GITHUB_STEP_SUMMARY is not set', async () => {
    delete process.env['GITHUB_STEP_SUMMARY'];
    await new SummaryBuilder().paragraph('text').write();
    expect(runner.stdout()).toBe('::debug::GITHUB_STEP_SUMMARY is not set; the job summary is not written\n');
  });
});
