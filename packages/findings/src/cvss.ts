// CVSS base scores from vectors (FIRST's v2 and v3.x formulas), for reports that give a vector and no score (OSV
// records). A dozen lines of the specification's arithmetic, where a calculator library costs ~20 ms of start-up;
// the unit test checks it against one (ae-cvss-calculator). v4's score needs its lookup tables: not computed here.

const V3_WEIGHTS: Record<string, Record<string, number>> = {
  AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
  AC: { L: 0.77, H: 0.44 },
  UI: { N: 0.85, R: 0.62 },
  C: { H: 0.56, L: 0.22, N: 0 },
  I: { H: 0.56, L: 0.22, N: 0 },
  A: { H: 0.56, L: 0.22, N: 0 },
};
const V3_PRIVILEGES: Record<string, { unchanged: number; changed: number }> = {
  N: { unchanged: 0.85, changed: 0.85 },
  L: { unchanged: 0.62, changed: 0.68 },
  H: { unchanged: 0.27, changed: 0.5 },
};

const V2_WEIGHTS: Record<string, Record<string, number>> = {
  AV: { L: 0.395, A: 0.646, N: 1 },
  AC: { H: 0.35, M: 0.61, L: 0.71 },
  Au: { M: 0.45, S: 0.56, N: 0.704 },
  C: { N: 0, P: 0.275, C: 0.66 },
  I: { N: 0, P: 0.275, C: 0.66 },
  A: { N: 0, P: 0.275, C: 0.66 },
};

function metrics(vector: string): Map<string, string> {
  const parts = new Map<string, string>();
  for (const part of vector.trim().split('/')) {
    const colon = part.indexOf(':');
    if (colon > 0) parts.set(part.slice(0, colon), part.slice(colon + 1));
  }
  return parts;
}

/** v3.1's Roundup (the smallest one-decimal number ≥ x, without floating-point surprises); v3.0 used a plain ceil. */
function roundUp(x: number, v30: boolean): number {
  if (v30) return Math.ceil(x * 10) / 10;
  const scaled = Math.round(x * 100000);
  return scaled % 10000 === 0 ? scaled / 100000 : (Math.floor(scaled / 10000) + 1) / 10;
}

function v3Score(m: Map<string, string>, v30: boolean): number | undefined {
  const w = (name: string) => V3_WEIGHTS[name]![m.get(name) ?? ''];
  const [av, ac, ui, c, i, a] = ['AV', 'AC', 'UI', 'C', 'I', 'A'].map(w);
  const scope = m.get('S');
  const pr = V3_PRIVILEGES[m.get('PR') ?? ''];
  if ([av, ac, ui, c, i, a].some((x) => x === undefined) || pr === undefined || (scope !== 'U' && scope !== 'C'))
    return undefined;
  const changed = scope === 'C';
  const iss = 1 - (1 - c!) * (1 - i!) * (1 - a!);
  const impact = changed ? 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15 : 6.42 * iss;
  const exploitability = 8.22 * av! * ac! * (changed ? pr.changed : pr.unchanged) * ui!;
  if (impact <= 0) return 0;
  return roundUp(Math.min((changed ? 1.08 : 1) * (impact + exploitability), 10), v30);
}

function v2Score(m: Map<string, string>): number | undefined {
  const [av, ac, au, c, i, a] = ['AV', 'AC', 'Au', 'C', 'I', 'A'].map((name) => V2_WEIGHTS[name]![m.get(name) ?? '']);
  if ([av, ac, au, c, i, a].some((x) => x === undefined)) return undefined;
  const impact = 10.41 * (1 - (1 - c!) * (1 - i!) * (1 - a!));
  const exploitability = 20 * av! * ac! * au!;
  const score = (0.6 * impact + 0.4 * exploitability - 1.5) * (impact === 0 ? 0 : 1.176);
  return Math.round(score * 10) / 10;
}

/** The base score of a CVSS v2 or v3.x vector with its version, or undefined (v4, or not a vector). */
export function cvssBaseScore(vector: string): { score: number; version: 2 | 3 } | undefined {
  const m = metrics(vector);
  const label = m.get('CVSS');
  if (label === '3.0' || label === '3.1') {
    const score = v3Score(m, label === '3.0');
    return score === undefined ? undefined : { score, version: 3 };
  }
  if (label !== undefined) return undefined;
  const score = v2Score(m);
  return score === undefined ? undefined : { score, version: 2 };
}
