// Chooses the member of a reader family that reads a document: the one a `name:` prefix forces, checked against the
// content, else the first that detects it. A family is just its list of members, given to every function here.
import { InputError } from './input-error.js';
import type { ReportReader } from './report-reader.js';

/** What choosing needs of a member, whatever it reads into. */
export type Detector = Pick<ReportReader<unknown>, 'name' | 'format' | 'anyToolFormat' | 'detect' | 'explain'>;

/** The member called `name`; a name no member has is a bug (names come from parseReportSpec). */
export function readerNamed<R extends Detector>(readers: readonly R[], name: string): R {
  const reader = readers.find((r) => r.name === name);
  if (!reader) throw new Error(`no reader is named '${name}' (known: ${readers.map((r) => r.name).join(', ')})`);
  return reader;
}

/**
 * Splits a line into an optional forced member and the glob: "trivy:out/*.json" → trivy, "out/*.json". Only the
 * members' names count as a prefix, so "C:/x.json" or "dir:name/x" are plain globs.
 */
export function parseReportSpec(line: string, readers: readonly Detector[]): { reader?: string; pattern: string } {
  const trimmed = line.trim();
  const match = /^([a-z]+):(.+)$/i.exec(trimmed);
  const name = match?.[1]!.toLowerCase();
  if (match && readers.some((r) => r.name === name)) return { reader: name!, pattern: match[2]!.trim() };
  return { pattern: trimmed };
}

/** "Supported: A, B and C": formats of one tool first, then those any tool writes. */
export function supportedFormats(readers: readonly Detector[]): string {
  const names = [
    ...readers.filter((r) => r.anyToolFormat === undefined).map((r) => r.format),
    ...readers.flatMap((r) => (r.anyToolFormat === undefined ? [] : [r.anyToolFormat])),
  ];
  const last = names.pop();
  return `Supported: ${names.length > 0 ? `${names.join(', ')} and ${last}` : (last ?? 'nothing')}`;
}

export interface ChooseOptions {
  /** The member a `name:` prefix forces. */
  forced?: string;
  /** A short description of a document no member reads, for messages: it must never echo large values. */
  describe(doc: unknown): string;
  /** What to check when no member reads a document, said after the supported formats. */
  advice: string;
}

/** The member for `doc`; an InputError naming the file when the format is unknown or not the forced one. */
export function chooseMember<R extends Detector>(
  doc: unknown,
  file: string,
  readers: readonly R[],
  options: ChooseOptions,
): R {
  const detected = readers.find((reader) => reader.detect(doc));
  const unrecognised = () => `${options.describe(doc)}. ${supportedFormats(readers)}; ${options.advice}`;
  const forced = options.forced;
  if (forced) {
    const reader = readerNamed(readers, forced);
    if (reader.detect(doc)) return reader;
    if (!detected) refuseNearMiss(doc, file, [reader]);
    if (detected) {
      throw new InputError(
        file,
        `the '${forced}:' prefix says ${reader.format}, but the content is ${detected.format}. ` +
          `Use '${detected.name}:' or no prefix (the format is detected from the content).`,
      );
    }
    throw new InputError(file, `the '${forced}:' prefix says ${reader.format}, but the content is ${unrecognised()}`);
  }
  if (!detected) {
    refuseNearMiss(doc, file, readers);
    throw new InputError(file, `unknown report format: the content is ${unrecognised()}`);
  }
  return detected;
}

/** Throws an InputError saying what is wrong when a member explains why `doc` is not quite its format. */
function refuseNearMiss(doc: unknown, file: string, readers: readonly Detector[]): void {
  for (const reader of readers) {
    const why = reader.explain?.(doc);
    if (why === undefined) continue;
    throw new InputError(
      file,
      `the content looks like ${reader.format}, but ${why}. Check that the file is the report the tool wrote, ` +
        'unchanged; a step that edits or merges reports may have broken it.',
    );
  }
}
