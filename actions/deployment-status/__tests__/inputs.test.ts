// The inputs as the runner passes them (INPUT_* variables): defaults, the token masked, and every bad value refused
// naming the input, the value and the fix.
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { ConfigurationError } from '@actions-kit/core';
import { getInputs } from '../src/inputs.js';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  jest.restoreAllMocks();
});

function withInputs(values: Record<string, string>): void {
  for (const key of Object.keys(process.env)) if (key.startsWith('INPUT_')) delete process.env[key];
  for (const [name, value] of Object.entries(values)) process.env[`INPUT_${name.toUpperCase()}`] = value;
}

describe('deployment-status inputs', () => {
  it('reads a creation with the run commit as ref, and masks the token', () => {
    const written: string[] = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => (written.push(String(chunk)), true));
    withInputs({ environment: 'staging', state: 'in_progress', token: 'ghs_secret' });

    const inputs = getInputs({ GITHUB_SHA: 'abc123' });

    expect(inputs).toEqual({
      environment: 'staging',
      state: 'in_progress',
      deploymentId: undefined,
      ref: 'abc123',
      description: '',
      environmentUrl: undefined,
      token: 'ghs_secret',
    });
    expect(written.join('')).toContain('::add-mask::ghs_secret');
  });

  it('reads an update of a given deployment with its URL', () => {
    withInputs({
      environment: 'production',
      state: 'success',
      'deployment-id': '4101',
      'environment-url': 'https://app.example.com/',
      ref: 'v1.4.0',
    });
    expect(getInputs({})).toMatchObject({
      deploymentId: 4101,
      ref: 'v1.4.0',
      environmentUrl: new URL('https://app.example.com/'),
      token: '',
    });
  });

  it.each([
    [{ state: 'done' }, /^state: 'done' is not an accepted value; use one of 'in_progress', 'queued'/],
    [{ 'deployment-id': '12a' }, /^deployment-id: '12a' is not a deployment id; use the deployment-id output/],
    [
      { 'environment-url': 'app.example.com' },
      /^environment-url: 'app.example.com' is not an http\(s\) URL; write it in full/,
    ],
    [{ description: 'x'.repeat(141) }, /^description: 141 characters, GitHub takes at most 140; shorten it/],
    [{ environment: '' }, /^environment: a value is required/],
  ])('refuses %j naming the input', (bad, message) => {
    withInputs({ environment: 'production', state: 'success', ...bad });
    expect(() => getInputs({ GITHUB_SHA: 'abc' })).toThrow(ConfigurationError);
    expect(() => getInputs({ GITHUB_SHA: 'abc' })).toThrow(message);
  });
});
