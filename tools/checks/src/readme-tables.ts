// The `## Inputs` and `## Outputs` tables of an action README: generated from action.yml, compared cell by cell.
import type { ActionMetadata } from '@actions-kit/harness';
import { diffLines } from './line-diff.js';

export type SectionName = 'Inputs' | 'Advanced inputs' | 'Outputs';

/**
 * An input whose description starts with this is a tuning knob most users never set: it is listed in its own
 * `## Advanced inputs` table after the main one, so the Inputs table is what a first read needs.
 */
export const ADVANCED_MARK = 'Advanced:';

const isAdvanced = (input: { description: string }): boolean => collapse(input.description).startsWith(ADVANCED_MARK);

/** The sections an action's README has tables for: Advanced inputs only when an input is marked advanced. */
export function sectionsOf(manifest: ActionMetadata): SectionName[] {
  return manifest.inputs.some(isAdvanced) ? ['Inputs', 'Advanced inputs', 'Outputs'] : ['Inputs', 'Outputs'];
}

export interface TableMismatch {
  section: SectionName;
  /** Why the section does not match, in one line. */
  reason: string;
  /** Canonical rows, '- ' as the README has them, '+ ' as action.yml says they should be. */
  diff: string[];
}

const INPUT_HEADER = ['Name', 'Required', 'Default', 'Description'];
const OUTPUT_HEADER = ['Name', 'Description'];

function collapse(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

// An unescaped '|' would end the cell early.
function escapeCell(value: string): string {
  return collapse(value).replace(/\|/g, '\\|');
}

/** `value` as inline code, with a fence longer than any backtick run inside it (CommonMark's rule). */
function inlineCode(value: string): string {
  const longestRun = Math.max(0, ...(value.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const padding = value.startsWith('`') || value.endsWith('`') ? ' ' : '';
  return `${fence}${padding}${value}${padding}${fence}`;
}

export function expectedCells(manifest: ActionMetadata, section: SectionName): string[][] {
  if (section !== 'Outputs') {
    return [
      INPUT_HEADER,
      ...manifest.inputs
        .filter((input) => isAdvanced(input) === (section === 'Advanced inputs'))
        .map((input) => [
          inlineCode(input.name),
          input.required ? 'yes' : 'no',
          // No default and an empty default behave the same on the runner: the input reads as ''.
          input.default === undefined || collapse(input.default) === ''
            ? ''
            : escapeCell(inlineCode(collapse(input.default))),
          escapeCell(input.description),
        ]),
    ];
  }
  return [
    OUTPUT_HEADER,
    ...manifest.outputs.map((output) => [inlineCode(output.name), escapeCell(output.description)]),
  ];
}

/** One row as text with single spaces, the form both the generated table and the comparison use. */
function canonicalRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`.replace(/\| {2}\|/g, '| |');
}

export function renderTable(rows: readonly string[][]): string[] {
  const [header, ...body] = rows;
  if (!header) return [];
  return [canonicalRow(header), canonicalRow(header.map(() => '---')), ...body.map(canonicalRow)];
}

/** Splits `| a | b \| c |` into ['a', 'b \| c'], trimmed and whitespace-collapsed. */
export function parseRow(line: string): string[] {
  const cells: string[] = [];
  let current = '';
  const body = line.trim().replace(/^\|/, '');
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (char === '\\' && body[i + 1] === '|') {
      current += '\\|';
      i++;
    } else if (char === '|') {
      cells.push(collapse(current));
      current = '';
    } else {
      current += char;
    }
  }
  if (collapse(current) !== '') cells.push(collapse(current));
  return cells;
}

const DELIMITER_ROW = /^\|?(\s*:?-+:?\s*\|)*\s*:?-+:?\s*\|?$/;

interface SectionLocation {
  heading: number;
  /** Index after the last line of the section (the next heading of level 1 or 2, or the end). */
  end: number;
  /** The first table of the section as [start, end) line indexes, when there is one. */
  table: [number, number] | undefined;
}

/** Headings inside fenced code blocks are examples, not sections. */
function headingLevels(lines: readonly string[]): (number | undefined)[] {
  let fenced = false;
  return lines.map((line) => {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced) return undefined;
    return /^(#{1,6})\s/.exec(line)?.[1]?.length;
  });
}

export function locateSection(lines: readonly string[], section: SectionName): SectionLocation | undefined {
  const levels = headingLevels(lines);
  const heading = lines.findIndex((line, index) => levels[index] === 2 && collapse(line) === `## ${section}`);
  if (heading === -1) return undefined;
  let end = heading + 1;
  while (end < lines.length && !(levels[end] !== undefined && levels[end]! <= 2)) end++;
  let start = heading + 1;
  while (start < end && !lines[start]!.trim().startsWith('|')) start++;
  if (start === end) return { heading, end, table: undefined };
  let tableEnd = start;
  while (tableEnd < end && lines[tableEnd]!.trim().startsWith('|')) tableEnd++;
  return { heading, end, table: [start, tableEnd] };
}

/** The README's table rows in canonical form, the delimiter row left out (its dashes are formatting). */
function actualRows(lines: readonly string[], table: [number, number]): string[] {
  return lines
    .slice(table[0], table[1])
    .filter((line) => !DELIMITER_ROW.test(line.trim()))
    .map((line) => canonicalRow(parseRow(line)));
}

export function compareReadme(readme: string, manifest: ActionMetadata): TableMismatch[] {
  const lines = readme.split(/\r?\n/);
  const mismatches: TableMismatch[] = [];
  for (const section of sectionsOf(manifest)) {
    const expected = expectedCells(manifest, section).map(canonicalRow);
    const location = locateSection(lines, section);
    if (!location) {
      mismatches.push({ section, reason: `no '## ${section}' heading`, diff: expected.map((row) => `+ ${row}`) });
      continue;
    }
    if (!location.table) {
      mismatches.push({ section, reason: `no table under '## ${section}'`, diff: expected.map((row) => `+ ${row}`) });
      continue;
    }
    const actual = actualRows(lines, location.table);
    if (actual.join('\n') !== expected.join('\n')) {
      mismatches.push({ section, reason: `table differs from ${manifest.file}`, diff: diffLines(actual, expected) });
    }
  }
  return mismatches;
}

/**
 * The README with both tables regenerated from action.yml; a missing section is added (Inputs before Outputs,
 * at the end otherwise), and everything else is left as written. Formatting is the caller's business.
 */
export function rewriteReadme(readme: string, manifest: ActionMetadata): string {
  const lines = readme.split(/\r?\n/);
  for (const section of sectionsOf(manifest)) {
    const table = renderTable(expectedCells(manifest, section));
    const location = locateSection(lines, section);
    if (location?.table) {
      lines.splice(location.table[0], location.table[1] - location.table[0], ...table);
    } else if (location) {
      lines.splice(location.heading + 1, 0, '', ...table);
    } else {
      const inputs = locateSection(lines, 'Inputs');
      const outputs = locateSection(lines, 'Outputs');
      const at = section === 'Outputs' ? (inputs?.end ?? lines.length) : (outputs?.heading ?? lines.length);
      lines.splice(at, 0, '', `## ${section}`, '', ...table, '');
    }
  }
  return lines.join('\n');
}

/** A README for an action that has none: title, description, and the two tables. */
export function newReadme(manifest: ActionMetadata): string {
  const title = manifest.name || manifest.dir.split('/').pop() || manifest.dir;
  return rewriteReadme(`# ${title}\n\n${collapse(manifest.description)}\n`, manifest);
}
