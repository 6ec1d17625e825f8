// Annotations within GitHub's per-step limits, escaped so a finding's text cannot break out of its command.
import { countOf } from './counting.js';
import { issueCommand } from './runner.js';

export interface AnnotationProperties {
  title?: string;
  file?: string;
  startLine?: number;
  endLine?: number;
  startColumn?: number;
  endColumn?: number;
}

export type AnnotationLevel = 'error' | 'warning' | 'notice';

/** One annotation: its level, its message (untrusted text, escaped when printed) and where it points. */
export interface Annotation {
  level: AnnotationLevel;
  message: string;
  properties: AnnotationProperties;
}

/** Where a budget's annotations go: the runner's log in an action, a list in a test. */
export type AnnotationPrinter = (annotation: Annotation) => void;

type Counts = Record<AnnotationLevel, number>;

/**
 * Prints at most `limits[level]` annotations of each level and counts the rest. GitHub shows 10 errors, 10
 * warnings and 10 notices per step and drops the others without saying so; counting them lets the summary say so.
 */
export class AnnotationBudget {
  private readonly limits: Counts;
  private readonly printed: Counts = { error: 0, warning: 0, notice: 0 };
  private readonly left: Counts = { error: 0, warning: 0, notice: 0 };

  constructor(
    limits: Partial<Counts> = {},
    private readonly print: AnnotationPrinter = printAnnotation,
  ) {
    this.limits = { error: limits.error ?? 10, warning: limits.warning ?? 10, notice: limits.notice ?? 10 };
  }

  /** Prints an error annotation; false when over budget (then counted, not printed). */
  error(message: string, properties: AnnotationProperties = {}): boolean {
    return this.annotate('error', () => ({ message, properties }));
  }

  warning(message: string, properties: AnnotationProperties = {}): boolean {
    return this.annotate('warning', () => ({ message, properties }));
  }

  notice(message: string, properties: AnnotationProperties = {}): boolean {
    return this.annotate('notice', () => ({ message, properties }));
  }

  /**
   * Prints the annotation `build` makes when `level` has room left, else only counts it; true when printed.
   * `build` is called only for an annotation that is printed, so offering a million findings builds a few dozen.
   */
  annotate(level: AnnotationLevel, build: () => Omit<Annotation, 'level'>): boolean {
    if (this.printed[level] >= this.limits[level]) {
      this.left[level] += 1;
      return false;
    }
    this.printed[level] += 1;
    this.print({ level, ...build() });
    return true;
  }

  /** How many annotations of each level were counted but not printed. */
  omitted(): Counts {
    return { ...this.left };
  }

  /** A sentence for the summary when annotations were left out, e.g. '12 errors not shown as annotations ...'; else ''. */
  omittedNote(): string {
    const parts = (Object.keys(this.left) as AnnotationLevel[])
      .filter((level) => this.left[level] > 0)
      .map((level) => countOf(this.left[level], level));
    if (parts.length === 0) return '';
    return `${parts.join(', ')} not shown as annotations (the limit per step was reached).`;
  }
}

/** Writes an annotation as the runner reads it: its properties under the runner's names, in @actions/core's order. */
export function printAnnotation({ level, message, properties }: Annotation): void {
  // issueCommand escapes data and properties.
  issueCommand(
    level,
    {
      title: properties.title,
      file: properties.file,
      line: properties.startLine,
      endLine: properties.endLine,
      col: properties.startColumn,
      endColumn: properties.endColumn,
    },
    message,
  );
}
