// What a security report reader is: a member of the report-reader family (see @actions-kit/reports) that reads
// finding records, and what the SARIF reader needs to know about the tool a reader is for.
import type { ReadContext, ReportReader } from '@actions-kit/reports';
import type { Category, FindingRecord, Severity } from './model.js';

/** A name accepted in a `tool:` prefix to force a format: the name of a reader in the registry. */
export type ReaderName = string;

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

/** What a reader is told about the report it reads. */
export interface FindingReadContext extends ReadContext {
  /** The readers this one was chosen among: the SARIF reader reads a tool's SARIF with that tool's `sarif` hints. */
  readers: readonly FindingReader[];
}

/** One security report format: its file exports this descriptor, and registry.ts lists it. */
export interface FindingReader extends ReportReader<ReadResult, FindingReadContext> {
  /** How the SARIF this reader's tool writes is read, where it keeps less than the tool's own format. */
  readonly sarif?: SarifHints;
}

/** A SARIF object (a result, a rule) as the SARIF reader hands it over: any field may be missing or of any type. */
export type SarifObject = Record<string, unknown>;

/**
 * What the SARIF reader takes from a tool's reader for results whose driver has that reader's name, so that one scan
 * read from the tool's own format or from its SARIF gets the same severities and categories.
 */
export interface SarifHints {
  /** A result's severity from what the tool keeps in its SARIF; undefined leaves it to SARIF's own rules. */
  severity?(result: SarifObject, rule: SarifObject | undefined): Severity | undefined;
  /** The category of every result of the tool, whatever its tags say (a secret scanner's are secrets). */
  category?: Category;
  /** A result's message with any secret the tool quotes in it masked (Bandit's hardcoded passwords). */
  maskSecrets?(ruleId: string, message: string): string;
}
