// The deployment-status step: main() reads the inputs and hands them to run(), which creates the deployment when
// none is given, gives it the state, and sets the outputs and a one-line summary. Without a token it records
// nothing, says so, and succeeds: a workflow run where no token exists (act) is not a failed deploy.
import { SummaryBuilder, UserError, info, stepRunner, type StepRunner } from '@actions-kit/core';
import { ApiRefusal, githubDeployments, type DeploymentsApi } from './deployments.js';
import { getInputs, type Inputs } from './inputs.js';

export interface MainDeps {
  runner: StepRunner;
  log(line: string): void;
  api(token: string): Promise<DeploymentsApi>;
  /** The run's page: GITHUB_SERVER_URL/GITHUB_REPOSITORY/actions/runs/GITHUB_RUN_ID. */
  runUrl: string;
}

export async function main(): Promise<void> {
  const env = process.env;
  await run(getInputs(env), {
    runner: stepRunner,
    log: info,
    api: githubDeployments,
    runUrl: `${env['GITHUB_SERVER_URL']}/${env['GITHUB_REPOSITORY']}/actions/runs/${env['GITHUB_RUN_ID']}`,
  });
}

export async function run(inputs: Inputs, deps: MainDeps): Promise<void> {
  const { runner } = deps;
  if (inputs.token === '') {
    deps.log(
      `deployment-status: no token, so nothing was recorded for ${inputs.environment} (${inputs.state}); give the ` +
        'step a token with the deployments write permission to record it',
    );
    runner.setOutput('recorded', 'false');
    runner.setOutput('deployment-id', inputs.deploymentId ? String(inputs.deploymentId) : '');
    return;
  }
  const api = await deps.api(inputs.token);
  const created = inputs.deploymentId === undefined;
  const id =
    inputs.deploymentId ??
    (await call(`create a deployment of ${inputs.ref} in ${inputs.environment}`, () =>
      api.create({ ref: inputs.ref, environment: inputs.environment, description: inputs.description }),
    ));
  runner.setOutput('deployment-id', String(id));
  await call(`set deployment ${id} of ${inputs.environment} to ${inputs.state}`, () =>
    api.setStatus(id, {
      state: inputs.state,
      description: inputs.description,
      environmentUrl: inputs.environmentUrl?.href,
      logUrl: deps.runUrl,
    }),
  );
  runner.setOutput('recorded', 'true');
  const what = `deployment ${id} of ${inputs.environment}${created ? ` (created for ${inputs.ref})` : ''}`;
  deps.log(`deployment-status: ${what} is ${inputs.state}${inputs.description ? `: ${inputs.description}` : ''}`);
  await runner.writeSummary(
    new SummaryBuilder()
      .heading(`Deployment status: ${inputs.environment} ${inputs.state}`, 3)
      .paragraph(
        `Recorded ${what} as ${inputs.state}` +
          (inputs.description ? `: ${inputs.description}` : '') +
          (inputs.environmentUrl ? ` (${inputs.environmentUrl.href})` : '') +
          '.',
      ),
  );
}

/** Runs one API call; a refusal becomes one line naming what was asked, GitHub's answer and the usual fix. */
async function call<T>(what: string, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (!(error instanceof ApiRefusal)) throw error;
    const fix =
      error.status === 403 || error.status === 404
        ? '; grant the job `permissions: deployments: write` (and check the token is for this repository)'
        : '';
    throw new UserError(`GitHub refused to ${what} (${error.status ?? 'no answer'}: ${error.message})${fix}`);
  }
}
