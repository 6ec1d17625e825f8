// Reading the provider inputs: what counts as a leftover, which values are checked, and the registry's promise that
// providers sharing an input read it alike. (Each message the action shows is asserted in its inputs test.)
import { describe, expect, it } from '@jest/globals';
import type { ProviderDescriptor } from '../src/provider-descriptor.js';
import { readProviderInputs } from '../src/provider-inputs.js';
import { PROVIDERS } from '../src/providers.js';
import { recordInputs } from './support/record-inputs.js';

const HAPROXY = { provider: 'haproxy', 'haproxy-socket': 'h.sock', 'haproxy-backend': 'app' };

describe('readProviderInputs', () => {
  it("takes no defaulted input for a leftover: the runner passes action.yml's defaults on every run", () => {
    const inputs = { ...HAPROXY, 'nginx-test-command': 'sudo nginx -t', 'command-timeout': '2m' };
    expect(readProviderInputs(recordInputs(inputs)).provider).toBe('haproxy');
  });

  it('checks the form of an input the chosen provider ignores', () => {
    expect(() => readProviderInputs(recordInputs({ ...HAPROXY, 'command-timeout': '2h' }))).toThrow(
      /^command-timeout: '2h' is more than the maximum/,
    );
  });

  it('names a descriptor that reads an input it does not declare', () => {
    const broken: ProviderDescriptor = {
      name: 'broken',
      inputs: [{ name: 'broken-list', kind: 'list', hint: 'anything' }],
      settings: (values) => ({ list: values.text('broken-list') }),
      create: () => {
        throw new Error('never built');
      },
    };
    expect(() => readProviderInputs(recordInputs({ provider: 'broken' }), [broken])).toThrow(
      'provider broken reads broken-list as text, but does not declare it so',
    );
  });
});

describe('the registry', () => {
  it('declares an input shared by providers with one kind and one default, as action.yml has one of each', () => {
    const byName = new Map<string, Set<string>>();
    for (const input of PROVIDERS.flatMap((descriptor) => descriptor.inputs)) {
      const shape = JSON.stringify({ kind: input.kind, default: 'default' in input ? input.default : undefined });
      byName.set(input.name, (byName.get(input.name) ?? new Set()).add(shape));
    }
    const shared = [...byName].filter(([, shapes]) => shapes.size > 1).map(([name]) => name);
    expect(shared).toEqual([]);
    expect([...byName.keys()]).toEqual(expect.arrayContaining(['blue-servers', 'green-servers', 'command-timeout']));
  });
});
