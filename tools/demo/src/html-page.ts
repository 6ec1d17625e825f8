// The demo's one HTML page: the recap, then every job's steps with the job summary each wrote, rendered as GitHub's
// job page renders it (GitHub Flavored Markdown: tables, <details>, task lists, autolinks) and sanitized as GitHub
// sanitizes it, since summaries carry text from reports and HTTP bodies. A Content-Security-Policy that allows no
// script backs the sanitizer up. Mermaid blocks are shown as their source: GitHub draws them, this page does not.
import { Marked, type Tokens } from 'marked';
import sanitizeHtml from 'sanitize-html';
import type { StepRecord } from './action-steps.js';

/** What GitHub keeps of a summary's HTML (its html-pipeline sanitization allowlist, the part Markdown produces). */
const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'p',
    'br',
    'hr',
    'div',
    'span',
    'b',
    'i',
    'strong',
    'em',
    'del',
    's',
    'sup',
    'sub',
    'kbd',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'dl',
    'dt',
    'dd',
    'table',
    'thead',
    'tbody',
    'tfoot',
    'tr',
    'th',
    'td',
    'details',
    'summary',
    'a',
    'img',
    'input',
    'figure',
    'figcaption',
  ],
  allowedAttributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    th: ['align'],
    td: ['align'],
    input: ['type', 'checked', 'disabled'],
    details: ['open'],
    code: ['class'],
    figure: ['class'],
    ol: ['start'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https', 'data'] },
  allowedClasses: { code: [/^language-[\w-]+$/], figure: ['mermaid'] },
  // Task list items are disabled checkboxes; anything else an input could be is dropped.
  exclusiveFilter: (frame) => frame.tag === 'input' && frame.attribs['type'] !== 'checkbox',
  transformTags: { input: (tagName, attribs) => ({ tagName, attribs: { ...attribs, disabled: '' } }) },
};

const markdown = new Marked({ gfm: true }).use({
  renderer: {
    code(token: Tokens.Code): string | false {
      if (token.lang?.trim() !== 'mermaid') return false;
      return (
        '<figure class="mermaid"><figcaption>A Mermaid diagram: GitHub draws it; this page shows its source.' +
        `</figcaption><pre><code class="language-mermaid">${escapeHtml(token.text)}</code></pre></figure>\n`
      );
    },
  },
});

/** A job summary's Markdown as GitHub shows it, sanitized. */
export function renderSummary(summary: string): string {
  return sanitizeHtml(markdown.parse(summary, { async: false }), SANITIZE);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

export interface PageContent {
  title: string;
  /** The terminal recap's lines: what ran on what, each stage, the users' requests, the verdict. */
  recap: string[];
  steps: readonly StepRecord[];
}

const MARKS: Record<StepRecord['outcome'], string> = { success: '✅', failure: '❌', cancelled: '⊘' };

function stepSection(step: StepRecord): string {
  const seconds = (step.durationMs / 1000).toFixed(1);
  const action = step.action ? ` <span class="action">${escapeHtml(step.action)}</span>` : '';
  const body =
    step.summary.trim() !== ''
      ? `<div class="summary">${renderSummary(step.summary)}</div>`
      : step.log
        ? `<pre class="log">${escapeHtml(step.log)}</pre>`
        : '<p class="empty">No job summary.</p>';
  return (
    `<section class="step ${step.outcome}"><h3>${MARKS[step.outcome]} ${escapeHtml(step.name)}${action}` +
    ` <span class="time">${seconds} s</span></h3>${body}</section>`
  );
}

export function renderPage(content: PageContent): string {
  const jobs = new Map<string, StepRecord[]>();
  for (const step of content.steps) jobs.set(step.job, [...(jobs.get(step.job) ?? []), step]);
  const sections = [...jobs].map(([job, steps]) => `<h2>${escapeHtml(job)}</h2>\n${steps.map(stepSection).join('\n')}`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data: https:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(content.title)}</title>
<style>
body { font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif;
  color: #1f2328; max-width: 1012px; margin: 24px auto; padding: 0 16px; }
pre, code { font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, monospace; font-size: 12px; }
pre { background: #f6f8fa; padding: 12px; border-radius: 6px; overflow: auto; }
pre.recap { background: #fff; border: 1px solid #d1d9e0; }
:not(pre) > code { background: #eff1f3; padding: 0.2em 0.4em; border-radius: 6px; }
table { border-collapse: collapse; margin: 8px 0; display: block; overflow: auto; }
th, td { border: 1px solid #d1d9e0; padding: 6px 13px; }
tr:nth-child(2n) { background: #f6f8fa; }
h2 { border-bottom: 1px solid #d1d9e0; padding-bottom: 0.3em; margin-top: 32px; }
section.step { border: 1px solid #d1d9e0; border-radius: 6px; margin: 12px 0; padding: 0 16px 8px; }
section.step.failure { border-color: #cf222e; }
section.step > h3 { font-size: 14px; margin: 12px 0; }
.action { font-weight: normal; color: #59636e; } .time { float: right; font-weight: normal; color: #59636e; }
.empty { color: #59636e; } figure.mermaid { margin: 8px 0; } figcaption { color: #59636e; font-size: 12px; }
details summary { cursor: pointer; } ul.contains-task-list { list-style: none; padding-left: 1em; }
</style>
</head>
<body>
<h1>${escapeHtml(content.title)}</h1>
<pre class="recap">${escapeHtml(content.recap.join('\n'))}</pre>
${sections.join('\n')}
</body>
</html>
`;
}
