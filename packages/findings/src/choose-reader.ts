// Chooses the security report reader for a document from its content, or checks one forced with a `tool:` prefix.
import { chooseMember, describeJson, parseReportSpec as parseSpec, readerNamed } from '@actions-kit/reports';
import type { FindingReader, ReaderName } from './finding-reader.js';
import { READERS } from './registry.js';

/** Said after the supported formats when no reader recognises a file. */
const ADVICE = 'check that the glob matches the JSON report, not a text or table output.';

/**
 * Splits a `reports` line into an optional forced built-in reader and the glob: "trivy:out/*.json" → trivy,
 * "out/*.json" (one argument, so it maps lines; @actions-kit/reports' parseReportSpec takes any list of readers).
 */
export function parseReportSpec(line: string): { reader?: ReaderName; pattern: string } {
  return parseSpec(line, READERS);
}

/** `null` and `[]` are what several tools write for "nothing found" (Trivy < 0.20, Gitleaks); they match no format. */
function isEmptyReport(doc: unknown): boolean {
  return doc === null || (Array.isArray(doc) && doc.length === 0);
}

/**
 * The reader for `doc`, or undefined for an empty report (see isEmptyReport) that nothing was forced for.
 * Throws InputError naming the file when the format is unknown or differs from the forced one.
 */
export function chooseReader(
  doc: unknown,
  file: string,
  forced?: ReaderName,
  readers: readonly FindingReader[] = READERS,
): FindingReader | undefined {
  if (isEmptyReport(doc)) return forced ? readerNamed(readers, forced) : undefined;
  return chooseMember(doc, file, readers, { forced, describe: describeJson, advice: ADVICE });
}
