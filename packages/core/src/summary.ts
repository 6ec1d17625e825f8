// Builds the job summary from escaped blocks and keeps it within GitHub's 1 MiB per step, cutting only where the
// Markdown stays well-formed and saying so in a visible note.
import { appendFileSync, statSync } from 'node:fs';
import { escapeHtml, escapeMarkdown } from './safe-output.js';
import { debug, warning } from './runner.js';

/** GitHub's limit for one step's summary: 1 MiB, counted in UTF-8 bytes. */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024;

/** A table cell: untrusted text, or untrusted text linked to `href` (a link only when `href` is an http(s) URL). */
export type TableCell = string | { text: string; href: string | undefined };

export interface TableOptions {
  /** When the summary's limit cuts the table, say below it how many rows were left out. */
  moreRowsNote?: boolean;
}

/**
 * One piece of the summary. `cut(budget)` gives the longest well-formed beginning of the block within `budget`
 * bytes, or '' when none is worth keeping; blocks without it are kept whole or dropped.
 */
interface Block {
  text: string;
  cut?: (budget: number) => string;
}

export class SummaryBuilder {
  private blocks: Block[] = [];
  private readonly limitBytes: number;

  constructor(options: { limitBytes?: number } = {}) {
    this.limitBytes = options.limitBytes ?? SUMMARY_LIMIT_BYTES;
  }

  /** A heading; the text is untrusted and escaped. */
  heading(text: string, level: 1 | 2 | 3 | 4 = 2): this {
    return this.add({ text: `${'#'.repeat(level)} ${escapeMarkdown(oneLine(text))}\n\n` });
  }

  /** A paragraph of untrusted text, escaped; cut at a character boundary when over the limit. '' adds nothing. */
  paragraph(text: string): this {
    if (text === '') return this;
    const escaped = escapeMarkdown(text);
    return this.add({
      text: `${escaped}\n\n`,
      cut: (budget) => {
        const kept = truncateUtf8(escaped, budget - 2);
        return kept === '' ? '' : `${kept}\n\n`;
      },
    });
  }

  /**
   * A table; header and cells are untrusted and escaped, and a cell may link its text to an http(s) URL. Cut
   * between rows, never inside one; with `moreRowsNote`, a cut table is followed by '…and N more rows'.
   */
  table(header: string[], rows: readonly TableCell[][], options: TableOptions = {}): this {
    const line = (cells: readonly TableCell[]): string => `| ${cells.map(cellMarkdown).join(' | ')} |\n`;
    const head = line(header) + `|${header.map(() => ' --- |').join('')}\n`;
    const body = rows.map((row) => {
      if (row.length > header.length) {
        throw new Error(`summary table: a row has ${row.length} cells but the header has ${header.length}`);
      }
      return line([...row, ...Array<string>(header.length - row.length).fill('')]);
    });
    return this.add(linesBlock(head, body, options.moreRowsNote ? moreRowsNote : undefined));
  }

  /** A bulleted list of untrusted items, escaped. Cut between items. */
  list(items: string[]): this {
    if (items.length === 0) return this;
    return this.add(
      linesBlock(
        '',
        items.map((item) => `- ${tableCell(item)}\n`),
      ),
    );
  }

  /**
   * A collapsed section. The summary line is untrusted text. The body is untrusted text (escaped), or a
   * SummaryBuilder whose blocks are nested as they are. When over the limit the body is cut and the section closed.
   */
  details(summaryLine: string, body: string | SummaryBuilder): this {
    // One line, then a blank line: that ends the HTML block, so the body below is read as Markdown again.
    const open = `<details><summary>${escapeHtml(oneLine(summaryLine))}</summary>\n\n`;
    const close = '</details>\n\n';
    const inner = typeof body === 'string' ? new SummaryBuilder().paragraph(body).blocks : [...body.blocks];
    const frame = byteLength(open) + byteLength(close);
    return this.add({
      text: open + inner.map((block) => block.text).join('') + close,
      cut: (budget) => {
        const kept = fit(inner, budget - frame);
        return kept === '' ? '' : open + kept + close;
      },
    });
  }

  /** Markdown written by the action's own code, added as is; kept whole or dropped. */
  raw(markdown: string): this {
    return this.add({ text: markdown.replace(/\n*$/, '\n\n') });
  }

  /** The summary, within the limit; when cut, it ends with a note saying how many bytes were left out. */
  toString(): string {
    return this.render(this.limitBytes);
  }

  /**
   * The summary for another place than the step summary (a pull-request comment): cut the same way to
   * `limitBytes`, its note naming `limit` (e.g. "GitHub's limit is 65,536 characters per comment").
   */
  toMarkdown(limitBytes: number, limit: string): string {
    return this.render(limitBytes, limit);
  }

