// Chooses the reader for a document from its content, or checks a reader forced with a `tool:` prefix.
import { banditReader } from './bandit.js';
import { gitleaksReader } from './gitleaks.js';
import { InputError } from './input-error.js';
import type { ScanPlan } from './json-scanner.js';
import type { ReaderName, ReportReader } from './reader.js';
import { isObject } from './report-values.js';
import { sarifReader } from './sarif-reader.js';
import { trivyReader } from './trivy.js';

/** Every supported format, in the order detection tries them. */
export const READERS: readonly ReportReader[] = [sarifReader, trivyReader, banditReader, gitleaksReader];

export const READER_NAMES: readonly ReaderName[] = READERS.map((r) => r.name);

export function readerByName(name: ReaderName): ReportReader {
  return READERS.find((r) => r.name === name)!;
}

/**
 * Splits a `reports` line into an optional forced reader and the glob: "trivy:out/*.json" → trivy, "out/*.json".
 * Only the known names count as a prefix, so "C:/x.json" or "dir:name/x" are plain globs.
 */
export function parseReportSpec(line: string): { reader?: ReaderName; pattern: string } {
  const trimmed = line.trim();
  const match = /^([a-z]+):(.+)$/i.exec(trimmed);
  const name = match?.[1]!.toLowerCase();
  if (match && (READER_NAMES as readonly string[]).includes(name!))
    return { reader: name as ReaderName, pattern: match[2]!.trim() };
  return { pattern: trimmed };
}

/** `null` and `[]` are what several tools write for "nothing found" (Trivy < 0.20, Gitleaks); they match no format. */
export function isEmptyReport(doc: unknown): boolean {
  return doc === null || (Array.isArray(doc) && doc.length === 0);
}

/**
 * The reader for `doc`, or undefined for an empty report (see isEmptyReport) that nothing was forced for.
 * Throws InputError naming the file when the format is unknown or differs from the forced one.
 */
export function chooseReader(doc: unknown, file: string, forced?: ReaderName): ReportReader | undefined {
  if (isEmptyReport(doc)) return forced ? readerByName(forced) : undefined;
  const detected = READERS.find((reader) => reader.detect(doc));
  if (forced) {
    const reader = readerByName(forced);
    if (reader.detect(doc)) return reader;
    if (detected) {
      throw new InputError(
        file,
        `the '${forced}:' prefix says ${reader.format}, but the content is ${detected.format}. ` +
          `Use '${detected.name}:' or no prefix (the format is detected from the content).`,
      );
    }
    throw new InputError(
      file,
      `the '${forced}:' prefix says ${reader.format}, but the content is ${describeDocument(doc)}. ${SUPPORTED}`,
    );
  }
  if (!detected)
    throw new InputError(file, `unknown report format: the content is ${describeDocument(doc)}. ${SUPPORTED}`);
  return detected;
}

const SUPPORTED =
  'Supported: Trivy JSON, Bandit JSON, Gitleaks JSON and SARIF 2.1.0 (from any tool); check that the glob matches the JSON report, not a text or table output.';

/** A short description of a document for error messages; never echoes large values. */
export function describeDocument(doc: unknown): string {
  if (doc === undefined) return 'not recognisable from its first bytes';
  if (typeof doc === 'string') return `a JSON string of ${doc.length} characters`;
  if (typeof doc !== 'object' || doc === null) return `the JSON value ${String(doc).slice(0, 40)}`;
  if (Array.isArray(doc)) {
    const first: unknown = doc[0];
    if (first === undefined) return 'an empty JSON array';
    const kind = isObject(first)
      ? `an object with ${keyList(first)}`
      : Array.isArray(first)
        ? 'an array'
        : `a ${first === null ? 'null' : typeof first}`;
    return `a JSON array whose first element is ${kind}`;
  }
  return `a JSON object with ${keyList(doc as Record<string, unknown>)}`;
}

function keyList(object: Record<string, unknown>): string {
  const keys = Object.keys(object);
  if (keys.length === 0) return 'no keys';
  const shown = keys.slice(0, 6).map((k) => JSON.stringify(k.length > 40 ? `${k.slice(0, 40)}…` : k));
  return `keys ${shown.join(', ')}${keys.length > 6 ? ` and ${keys.length - 6} more` : ''}`;
}

/** How the start of a large file is read to detect its format: its outer levels, inner values whole. */
export const previewPlan: ScanPlan = (path) => (path.length < 3 ? 'descend' : 'parse');

/**
 * When the start of a file was not enough (a huge first value), the whole file is read as an outline instead: the
 * top two levels, with deeper objects and arrays left empty, which is what detection looks at.
 */
export const outlinePlan: ScanPlan = (path) => (path.length <= 1 ? 'descend' : 'stub');
