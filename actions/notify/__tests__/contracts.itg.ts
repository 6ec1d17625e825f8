// The bundled action through the harness against loopback servers that check every request against the published
// contracts of Slack (Block Kit, Web API), Teams (Adaptive Cards, parsed by Microsoft's SDK), Grafana's annotation
// API and Loki's push API, plus a signed generic webhook: what each destination receives, one message followed
// through a deploy, and the faults of the issue, each a test.
import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import {
  GRAFANA_TOKEN,
  SLACK_TOKEN,
  startContractServer,
  startGrafanaContract,
  startLokiContract,
  startSlackContract,
  startTeamsContract,
  type ContractServer,
  type GrafanaContractServer,
  type LokiContractServer,
  type SlackContractServer,
  type TeamsContractServer,
} from '@actions-kit/testkit';
import { NODES, bundledAction, errors, rendered } from '@actions-kit/testkit/bundles';

jest.setTimeout(60_000);

const action = bundledAction(new URL('..', import.meta.url));
const WEBHOOK_SECRET = 'whsec-contract';

let slack: SlackContractServer;
let teams: TeamsContractServer;
let grafana: GrafanaContractServer;
let loki: LokiContractServer;
let webhook: ContractServer;
beforeEach(async () => {
  [slack, teams, grafana, loki] = await Promise.all([
    startSlackContract(),
    startTeamsContract(),
    startGrafanaContract(),
    startLokiContract(),
  ]);
  webhook = await startContractServer((request, breach) => {
    const expected = `sha256=${createHmac('sha256', WEBHOOK_SECRET).update(request.body).digest('hex')}`;
    if (request.headers['x-signature-256'] !== expected) breach('the signature does not match the body');
    return { status: 200, body: '{"received":true}' };
  });
});
afterEach(async () => {
  await Promise.all([slack, teams, grafana, loki, webhook].map((server) => server.stop()));
});

const ENV = { GITHUB_REPOSITORY: 'acme/app', GITHUB_RUN_ID: '7', GITHUB_SERVER_URL: 'https://github.com' };

const everyDestination = (): Record<string, string> => ({
  'slack-token': SLACK_TOKEN,
  'slack-channel': 'C0123456789',
  'slack-api-url': slack.apiUrl,
  'teams-webhook-url': teams.webhookUrl,
  'webhook-url': webhook.url,
  'webhook-secret': WEBHOOK_SECRET,
  'grafana-url': grafana.url,
  'grafana-token': GRAFANA_TOKEN,
  'loki-url': loki.url,
});

function noBreaches(): void {
  expect([slack, teams, grafana, loki, webhook].flatMap((server) => server.breaches)).toEqual([]);
  expect(slack.pings).toEqual([]);
}

describe.each(NODES)('notify under %s', (_label, node) => {
  it('sends one message to every destination, each within its contract, and follows it to the end', async () => {
    const started = await action.run(node, {
      env: ENV,
      inputs: { event: 'started', environment: 'production', version: '1.4.0', color: 'green', ...everyDestination() },
    });
    expect(started.outcome).toBe('success');
    expect(errors(started)).toEqual([]);
    const ts = started.outputs['slack-message-ts']!;
    const annotationId = started.outputs['grafana-annotation-id']!;
    expect(JSON.parse(started.outputs['delivered']!)).toEqual({
      slack: 'ok',
      teams: 'ok',
      webhook: 'ok',
      grafana: 'ok',
      loki: 'ok',
    });
    expect(slack.messages.get(ts)?.text).toContain('app 1.4.0 to production (green): started');
    expect(teams.cards).toHaveLength(1);
    expect(loki.lines).toEqual([
      expect.objectContaining({ labels: { job: 'deploy', environment: 'production', service: 'app' } }),
    ]);
    expect(JSON.parse(loki.lines[0]!.line)).toMatchObject({ event: 'started', version: '1.4.0', color: 'green' });
    expect(JSON.parse(webhook.requests[0]!.body)).toMatchObject({ event: 'started', environment: 'production' });
    expect(started.masks).toEqual(
      expect.arrayContaining([SLACK_TOKEN, GRAFANA_TOKEN, WEBHOOK_SECRET, teams.webhookUrl]),
    );
    expect(rendered(started)).toContain('Delivered to all 5 destinations.');

    const ended = await action.run(node, {
      env: ENV,
      inputs: {
        event: 'succeeded',
        environment: 'production',
        version: '1.4.0',
        'slack-message-ts': ts,
        'grafana-annotation-id': annotationId,
        ...everyDestination(),
      },
    });
    expect(ended.outcome).toBe('success');
    expect(ended.outputs['slack-message-ts']).toBe(ts);
    expect(slack.messages.size).toBe(1);
    expect(slack.messages.get(ts)?.text).toContain('succeeded');
    expect(slack.requests.map((request) => request.path)).toEqual(['/api/chat.postMessage', '/api/chat.update']);
    const annotation = grafana.annotations.get(Number(annotationId))!;
    expect(annotation.tags).toEqual(['deploy', 'production', 'app', '1.4.0', 'succeeded']);
    expect(annotation.timeEnd).toBeGreaterThan(annotation.time);
    noBreaches();
  });
});

