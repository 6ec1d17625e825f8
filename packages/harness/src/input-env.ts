// Turns the inputs a test or the CLI gives into the INPUT_* variables the runner would set for the action.
import type { ActionManifest } from './action-manifest.js';

/** The variable the runner sets for an input: the name upper-cased with spaces as '_' (hyphens and dots kept). */
export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** What `${{ github.token }}` stands for in the harness when the run gives no token: the runner always has one. */
export const HARNESS_GITHUB_TOKEN = 'ghs_actions-kit-harness-token';

/** A default that is exactly `${{ github.token }}` (spaces inside the braces as the runner allows). */
const GITHUB_TOKEN_EXPRESSION = /^\$\{\{\s*github\.token\s*\}\}$/;

/**
 * One INPUT_* variable per declared input: the given value, else the action.yml default, else ''. The runner only
 * warns about an input action.yml does not declare; we refuse it, because in a test it is always a typo.
 * `required` is not enforced here, as the runner does not enforce it either: reading the input does.
 * A `${{ github.token }}` default becomes `githubToken`; any other expression is refused, as the harness cannot
 * evaluate it.
 */
export function inputEnvironment(
  manifest: ActionManifest,
  given: Record<string, string>,
  githubToken = HARNESS_GITHUB_TOKEN,
): Record<string, string> {
  // The runner compares input names case-insensitively.
  const declared = new Map(manifest.inputs.map((input) => [input.name.toLowerCase(), input]));
  const unknown = Object.keys(given).filter((name) => !declared.has(name.toLowerCase()));
  if (unknown.length > 0) {
    const names = manifest.inputs.map((input) => input.name).join(', ') || '(none)';
    throw new Error(
      `${manifest.file} declares no input ${unknown.map((name) => `'${name}'`).join(', ')}; declared inputs: ${names}`,
    );
  }
  const givenByName = new Map(Object.entries(given).map(([name, value]) => [name.toLowerCase(), value]));
  const env: Record<string, string> = {};
  for (const input of manifest.inputs) {
    const value = givenByName.get(input.name.toLowerCase());
    if (value === undefined && input.default !== undefined && GITHUB_TOKEN_EXPRESSION.test(input.default.trim())) {
      env[inputEnvName(input.name)] = githubToken;
      continue;
    }
    if (value === undefined && input.default !== undefined && input.default.includes('${{')) {
      throw new Error(
        `${manifest.file}: input '${input.name}' defaults to the expression '${input.default}', which the harness ` +
          `does not evaluate; give '${input.name}' a value in the inputs`,
      );
    }
    env[inputEnvName(input.name)] = value ?? input.default ?? '';
  }
  return env;
}
