import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { restoreInputs, saveInputs } from '../src/state.js';
import { type FakeRunner, fakeRunner } from '@actions-kit/testkit';

let runner: FakeRunner;
beforeEach(() => {
  runner = fakeRunner();
});
afterEach(() => runner.restore());

/** What the runner does between main and post: each `key<<delimiter` entry of GITHUB_STATE becomes STATE_<key>. */
function loadStateFile(text: string): void {
  const entry = /^(.+?)<<(ghadelimiter_[0-9a-f-]+)\n([\s\S]*?)\n\2$/gm;
  for (const [, key, , value] of text.matchAll(entry)) process.env[`STATE_${key}`] = value;
}

describe('saveInputs / restoreInputs', () => {
  it('carries the inputs from main to post through GITHUB_STATE', () => {
    const inputs = { url: 'https://example.test/health', timeoutMs: 30_000, headers: { 'X-A': 'line1\nline2' } };
    saveInputs(inputs);
    expect(runner.file('STATE')).toContain('inputs<<ghadelimiter_');
    loadStateFile(runner.file('STATE'));
    expect(restoreInputs<typeof inputs>()).toEqual(inputs);
  });

  it('returns undefined when main saved nothing', () => {
    expect(restoreInputs()).toBeUndefined();
  });

  it('fails plainly when the saved state is not JSON', () => {
    process.env['STATE_inputs'] = '{not json';
    expect(() => restoreInputs()).toThrow("post step: the saved state 'inputs' is not valid JSON");
  });
});
