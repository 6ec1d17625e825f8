// Creates or updates the one comment a marker names on a pull request: lists the comments page by page until the
// marked one turns up, updates it, or creates it when no page has it. Anyone can write the marker line in a comment
// of their own, so a marked comment is ours only when the token could have written it: a GitHub App's (GITHUB_TOKEN
// comments as github-actions[bot]) or the token's own user's. Another's marked comment is left alone: taking it
// would overwrite their words with ours under their name, and our summary would never be posted.
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
  const writtenByToken = tokenAuthorship(github);
  for await (const page of pages) {
    // The oldest marked comment is the one kept: if two runs ever raced to create one, the same one wins each time.
    let ours: (typeof page.data)[number] | undefined;
    for (const existing of page.data) {
      if (isMarkedBy(existing.body, marker) && (await writtenByToken(existing.user))) {
        ours = existing;
        break;
      }
    }
    if (ours) {
      const updated = await github.rest.issues.updateComment({ owner, repo, comment_id: ours.id, body });
      return { action: 'updated', id: updated.data.id, url: updated.data.html_url };
    }
  }
  const created = await github.rest.issues.createComment({ owner, repo, issue_number: number, body });
  return { action: 'created', id: created.data.id, url: created.data.html_url };
}

type Author = { login: string; type: string } | null | undefined;

/**
 * Whether a comment's author could be the token: any GitHub App (an installation token cannot ask who it is, and
 * only the app can write as its bot), or the user the token belongs to, asked once (GET /user) when a person's
 * marked comment is met.
 */
function tokenAuthorship(github: GitHubClient): (author: Author) => Promise<boolean> {
  let tokenUser: Promise<string | undefined> | undefined;
  return async (author) => {
    if (!author) return false;
    if (author.type === 'Bot') return true;
    tokenUser ??= github.rest.users.getAuthenticated().then(
      (answer) => answer.data.login,
      () => undefined,
    );
    return (await tokenUser) === author.login;
  };
}
