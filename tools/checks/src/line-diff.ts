// A minimal line diff (longest common subsequence) for showing small texts side by side, such as README tables.

/**
 * Lines prefixed with '  ' (in both), '- ' (only in `before`) or '+ ' (only in `after`), in reading order.
 * Quadratic in the number of lines: meant for tables of a few dozen rows, not for files.
 */
export function diffLines(before: readonly string[], after: readonly string[]): string[] {
  // common[i][j] = length of the longest common subsequence of before[i..] and after[j..]
  const common: number[][] = Array.from({ length: before.length + 1 }, () =>
    new Array<number>(after.length + 1).fill(0),
  );
  for (let i = before.length - 1; i >= 0; i--) {
    for (let j = after.length - 1; j >= 0; j--) {
      common[i]![j] =
        before[i] === after[j] ? common[i + 1]![j + 1]! + 1 : Math.max(common[i + 1]![j]!, common[i]![j + 1]!);
    }
  }
  const lines: string[] = [];
  let i = 0;
  let j = 0;
  while (i < before.length && j < after.length) {
    if (before[i] === after[j]) {
      lines.push(`  ${before[i]}`);
      i++;
      j++;
    } else if (common[i + 1]![j]! >= common[i]![j + 1]!) {
      lines.push(`- ${before[i]}`);
      i++;
    } else {
      lines.push(`+ ${after[j]}`);
      j++;
    }
  }
  while (i < before.length) lines.push(`- ${before[i++]}`);
  while (j < after.length) lines.push(`+ ${after[j++]}`);
  return lines;
}
