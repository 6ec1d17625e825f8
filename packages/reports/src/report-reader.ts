// The one interface of a report-reader family: a member detects its format in a document and reads it; reading a
// file too large to parse at once is a capability a member may offer, not part of every member's contract.
import type { ScanPlan } from './json-scanner.js';

/** Where a document came from, as every member of a family is told. */
export interface ReadContext {
  /** The report's path as the user should see it (in sources and errors). */
  file: string;
  /** Absolute directory that absolute paths in the report are made relative to (the checkout). */
  root?: string;
}

/** One member of a family: a format it recognises and reads into `Result`s. */
export interface ReportReader<Result, Context extends ReadContext = ReadContext> {
  /** The name a `name:` prefix forces it with: lower-case letters only (see parseReportSpec). */
  readonly name: string;
  /** The format as messages name it, e.g. 'Trivy JSON'. */
  readonly format: string;
  /**
   * Set for a format that any tool writes (SARIF): how the supported formats name it, e.g. 'SARIF 2.1.0 (from any
   * tool)'. Such formats are listed after those of one tool (see supportedFormats).
   */
  readonly anyToolFormat?: string;
  /** True when the parsed document (or a preview of its start, see readReportFile) is this format. */
  detect(doc: unknown): boolean;
  /**
   * Optional: for a document `detect` refused that looks like this format all the same, what keeps it from being
   * one, said after "the content looks like <format>, but" (e.g. '"runs" is an object, where a list of runs is
   * expected'); undefined when it does not look like this format. Messages then say that instead of "unknown".
   */
  explain?(doc: unknown): string | undefined;
  /** Reads a parsed document (or the skeleton a streaming plan produced) into a result. */
  read(doc: unknown, context: Context): Result;
  /** Present when a file too large to parse at once can be read by streaming it; without it, files are read whole. */
  readonly streaming?: Streaming<Result, Context>;
}

/** How a member reads a JSON file too large to parse at once. */
export interface Streaming<Result, Context extends ReadContext = ReadContext> {
  /**
   * Which containers to walk and how each element of the lists that matter is slimmed. `read` must accept the
   * resulting skeleton exactly as it accepts the full document.
   */
  readonly plan: ScanPlan;
  /**
   * Optional, and preferred to `plan` when present: reading one large file by turning each list element into its
   * part of the result as it streams by, so neither the element nor a slim copy of it is kept until the end.
   * `read` returns the same result `read(document)` would, or throws StreamContextChanged when the document turned
   * out to be laid out so that an element was read before all it depends on (then the file is read again with
   * `plan`).
   */
  streamRead?(context: Context): StreamRead<Result>;
}

/** One streamed read of a large file (see Streaming.streamRead). */
export interface StreamRead<Result> {
  plan: ScanPlan;
  /** Reads the skeleton the plan left, with what was made on the way, in document order. */
  read(skeleton: unknown): Result;
}

/**
 * Thrown by StreamRead.read when parts of the result were made from a context that the rest of the document changed
 * (e.g. a Trivy Result whose Class comes after its Vulnerabilities): nothing is wrong with the file, it is read again.
 */
export class StreamContextChanged extends Error {
  constructor(what: string) {
    super(`streamed read out of date: ${what}`);
    this.name = 'StreamContextChanged';
  }
}
