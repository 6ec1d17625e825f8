// The bundled action with metrics against a real Prometheus scraping an exporter the test controls: a passing error
// rate, a failing one, no data, NaN, and a Prometheus that is down, each named; never a silent pass.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import {
  startMetricsExporter,
  startPrometheus,
  startScriptedServer,
  waitFor,
  type MetricsExporter,
  type PrometheusHandle,
  type ScriptedServer,
} from '@actions-kit/testkit';
import { node24Path } from '@actions-kit/harness';
import { errors, rendered } from '@actions-kit/testkit/bundles';
import { runAction } from './support/bundle.js';

jest.setTimeout(90_000);

const node24 = node24Path;
let dir = '';
let exporter: MetricsExporter | undefined;
let prometheus: PrometheusHandle | undefined;
let app: ScriptedServer | undefined;

/** Waits until Prometheus has scraped `value` (it scrapes every second). */
async function scraped(value: number): Promise<void> {
  const url = new URL(`api/v1/query?query=app_error_ratio`, prometheus?.url);
  await waitFor(
    `a scrape of app_error_ratio = ${value}`,
    () =>
      new Promise((resolve) => {
        http
          .get(url, (response) => {
            let body = '';
            response.on('data', (chunk: Buffer) => (body += chunk.toString()));
            response.on('end', () => resolve(body.includes(`"${Number.isNaN(value) ? 'NaN' : value}"`)));
          })
          .on('error', () => resolve(false));
      }),
    30_000,
  );
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'health-check-prometheus-'));
  exporter = await startMetricsExporter(0.002);
  prometheus = await startPrometheus(dir, exporter.address);
  app = await startScriptedServer(() => ({ status: 200, body: 'ok' }));
  await scraped(0.002);
});

afterAll(async () => {
  await Promise.all([app?.stop(), prometheus?.stop(), exporter?.stop()]);
  await rm(dir, { recursive: true, force: true });
});

const metricsInputs = (metrics: string, extra: Record<string, string> = {}): Record<string, string> => ({
  url: app?.url ?? '',
  mode: 'watch',
  'watch-duration': '1s',
  interval: '200ms',
  timeout: '2s',
  metrics,
  'prometheus-url': prometheus?.url.href ?? '',
  ...extra,
});
const ERROR_RATE = '- name: error-rate\n  query: max(app_error_ratio{service="api"})\n  condition: "< 0.01"';

describe('health-check metrics against a real Prometheus', () => {
  it('passes an error rate under its condition, and shows its values against it', async () => {
    const result = await runAction(node24, { inputs: metricsInputs(ERROR_RATE) });

    expect(result.outcome).toBe('success');
    expect(result.outputs).toMatchObject({ healthy: 'true', reason: 'ok' });
    expect(rendered(result)).toContain('### Metric error-rate: < 0.01');
    expect(rendered(result)).toMatch(/line \[0\.002(, 0\.002)*\]\n {2}line \[0\.01(, 0\.01)*\]/);
  });

  it('fails an error rate over its condition with reason metric', async () => {
    exporter?.setErrorRatio(0.2);
    await scraped(0.2);
    try {
      const result = await runAction(node24, { inputs: metricsInputs(ERROR_RATE) });

      expect(result.outputs.reason).toBe('metric');
      expect(errors(result)[0]).toMatch(
        /^health-check: unhealthy \(metric\): 3 consecutive failing rounds: error-rate: 0\.2 is not < 0\.01/,
      );
    } finally {
      exporter?.setErrorRatio(0.002);
      await scraped(0.002);
    }
  });

  it('never passes NaN', async () => {
    const nan = '- name: ratio\n  query: max(app_error_ratio) * 0 / 0\n  condition: "< 1"';

    const result = await runAction(node24, { inputs: metricsInputs(nan) });

    expect(result.outputs.reason).toBe('metric');
    expect(errors(result)[0]).toMatch(/NaN \(no number, which never passes\) is not < 1/);
  });

  it('names no data metric-empty, and lets on-empty: inconclusive through', async () => {
    const missing = '- name: requests\n  query: app_requests_that_do_not_exist_total\n  condition: "> 0"';

    const failed = await runAction(node24, { inputs: metricsInputs(missing) });
    expect(failed.outputs.reason).toBe('metric-empty');
    expect(errors(failed)[0]).toMatch(/requests: the query returned no data \(on-empty: fail\)/);

    const tolerated = await runAction(node24, { inputs: metricsInputs(`${missing}\n  on-empty: inconclusive`) });
    expect(tolerated.outcome).toBe('success');
  });

  it('names a Prometheus that is down prometheus-down, not a pass', async () => {
    const result = await runAction(node24, {
      inputs: metricsInputs(ERROR_RATE, { 'prometheus-url': 'http://127.0.0.1:1/' }),
    });

    expect(result.outputs.reason).toBe('prometheus-down');
    expect(errors(result)[0]).toMatch(/Prometheus did not answer: connection refused \(ECONNREFUSED\)/);
  });
});
