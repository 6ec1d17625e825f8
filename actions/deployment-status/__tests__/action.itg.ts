// The bundled action through the harness, against a loopback server answering as GitHub's Deployments API does
// (GITHUB_API_URL points at it): the requests @actions/github sends, the outputs, a refusal, and no token.
import http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { listenOnLoopback, type LoopbackServer } from '@actions-kit/testkit';
import { NODES, bundledAction, errors } from '@actions-kit/testkit/bundles';

const action = bundledAction(new URL('..', import.meta.url));

interface Received {
  method: string;
  path: string;
  authorization: string;
  body: Record<string, unknown>;
}

let api: LoopbackServer;
let received: Received[];
/** The status GitHub answers every request with; 201 unless a test refuses. */
let answer: { status: number; body: unknown };

beforeEach(async () => {
  received = [];
  answer = { status: 201, body: {} };
  const server = http.createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      received.push({
        method: request.method ?? '',
        path: request.url ?? '',
        authorization: String(request.headers.authorization ?? ''),
        body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
      });
      const created = request.url === '/repos/acme/app/deployments' ? { id: 4101 } : { id: 9 };
      response.writeHead(answer.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(answer.status === 201 ? created : answer.body));
    });
  });
  api = await listenOnLoopback(server);
});
afterEach(() => api.stop());

const env = (): Record<string, string> => ({
  GITHUB_API_URL: api.url.replace(/\/$/, ''),
  GITHUB_REPOSITORY: 'acme/app',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_RUN_ID: '7',
  GITHUB_SHA: 'c0ffee00',
});

describe.each(NODES)('deployment-status under %s', (_label, node) => {
  it('creates the deployment of the run commit, then its status, and outputs the id', async () => {
    const result = await action.run(node, {
      env: env(),
      inputs: { environment: 'production', state: 'in_progress', description: 'to green', token: 'ghs_fake' },
    });

    expect(result.outcome).toBe('success');
    expect(result.outputs).toEqual({ 'deployment-id': '4101', recorded: 'true' });
    expect(received).toEqual([
      {
        method: 'POST',
        path: '/repos/acme/app/deployments',
        authorization: 'token ghs_fake',
        body: {
          ref: 'c0ffee00',
          environment: 'production',
          description: 'to green',
          auto_merge: false,
          required_contexts: [],
        },
      },
      {
        method: 'POST',
        path: '/repos/acme/app/deployments/4101/statuses',
        authorization: 'token ghs_fake',
        body: { state: 'in_progress', description: 'to green', log_url: 'https://github.com/acme/app/actions/runs/7' },
      },
    ]);
  });

  it('gives a given deployment its final state with the environment URL', async () => {
    const result = await action.run(node, {
      env: env(),
      inputs: {
        environment: 'production',
        state: 'success',
        'deployment-id': '4101',
        'environment-url': 'https://app.example.com',
        token: 'ghs_fake',
      },
    });

    expect(result.outcome).toBe('success');
    expect(received.map((request) => [request.path, request.body['state'], request.body['environment_url']])).toEqual([
      ['/repos/acme/app/deployments/4101/statuses', 'success', 'https://app.example.com/'],
    ]);
  });

  it('fails naming the refusal and the permission when GitHub answers 403', async () => {
    answer = { status: 403, body: { message: 'Resource not accessible by integration' } };

    const result = await action.run(node, {
      env: env(),
      inputs: { environment: 'production', state: 'in_progress', token: 'ghs_fake' },
    });

    expect(result.outcome).toBe('failure');
    expect(errors(result)).toEqual([
      expect.stringMatching(
        /^deployment-status: GitHub refused to create a deployment of c0ffee00 in production \(403: Resource not accessible by integration.*\); grant the job `permissions: deployments: write`/,
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
    expect(received).toEqual([]);
  });
});
