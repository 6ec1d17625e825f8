// A Mermaid `xychart-beta` block (GitHub renders it as a chart; as raw text it is still a list of numbers): lines
// over a time axis, thinned to a readable number of points. Only numbers and this module's own labels go in it.

export interface ChartLine {
  /** One value per point; each point's time is in `atMs`. */
  values: readonly number[];
}

export interface Chart {
  title: string;
  yLabel: string;
  /** Milliseconds from the start, one per point. */
  atMs: readonly number[];
  lines: readonly ChartLine[];
}

/** More points than this are merged (the highest value of each group kept): a chart of 3,600 points reads as noise. */
export const MAX_POINTS = 60;

export function xychart(chart: Chart): string {
  const groups = groupIndexes(chart.atMs.length);
  const labels = groups.map((group) => seconds(chart.atMs[group[0] ?? 0] ?? 0));
  const lines = chart.lines.map((line) => groups.map((group) => Math.max(...group.map((i) => line.values[i] ?? 0))));
  const top = Math.max(0, ...lines.flat().filter(Number.isFinite));
  return [
    '```mermaid',
    'xychart-beta',
    `  title "${chart.title}"`,
    `  x-axis "seconds since the start" [${labels.join(', ')}]`,
    `  y-axis "${chart.yLabel}" 0 --> ${round(niceCeiling(top > 0 ? top : 1))}`,
    ...lines.map((values) => `  line [${values.map(round).join(', ')}]`),
    '```',
  ].join('\n');
}

function groupIndexes(count: number): number[][] {
  const size = Math.max(1, Math.ceil(count / MAX_POINTS));
  const groups: number[][] = [];
  for (let start = 0; start < count; start += size) {
    groups.push(Array.from({ length: Math.min(size, count - start) }, (_, offset) => start + offset));
  }
  return groups;
}

function seconds(ms: number): string {
  const value = ms / 1000;
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

function round(value: number): string {
  return String(Math.abs(value) >= 10 ? Math.round(value) : Math.round(value * 1000) / 1000);
}

/** 1, 2 or 5 times a power of ten, at or above `value`: an axis that ends on a round number. */
function niceCeiling(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((factor) => factor * power >= value) ?? 10;
  return step * power;
}
