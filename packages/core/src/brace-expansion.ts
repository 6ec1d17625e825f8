// Brace expansion, `out/{trivy,grype}.json` → `out/trivy.json`, `out/grype.json`: written once for the two kinds of
// glob the actions read (file patterns, whose globber has braces switched off, and ignore-file path globs). Imports
// nothing, so a report reader's worker thread can load it alone.

/**
 * The globs a glob's `{a,b}` groups stand for (nested groups too); a group without a comma and a `\{` are literal.
 * Undefined when they would be more than `limit` globs.
 */
export function expandBraces(glob: string, limit: number): string[] | undefined {
  const open = findBrace(glob);
  if (open === undefined) return [glob];
  const { start, end, options } = open;
  const expanded: string[] = [];
  for (const option of options) {
    const rest = expandBraces(`${glob.slice(0, start)}${option}${glob.slice(end + 1)}`, limit - expanded.length);
    if (rest === undefined) return undefined;
    expanded.push(...rest);
    if (expanded.length > limit) return undefined;
  }
  return expanded;
}

/** The first `{...}` group with a comma at its own level: where it starts and ends, and its options. */
function findBrace(glob: string): { start: number; end: number; options: string[] } | undefined {
  for (let start = 0; start < glob.length; start++) {
    if (glob[start] === '\\') {
      start++;
      continue;
    }
    if (glob[start] !== '{') continue;
    let depth = 0;
    const commas: number[] = [];
    for (let i = start; i < glob.length; i++) {
      const c = glob[i];
      if (c === '\\') i++;
      else if (c === '{') depth++;
      else if (c === ',' && depth === 1) commas.push(i);
      else if (c === '}' && --depth === 0) {
        if (commas.length === 0) break;
        const cuts = [start, ...commas, i];
        const options = cuts.slice(0, -1).map((cut, k) => glob.slice(cut + 1, cuts[k + 1]));
        return { start, end: i, options };
      }
    }
  }
  return undefined;
}
