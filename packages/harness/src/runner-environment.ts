// The environment a node action sees on a GitHub-hosted Linux runner, built from scratch so that nothing of the
// machine running the harness (its INPUT_*, STATE_*, GITHUB_*, RUNNER_*, NODE_OPTIONS…) leaks into the action.
import path from 'node:path';

/** Host variables an action may legitimately need: finding programs, a home, a locale, a proxy. Nothing else. */
const HOST_VARIABLES = [
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'SHELL',
  'LANG',
  'LANGUAGE',
  'LC_ALL',
  'LC_CTYPE',
  'TZ',
  'TMPDIR',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
];

export const DEFAULT_SHA = '0123456789abcdef0123456789abcdef01234567';
export const DEFAULT_REPOSITORY = 'octo-org/octo-repo';

/** A push to main, small but shaped like GitHub's payload. */
export const DEFAULT_EVENT = {
  name: 'push',
  payload: {
    ref: 'refs/heads/main',
    before: '0000000000000000000000000000000000000000',
    after: DEFAULT_SHA,
    repository: { name: 'octo-repo', full_name: DEFAULT_REPOSITORY, owner: { login: 'octo-org' } },
    head_commit: { id: DEFAULT_SHA, message: 'Run through the actions-kit harness' },
    sender: { login: 'octocat' },
  },
};

/** The files the runner creates fresh for every step; the action appends file commands to them. */
export interface StepFiles {
  GITHUB_OUTPUT: string;
  GITHUB_STATE: string;
  GITHUB_ENV: string;
  GITHUB_PATH: string;
  GITHUB_STEP_SUMMARY: string;
}

export interface StepEnvironmentParts {
  hostEnv: NodeJS.ProcessEnv;
  workspace: string;
  runnerTemp: string;
  actionDir: string;
  eventName: string;
  eventPath: string;
  files: StepFiles;
  /** options.env: like a step's `env:`, it may override the harness' defaults below. */
  extraEnv: Record<string, string>;
  inputs: Record<string, string>;
  /** Post step only: what main left behind. */
  fromMain?: { env: Record<string, string>; path: string[]; state: Record<string, string> };
}

/**
 * Later layers win: host basics, then GITHUB_ENV from main, then the github context defaults (which the runner
 * sets after GITHUB_ENV, so an action cannot overwrite them), then options.env, then INPUT_* and STATE_*, and last
 * the paths the harness owns (files, workspace, temp), which nothing may redirect.
 */
export function stepEnvironment(parts: StepEnvironmentParts): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of HOST_VARIABLES) {
    const value = parts.hostEnv[name];
    if (value !== undefined) env[name] = value;
  }
  Object.assign(env, parts.fromMain?.env ?? {});
  Object.assign(env, {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_NAME: 'actions-kit-harness',
    RUNNER_ENVIRONMENT: 'github-hosted',
    GITHUB_REPOSITORY: DEFAULT_REPOSITORY,
    GITHUB_REPOSITORY_OWNER: DEFAULT_REPOSITORY.split('/')[0]!,
    GITHUB_SHA: DEFAULT_SHA,
    GITHUB_REF: 'refs/heads/main',
    GITHUB_REF_NAME: 'main',
    GITHUB_REF_TYPE: 'branch',
    GITHUB_RUN_ID: '1',
    GITHUB_RUN_NUMBER: '1',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKFLOW: 'harness',
    GITHUB_JOB: 'harness',
    GITHUB_ACTOR: 'octocat',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'https://api.github.com',
    GITHUB_GRAPHQL_URL: 'https://api.github.com/graphql',
    // The runner names a step without an id after the action; for a local action (`uses: ./path`) we believe it
    // is '__self', but have not confirmed it from the runner's source.
    GITHUB_ACTION: '__self',
  });
  Object.assign(env, parts.extraEnv);
  Object.assign(env, parts.inputs);
  for (const [key, value] of Object.entries(parts.fromMain?.state ?? {})) env[`STATE_${key}`] = value;
  Object.assign(env, parts.files, {
    GITHUB_WORKSPACE: parts.workspace,
    GITHUB_EVENT_NAME: parts.eventName,
    GITHUB_EVENT_PATH: parts.eventPath,
    GITHUB_ACTION_PATH: parts.actionDir,
    RUNNER_TEMP: parts.runnerTemp,
  });
  const prepend = [...(parts.fromMain?.path ?? [])].reverse();
  if (prepend.length > 0) env.PATH = [...prepend, env.PATH ?? ''].filter((entry) => entry !== '').join(path.delimiter);
  return env;
}
