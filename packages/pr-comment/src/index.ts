// Public surface of the pr-comment package: an action's summary as one sticky pull-request comment.
export { commentOnPullRequest } from './comment-on-pull-request.js';
export type { CommentLog, CommentOptions, CommentOutcome, PullRequestComment } from './comment-on-pull-request.js';
export { COMMENT_LIMIT_CHARS, commentBody } from './comment-body.js';
export type { CommentParts } from './comment-body.js';
export { isMarkedBy, parseCommentKey, stickyMarker } from './marker.js';
export { pullRequestTarget } from './pull-request.js';
export type { NoComment, PullRequestTarget, RunEvent } from './pull-request.js';
export { upsertStickyComment } from './sticky-comment.js';
export type { GitHubClient, StickyComment, StickyCommentResult } from './sticky-comment.js';
export { gitHubClient } from './github-client.js';
export type { ClientOptions } from './github-client.js';
export { DEFAULT_RETRY_POLICY } from './github-answers.js';
export type { RetryPolicy } from './github-answers.js';
