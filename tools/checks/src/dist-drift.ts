// Turns git's view of the action dist/ folders after a fresh build into a verdict, a log report and a job summary.

export interface DistChange {
  /** The two-letter `git status --porcelain` code, e.g. ' M' (modified), '??' (untracked), ' D' (deleted). */
  status: string;
  file: string;
}

export interface DriftReport {
  ok: boolean;
  /** For the log. */
  text: string;
  /** Markdown for $GITHUB_STEP_SUMMARY. */
  summary: string;
}

export interface DiffLimits {
  maxLines: number;
  /** Bundles are minified into a few huge lines; each shown line is cut to this many characters. */
  maxLineChars: number;
}

export const DEFAULT_LIMITS: DiffLimits = { maxLines: 300, maxLineChars: 240 };

export const FIX = "run 'pnpm build' and commit every changed or new file under the actions' dist/ folders";

export function parsePorcelain(output: string): DistChange[] {
  return output
    .split('\n')
    .filter((line) => line.length > 3)
    .map((line) => ({ status: line.slice(0, 2), file: line.slice(3) }));
}

export function truncateDiff(diff: string, limits: DiffLimits = DEFAULT_LIMITS): string {
  const lines = diff.replace(/\n$/, '').split('\n');
  const shown = lines.slice(0, limits.maxLines).map((line) => {
    const extra = line.length - limits.maxLineChars;
    return extra > 0 ? `${line.slice(0, limits.maxLineChars)}… (${extra} more characters)` : line;
  });
  const hidden = lines.length - shown.length;
  if (hidden > 0) shown.push(`… ${hidden} more lines: run 'git diff' after 'pnpm build' to see them all`);
  return shown.join('\n');
}

/** A code fence longer than any backtick run in `content`, so the content cannot close it early. */
function fenceFor(content: string): string {
  const longestRun = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  return '`'.repeat(Math.max(3, longestRun + 1));
}

export function describeDrift(
  distDirs: readonly string[],
  changes: readonly DistChange[],
  diff: string,
  limits: DiffLimits = DEFAULT_LIMITS,
): DriftReport {
  if (changes.length === 0) {
    const text = `dist-check: ${distDirs.length} dist folder(s) match a fresh build.`;
    return { ok: true, text, summary: `### dist check\n\n${text}\n` };
  }
  const shownDiff = truncateDiff(diff, limits);
  const list = changes.map((change) => `${change.status} ${change.file}`);
  const text = [
    `dist-check: ${changes.length} file(s) under dist/ differ from a fresh build (git status --porcelain):`,
    ...list.map((line) => `  ${line}`),
    ...(shownDiff.trim() === '' ? [] : ['', 'git diff (truncated):', shownDiff, '']),
    `Fix: ${FIX}.`,
  ].join('\n');
  const fence = fenceFor(shownDiff);
  const summary = [
    '### dist check failed',
    '',
    'The committed bundles differ from a fresh `pnpm build`:',
    '',
    ...list.map((line) => `- \`${line}\``),
    '',
    `**Fix:** ${FIX}.`,
    ...(shownDiff.trim() === ''
      ? []
      : [
          '',
          '<details><summary>git diff (truncated)</summary>',
          '',
          `${fence}diff`,
          shownDiff,
          fence,
          '',
          '</details>',
        ]),
    '',
  ].join('\n');
  return { ok: false, text, summary };
}
