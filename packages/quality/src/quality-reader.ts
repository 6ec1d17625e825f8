// The quality reader families (coverage, tests, lint): members of @actions-kit/reports' report-reader family that
// detect their format in a ReportDocument (JSON parsed whole, or an XML root element, or the first line of text) and
// read it. Adding a format is adding a file exporting one of these and its line in registry.ts.
import type { ReadContext, ReportReader } from '@actions-kit/reports';
import type { CoverageSink } from './coverage-sink.js';
import type { LintMessage, TestCase } from './model.js';
import type { ReportDocument } from './report-document.js';
import type { RepositoryPaths } from './repository-paths.js';

/** What every quality reader is told about the report it reads. */
export interface QualityReadContext extends ReadContext {
  /** Maps the report's paths to repository paths. */
  paths: RepositoryPaths;
  /** The report's own folder as a repository path, when it lies in the repository (picks among look-alike files). */
  reportFolder?: string;
}

/** What a coverage reader is told: where to put what it reads, merged with the other reports as it goes. */
export interface CoverageReadContext extends QualityReadContext {
  coverage: CoverageSink;
}

/**
 * A coverage format. `read` puts the report's per-line records into `context.coverage` and returns how many source
 * files the report covered (0 is refused as a report with no records).
 */
export type CoverageReader = ReportReader<number, CoverageReadContext>;

/** A test results format: `read` returns one TestCase per test, retries folded in. */
export type TestReader = ReportReader<TestCase[], QualityReadContext>;

/** A lint format: `read` returns every message, in document order. */
export type LintReader = ReportReader<LintMessage[], QualityReadContext>;

/** A document's JSON value, or undefined when it is XML or text (for `detect` of JSON formats). */
export function jsonValue(doc: unknown): unknown {
  return isReportDocument(doc) && doc.type === 'json' ? doc.value : undefined;
}

/** The document's XML root element name, or undefined when it is JSON or text. */
export function xmlRootName(doc: unknown): string | undefined {
  return isReportDocument(doc) && doc.type === 'xml' ? doc.root : undefined;
}

export function isReportDocument(doc: unknown): doc is ReportDocument {
  return typeof doc === 'object' && doc !== null && 'type' in doc;
}

/** Narrows a document a member detected (read is only ever called with a document its detect accepted). */
export function documentOf<T extends ReportDocument['type']>(
  doc: unknown,
  type: T,
): Extract<ReportDocument, { type: T }> {
  if (!isReportDocument(doc) || doc.type !== type) throw new Error(`a ${type} document was expected`);
  return doc as Extract<ReportDocument, { type: T }>;
}
