// The provider inputs this action documents are the traffic package's descriptors: every one declared in action.yml
// with its default and shown in the README, every provider given a section, and no input that nothing reads.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { familyDocsProblems } from '@actions-kit/testkit';
import { PROVIDERS } from '@actions-kit/traffic';

/** The inputs inputs.ts reads itself; every other input of action.yml belongs to a provider. */
const OWN_INPUTS = [
  'provider',
  'target',
  'verify-url',
  'verify-header',
  'verify-body',
  'verify-timeout',
  'verify-requests',
  'lock-timeout',
  'dry-run',
];

const actionFile = (name: string): string => readFileSync(new URL(`../${name}`, import.meta.url), 'utf8');

describe('the provider inputs in action.yml and the README', () => {
  it('match the descriptors of the traffic package', () => {
    const manifest = parse(actionFile('action.yml')) as { inputs: Record<string, { default?: unknown }> };
    const declared = Object.entries(manifest.inputs).map(([name, spec]) => ({
      name,
      default: spec.default === undefined ? '' : String(spec.default),
    }));

    const problems = familyDocsProblems(PROVIDERS, {
      declared,
      readme: actionFile('README.md'),
      ownInputs: OWN_INPUTS,
      picking: (name) => `provider: ${name}`,
    });

    expect(problems).toEqual([]);
  });
});
