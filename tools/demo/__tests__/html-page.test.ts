// The page renders job summaries as GitHub does (GFM tables, details, task lists, Mermaid as source) and keeps
// nothing a hostile report could have put in them that would run or leave the page.
import { describe, expect, it } from '@jest/globals';
import { renderPage, renderSummary } from '../src/html-page.js';

describe('renderSummary', () => {
  it('renders GitHub Flavored Markdown: headings, tables with alignment, details, task lists, strikethrough', () => {
    const html = renderSummary(
      [
        '## Gate: ✅ passed',
        '',
        '| metric | value |',
        '| :--- | ---: |',
        '| lines | 98% |',
        '',
        '<details><summary>3 files</summary>',
        '',
        '- [x] done',
        '- [ ] open',
        '',
        '</details>',
        '',
        '~~gone~~',
      ].join('\n'),
    );
    expect(html).toContain('<h2>Gate: ✅ passed</h2>');
    expect(html).toContain('<th align="left">metric</th>');
    expect(html).toContain('<td align="right">98%</td>');
    expect(html).toContain('<details><summary>3 files</summary>');
    expect(html).toContain('<li><input checked disabled type="checkbox" /> done</li>');
    expect(html).toContain('<li><input disabled type="checkbox" /> open</li>');
    expect(html).toContain('<del>gone</del>');
  });

  it('shows a Mermaid block as its source, said so, instead of drawing it', () => {
    const html = renderSummary('```mermaid\nxychart-beta\n  title "a<b"\n```\n');
    expect(html).toContain('<figure class="mermaid"><figcaption>A Mermaid diagram: GitHub draws it');
    expect(html).toContain('<code class="language-mermaid">xychart-beta\n  title "a&lt;b"</code></pre></figure>');
  });

  it('drops scripts, event handlers, styles, forms and javascript: links that a report put in a summary', () => {
    const html = renderSummary(
      [
        '<script>alert(1)</script>',
        '<img src="x" onerror="alert(2)">',
        '<a href="javascript:alert(3)">click</a>',
        '[md](javascript:alert(4))',
        '<p style="position:fixed">styled</p>',
        '<iframe src="https://example.com"></iframe>',
        '<form action="https://example.com"><input type="text" name="q"></form>',
      ].join('\n\n'),
    );
    expect(html).not.toMatch(/script|onerror|javascript:|style=|iframe|<form|type="text"/i);
    expect(html).toContain('click');
    expect(html).toContain('styled');
  });
});

describe('renderPage', () => {
  it("groups steps by job, marks each step's outcome and escapes names and run: step logs", () => {
    const page = renderPage({
      title: 'demo <1>',
      recap: ['✅ tests <ok>'],
      steps: [
        {
          job: 'quality',
          name: 'tests',
          outcome: 'success',
          durationMs: 1200,
          outputs: {},
          summary: '',
          log: '<b>7 passed</b>',
        },
        {
          job: 'deploy',
          name: 'switch',
          action: 'blue-green-switch',
          outcome: 'failure',
          durationMs: 50,
          outputs: {},
          summary: '# Switched',
        },
      ],
    });
    expect(page).toContain('<title>demo &#60;1&#62;</title>');
    expect(page).toContain('Content-Security-Policy" content="default-src \'none\'');
    expect(page).toContain('<pre class="recap">✅ tests &#60;ok&#62;</pre>');
    expect(page).toContain('<h2>quality</h2>');
    expect(page).toContain('<pre class="log">&#60;b&#62;7 passed&#60;/b&#62;</pre>');
    expect(page).toContain(
      '<h3>❌ switch <span class="action">blue-green-switch</span> <span class="time">0.1 s</span></h3>',
    );
    expect(page).toContain('<h1>Switched</h1>');
    expect(page.indexOf('<h2>quality</h2>')).toBeLessThan(page.indexOf('<h2>deploy</h2>'));
  });
});
