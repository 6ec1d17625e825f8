// A real Prometheus for the integration tests and the benchmark, started from generated configuration in a temp folder
// on a loopback port and scraping, every second, a small exporter whose gauge the test sets.
import { writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { freePort, requireBinary, startProcess, waitFor, type Stoppable } from './real-proxies.js';

export interface MetricsExporter extends Stoppable {
  /** host:port, as a scrape target. */
  address: string;
  /** The gauge `app_error_ratio{service="api"}` the next scrape reads. */
  setErrorRatio(value: number): void;
}

/** An exporter serving one gauge in Prometheus's text format. */
export async function startMetricsExporter(errorRatio: number): Promise<MetricsExporter> {
  let current = errorRatio;
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    response.end(`# TYPE app_error_ratio gauge\napp_error_ratio{service="api"} ${current}\n`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    setErrorRatio: (value) => {
      current = value;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface PrometheusHandle extends Stoppable {
  url: URL;
  /** What Prometheus printed, for a failure message. */
  output(): string;
}

/**
 * Prometheus scraping `target` every second, its data in `<dir>/data`, ready (`/-/ready`) when this resolves. Fails,
 * naming the Debian package, when Prometheus is not installed. `honorLabels` keeps the job and instance labels the
 * target's samples carry, as a Pushgateway's scrape must.
 */
export async function startPrometheus(
  dir: string,
  target: string,
  options: { honorLabels?: boolean } = {},
): Promise<PrometheusHandle> {
  requireBinary('prometheus');
  const port = await freePort();
  const config = path.join(dir, 'prometheus.yml');
  await writeFile(
    config,
    `global:
  scrape_interval: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: app
    honor_labels: ${options.honorLabels === true}
    static_configs:
      - targets: ['${target}']
`,
  );
  const process_ = startProcess(
    'prometheus',
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { cwd: dir },
  );
  const url = new URL(`http://127.0.0.1:${port}/`);
  try {
    await waitFor(`prometheus on port ${port}`, () => isReady(url), 30_000);
  } catch (error) {
    await process_.stop();
    throw new Error(`${(error as Error).message}; it printed: ${process_.output().slice(-2_000)}`);
  }
  return { url, output: process_.output, stop: process_.stop };
}

/** An instant query's result: each series' labels and value. */
export async function queryPrometheus(
  prometheus: URL,
  query: string,
): Promise<Array<{ metric: Record<string, string>; value: number }>> {
  const response = await fetch(new URL(`api/v1/query?query=${encodeURIComponent(query)}`, prometheus));
  const answer = (await response.json()) as {
    status: string;
    data?: { result: Array<{ metric: Record<string, string>; value: [number, string] }> };
  };
  if (answer.status !== 'success') throw new Error(`prometheus refused ${query}: ${JSON.stringify(answer)}`);
  return answer.data!.result.map((series) => ({ metric: series.metric, value: Number(series.value[1]) }));
}

/** Answers 200 on `/-/ready` (Prometheus and the Pushgateway both have it). */
export function isReady(url: URL): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get(new URL('-/ready', url), (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.setTimeout(1_000, () => request.destroy());
    request.on('error', () => resolve(false));
  });
}
