// The comment's text: the marker line, the summary cut to fit GitHub's limit for a comment, and a footer saying
// which commit and run it describes (a comment kept across pushes must say which push it is about).
import { groupDigits, type SummaryBuilder } from '@actions-kit/core';

/** GitHub refuses a comment body over 65,536 characters (422 "Body is too long"). */
export const COMMENT_LIMIT_CHARS = 65_536;

export interface CommentParts {
  /** The marker line (stickyMarker). */
  marker: string;
  /** The summary the step writes; cut as the step summary is cut, with a visible note. */
  summary: SummaryBuilder;
  /** Markdown of the action's own (never text from outside), shown below the summary. */
  footer: string;
  /** For tests of the cut; default COMMENT_LIMIT_CHARS. */
  limitChars?: number;
}

export function commentBody(parts: CommentParts): string {
  const limit = parts.limitChars ?? COMMENT_LIMIT_CHARS;
  const head = `${parts.marker}\n`;
  const foot = `\n---\n${parts.footer}\n`;
  // The summary is cut in UTF-8 bytes, which are never fewer than characters (in GitHub's count or JavaScript's),
  // so a summary cut to the characters left fits whatever it holds. The frame is counted in UTF-16 units, which are
  // never fewer than characters either.
  const room = limit - head.length - foot.length;
  const whose = limit === COMMENT_LIMIT_CHARS ? "GitHub's limit" : 'the limit';
  const limitText = `${whose} is ${groupDigits(limit)} characters per comment`;
  const summary = parts.summary.toMarkdown(room, limitText).replace(/\n+$/, '\n');
  return `${head}${summary}${foot}`;
}
