// A real Prometheus Pushgateway (Debian's prometheus-pushgateway) on a loopback port, for the notify tests: the
// bundled action pushes deploy metrics to it, and a real Prometheus scrapes it.
import { freePort, requireBinary, startProcess, waitFor, type Stoppable } from './real-proxies.js';
import { isReady } from './real-prometheus.js';

export interface PushgatewayHandle extends Stoppable {
  url: URL;
  /** host:port, as a scrape target. */
  address: string;
  output(): string;
}

/** Fails, naming the Debian package, when the Pushgateway is not installed. Keeps nothing on disk. */
export async function startPushgateway(dir: string): Promise<PushgatewayHandle> {
  requireBinary('prometheus-pushgateway');
  const port = await freePort();
  const process_ = startProcess(
    'prometheus-pushgateway',
    // Debian's build persists to /var/lib/prometheus/pushgateway.data by default: one run's metrics would be the
    // next run's starting point. Empty keeps them in memory, gone with the process.
    [`--web.listen-address=127.0.0.1:${port}`, '--persistence.file=', '--log.level=warn'],
    { cwd: dir },
  );
  const url = new URL(`http://127.0.0.1:${port}/`);
  try {
    await waitFor(`prometheus-pushgateway on port ${port}`, () => isReady(url), 30_000);
  } catch (error) {
    await process_.stop();
    throw new Error(`${(error as Error).message}; it printed: ${process_.output().slice(-2_000)}`);
  }
  return { url, address: `127.0.0.1:${port}`, output: process_.output, stop: process_.stop };
}
