// The provider inputs of rollback: blue-green are the traffic package's descriptors, as for blue-green-switch: every
// one declared in action.yml with its default and shown in the README, and no input that nothing reads.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { familyDocsProblems } from '@actions-kit/testkit';
import { PROVIDERS } from '@actions-kit/traffic';

const actionFile = (name: string): string => readFileSync(new URL(`../${name}`, import.meta.url), 'utf8');
const manifest = parse(actionFile('action.yml')) as { inputs: Record<string, { default?: unknown }> };

/** Every input of action.yml that is not a provider's: the ones inputs.ts reads itself. */
const OWN_INPUTS = Object.keys(manifest.inputs).filter(
  (name) => !PROVIDERS.some((provider) => provider.inputs.some((input) => input.name === name)),
);

describe('the provider inputs of health-check', () => {
  it('match the descriptors of the traffic package', () => {
    const declared = Object.entries(manifest.inputs).map(([name, spec]) => ({
      name,
      default: spec.default === undefined ? '' : String(spec.default),
    }));

    expect(
      familyDocsProblems(PROVIDERS, {
        declared,
        readme: actionFile('README.md'),
        ownInputs: OWN_INPUTS,
        picking: (name) => `provider: ${name}`,
      }),
    ).toEqual([]);
  });

  it('leave health-check its own inputs, as the issue names them', () => {
    expect(OWN_INPUTS).toEqual([
      'url',
      'method',
      'headers',
      'body',
      'expected-status',
      'expect-body',
      'expect-json',
      'max-latency',
      'interval',
      'timeout',
      'initial-delay',
      'success-threshold',
      'failure-threshold',
      'deadline',
      'mode',
      'watch-duration',
      'metrics',
      'prometheus-url',
      'prometheus-headers',
      'ca-file',
      'insecure',
      'follow-redirects',
      'rollback',
      'rollback-command',
      'rollback-to',
      'rollback-on-cancel',
      'provider',
    ]);
  });
});
