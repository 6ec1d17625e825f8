// Renders rows as a plain-text table with aligned columns, numbers to the right, for terminals and CI logs.

export function renderTextTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  // A column whose every cell is a number (or empty) reads best right-aligned.
  const numeric = header.map((_, column) => rows.every((row) => /^(-?[\d.]+(×|%)?|–|)$/.test(row[column] ?? '')));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (numeric[column] ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}
