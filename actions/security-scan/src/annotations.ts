// Annotations on the file and line of code, secret and misconfiguration findings, most severe first, within the
// per-step limits: an error for a finding that fails the policy, a warning or notice for the others.
import type { Annotation, AnnotationBudget, AnnotationLevel } from '@actions-kit/core';
import type { Category, Finding } from '@actions-kit/findings';

/** Package findings (vulnerabilities, licences) point at a manifest or an image, not at a line worth marking. */
const ANNOTATED: ReadonlySet<Category> = new Set(['code', 'secret', 'misconfiguration']);

/**
 * Offers `budget` an annotation for each open finding that has a line in a file of the repository, in the findings'
 * order (most severe first). The budget prints those within its limits and counts the rest, building only the ones
 * it prints, so a run with hundreds of thousands of findings builds a few dozen annotations. `failing` are the
 * findings that fail the policy: they are errors; the rest are warnings (critical, high, medium) or notices (low,
 * info), so an error always means "this is why the step failed". A message says new or existing only
 * `withBaseline`: without one every finding is new, which says nothing.
 */
export function annotateFindings(
  findings: readonly Finding[],
  failing: ReadonlySet<Finding>,
  budget: AnnotationBudget,
  withBaseline: boolean,
): void {
  for (const finding of findings) {
    if (isAnnotated(finding)) {
      budget.annotate(annotationLevel(finding, failing), () => annotation(finding, withBaseline));
    }
  }
}

function annotationLevel(finding: Finding, failing: ReadonlySet<Finding>): AnnotationLevel {
  if (failing.has(finding)) return 'error';
  return finding.severity === 'low' || finding.severity === 'info' ? 'notice' : 'warning';
}

function annotation(finding: Finding, withBaseline: boolean): Omit<Annotation, 'level'> {
  const status = withBaseline ? `, ${finding.status}` : '';
  return {
    message: `${finding.title} (${finding.severity}${status}, reported by ${finding.tools.join(', ')})`,
    properties: {
      title: `${finding.severity} ${finding.ruleId}`,
      file: finding.location.path,
      startLine: finding.location.startLine,
      ...(finding.location.endLine !== undefined && { endLine: finding.location.endLine }),
      // GitHub uses columns only for an annotation on a single line.
      ...(sameLine(finding) &&
        finding.location.startColumn !== undefined && {
          startColumn: finding.location.startColumn,
          ...(finding.location.endColumn !== undefined && { endColumn: finding.location.endColumn }),
        }),
    },
  };
}

function isAnnotated(finding: Finding): boolean {
  const { path, startLine } = finding.location;
  return (
    finding.status !== 'suppressed' &&
    ANNOTATED.has(finding.category) &&
    startLine !== undefined &&
    isRepositoryPath(path)
  );
}

function sameLine(finding: Finding): boolean {
  const { startLine, endLine } = finding.location;
  return endLine === undefined || endLine === startLine;
}

/** A relative path inside the checkout: what GitHub can place an annotation (or a blob link) on. */
export function isRepositoryPath(path: string): boolean {
  return path !== '' && !path.startsWith('/') && !/^[a-z][a-z0-9+.-]*:/i.test(path) && !EMPTY_OR_DOT_SEGMENT.test(path);
}

/** A segment that is empty (a trailing or doubled slash), '.' or '..': without splitting the path. */
const EMPTY_OR_DOT_SEGMENT = /(?:^|\/)\.{0,2}(?:\/|$)/;
