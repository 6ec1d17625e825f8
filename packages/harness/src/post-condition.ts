// Decides whether the post entry runs after main, from action.yml's `post-if` and how main ended.

export type StepOutcome = 'success' | 'failure' | 'cancelled';
export type PostCondition = 'always' | 'success' | 'failure' | 'cancelled';

const CONDITIONS: readonly PostCondition[] = ['always', 'success', 'failure', 'cancelled'];

/**
 * The status functions are the only expressions the harness evaluates; `post-if` defaults to `always()` on the
 * runner. A `${{ }}` wrapper is accepted, as the runner accepts one.
 */
export function parsePostCondition(expression: string | undefined, file: string): PostCondition {
  if (expression === undefined) return 'always';
  const bare = expression
    .trim()
    .replace(/^\$\{\{([\s\S]*)\}\}$/, '$1')
    .trim();
  const match = /^([a-z]+)\(\s*\)$/.exec(bare);
  const condition = CONDITIONS.find((name) => name === match?.[1]);
  if (!condition) {
    throw new Error(
      `${file}: post-if '${expression}' is not one the harness can evaluate; use always(), success(), failure() ` +
        `or cancelled()`,
    );
  }
  return condition;
}

/** success(), failure() and cancelled() ask about the job so far, which here is the main step alone. */
export function shouldRunPost(condition: PostCondition, mainOutcome: StepOutcome): boolean {
  return condition === 'always' || condition === mainOutcome;
}
