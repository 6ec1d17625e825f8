// The comment-on-pr step: the same summary the step writes, posted as the pull request's sticky comment. A comment
// that could not be posted is a warning and a line in the summary, never a change of the scan's verdict.
import { debug, info, printAnnotation, setSecret, warning, type SummaryBuilder } from '@actions-kit/core';
import { commentOnPullRequest } from '@actions-kit/pr-comment';

/** comment-on-pr's settings: the comment-key and the github-token. */
export interface CommentInputs {
  key: string;
  token: string;
}

export async function commentSummary(settings: CommentInputs, summary: SummaryBuilder): Promise<void> {
  setSecret(settings.token); // a token given by hand may not be a secret the runner already masks
  const outcome = await commentOnPullRequest(
    { action: 'security-scan', key: settings.key, token: settings.token, summary },
    { notice: (message) => printAnnotation({ level: 'notice', message, properties: {} }), warning, info, debug },
  );
  if (outcome.status === 'failed') summary.paragraph(`The pull-request comment was not posted: ${outcome.reason}.`);
}