  /**
   * Appends the summary to the file named by GITHUB_STEP_SUMMARY, within what is left of the step's limit, and
   * empties the builder so a second write() does not repeat it. Without GITHUB_STEP_SUMMARY: a debug line only.
   */
  async write(): Promise<void> {
    const file = process.env['GITHUB_STEP_SUMMARY'];
    if (!file) {
      debug('GITHUB_STEP_SUMMARY is not set; the job summary is not written');
      return;
    }
    // Synchronous calls on purpose: a summary is a few kilobytes, and node:fs/promises (with the readline and file
    // watcher modules it loads) costs every action ~3 ms of start-up.
    const used = sizeOf(file);
    const text = this.render(this.limitBytes - used);
    if (text === '' && this.blocks.length > 0) {
      warning(`job summary not written: it already holds ${used} bytes of the ${this.limitBytes} allowed per step`);
    }
    if (text !== '') appendFileSync(file, text, 'utf8');
    this.blocks = [];
  }

  private add(block: Block): this {
    this.blocks.push(block);
    return this;
  }

  private render(budget: number, limit = this.stepLimit()): string {
    const whole = this.blocks.map((block) => block.text).join('');
    const total = byteLength(whole);
    if (total <= budget) return whole;
    // The note's length depends on the count it reports, and that count is at most `total`: reserving room for
    // the note with `total` in it guarantees the real note fits.
    const kept = fit(this.blocks, budget - byteLength(note(total, limit)));
    const cutNote = note(total - byteLength(kept), limit);
    return byteLength(kept) + byteLength(cutNote) <= budget ? kept + cutNote : '';
  }

  private stepLimit(): string {
    return this.limitBytes === SUMMARY_LIMIT_BYTES
      ? "GitHub's limit is 1 MiB per step"
      : `the limit is ${this.limitBytes} bytes per step`;
  }
}

function note(bytesLeftOut: number, limit: string): string {
  return `> Summary truncated: ${bytesLeftOut} bytes left out (${limit}).\n`;
}

/** Whole blocks while they fit, then the cut of the first one that does not. */
function fit(blocks: readonly Block[], budget: number): string {
  let text = '';
  let left = budget;
  for (const block of blocks) {
    const size = byteLength(block.text);
    if (size <= left) {
      text += block.text;
      left -= size;
      continue;
    }
    return text + (left > 0 && block.cut ? block.cut(left) : '');
  }
  return text;
}

/**
 * A block of lines after a fixed head (a table's header): cut after the last whole line that fits, followed by
 * `leftOutNote(count)` when given.
 */
function linesBlock(head: string, lines: string[], leftOutNote?: (count: number) => string): Block {
  return {
    text: `${head}${lines.join('')}\n`,
    cut: (budget) => {
      // Room for the note with the largest count it can give, so the note for the real count fits too.
      const noteRoom = leftOutNote ? byteLength(leftOutNote(lines.length)) : 0;
      let text = head;
      let left = budget - byteLength(head) - 1 - noteRoom; // 1: the blank line that ends the block
      if (left < 0) return '';
      let kept = 0;
      for (const line of lines) {
        const size = byteLength(line);
        if (size > left) break;
        text += line;
        left -= size;
        kept++;
      }
      if (text === '') return '';
      return `${text}\n${leftOutNote && kept < lines.length ? leftOutNote(lines.length - kept) : ''}`;
    },
  };
}

function moreRowsNote(count: number): string {
  return `…and ${count} more row${count === 1 ? '' : 's'}\n\n`;
}

function cellMarkdown(cell: TableCell): string {
  if (typeof cell === 'string') return tableCell(cell);
  const destination = cell.href === undefined ? undefined : linkDestination(cell.href);
  return destination === undefined ? tableCell(cell.text) : `[${tableCell(cell.text)}](${destination})`;
}

// ASCII that could end a link destination, start other Markdown or HTML inside it, or end a table cell. A URL's
// href is ASCII: the URL parser has already percent-encoded everything else, and spaces and most of these too.
const UNSAFE_IN_DESTINATION = /[\t\n\r "'<>()[\]\\`|]/g;

/**
 * An http(s) URL as a Markdown link destination, percent-encoded where Markdown would read it; undefined for any
 * other URL (javascript:, data:, a relative path), which is then shown as text only.
 */
function linkDestination(href: string): string | undefined {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  return url.href.replace(
    UNSAFE_IN_DESTINATION,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

function tableCell(text: string): string {
  return escapeMarkdown(text).replace(/\r?\n|\r/g, '<br>');
}

/** Text on one line: each line break, with the spaces around it, becomes one space. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** The longest beginning of `text` within `maxBytes` UTF-8 bytes that does not split a character. */
function truncateUtf8(text: string, maxBytes: number): string {
  if (maxBytes <= 0) return '';
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return text;
  let end = maxBytes;
  // Back off while the first byte left out continues the character before it (10xxxxxx).
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString('utf8');
}

/** The file's size; 0 when it cannot be looked at (appending then says why, if it cannot be written either). */
function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
