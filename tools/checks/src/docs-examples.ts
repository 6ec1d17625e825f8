// The `uses:` examples in the docs, checked against how GitHub resolves them: this repository's actions are
// `<owner>/actions-kit/actions/<name>@<ref>` and must exist; any other action must be pinned by a full commit SHA.

/** The repository name the docs use for this project: `your-org/actions-kit/actions/<name>@v1`. */
export const PROJECT_REPO = 'actions-kit';

export interface DocsRepository {
  /** The action folders under actions/ that hold an action.yml. */
  actions: ReadonlySet<string>;
  /** Whether a repository-relative path exists (for `./local` actions and reusable workflows). */
  exists(relativePath: string): boolean;
}

const USES = /\buses:\s*['"]?([^\s'"`|]+)/g;
const FULL_SHA = /^[0-9a-f]{40}$/;

/** Every problem with the `uses:` references in one Markdown file, as `file:line: uses X: what is wrong; the fix`. */
export function findUsesProblems(file: string, markdown: string, repository: DocsRepository): string[] {
  const problems: string[] = [];
  markdown.split('\n').forEach((text, index) => {
    for (const match of text.matchAll(USES)) {
      const uses = match[1]!;
      const problem = usesProblem(uses, repository);
      if (problem) problems.push(`${file}:${index + 1}: uses ${uses}: ${problem}`);
    }
  });
  return problems;
}

function usesProblem(uses: string, repository: DocsRepository): string | undefined {
  if (uses.startsWith('docker://')) return undefined;
  if (uses.startsWith('./')) {
    return repository.exists(uses.slice(2)) ? undefined : 'no such folder or file in this repository';
  }
  const at = uses.lastIndexOf('@');
  if (at <= 0) return 'no @<ref>; GitHub needs one (a tag such as v1, or a commit SHA)';
  const [owner, repo, ...rest] = uses.slice(0, at).split('/');
  const ref = uses.slice(at + 1);
  const path = rest.join('/');
  if (!owner || !repo) return 'expected <owner>/<repo>[/<path>]@<ref>';
  if (repo === PROJECT_REPO) return ownProblem(path, repository);
  const ours = [...repository.actions].find((name) => path === name || path.endsWith(`/${name}`));
  if (ours) {
    return (
      `GitHub reads this as the action in folder '${path}' of repository ${owner}/${repo}; this project's actions ` +
      `live under actions/: write <owner>/${PROJECT_REPO}/actions/${ours}@<ref>`
    );
  }
  if (!FULL_SHA.test(ref)) {
    return 'a third-party action must be pinned by its full commit SHA, with the version in a comment (# v4.3.1)';
  }
  return undefined;
}

function ownProblem(path: string, repository: DocsRepository): string | undefined {
  if (path.startsWith('.github/workflows/')) {
    return repository.exists(path) ? undefined : `no reusable workflow ${path} in this repository`;
  }
  const name = /^actions\/([^/]+)$/.exec(path)?.[1];
  if (name && repository.actions.has(name)) return undefined;
  const known = [...repository.actions].sort().join(', ');
  return `not an action of this repository; write <owner>/${PROJECT_REPO}/actions/<name>@<ref> with one of: ${known}`;
}
