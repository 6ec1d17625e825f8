// The hidden line that makes a comment this action's own: an HTML comment naming the action and the user's key, so
// each use of an action (two jobs, two steps) keeps one comment of its own and finds it again on the next push.
import { ConfigurationError, quoteValue } from '@actions-kit/core';

/** Letters, digits and `.` `_` `/` `-`: nothing that could end the HTML comment or show in the rendered text. */
const KEY_FORM = /^[A-Za-z0-9._/-]{1,100}$/;

/**
 * The `comment-key` input checked: '' (the default: one comment per action on a pull request) or a key in KEY_FORM.
 * `input` names the input in the message.
 */
export function parseCommentKey(text: string, input = 'comment-key'): string {
  if (text === '' || KEY_FORM.test(text)) return text;
  throw new ConfigurationError(
    `${input}: ${quoteValue(text)} is not a comment key; use up to 100 letters, digits, '.', '_', '/' or '-' ` +
      `(e.g. backend), a different one for each use of the action on the same pull request`,
  );
}

/** The marker line: `<!-- actions-kit:<action> -->`, or `<!-- actions-kit:<action> key=<key> -->` with a key. */
export function stickyMarker(action: string, key: string): string {
  parseCommentKey(action, 'action name');
  parseCommentKey(key);
  return `<!-- actions-kit:${action}${key === '' ? '' : ` key=${key}`} -->`;
}

/**
 * Whether `body` is the comment `marker` marks: its first line is the marker exactly, so the marker of another key
 * (or of no key) never matches, and a comment that only quotes a marker further down is not taken for ours.
 */
export function isMarkedBy(body: string | null | undefined, marker: string): boolean {
  if (!body) return false;
  const firstLine = body.split(/\r?\n/, 1)[0];
  return firstLine === marker;
}