const NODE_24 = NODES[1]![1];
const run = (inputs: Record<string, string>) =>
  action.run(NODE_24, { env: ENV, inputs: { event: 'failed', ...inputs } });

describe('notify faults', () => {
  it('a destination that is down: the others are delivered, the step warns naming it', async () => {
    await loki.stop();
    const result = await run({ ...everyDestination(), timeout: '2s' });
    expect(result.outcome).toBe('success');
    const delivered = JSON.parse(result.outputs['delivered']!) as Record<string, string>;
    expect(delivered['loki']).toMatch(/^error: no answer \(ECONNREFUSED\) \(after \d+ tries\), and the deadline came$/);
    expect(Object.entries(delivered).filter(([, value]) => value === 'ok')).toHaveLength(4);
    expect(result.annotations).toContainEqual(
      expect.objectContaining({
        level: 'warning',
        message: expect.stringMatching(/^not delivered to loki: no answer/),
      }),
    );
    expect(rendered(result)).toContain(
      'Not delivered to 1 of 5 destinations: a warning only (fail-on-error is false).',
    );
    // restarted so afterEach can stop it again
    loki = await startLokiContract();
  });

  it('429 with Retry-After: waits as asked, then delivers', async () => {
    slack.fault({ status: 429, headers: { 'retry-after': '1' }, body: '{"ok":false,"error":"ratelimited"}' });
    const result = await run({ 'slack-webhook-url': slack.webhookUrl });
    expect(JSON.parse(result.outputs['delivered']!)).toEqual({ slack: 'ok' });
    expect(slack.requests).toHaveLength(2);
    noBreaches();
  });

  it('500 then success: tries again', async () => {
    teams.fault({ status: 500, body: '{"error":{"code":"InternalServerError"}}' });
    const result = await run({ 'teams-webhook-url': teams.webhookUrl });
    expect(JSON.parse(result.outputs['delivered']!)).toEqual({ teams: 'ok' });
    expect(teams.requests).toHaveLength(2);
    expect(teams.cards).toHaveLength(1);
  });

  it("400 with an error body: fails at once in the destination's words; fail-on-error fails the step", async () => {
    grafana.fault({ status: 400, body: '{"message":"bad request data"}' });
    const result = await run({ 'grafana-url': grafana.url, 'grafana-token': GRAFANA_TOKEN, 'fail-on-error': 'true' });
    expect(result.outcome).toBe('failure');
    expect(errors(result)).toEqual([
      `notify: 1 of 1 destination not reached: grafana: refused with 400: '{"message":"bad request data"}'`,
    ]);
    expect(grafana.requests).toHaveLength(1);
  });

  it('a Slack refusal in the Web API shape ({ ok: false }) is a failure, not a delivery', async () => {
    const result = await run({ 'slack-token': 'xoxb-wrong', 'slack-channel': 'C1', 'slack-api-url': slack.apiUrl });
    expect(JSON.parse(result.outputs['delivered']!)).toEqual({
      slack: "error: chat.postMessage refused: 'invalid_auth'",
    });
    expect(result.outputs['slack-message-ts']).toBe('');
  });

  it('a hostile commit message pings nobody, runs no workflow command, and is cut within every limit', async () => {
    const hostile = `::error::pwned <!channel> <!here> <@U0123ABC> @here @channel <script>alert(1)</script> ${'x'.repeat(100_000)}`;
    const result = await run({
      ...everyDestination(),
      message: hostile,
      fields: `Commit: ${hostile}\n::warning::also pwned`,
      title: '::error::title <!everyone>',
    });
    expect(result.outcome).toBe('success');
    expect(JSON.parse(result.outputs['delivered']!)).toEqual({
      slack: 'ok',
      teams: 'ok',
      webhook: 'ok',
      grafana: 'ok',
      loki: 'ok',
    });
    expect(result.annotations.filter((annotation) => /pwned/.test(annotation.message))).toEqual([]);
    noBreaches();
    const [message] = [...slack.messages.values()];
    expect(JSON.stringify(message)).toMatch(/…and \d{2},\d{3} more characters/);
    const annotation = [...grafana.annotations.values()][0]!;
    expect(annotation.text).toContain('&lt;script&gt;');
    expect(annotation.text).not.toContain('<script>');
  });

  it('a slow destination past the deadline: given up, the others delivered', async () => {
    teams.fault({ delayMs: 10_000, then: { status: 202 } });
    const result = await run({ 'teams-webhook-url': teams.webhookUrl, 'loki-url': loki.url, timeout: '2s' });
    expect(result.outcome).toBe('success');
    expect(JSON.parse(result.outputs['delivered']!)).toEqual({
      teams: 'error: no answer (timed out), and the deadline came',
      loki: 'ok',
    });
  });

  it('an invalid webhook URL: a clear error naming the input, the URL never shown', async () => {
    const result = await run({ 'slack-webhook-url': 'hooks.slack.com/services/T/B/s3cr3t' });
    expect(result.outcome).toBe('failure');
    expect(errors(result)).toEqual([
      'notify: slack-webhook-url: a value of 35 characters is not an http(s) URL; set it to the incoming webhook URL (https://hooks.slack.com/…)',
    ]);
    // Masked before it is checked: the runner hides it wherever a later line would show it.
    expect(result.masks).toContain('hooks.slack.com/services/T/B/s3cr3t');
  });
});
