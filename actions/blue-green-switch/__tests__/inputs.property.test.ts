// The property-based tier of the action's inputs, read as the runner passes them (INPUT_*): random and hostile text
// (`;`, line breaks, braces, NUL, very long, any unicode, URL schemes) in any input of action.yml, the provider's and
// the verification's alike. Each outcome is inputs whose every value fits where it goes, or a ConfigurationError
// naming an input that was changed; never a crash.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import {
  hostileText,
  PROPERTY_RUN,
  uncleanError,
  unsafeSettings,
  VALID_PROVIDER_INPUTS,
} from '@actions-kit/testkit/hostile-inputs';
import type { Inputs } from '../src/inputs.js';
import { clearInputsAfterEach, readWith } from './support/set-inputs.js';

const manifest = parse(readFileSync(new URL('../action.yml', import.meta.url), 'utf8')) as {
  inputs: Record<string, unknown>;
};
const INPUT_NAMES = Object.keys(manifest.inputs);
const VERIFY_INPUTS = ['verify-url', 'verify-header', 'verify-body', 'verify-timeout', 'verify-requests'];
const VERIFIED = { target: 'toggle', 'verify-url': 'http://127.0.0.1:8080/health', 'verify-header': 'x-color' };

/** A valid setup of one provider, verified, with one to three inputs replaced: the verification's often. */
const mutatedSetups = fc.record({
  provider: fc.constantFrom(...Object.keys(VALID_PROVIDER_INPUTS)),
  bodyPattern: fc.boolean(),
  changes: fc.array(
    fc.tuple(
      fc.oneof(
        { weight: 2, arbitrary: fc.constantFrom(...VERIFY_INPUTS) },
        { weight: 3, arbitrary: fc.constantFrom(...INPUT_NAMES) },
      ),
      hostileText(),
    ),
    { minLength: 1, maxLength: 3 },
  ),
});

clearInputsAfterEach();

/** Why accepted verification inputs are unsafe: a URL other than http(s), a header name HTTP does not allow, a
 * body pattern with no group to read a color from. */
function unsafeVerify(verify: Inputs['verify']): string[] {
  if (!verify) return [];
  const problems: string[] = [];
  // eslint-disable-next-line no-control-regex -- control characters are what is looked for
  if (!/^https?:\/\/[^\s\u0000-\u001f\u007f]+$/.test(verify.url)) problems.push(`verify-url ${verify.url}`);
  if (verify.header !== undefined && !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(verify.header)) {
    problems.push(`verify-header ${verify.header}`);
  }
  if (verify.bodyPattern !== undefined && (new RegExp(`${verify.bodyPattern}|`).exec('')?.length ?? 0) < 2) {
    problems.push(`verify-body ${verify.bodyPattern}`);
  }
  return problems;
}

describe('getInputs with hostile text', () => {
  it('accepts only inputs safe for where they go, or fails naming a changed input', () => {
    fc.assert(
      fc.property(mutatedSetups, ({ provider, bodyPattern, changes }) => {
        const verification = bodyPattern
          ? { ...VERIFIED, 'verify-header': '', 'verify-body': '"color":"(\\w+)"' }
          : VERIFIED;
        const given = { ...VALID_PROVIDER_INPUTS[provider], ...verification, ...Object.fromEntries(changes) };
        const changed = changes.map(([name]) => name);
        let inputs: Inputs;
        try {
          inputs = readWith(given);
        } catch (error) {
          const named = changed.includes('provider') ? INPUT_NAMES : changed;
          expect(uncleanError(error, INPUT_NAMES, named, ['ConfigurationError'])).toBeUndefined();
          return;
        }
        expect(unsafeSettings(inputs.provider, inputs.settings)).toEqual([]);
        expect(unsafeVerify(inputs.verify)).toEqual([]);
      }),
      PROPERTY_RUN,
    );
  });
});
