// The deployment-status inputs, read once and checked before any call: the only code that reads INPUT_*.
import { ConfigurationError, getEnum, getString, quoteValue, setSecret } from '@actions-kit/core';

/** The states GitHub's Deployments API accepts for a deployment status. */
export const STATES = ['in_progress', 'queued', 'pending', 'success', 'failure', 'error', 'inactive'] as const;
export type DeploymentState = (typeof STATES)[number];

/** GitHub refuses a longer status description. */
export const DESCRIPTION_LIMIT = 140;

export interface Inputs {
  environment: string;
  state: DeploymentState;
  /** The deployment to update; unset: create one of `ref`. */
  deploymentId?: number;
  ref: string;
  description: string;
  environmentUrl?: URL;
  /** '' when none: nothing is recorded. */
  token: string;
}

export function getInputs(env: NodeJS.ProcessEnv = process.env): Inputs {
  const token = getString('token');
  if (token !== '') setSecret(token);
  const description = getString('description');
  if (Array.from(description).length > DESCRIPTION_LIMIT) {
    throw new ConfigurationError(
      `description: ${Array.from(description).length} characters, GitHub takes at most ${DESCRIPTION_LIMIT}; ` +
        `shorten it (${quoteValue(description)})`,
    );
  }
  const ref = getString('ref') || (env['GITHUB_SHA'] ?? '');
  if (ref === '') throw new ConfigurationError('ref: empty and GITHUB_SHA is not set; set ref to the commit deployed');
  return {
    environment: getString('environment', { required: true }),
    state: getEnum('state', STATES),
    deploymentId: deploymentId(getString('deployment-id')),
    ref,
    description,
    environmentUrl: environmentUrl(getString('environment-url')),
    token,
  };
}

function deploymentId(text: string): number | undefined {
  if (text === '') return undefined;
  const id = Number(text);
  if (!/^[1-9]\d*$/.test(text) || !Number.isSafeInteger(id)) {
    throw new ConfigurationError(
      `deployment-id: ${quoteValue(text)} is not a deployment id; use the deployment-id output of the step that ` +
        'created it (a whole number), or leave it empty to create one',
    );
  }
  return id;
}

function environmentUrl(text: string): URL | undefined {
  if (text === '') return undefined;
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== 'http:' && url?.protocol !== 'https:') {
    throw new ConfigurationError(
      `environment-url: ${quoteValue(text)} is not an http(s) URL; write it in full, e.g. https://app.example.com`,
    );
  }
  return url;
}
