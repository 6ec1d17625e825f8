// Proof that a provider is one file: the dummy in support/dummy-provider.ts, added to the registry list and nowhere
// else, is read from its inputs (required, optional, defaulted, leftovers both ways), built, switched, and checked
// against an action's docs like the real ones.
import { describe, expect, it } from '@jest/globals';
import { familyDocsProblems } from '@actions-kit/testkit';
import { readProviderInputs } from '../src/provider-inputs.js';
import { createProvider, PROVIDERS } from '../src/providers.js';
import { switchTraffic } from '../src/switch.js';
import { DummyProvider, dummyDescriptor } from './support/dummy-provider.js';
import { recordInputs } from './support/record-inputs.js';

const registry = [...PROVIDERS, dummyDescriptor];
const DUMMY = { provider: 'dummy', 'dummy-endpoint': 'http://127.0.0.1:9000', 'dummy-pools': 'web, api' };

const read = (inputs: Record<string, string>) => readProviderInputs(recordInputs(inputs), registry);
const refusal = (inputs: Record<string, string>): string => {
  try {
    read(inputs);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('readProviderInputs accepted the inputs');
};

describe('a provider added in one file', () => {
  it('is read from its inputs, the optional ones defaulted', () => {
    expect(read(DUMMY)).toEqual({
      provider: 'dummy',
      settings: { endpoint: 'http://127.0.0.1:9000', pools: ['web', 'api'], label: '', mode: 'safe', settleMs: 2_000 },
    });
    expect(read({ ...DUMMY, 'dummy-label': 'r42', 'dummy-mode': 'fast', 'dummy-settle': '30s' }).settings).toEqual(
      expect.objectContaining({ label: 'r42', mode: 'fast', settleMs: 30_000 }),
    );
  });

  it('names each required input it lacks, with the hint its file gives', () => {
    expect(refusal({ ...DUMMY, 'dummy-endpoint': '' })).toBe(
      'dummy-endpoint: required with provider dummy; set it to the dummy switch (e.g. http://127.0.0.1:9000)',
    );
    expect(refusal({ ...DUMMY, 'dummy-pools': ' , ' })).toMatch(/^dummy-pools: required with provider dummy; set it/);
  });

  it('refuses its inputs set for another provider, and other providers inputs set for it', () => {
    const haproxy = { provider: 'haproxy', 'haproxy-socket': 'h.sock', 'haproxy-backend': 'app' };
    expect(refusal({ ...haproxy, 'dummy-label': 'r42' })).toBe(
      "dummy-label: set to 'r42', but provider haproxy does not use it; remove it, or set provider to dummy",
    );
    expect(refusal({ ...DUMMY, 'haproxy-socket': 'h.sock' })).toBe(
      "haproxy-socket: set to 'h.sock', but provider dummy does not use it; remove it, or set provider to haproxy",
    );
  });

  it('checks the form of its values, and runs its own check across them', () => {
    expect(refusal({ ...DUMMY, 'dummy-mode': 'reckless' })).toMatch(/^dummy-mode: 'reckless' is not one of safe, fast/);
    expect(refusal({ ...DUMMY, 'dummy-settle': '2h' })).toMatch(/^dummy-settle: '2h' is more than the maximum/);
    expect(refusal({ ...DUMMY, 'dummy-pools': 'web,web' })).toBe(
      "dummy-pools: 'web,web' lists a pool twice; list each pool once",
    );
  });

  it('is built by createProvider from its settings, JSON included, and named among the providers', async () => {
    const setup = JSON.parse(JSON.stringify(read(DUMMY))) as ReturnType<typeof read>;
    const provider = createProvider(setup, registry);
    expect(provider).toBeInstanceOf(DummyProvider);
    expect(provider.describe()).toBe('dummy switch at http://127.0.0.1:9000');
    expect(() => createProvider({ provider: 'traefik', settings: {} }, registry)).toThrow(
      "provider: 'traefik' is not a provider; use one of haproxy, nginx, caddy, symlink, command, flag-file, dummy",
    );

    const report = await switchTraffic({ provider, target: 'toggle' });
    expect(report).toMatchObject({ outcome: 'switched', previous: 'blue', active: 'green' });
  });

  it("is missed by an action's docs until they declare and describe it", () => {
    const real = PROVIDERS.flatMap((descriptor) => descriptor.inputs);
    const docs = {
      declared: real.map((input) => ({ name: input.name, default: 'default' in input ? (input.default ?? '') : '' })),
      readme: [
        ...PROVIDERS.map((descriptor) => `provider: ${descriptor.name}`),
        ...real.map((input) => `\`${input.name}\``),
      ].join('\n'),
      ownInputs: [],
      picking: (name: string) => `provider: ${name}`,
    };
    expect(familyDocsProblems(PROVIDERS, docs)).toEqual([]);

    expect(familyDocsProblems(registry, docs)).toEqual([
      "dummy: the README never shows 'provider: dummy'; give it a section",
      ...dummyDescriptor.inputs.flatMap((input) => [
        expect.stringMatching(new RegExp(`^${input.name} \\(dummy\\): not in action.yml; declare it with default`)),
        `${input.name} (dummy): not in the README; regenerate its Inputs table`,
      ]),
    ]);
  });
});
