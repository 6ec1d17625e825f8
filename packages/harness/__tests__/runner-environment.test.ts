// The environment a step gets: the runner's variables, nothing of the host's, and main's leftovers for post.
import { describe, expect, it } from '@jest/globals';
import { stepEnvironment, type StepEnvironmentParts } from '../src/runner-environment.js';

const files = {
  GITHUB_OUTPUT: '/t/out',
  GITHUB_STATE: '/t/state',
  GITHUB_ENV: '/t/env',
  GITHUB_PATH: '/t/path',
  GITHUB_STEP_SUMMARY: '/t/summary',
};

const parts = (overrides: Partial<StepEnvironmentParts> = {}): StepEnvironmentParts => ({
  hostEnv: {
    PATH: '/usr/bin',
    HOME: '/home/dev',
    INPUT_NAME: 'host input',
    STATE_isPost: 'true',
    GITHUB_TOKEN: 'host token',
    GITHUB_OUTPUT: '/host/out',
    RUNNER_DEBUG: '1',
    NODE_OPTIONS: '--experimental-vm-modules',
  },
  workspace: '/w',
  runnerTemp: '/rt',
  actionDir: '/a',
  eventName: 'push',
  eventPath: '/t/event.json',
  files,
  extraEnv: {},
  inputs: { INPUT_GREETING: 'Hello' },
  ...overrides,
});

describe('stepEnvironment', () => {
  it("sets the runner's variables and lets none of the host's INPUT_, STATE_, GITHUB_, RUNNER_ or NODE_ ones in", () => {
    const env = stepEnvironment(parts());
    expect(env).toMatchObject({
      PATH: '/usr/bin',
      HOME: '/home/dev',
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      RUNNER_OS: 'Linux',
      RUNNER_TEMP: '/rt',
      GITHUB_WORKSPACE: '/w',
      GITHUB_EVENT_NAME: 'push',
      GITHUB_EVENT_PATH: '/t/event.json',
      GITHUB_ACTION_PATH: '/a',
      INPUT_GREETING: 'Hello',
      ...files,
    });
    for (const name of ['INPUT_NAME', 'STATE_isPost', 'GITHUB_TOKEN', 'RUNNER_DEBUG', 'NODE_OPTIONS']) {
      expect(env).not.toHaveProperty(name);
    }
  });

  it('lets options.env override the context defaults but never the files the harness reads back', () => {
    const env = stepEnvironment(parts({ extraEnv: { GITHUB_REPOSITORY: 'me/mine', GITHUB_OUTPUT: '/elsewhere' } }));
    expect(env.GITHUB_REPOSITORY).toBe('me/mine');
    expect(env.GITHUB_OUTPUT).toBe('/t/out');
  });

  it("gives post main's GITHUB_ENV, STATE_ from its state, and its GITHUB_PATH last-added first", () => {
    const env = stepEnvironment(
      parts({
        fromMain: {
          env: { GREETING_STYLE: 'loud', GITHUB_SHA: 'spoofed' },
          path: ['/p1', '/p2'],
          state: { isPost: 'true' },
        },
      }),
    );
    expect(env.GREETING_STYLE).toBe('loud');
    // The runner sets the github context after GITHUB_ENV, so an action cannot rewrite it.
    expect(env.GITHUB_SHA).not.toBe('spoofed');
    expect(env.STATE_isPost).toBe('true');
    expect(env.PATH).toBe('/p2:/p1:/usr/bin');
  });
});
