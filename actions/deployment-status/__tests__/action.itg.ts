// The bundled action through the harness, against testkit's loopback GitHub API (GITHUB_API_URL points at it): the
// requests @actions/github sends, the deployment and statuses recorded, a refusal, and no token.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { startFakeGitHubApi, type FakeGitHubApi } from '@actions-kit/testkit';
import { NODES, bundledAction, errors } from '@actions-kit/testkit/bundles';

const action = bundledAction(new URL('..', import.meta.url));
const REPOSITORY = 'acme/app';

let api: FakeGitHubApi;
beforeEach(async () => {
  api = await startFakeGitHubApi();
});
afterEach(() => api.stop());

const env = (): Record<string, string> => ({
  GITHUB_API_URL: api.apiUrl,
  GITHUB_REPOSITORY: REPOSITORY,
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_RUN_ID: '7',
  GITHUB_SHA: 'c0ffee00',
});

describe.each(NODES)('deployment-status under %s', (_label, node) => {
  it('creates a deployment of the run commit, gives it the state, and outputs its id', async () => {
    const result = await action.run(node, {
      env: env(),
      inputs: { environment: 'production', state: 'in_progress', description: 'to green', token: 'ghs_fake' },
    });

    expect(result.outcome).toBe('success');
    const [deployment] = api.deployments(REPOSITORY);
    expect(result.outputs).toEqual({ 'deployment-id': String(deployment!.id), recorded: 'true' });
    expect(api.deployments(REPOSITORY)).toEqual([
      {
        id: deployment!.id,
        ref: 'c0ffee00',
        environment: 'production',
        description: 'to green',
        statuses: [
          { state: 'in_progress', description: 'to green', log_url: 'https://github.com/acme/app/actions/runs/7' },
        ],
      },
    ]);
    expect(api.requests.map((request) => [request.method, request.path, request.authorization])).toEqual([
      ['POST', '/repos/acme/app/deployments', 'token ghs_fake'],
      ['POST', `/repos/acme/app/deployments/${deployment!.id}/statuses`, 'token ghs_fake'],
    ]);
    // The pipeline has decided: GitHub must neither merge the default branch in nor wait for commit statuses.
    expect(api.requests[0]!.body).toMatchObject({ auto_merge: false, required_contexts: [] });
  });

  it('gives the deployment of an earlier step its final state, with the environment URL', async () => {
    const first = await action.run(node, {
      env: env(),
      inputs: { environment: 'production', state: 'in_progress', token: 'ghs_fake' },
    });
    const id = first.outputs['deployment-id']!;

    const result = await action.run(node, {
      env: env(),
      inputs: {
        environment: 'production',
        state: 'success',
        'deployment-id': id,
        'environment-url': 'https://app.example.com',
        description: 'green live',
        token: 'ghs_fake',
      },
    });

    expect(result.outcome).toBe('success');
    expect(api.deployments(REPOSITORY).map((deployment) => deployment.statuses.map((status) => status.state))).toEqual([
      ['in_progress', 'success'],
    ]);
    expect(api.deployments(REPOSITORY)[0]!.statuses[1]).toMatchObject({
      description: 'green live',
      environment_url: 'https://app.example.com/',
    });
  });

  it('fails naming the refusal and the permission when GitHub answers 403', async () => {
    api.answerNext({ status: 403, body: { message: 'Resource not accessible by integration' } });

    const result = await action.run(node, {
      env: env(),
      inputs: { environment: 'production', state: 'in_progress', token: 'ghs_fake' },
    });

    expect(result.outcome).toBe('failure');
    expect(errors(result)).toEqual([
      'deployment-status: GitHub refused to create a deployment of c0ffee00 in production (403: Resource not ' +
        'accessible by integration); grant the job `permissions: deployments: write` (and check the token is for ' +
        'this repository)',
    ]);
    expect(api.deployments(REPOSITORY)).toEqual([]);
  });

  it('fails naming the deployment when it does not exist in this repository', async () => {
    const result = await action.run(node, {
      env: env(),
      inputs: { environment: 'production', state: 'success', 'deployment-id': '999', token: 'ghs_fake' },
    });

    expect(result.outcome).toBe('failure');
    expect(errors(result)).toEqual([
      expect.stringMatching(
        /^deployment-status: GitHub refused to set deployment 999 of production to success \(404: Not Found/,
      ),
    ]);
  });

  it('without a token sends nothing and succeeds, saying so', async () => {
    const result = await action.run(node, {
      env: env(),
      inputs: { environment: 'production', state: 'in_progress', token: '' },
    });

    expect(result.outcome).toBe('success');
    expect(result.outputs).toEqual({ recorded: 'false', 'deployment-id': '' });
    expect(result.stdout).toContain('deployment-status: no token, so nothing was recorded for production');
    expect(api.requests).toEqual([]);
  });
});
