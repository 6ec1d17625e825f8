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

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for an HTML context (a `<summary>` line, an attribute value) and breaks @mentions. */
export function escapeHtml(text: string): string {
  return neutralizeMentions(text.replace(/[&<>"']/g, (char) => HTML_ENTITIES[char] ?? char));
}

// ASCII punctuation that starts or ends Markdown syntax somewhere in GitHub Flavored Markdown: emphasis, code,
// links, images, headings, lists, tables, strikethrough, setext underlines, math. CommonMark lets any ASCII
// punctuation be backslash-escaped, so escaping a few harmless ones costs nothing.
const MARKDOWN_SPECIAL = /[\\`*_{}[\]()#+\-.!|~=$:]/;

/**
 * Makes untrusted text render as itself in a job summary: HTML characters become entities, Markdown syntax is
 * backslash-escaped and @mentions are broken so nobody is pinged. One pass over the text, so an entity
 * written here (`&#39;`) is never escaped again.
 */
export function escapeMarkdown(text: string): string {
  let escaped = '';
  for (const char of text) {
    const entity = HTML_ENTITIES[char];
    if (entity !== undefined) escaped += entity;
    else if (MARKDOWN_SPECIAL.test(char)) escaped += `\\${char}`;
    else escaped += char;
  }
  return neutralizeMentions(escaped);
}

/**
 * Breaks `@user` and `@org/team` with a zero-width space after the `@`, so the text reads the same but GitHub
 * does not link or notify. Follows GitHub's rule for what is a mention (an `@` not preceded by a letter, digit or
 * `_`), so e-mail addresses are left intact.
 */
export function neutralizeMentions(text: string): string {
  return text.replace(/(^|[^A-Za-z0-9_])@(?=[A-Za-z0-9])/g, '$1@\u200b');
}
