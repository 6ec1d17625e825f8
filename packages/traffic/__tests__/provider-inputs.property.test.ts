// The property-based tier of readProviderInputs: random and hostile text (`;`, line breaks, braces, NUL, very long,
// any unicode, URL schemes) in any provider's inputs, for every provider in the registry. Each outcome is settings
// whose every value fits where it goes, or a TrafficError naming an input that was changed; never a crash.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  hostileText,
  PROPERTY_RUN,
  uncleanError,
  unsafeSettings,
  VALID_PROVIDER_INPUTS,
} from '@actions-kit/testkit/hostile-inputs';
import { readProviderInputs } from '../src/provider-inputs.js';
import { createProvider, PROVIDERS } from '../src/providers.js';
import { recordInputs } from './support/record-inputs.js';

const INPUT_NAMES = ['provider', ...new Set(PROVIDERS.flatMap((descriptor) => descriptor.inputs.map((i) => i.name)))];

/**
 * A valid setup of one provider with one to three inputs replaced: mostly its own, sometimes another provider's or
 * `provider` itself.
 */
const mutatedSetups = fc.constantFrom(...PROVIDERS).chain((descriptor) =>
  fc.record({
    provider: fc.constant(descriptor.name),
    changes: fc.array(
      fc.tuple(
        fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom(...descriptor.inputs.map((input) => input.name)) },
          { weight: 1, arbitrary: fc.constantFrom(...INPUT_NAMES) },
        ),
        hostileText(),
      ),
      { minLength: 1, maxLength: 3 },
    ),
  }),
);

describe('readProviderInputs with hostile text', () => {
  it('has a valid setup for every provider in the registry to start from', () => {
    for (const { name } of PROVIDERS) {
      expect(readProviderInputs(recordInputs({ ...VALID_PROVIDER_INPUTS[name] })).provider).toBe(name);
    }
  });

  it('accepts only settings safe for where they go, or fails naming a changed input', () => {
    fc.assert(
      fc.property(mutatedSetups, ({ provider, changes }) => {
        const inputs = { ...VALID_PROVIDER_INPUTS[provider], ...Object.fromEntries(changes) };
        const changed = changes.map(([name]) => name);
        let setup;
        try {
          setup = readProviderInputs(recordInputs(inputs));
        } catch (error) {
          // A changed provider makes any of its inputs the one to name (required, or left over from the other).
          const named = changed.includes('provider') ? INPUT_NAMES : changed;
          expect(uncleanError(error, INPUT_NAMES, named, ['TrafficError'])).toBeUndefined();
          return;
        }
        const saved = JSON.parse(JSON.stringify(setup.settings)) as object;
        expect(unsafeSettings(setup.provider, saved)).toEqual([]);
        // What a post step builds from the saved JSON is built the same.
        expect(() => createProvider({ provider: setup.provider, settings: saved })).not.toThrow();
      }),
      PROPERTY_RUN,
    );
  });
});
