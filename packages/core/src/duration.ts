// Writes milliseconds the way duration inputs are spelled (1h2m3s500ms), so messages echo the accepted form.

export const MS_PER_UNIT = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1 } as const;

/** 90_500 → '1m30s500ms'; 0 → '0ms'. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  let rest = Math.round(Math.abs(ms));
  let text = '';
  for (const [unit, size] of Object.entries(MS_PER_UNIT)) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0) text += `${count}${unit}`;
  }
  return `${ms < 0 ? '-' : ''}${text || '0ms'}`;
}
