import { describe, expect, it } from '@jest/globals';
import MarkdownIt from 'markdown-it';
import { HOSTILE_SAMPLES, PROPERTY_RUN, hostileText } from '@actions-kit/testkit/hostile-inputs';
import { INJECTIONS, fc } from '@actions-kit/testkit/fuzz';
import { own, plainText, renderText } from '../src/markdown-text.js';
import { SummaryBuilder } from '../src/summary.js';

// Raw HTML let through, as GitHub's renderer does before sanitising: markup that survived would show as a tag.
const markdown = new MarkdownIt({ html: true });

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&amp;': '&' };

/** What a reader sees of rendered HTML, whitespace folded as the browser folds it. */
function visible(html: string): string {
  return fold(html.replace(/<[^>]*>/g, ' ').replace(/&(?:lt|gt|quot|#39|amp);/g, (e) => ENTITIES[e] ?? e));
}

/** Whitespace folded; the zero-width space that breaks a mention and the NUL markdown-it replaces, as rendered. */
const fold = (text: string): string =>
  text
    .replace(/\u200b/g, '')
    .replaceAll('\u0000', '\ufffd')
    .replace(/\s+/g, ' ')
    .trim();

const tagsOf = (html: string): string[] => [...html.matchAll(/<\/?([a-z0-9]+)/g)].map((m) => m[1]!);

describe('own`…`', () => {
  it('keeps the action’s own Markdown as it is and escapes only the values, for where each lands', () => {
    const text = own`**Failed**: ${'2'} findings in ${'a_b/*.py'}, see ${'[x](javascript:1)'}.`;
    expect(renderText(text, 'text')).toBe('**Failed**: 2 findings in a_b/\\*.py, see \\[x\\](javascript:1).');
    expect(plainText(text)).toBe('**Failed**: 2 findings in a_b/*.py, see [x](javascript:1).');
  });

  it('escapes a value that starts a line as a line start, and one inside a sentence as running text', () => {
    expect(renderText(own`${'# a'} and ${'# b'}\n${'- c'}`, 'text')).toBe('\\# a and # b\n\\- c');
  });

  it('nests, takes numbers, and keeps table cells and <summary> lines on one line', () => {
    const inner = own`*${'x|y'}*`;
    expect(renderText(own`${3} ${inner}`, 'cell', false)).toBe('3 *x\\|y*');
    expect(renderText(own`a\nb ${'c\nd'}`, 'cell', false)).toBe('a<br>b c<br>d');
    expect(renderText(own`<b>${'<i>'}</b>`, 'html')).toBe('<b>&lt;i&gt;</b>');
  });

  it('is what every SummaryBuilder block takes, beside plain (untrusted) strings', () => {
    const out = new SummaryBuilder()
      .heading(own`Scan: ${'C#'} #`)
      .paragraph(own`**${'1 high'}** in ${'app.py:7'}`)
      .table([own`**Rule**`, 'Where'], [[own`*${'B105'}*`, { text: own`${'a.py'}:1`, href: 'https://x.test/a' }]])
      .list([own`_${'note'}_`, '- item'])
      .details(own`<b>${'2'}</b> more`, own`**${'body'}**`)
      .toString();
    expect(out).toBe(
      [
        '## Scan: C# \\#',
        '',
        '**1 high** in app.py:7',
        '',
        '| **Rule** | Where |',
        '| --- | --- |',
        '| *B105* | [a.py:1](https://x.test/a) |',
        '',
        '- _note_',
        '- \\- item',
        '',
        '<details><summary><b>2</b> more</summary>',
        '',
        '**body**',
        '',
        '</details>',
        '',
        '',
      ].join('\n'),
    );
  });
});

const BLOCK_TAGS = new Set([
  'h2',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'ul',
  'li',
  'br',
  'details',
  'summary',
  'p',
]);

describe('untrusted values render as themselves (property)', () => {
  const samples = [
    ...HOSTILE_SAMPLES,
    ...INJECTIONS,
    '**b**',
    '*i*',
    '`c`',
    '_a_',
    '~~s~~',
    '$x$',
    '1. a',
    '---',
    '<br>',
    '&amp;',
  ];
  const value = fc.oneof(fc.constantFrom(...samples), hostileText());

  it('in a paragraph of the action’s own words: the same visible text, and no markup but the paragraph', () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        const html = markdown.render(new SummaryBuilder().paragraph(own`Found ${a} in ${b} today.`).toString());
        expect(visible(html)).toBe(fold(`Found ${a} in ${b} today.`));
        // A line break may be a hard break; nothing else is markup.
        expect(tagsOf(html).filter((tag) => tag !== 'p' && tag !== 'br')).toEqual([]);
      }),
      PROPERTY_RUN,
    );
  });

  it('in a table cell, a list item, a heading and a <summary> line: one row, one item, one line each', () => {
    fc.assert(
      fc.property(value, (a) => {
        const html = markdown.render(
          new SummaryBuilder()
            .heading(own`Title ${a}`)
            .table(['Column'], [[a], [own`x ${a} y`]])
            .list([a, own`${a} z`])
            .details(own`Sum ${a}`, 'body')
            .toString(),
        );
        const expected = fold(`Title ${a} Column ${a} x ${a} y ${a} ${a} z Sum ${a} body`);
        expect(visible(html)).toBe(expected);
        expect(tagsOf(html).filter((tag) => !BLOCK_TAGS.has(tag))).toEqual([]);
        expect(html.match(/<tr>/g)).toHaveLength(3);
        expect(html.match(/<li>/g)).toHaveLength(2);
      }),
      PROPERTY_RUN,
    );
  });
});
