// Matches a finding's path against an ignore-file `path` glob in time linear in the path's length (times the glob's):
// picomatch, used before, compiles a glob to a backtracking regular expression, so `*a*a*a*a*c` against a long path
// ran for minutes, and it has no mode without backtracking. The syntax is the subset the security-scan README
// documents: `*`, `**`, `?`, `[...]`, `{a,b}`, `\` and a leading `!`, with picomatch's meaning (`dot: true`).
import { expandBraces } from '@actions-kit/core/brace-expansion';

/** A glob this matcher cannot read: the message says what to write instead. */
export class GlobSyntaxError extends Error {}

/** `{a,b}` groups may expand to at most this many globs. */
const MAX_ALTERNATIVES = 256;

type Token =
  | { kind: 'char'; char: string }
  | { kind: 'any' }
  | { kind: 'star' }
  | { kind: 'class'; negated: boolean; ranges: [string, string][] };

/** A segment of a glob between slashes: `**` (any number of path segments), or one segment's pattern. */
type Segment = { kind: 'globstar' } | { kind: 'segment'; tokens: Token[]; star: boolean };

/** A predicate for the paths `glob` matches. Throws GlobSyntaxError for syntax outside the documented subset. */
export function compilePathGlob(glob: string): (path: string) => boolean {
  const negated = glob.startsWith('!') && !glob.startsWith('!(');
  // Paths have no leading './' (see normalisePath), and picomatch drops it from a glob too.
  const body = (negated ? glob.slice(1) : glob).replace(/^(?:\.\/)+/, '');
  const extglob = /(?:^|[^\\])[?*+@!]\(/.exec(body);
  if (extglob) {
    throw new GlobSyntaxError(
      `extended globs such as '${extglob[0].slice(-2)}…)' are not supported; use {a,b} for alternatives, or \\( for a parenthesis`,
    );
  }
  const alternatives = expandBraces(body, MAX_ALTERNATIVES);
  if (alternatives === undefined) {
    throw new GlobSyntaxError(`its {a,b} groups expand to more than ${MAX_ALTERNATIVES} globs; write fewer`);
  }
  const parsed = alternatives.map(parseSegments);
  return (path) => parsed.some((segments) => matchSegments(segments, path.split('/'))) !== negated;
}

function parseSegments(glob: string): Segment[] {
  return splitUnescaped(glob).map((text) => {
    if (text === '**') return { kind: 'globstar' };
    const tokens = tokensOf(text);
    return { kind: 'segment', tokens, star: tokens.some((t) => t.kind === 'star') };
  });
}

/** Splits on the slashes that are not escaped. */
function splitUnescaped(glob: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob.charAt(i);
    if (c === '\\' && i + 1 < glob.length) current += c + glob.charAt(++i);
    else if (c === '/') {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}

function tokensOf(text: string): Token[] {
  const tokens: Token[] = [];
  const chars = Array.from(text);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === '\\' && i + 1 < chars.length) tokens.push({ kind: 'char', char: chars[++i]! });
    else if (c === '?') tokens.push({ kind: 'any' });
    else if (c === '*') {
      // A run of stars inside a segment is one star.
      if (tokens.at(-1)?.kind !== 'star') tokens.push({ kind: 'star' });
    } else if (c === '[') {
      const parsed = characterClass(chars, i);
      if (parsed) {
        tokens.push(parsed.token);
        i = parsed.end;
      } else tokens.push({ kind: 'char', char: c });
    } else tokens.push({ kind: 'char', char: c });
  }
  return tokens;
}

/** `[abc]`, `[a-z]`, `[!a]` or `[^a]` from chars[open]; undefined when it is not closed (then '[' is literal). */
function characterClass(chars: string[], open: number): { token: Token; end: number } | undefined {
  let i = open + 1;
  const negated = chars[i] === '!' || chars[i] === '^';
  if (negated) i++;
  const ranges: [string, string][] = [];
  for (let first = true; i < chars.length; i++, first = false) {
    let c = chars[i]!;
    if (c === ']' && !first) return { token: { kind: 'class', negated, ranges }, end: i };
    if (c === '\\' && i + 1 < chars.length) c = chars[++i]!;
    if (chars[i + 1] === '-' && i + 2 < chars.length && chars[i + 2] !== ']') {
      ranges.push([c, chars[i + 2]!]);
      i += 2;
    } else ranges.push([c, c]);
  }
  return undefined;
}

/**
 * Whether the path's segments match the glob's, simulating every way `**` can be matched at once: the set of glob
 * positions reachable after each path segment. Each path segment is matched against each glob segment at most
 * once, so the time is linear in the path's length. `**` and `*` never match a `.` or `..` segment (as picomatch).
 */
function matchSegments(segments: readonly Segment[], parts: readonly string[]): boolean {
  let states = closure(segments, new Set([0]));
  for (const part of parts) {
    const next = new Set<number>();
    for (const i of states) {
      const segment = segments[i];
      if (segment === undefined) continue;
      if (segment.kind === 'globstar') {
        if (part !== '.' && part !== '..') next.add(i);
      } else if (matchSegment(segment, part)) next.add(i + 1);
    }
    if (next.size === 0) return false;
    states = closure(segments, next);
  }
  return states.has(segments.length);
}

/** The positions reachable from `states` by letting each `**` match no segment. */
function closure(segments: readonly Segment[], states: Set<number>): Set<number> {
  for (const i of states) if (segments[i]?.kind === 'globstar') states.add(i + 1);
  return states;
}

/** One path segment against one glob segment: the set of token positions reachable after each character. */
function matchSegment(segment: Extract<Segment, { kind: 'segment' }>, part: string): boolean {
  const { tokens } = segment;
  if (segment.star && (part === '.' || part === '..' || part === '')) return false;
  let states = new Uint8Array(tokens.length + 1);
  const starClosure = (set: Uint8Array) => {
    for (let t = 0; t < tokens.length; t++) if (set[t] && tokens[t]!.kind === 'star') set[t + 1] = 1;
  };
  states[0] = 1;
  starClosure(states);
  for (const char of part) {
    const next = new Uint8Array(tokens.length + 1);
    let any = false;
    for (let t = 0; t < tokens.length; t++) {
      if (!states[t]) continue;
      const token = tokens[t]!;
      if (token.kind === 'star') next[t] = 1;
      else if (matchToken(token, char)) next[t + 1] = 1;
      else continue;
      any = true;
    }
    if (!any) return false;
    starClosure(next);
    states = next;
  }
  return states[tokens.length] === 1;
}

function matchToken(token: Exclude<Token, { kind: 'star' }>, char: string): boolean {
  if (token.kind === 'char') return token.char === char;
  if (token.kind === 'any') return true;
  const inside = token.ranges.some(([from, to]) => char >= from && char <= to);
  return inside !== token.negated;
}
