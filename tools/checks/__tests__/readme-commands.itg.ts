// Every `pnpm action …` command the root README shows runs as shown, from the repository root, and succeeds.
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The lines of the README's ```sh blocks that run an action through the harness. */
function actionCommands(markdown: string): string[] {
  const blocks = [...markdown.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1]!);
  return blocks.flatMap((block) => block.split('\n')).filter((line) => /^npx (--yes )?pnpm@[\d.]+ action /.test(line));
}

describe('the README’s action commands', () => {
  const commands = actionCommands(readFileSync(path.join(root, 'README.md'), 'utf8'));

  it('are there to run (the README shows at least two)', () => {
    expect(commands.length).toBeGreaterThanOrEqual(2);
  });

  it.each(commands)(
    '%s',
    (command) => {
      const result = spawnSync('bash', ['-c', command], { cwd: root, encoding: 'utf8', timeout: 120_000 });
      expect({ command, status: result.status, stderr: result.status === 0 ? '' : result.stderr.slice(-2000) }).toEqual(
        {
          command,
          status: 0,
          stderr: '',
        },
      );
    },
    150_000,
  );
});
