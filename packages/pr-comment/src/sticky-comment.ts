// Creates or updates the one comment a marker names on a pull request: lists the comments page by page until the
// marked one turns up, updates it, or creates it when no page has it.
import type { GitHub } from '@actions/github/lib/utils';
import { commentBody, type CommentParts } from './comment-body.js';
import { isMarkedBy } from './marker.js';

/** The Octokit @actions/github's getOctokit makes. */
export type GitHubClient = InstanceType<typeof GitHub>;

export interface StickyComment extends CommentParts {
  owner: string;
  repo: string;
  /** The pull request's number (its comments are the issue's). */
  number: number;
}

export interface StickyCommentResult {
  action: 'created' | 'updated';
  id: number;
  /** The comment's page on GitHub. */
  url: string;
}

/** The most comments GitHub returns on one page. */
const PAGE_SIZE = 100;

export async function upsertStickyComment(github: GitHubClient, comment: StickyComment): Promise<StickyCommentResult> {
  const { owner, repo, number, marker } = comment;
  const body = commentBody(comment);
  const pages = github.paginate.iterator(github.rest.issues.listComments, {
    owner,
    repo,
    issue_number: number,
    per_page: PAGE_SIZE,
  });
  for await (const page of pages) {
    // The oldest marked comment is the one kept: if two runs ever raced to create one, the same one wins each time.
    const ours = page.data.find((existing) => isMarkedBy(existing.body, marker));
    if (ours) {
      const updated = await github.rest.issues.updateComment({ owner, repo, comment_id: ours.id, body });
      return { action: 'updated', id: updated.data.id, url: updated.data.html_url };
    }
  }
  const created = await github.rest.issues.createComment({ owner, repo, issue_number: number, body });
  return { action: 'created', id: created.data.id, url: created.data.html_url };
}
