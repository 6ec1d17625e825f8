// The comment-on-pr step: the same summary the step writes, posted as the pull request's sticky comment. A comment
// that could not be posted is a warning and a line in the summary, never a change of the scan's verdict.
import { SummaryBuilder, debug, info, printAnnotation, setSecret, warning } from '@actions-kit/core';

/** comment-on-pr's settings: the comment-key and the github-token. */
export interface CommentInputs {
  key: string;
  token: string;
}

export interface PullRequestCommentStep {
  /** Posts the summary; a comment that could not be posted adds its reason to the summary. */
  post(summary: SummaryBuilder): Promise<void>;
  /**
   * For a step that failed: when it failed before its summary was posted (a report it cannot read, an output it
   * cannot write), the comment says so, rather than go on showing the previous push's result. Rethrows `error`.
   */
  failed(error: unknown): Promise<never>;
}

/** The step for `settings` (undefined: comment-on-pr is false, and nothing is posted). */
export function pullRequestComment(settings: CommentInputs | undefined): PullRequestCommentStep {
  let posted = false;
  return {
    post: async (summary) => {
      if (!settings) return;
      posted = true;
      const outcome = await comment(settings, summary);
      if (outcome.status === 'failed') summary.paragraph(`The pull-request comment was not posted: ${outcome.reason}.`);
    },
    failed: async (error) => {
      if (settings && !posted) await comment(settings, failureSummary(error));
      throw error;
    },
  };
}

function failureSummary(error: unknown): SummaryBuilder {
  const message = error instanceof Error ? error.message : String(error);
  return new SummaryBuilder()
    .raw('## Security scan: ⚠️ did not finish')
    .paragraph(`The scan stopped before it could judge this push: ${message}`)
    .raw("The step's log has the details; a result is shown again when a run finishes.");
}

async function comment(settings: CommentInputs, summary: SummaryBuilder) {
  setSecret(settings.token); // a token given by hand may not be a secret the runner already masks
  // Loaded only to post: a step that does not comment does not load Octokit, nor the code that uses it.
  const { commentOnPullRequest } = await import('@actions-kit/pr-comment');
  return commentOnPullRequest(
    { action: 'security-scan', key: settings.key, token: settings.token, summary },
    { notice: (message) => printAnnotation({ level: 'notice', message, properties: {} }), warning, info, debug },
  );
}
