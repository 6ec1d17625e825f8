// The step's run() with plain objects: an in-memory Deployments API that records what it was asked, a runner that
// records outputs and summaries. Created or given deployments, the skip without a token, and refusals named.
import { describe, expect, it } from '@jest/globals';
import { UserError } from '@actions-kit/core';
import { failureOf, recordingStepRunner, renderedText } from '@actions-kit/testkit';
import { ApiRefusal, type DeploymentStatus, type DeploymentsApi, type NewDeployment } from '../src/deployments.js';
import type { Inputs } from '../src/inputs.js';
import { run, type MainDeps } from '../src/main.js';

class InMemoryDeployments implements DeploymentsApi {
  created: NewDeployment[] = [];
  statuses: Array<{ id: number } & DeploymentStatus> = [];
  refuse?: ApiRefusal;
  async create(deployment: NewDeployment): Promise<number> {
    if (this.refuse) throw this.refuse;
    this.created.push(deployment);
    return 4100 + this.created.length;
  }
  async setStatus(id: number, status: DeploymentStatus): Promise<void> {
    if (this.refuse) throw this.refuse;
    this.statuses.push({ id, ...status });
  }
}

function recording(api: InMemoryDeployments) {
  const lines: string[] = [];
  const tokens: string[] = [];
  const { runner, outputs, summaries } = recordingStepRunner(lines);
  const deps: MainDeps = {
    runner,
    log: (line) => lines.push(line),
    api: async (token) => {
      tokens.push(token);
      return api;
    },
    runUrl: 'https://github.com/acme/app/actions/runs/7',
  };
  return { deps, outputs, summaries, lines, tokens };
}

const inputs = (overrides: Partial<Inputs> = {}): Inputs => ({
  environment: 'production',
  state: 'in_progress',
  ref: 'c0ffee',
  description: 'deploying 1.4.0 to green',
  token: 'ghs_test',
  ...overrides,
});

describe('deployment-status run()', () => {
  it('creates a deployment of ref in the environment, gives it the state and outputs its id', async () => {
    const api = new InMemoryDeployments();
    const { deps, outputs, lines, tokens } = recording(api);

    await run(inputs(), deps);

    expect(tokens).toEqual(['ghs_test']);
    expect(api.created).toEqual([
      { ref: 'c0ffee', environment: 'production', description: 'deploying 1.4.0 to green' },
    ]);
    expect(api.statuses).toEqual([
      {
        id: 4101,
        state: 'in_progress',
        description: 'deploying 1.4.0 to green',
        environmentUrl: undefined,
        logUrl: 'https://github.com/acme/app/actions/runs/7',
      },
    ]);
    expect(outputs).toEqual({ 'deployment-id': '4101', recorded: 'true' });
    expect(lines).toEqual([
      'deployment-status: deployment 4101 of production (created for c0ffee) is in_progress: deploying 1.4.0 to green',
    ]);
  });

  it('gives a deployment it is handed the new state, with the environment URL, and creates none', async () => {
    const api = new InMemoryDeployments();
    const { deps, outputs, summaries } = recording(api);

    await run(
      inputs({
        deploymentId: 4101,
        state: 'success',
        description: 'green live',
        environmentUrl: new URL('https://app.example.com'),
      }),
      deps,
    );

    expect(api.created).toEqual([]);
    expect(api.statuses).toEqual([
      expect.objectContaining({ id: 4101, state: 'success', environmentUrl: 'https://app.example.com/' }),
    ]);
    expect(outputs).toEqual({ 'deployment-id': '4101', recorded: 'true' });
    expect(renderedText(summaries.join(''))).toContain(
      'Recorded deployment 4101 of production as success: green live (https://app.example.com/).',
    );
  });

  it('without a token records nothing, says so, and succeeds', async () => {
    const api = new InMemoryDeployments();
    const { deps, outputs, lines, tokens } = recording(api);

    await run(inputs({ token: '', deploymentId: 12 }), deps);

    expect(tokens).toEqual([]);
    expect(api.statuses).toEqual([]);
    expect(outputs).toEqual({ recorded: 'false', 'deployment-id': '12' });
    expect(lines).toEqual([
      'deployment-status: no token, so nothing was recorded for production (in_progress); give the step a token ' +
        'with the deployments write permission to record it',
    ]);
  });

  it('names what GitHub refused, its answer, and the permission to grant', async () => {
    const api = new InMemoryDeployments();
    api.refuse = new ApiRefusal(403, 'Resource not accessible by integration');
    const { deps, outputs } = recording(api);

    const error = await failureOf(run(inputs(), deps));

    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toBe(
      'GitHub refused to create a deployment of c0ffee in production (403: Resource not accessible by integration); ' +
        'grant the job `permissions: deployments: write` (and check the token is for this repository)',
    );
    expect(outputs).toEqual({});
  });

  it('after creating, a refused state still outputs the id, so a later step can retry it', async () => {
    const api = new InMemoryDeployments();
    const { deps, outputs } = recording(api);
    api.setStatus = async () => {
      throw new ApiRefusal(422, 'state is not included in the list');
    };

    const error = await failureOf(run(inputs(), deps));

    expect(error.message).toBe(
      'GitHub refused to set deployment 4101 of production to in_progress (422: state is not included in the list)',
    );
    expect(outputs).toEqual({ 'deployment-id': '4101' });
  });
});
