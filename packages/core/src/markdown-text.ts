// The action's own Markdown with untrusted values in it, told apart once where it is written: own`Failed: ${count}
// findings in ${file}` keeps the literal parts as they are and escapes each value for where it lands.
import { escapeHtml, escapeMarkdown, type MarkdownContext } from './safe-output.js';

/** A value put into own`…`: untrusted text (escaped), a number, or more of the action's own Markdown. */
export type Interpolation = string | number | MarkdownText;

/** Markdown the action wrote (the literal parts) with untrusted values between them. Made by own`…`. */
export class MarkdownText {
  constructor(
    readonly literals: readonly string[],
    readonly values: readonly Interpolation[],
  ) {}
}

/**
 * Text for the summary (and anything else that renders Markdown): a plain string is untrusted and escaped as a
 * whole; own`…` is the action's own words, only its interpolated strings escaped.
 */
export type SummaryText = string | MarkdownText;

/** Tags a template literal as the action's own Markdown: `own\`${count} open findings in ${path}\``. */
export function own(literals: TemplateStringsArray, ...values: Interpolation[]): MarkdownText {
  return new MarkdownText([...literals], values);
}

/** Where the text is written: running text, a table cell or list item (one line), or HTML (a `<summary>`). */
export type TextContext = MarkdownContext | 'html';

/** The text as Markdown (or HTML) for `context`; `atLineStart` when it begins a line (a paragraph does). */
export function renderText(text: SummaryText, context: TextContext, atLineStart = true): string {
  if (typeof text === 'string') return escapeValue(text, context, atLineStart);
  let out = '';
  text.literals.forEach((literal, i) => {
    out += context === 'cell' ? literal.replace(/\r?\n|\r/g, '<br>') : literal;
    if (i >= text.values.length) return;
    const value = text.values[i]!;
    const lineStart = out === '' ? atLineStart : /[\r\n]$/.test(out);
    out +=
      typeof value === 'number'
        ? String(value)
        : typeof value === 'string'
          ? escapeValue(value, context, lineStart)
          : renderText(value, context, lineStart);
  });
  return out;
}

/** The text as a reader sees it, unescaped: for logs and messages that are not Markdown. */
export function plainText(text: SummaryText): string {
  if (typeof text === 'string') return text;
  return text.literals.reduce((out, literal, i) => {
    const value = text.values[i];
    return out + literal + (value === undefined ? '' : typeof value === 'object' ? plainText(value) : String(value));
  }, '');
}

function escapeValue(text: string, context: TextContext, atLineStart: boolean): string {
  return context === 'html' ? escapeHtml(text) : escapeMarkdown(text, context, atLineStart);
}

/** Pieces of text joined by the action's own `separator` (a list in a sentence, a sentence too long for one line). */
export function joinText(pieces: readonly Interpolation[], separator = ''): MarkdownText {
  const literals = pieces.length === 0 ? [''] : ['', ...Array<string>(pieces.length - 1).fill(separator), ''];
  return new MarkdownText(literals, pieces);
}
