import { describe, expect, it } from '@jest/globals';
import { parseActionMetadata } from '@actions-kit/harness';
import { compareReadme, newReadme, parseRow, renderTable, expectedCells, rewriteReadme } from '../src/readme-tables.js';

const manifest = parseActionMetadata(
  `
name: Sample
description: Greets someone.
inputs:
  name:
    description: Who to greet.
    required: true
  greeting:
    description: >-
      What to
      say.
    default: Hello
outputs:
  message:
    description: The greeting.
runs: { using: node24, main: dist/index.js }
`,
  'actions/sample/action.yml',
);

// The format documented for every action README.
const README = `# Sample

Greets someone.

## Inputs
| Name | Required | Default | Description |
| --- | --- | --- | --- |
| \`name\` | yes | | Who to greet. |
| \`greeting\` | no | \`Hello\` | What to say. |

## Outputs
| Name | Description |
| --- | --- |
| \`message\` | The greeting. |

## Example
Text after the tables.
`;

describe('compareReadme', () => {
  it('accepts the documented format', () => {
    expect(compareReadme(README, manifest)).toEqual([]);
  });

  it('accepts the same tables as prettier aligns them', () => {
    const aligned = README.replace(
      /\| Name \| Required[^]*?What to say\. \|/,
      [
        '| Name       | Required | Default | Description   |',
        '| ---------- | -------- | ------- | ------------- |',
        '| `name`     | yes      |         | Who to greet. |',
        '| `greeting` | no       | `Hello` | What to say.  |',
      ].join('\n'),
    );
    expect(aligned).not.toBe(README);
    expect(compareReadme(aligned, manifest)).toEqual([]);
  });

  it('shows a wrong default as a diff of the row', () => {
    const stale = README.replace('`Hello`', '`Hi`');
    expect(compareReadme(stale, manifest)).toEqual([
      {
        section: 'Inputs',
        reason: 'table differs from actions/sample/action.yml',
        diff: [
          '  | Name | Required | Default | Description |',
          '  | `name` | yes | | Who to greet. |',
          '- | `greeting` | no | `Hi` | What to say. |',
          '+ | `greeting` | no | `Hello` | What to say. |',
        ],
      },
    ]);
  });

  it('catches rows in another order than action.yml', () => {
    const nameRow = '| `name` | yes | | Who to greet. |\n';
    const greetingRow = '| `greeting` | no | `Hello` | What to say. |\n';
    const swapped = README.replace(nameRow + greetingRow, greetingRow + nameRow);
    expect(swapped).not.toBe(README);
    const [mismatch] = compareReadme(swapped, manifest);
    expect(mismatch?.section).toBe('Inputs');
    expect(mismatch?.diff.filter((line) => !line.startsWith(' '))).toHaveLength(2);
  });

  it('catches a required flag, a missing output and an undocumented output', () => {
    const stale = README.replace('| `name` | yes |', '| `name` | no |').replace('`message`', '`msg`');
    const mismatches = compareReadme(stale, manifest);
    expect(mismatches.map((mismatch) => mismatch.section)).toEqual(['Inputs', 'Outputs']);
    expect(mismatches[0]?.diff).toContain('- | `name` | no | | Who to greet. |');
    expect(mismatches[1]?.diff).toEqual([
      '  | Name | Description |',
      '- | `msg` | The greeting. |',
      '+ | `message` | The greeting. |',
    ]);
  });

  it('reports a missing heading and a heading without a table', () => {
    const noOutputs = README.slice(0, README.indexOf('## Outputs'));
    expect(compareReadme(noOutputs, manifest)).toEqual([
      {
        section: 'Outputs',
        reason: "no '## Outputs' heading",
        diff: ['+ | Name | Description |', '+ | `message` | The greeting. |'],
      },
    ]);
    const noTable = README.replace(/## Inputs\n(\|.*\n)+/, '## Inputs\nSee below.\n');
    expect(compareReadme(noTable, manifest)[0]?.reason).toBe("no table under '## Inputs'");
  });

  it('ignores a "## Inputs" heading inside a code block', () => {
    const fenced = '# X\n\n```md\n## Inputs\n| wrong |\n```\n\n' + README.slice(README.indexOf('## Inputs'));
    expect(compareReadme(fenced, manifest)).toEqual([]);
  });
});

describe('generated cells', () => {
  it('escapes pipes, collapses whitespace and fences backticks', () => {
    const tricky = parseActionMetadata(
      'inputs:\n  mode:\n    description: "a | b\\n   c"\n    default: "x`y"\noutputs: {}\n',
      'actions/t/action.yml',
    );
    expect(expectedCells(tricky, 'Inputs')[1]).toEqual(['`mode`', 'no', '``x`y``', 'a \\| b c']);
    const [, , row] = renderTable(expectedCells(tricky, 'Inputs'));
    expect(parseRow(row!)).toEqual(['`mode`', 'no', '``x`y``', 'a \\| b c']);
  });

  it('renders an action without outputs as a header-only table', () => {
    const bare = parseActionMetadata('name: bare\n', 'actions/bare/action.yml');
    expect(renderTable(expectedCells(bare, 'Outputs'))).toEqual(['| Name | Description |', '| --- | --- |']);
  });
});

describe('rewriteReadme', () => {
  it('regenerates stale tables and leaves the rest as written', () => {
    const stale = README.replace('`Hello`', '`Hi`').replace('| `message` | The greeting. |\n', '');
    const rewritten = rewriteReadme(stale, manifest);
    expect(rewritten).toBe(README);
  });

  it('adds missing sections and tables so the result passes the check', () => {
    const bare = '# Sample\n\nIntro.\n\n## Inputs\n\nSee below.\n';
    const rewritten = rewriteReadme(bare, manifest);
    expect(compareReadme(rewritten, manifest)).toEqual([]);
    expect(rewritten.indexOf('See below.')).toBeGreaterThan(rewritten.indexOf('| `greeting`'));
    expect(rewritten.indexOf('## Outputs')).toBeGreaterThan(rewritten.indexOf('## Inputs'));
  });

  it('puts a missing Inputs section before Outputs', () => {
    const onlyOutputs = '# Sample\n\n## Outputs\n\n| Name | Description |\n| --- | --- |\n';
    const rewritten = rewriteReadme(onlyOutputs, manifest);
    expect(rewritten.indexOf('## Inputs')).toBeLessThan(rewritten.indexOf('## Outputs'));
    expect(compareReadme(rewritten, manifest)).toEqual([]);
  });

  it('creates a README that passes the check', () => {
    const created = newReadme(manifest);
    expect(created.startsWith('# Sample\n\nGreets someone.\n')).toBe(true);
    expect(compareReadme(created, manifest)).toEqual([]);
  });
});

describe('advanced inputs', () => {
  const tuned = parseActionMetadata(
    `
name: Sample
description: Greets someone.
inputs:
  name:
    description: Who to greet.
    required: true
  threads:
    description: 'Advanced: how many threads greet at once.'
    default: auto
outputs:
  message:
    description: The greeting.
runs: { using: node24, main: dist/index.js }
`,
    'actions/sample/action.yml',
  );

  it('lists an input marked Advanced: in its own table after the main one, and checks both', () => {
    const readme = rewriteReadme(README, tuned);
    // Blank lines are Prettier's to settle.
    expect(readme.replace(/\n{3,}/g, '\n\n')).toContain(
      [
        '| `name` | yes | | Who to greet. |',
        '',
        '## Advanced inputs',
        '',
        '| Name | Required | Default | Description |',
        '| --- | --- | --- | --- |',
        '| `threads` | no | `auto` | Advanced: how many threads greet at once. |',
        '',
        '## Outputs',
      ].join('\n'),
    );
    expect(compareReadme(readme, tuned)).toEqual([]);
    expect(compareReadme(README, tuned).map((m) => [m.section, m.reason])).toContainEqual([
      'Advanced inputs',
      "no '## Advanced inputs' heading",
    ]);
  });

  it('asks for no Advanced inputs section when no input is marked', () => {
    expect(compareReadme(README, manifest)).toEqual([]);
  });
});
