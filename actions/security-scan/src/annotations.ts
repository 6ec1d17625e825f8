// Annotations on the file and line of code, secret and misconfiguration findings, most severe first, within the
// per-step limits: an error for a finding that fails the policy, a warning or notice for the others.
import { AnnotationBudget, type AnnotationLevel, type AnnotationProperties } from '@actions-kit/core';
import type { Category, Finding } from '@actions-kit/findings';

export interface FindingAnnotation {
  level: AnnotationLevel;
  message: string;
  properties: AnnotationProperties;
}

/** Package findings (vulnerabilities, licences) point at a manifest or an image, not at a line worth marking. */
const ANNOTATED: ReadonlySet<Category> = new Set(['code', 'secret', 'misconfiguration']);

export type AnnotationRoom = Record<AnnotationLevel, number>;

export interface AnnotationSelection {
  /** The annotations that fit, in the findings' order. */
  shown: FindingAnnotation[];
  /** How many more of each level there are. */
  omitted: AnnotationRoom;
}

/**
 * The annotations for open findings that have a line in a file of the repository, in the findings' order (most
 * severe first), at most `room[level]` of each level; the rest are only counted, so a run with hundreds of thousands
 * of findings builds a few dozen annotations. `failing` are the findings that fail the policy: they are errors; the
 * rest are warnings (critical, high, medium) or notices (low, info), so an error always means "this is why the step
 * failed".
 */
export function selectAnnotations(
  findings: readonly Finding[],
  failing: ReadonlySet<Finding>,
  room: AnnotationRoom,
): AnnotationSelection {
  const shown: FindingAnnotation[] = [];
  const printed: AnnotationRoom = { error: 0, warning: 0, notice: 0 };
  const omitted: AnnotationRoom = { error: 0, warning: 0, notice: 0 };
  for (const finding of findings) {
    if (!isAnnotated(finding)) continue;
    const level = annotationLevel(finding, failing);
    if (printed[level] < room[level]) {
      printed[level]++;
      shown.push(annotation(finding, level));
    } else {
      omitted[level]++;
    }
  }
  return { shown, omitted };
}

/**
 * Prints the selected annotations through `budget` and counts the omitted ones there; returns the summary's note
 * about those left out ('' when none). The selection must have been made with the budget's limits as its room.
 */
export function printAnnotations(
  selection: AnnotationSelection,
  budget: AnnotationBudget = new AnnotationBudget(),
): string {
  for (const annotation of selection.shown) budget[annotation.level](annotation.message, annotation.properties);
  // The budget is full at every level with omitted annotations, so these calls only count.
  for (const level of Object.keys(selection.omitted) as AnnotationLevel[]) {
    for (let i = 0; i < selection.omitted[level]; i++) budget[level]('');
  }
  return budget.omittedNote();
}

function annotationLevel(finding: Finding, failing: ReadonlySet<Finding>): AnnotationLevel {
  if (failing.has(finding)) return 'error';
  return finding.severity === 'low' || finding.severity === 'info' ? 'notice' : 'warning';
}

function annotation(finding: Finding, level: AnnotationLevel): FindingAnnotation {
  return {
    level,
    message: `${finding.title} (${finding.severity}, ${finding.status}, reported by ${finding.tools.join(', ')})`,
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
  return (
    path !== '' &&
    !path.startsWith('/') &&
    !/^[a-z][a-z0-9+.-]*:/i.test(path) &&
    !path.split('/').some((segment) => segment === '..' || segment === '.' || segment === '')
  );
}
