// The one interface every report format implements, so adding a format is adding a file.
import type { ScanPlan } from './json-scanner.js';
import type { FindingRecord } from './model.js';

/** Names accepted in a `tool:` prefix to force a format. */
export type ReaderName = 'trivy' | 'bandit' | 'gitleaks' | 'sarif';

export interface ReadContext {
  /** The report's path as the user should see it (in sources and errors). */
  file: string;
  /** Absolute directory that absolute paths in the report are made relative to (the checkout). */
  root?: string;
}

/** Everything read from one report file. */
export interface ReadResult {
  /** Producing tool(s), lower case; several SARIF runs give several. */
  tools: string[];
  /** The format and version recognised, e.g. 'Trivy JSON (SchemaVersion 2)'. */
  format: string;
  /** Active finding records in document order, before de-duplication. */
  records: FindingRecord[];
  /** Records the report itself marks as suppressed (SARIF suppressions, Trivy exceptions and modified findings). */
  suppressed: FindingRecord[];
  /** Things worth telling the user that are not findings (e.g. files the scanner could not parse). */
  notes: string[];
}

export interface ReportReader {
  readonly name: ReaderName;
  /** Human name of the format family, for messages. */
  readonly format: string;
  /** True when the parsed document (or a preview of its start, see detect.ts) is this format. */
  detect(doc: unknown): boolean;
  /** Reads a parsed document (or the skeleton `streamPlan` produced) into records. */
  read(doc: unknown, context: ReadContext): ReadResult;
  /**
   * How to read a file too large to parse at once: which containers to walk and how each finding-list element is
   * slimmed. `read` must accept the resulting skeleton exactly as it accepts the full document.
   */
  readonly streamPlan: ScanPlan;
  /**
   * Optional, and preferred to `streamPlan` when present: reading one large file by turning each finding-list
   * element into its record as it streams by, so neither the element nor a slim copy of it is kept until the end.
   * `read` returns the same result `read(document)` would, or throws StreamContextChanged when the document
   * turned out to be laid out so that an element was read before all it depends on (then the file is read again
   * with `streamPlan`).
   */
  streamRead?(context: ReadContext): StreamRead;
}

/** One streamed read of a large file (see ReportReader.streamRead). */
export interface StreamRead {
  plan: ScanPlan;
  /** Reads the skeleton the plan left: the records made on the way, in document order. */
  read(skeleton: unknown): ReadResult;
}

/**
 * Thrown by StreamRead.read when records were made from a context that the rest of the document changed (e.g. a
 * Trivy Result whose Class comes after its Vulnerabilities): nothing is wrong with the file, it is read again.
 */
export class StreamContextChanged extends Error {
  constructor(what: string) {
    super(`streamed read out of date: ${what}`);
    this.name = 'StreamContextChanged';
  }
}
