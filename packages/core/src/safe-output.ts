// Keeps text from outside (report fields, HTTP bodies, command output) from acting as a workflow command,
// Markdown, HTML or an @mention wherever this package writes it.
import { randomUUID } from 'node:crypto';
import { EOL } from 'node:os';

/**
 * Prints text from outside to the log with workflow commands switched off around it. The token is fresh for
 * every call, so the text cannot know it in advance and end the pause early.
 */
export function printUntrusted(text: string): void {
  let token = randomUUID();
  while (text.includes(token)) token = randomUUID(); // cannot happen by chance; guards against a replayed token
  const body = text.endsWith('\n') ? text : `${text}${EOL}`;
  // One write, so nothing else can be printed between the pause and its end.
  process.stdout.write(`::stop-commands::${token}${EOL}${body}::${token}::${EOL}`);
}

/**
 * The runner reads a command from `::` at the start of a line (after spaces) and from the legacy `##[` anywhere in
 * it, and splits lines at CR and LF. A line free of all of these is printed as it is, to keep the log plain.
 */
export function mayBeReadAsCommand(line: string): boolean {
  return /[\r\n]|##\[/.test(line) || line.trimStart().startsWith('::');
}

/**
 * A progress line that may quote text from outside (a server name, the start of a body): printed plainly when the
 * runner cannot take it for a command, else with workflow commands off, as printUntrusted prints it.
 */
export function printLine(line: string): void {
  if (mayBeReadAsCommand(line)) printUntrusted(line);
  else process.stdout.write(`${line}${EOL}`);
}

/** Escapes a workflow command's message the way the runner decodes it (%, CR, LF). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command's property value (title, file): as escapeData, plus the separators : and ,. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const HTML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/**
 * Escapes text for HTML text content or a double-quoted attribute value (a `<summary>` line) and breaks @mentions.
 * Markdown is not read inside an HTML block, so only what HTML reads is escaped: an apostrophe is left as it is.
 */
export function escapeHtml(text: string): string {
  return neutralizeMentions(text).replace(/[&<>"]/g, (char) => HTML_ENTITIES[char] ?? char);
}

/**
 * Where untrusted text lands in Markdown: running text (a paragraph, a heading, a list item) or a table cell, where
 * a line break becomes `<br>` so the row stays one line and a `|` would end the cell.
 */
export type MarkdownContext = 'text' | 'cell';

// Syntax that pairs across the text around it (emphasis, code, strikethrough, links, GitHub's math, table pipes):
// the other half may be in the action's text or another value, so these are escaped wherever they are.
const ALWAYS_ESCAPED = new Set(['`', '*', '~', '[', ']', '|', '$']);
// What starts a block at the beginning of a line: heading, quote, list, setext underline or thematic break.
const LINE_START_ESCAPED = new Set(['#', '>', '-', '+', '=']);
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
const WORD_CHARACTER = /[\p{L}\p{N}]/u;
// An entity reference the renderer would decode: `&amp;`, `&#39;`, `&#x27;`.
const ENTITY = /^&(?:[A-Za-z][A-Za-z0-9]{1,31}|#\d{1,7}|#[xX][\dA-Fa-f]{1,6});/;
// A raw HTML tag, comment, declaration or autolink opens with `<` and one of these.
const TAG_START = /[A-Za-z/!?]/;
// An emoji shortcode such as `:+1:` GitHub would draw as a picture.
const SHORTCODE_REST = /^(?:[+-]1|[a-z0-9_+-]*[a-z][a-z0-9_+-]*):/;

/**
 * Makes untrusted text render as itself in GitHub Flavored Markdown while staying readable as raw text (logs, PR
 * comments, chat show the same string): only what would start markup where it stands is escaped, with a backslash,
 * so `app/commands.py:7`, `fail-on (high)` and `'hunter2'` are left as they are. Escaped: HTML tags (`&lt;`) and
 * entity references (`&amp;`), the paired syntax (`` ` * ~ [ ] | $ ``) everywhere, `_` except inside a word (`snake_case` cannot be
 * emphasis), `#`, `>`, `-`, `+`, `=` and `1.` at the start of a line, `:` opening an emoji shortcode, and a
 * backslash that would escape what follows. @mentions are broken so nobody is pinged. `atLineStart` says whether
 * the text begins a line (false for a value in the middle of the action's own sentence or in a table cell; true
 * for a list item, where `- ` would nest a list). In a cell, a line break is a `<br>` and starts no block.
 */
export function escapeMarkdown(text: string, context: MarkdownContext = 'text', atLineStart = true): string {
  const source = neutralizeMentions(text);
  let escaped = '';
  let lineStart = atLineStart;
  for (let i = 0; i < source.length; i++) {
    const char = source[i]!;
    if (char === '\r' || char === '\n') {
      if (char === '\r' && source[i + 1] === '\n') i++;
      escaped += context === 'cell' ? '<br>' : source[i];
      lineStart = context === 'text';
      continue;
    }
    if (lineStart) {
      if (char === ' ' || char === '\t') {
        escaped += char;
        continue;
      }
      lineStart = false;
      const ordinal = /^\d{1,9}[.)]/.exec(source.slice(i, i + 10))?.[0];
      if (ordinal !== undefined) {
        escaped += `${ordinal.slice(0, -1)}\\${ordinal.slice(-1)}`;
        i += ordinal.length - 1;
        continue;
      }
      if (LINE_START_ESCAPED.has(char)) {
        escaped += `\\${char}`;
        continue;
      }
    }
    // An entity, not a backslash, for what HTML reads: it holds wherever the text is read as HTML rather than Markdown.
    escaped += needsEscape(source, i) ? (HTML_ENTITIES[char] ?? `\\${char}`) : char;
  }
  return escaped;
}

function needsEscape(text: string, i: number): boolean {
  const char = text[i]!;
  const next = text[i + 1];
  if (ALWAYS_ESCAPED.has(char)) return true;
  switch (char) {
    case '\\': // before punctuation it would escape it; at the end, whatever follows; before a line break, a <br>
      return next === undefined || next === '\n' || next === '\r' || ASCII_PUNCTUATION.test(next);
    case '_':
      return !(WORD_CHARACTER.test(text[i - 1] ?? '') && WORD_CHARACTER.test(next ?? ''));
    case '<':
      return next !== undefined && TAG_START.test(next);
    case '&':
      return ENTITY.test(text.slice(i, i + 40));
    case ':':
      return SHORTCODE_REST.test(text.slice(i + 1, i + 64));
    default:
      return false;
  }
}

/**
 * Breaks `@user` and `@org/team` with a zero-width space after the `@`, so the text reads the same but GitHub
 * does not link or notify. Follows GitHub's rule for what is a mention (an `@` not preceded by a letter, digit or
 * `_`), so e-mail addresses are left intact.
 */
export function neutralizeMentions(text: string): string {
  return text.replace(/(^|[^A-Za-z0-9_])@(?=[A-Za-z0-9])/g, '$1@\u200b');
}
