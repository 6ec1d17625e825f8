// The bundled action pushes deploy metrics to a real Pushgateway (Debian's prometheus-pushgateway) that a real
// Prometheus scrapes every second; the test asks Prometheus for them, as a dashboard or an alert would.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import {
  queryPrometheus,
  startPrometheus,
  startPushgateway,
  waitFor,
  type PrometheusHandle,
  type PushgatewayHandle,
} from '@actions-kit/testkit';
import { NODES, bundledAction } from '@actions-kit/testkit/bundles';

jest.setTimeout(120_000);

const action = bundledAction(new URL('..', import.meta.url));
const NODE_24 = NODES[1]![1];

let dir: string;
let pushgateway: PushgatewayHandle;
let prometheus: PrometheusHandle;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'notify-pushgateway-'));
  pushgateway = await startPushgateway(dir);
  prometheus = await startPrometheus(dir, pushgateway.address, { honorLabels: true });
});
afterAll(async () => {
  await prometheus?.stop();
  await pushgateway?.stop();
  await rm(dir, { recursive: true, force: true });
});

const notify = (event: string) =>
  action.run(NODE_24, {
    env: { GITHUB_REPOSITORY: 'acme/app' },
    inputs: { event, environment: 'production', version: '1.4.0', 'pushgateway-url': pushgateway.url.href },
  });

/** The query's series once Prometheus has scraped a value for which `ready` holds. */
async function scraped(
  query: string,
  ready: (series: Array<{ metric: Record<string, string>; value: number }>) => boolean,
): Promise<Array<{ metric: Record<string, string>; value: number }>> {
  let series: Array<{ metric: Record<string, string>; value: number }> = [];
  await waitFor(
    `prometheus to scrape ${query}`,
    async () => ready((series = await queryPrometheus(prometheus.url, query))),
    20_000,
  );
  return series;
}

describe('notify to a real Pushgateway, scraped by a real Prometheus', () => {
  it('records a deploy start, its rollback, and counts rollbacks across deploys', async () => {
    const started = await notify('started');
    expect(started.outcome).toBe('success');
    expect(JSON.parse(started.outputs['delivered']!)).toEqual({ pushgateway: 'ok' });

    const rolledBack = await notify('rolled-back');
    expect(JSON.parse(rolledBack.outputs['delivered']!)).toEqual({ pushgateway: 'ok' });

    const labels = { job: 'deploy', environment: 'production', service: 'app' };
    const rollbacks = await scraped('deploy_rollbacks_total', (series) => series.length === 1);
    expect(rollbacks).toEqual([
      { metric: expect.objectContaining({ __name__: 'deploy_rollbacks_total', ...labels }), value: 1 },
    ]);
    const result = await scraped('deploy_result', (series) => series.length > 0);
    expect(result).toEqual([
      {
        metric: expect.objectContaining({ ...labels, result: 'rolled-back', version: '1.4.0' }),
        value: 1,
      },
    ]);
    const [start] = await scraped('deploy_started_timestamp_seconds', (series) => series.length === 1);
    const [end] = await scraped('deploy_last_timestamp_seconds', (series) => series.length === 1);
    const [duration] = await scraped('deploy_duration_seconds', (series) => series.length === 1);
    expect(end!.value).toBeGreaterThanOrEqual(start!.value);
    expect(duration!.value).toBeCloseTo(end!.value - start!.value, 2);

    // A later deploy that succeeds keeps the total; another rollback adds to it.
    await notify('succeeded');
    await scraped('deploy_result{result="succeeded"}', (series) => series.length === 1);
    await notify('rolled-back');
    const total = await scraped('deploy_rollbacks_total', (series) => series[0]?.value === 2);
    expect(total.map((series) => series.value)).toEqual([2]);
  });
});
