// Users of the service while it is deployed: a steady trickle of requests through the proxy, each answer counted, so
// the recap can say how many requests the switches and the rollback cost (none, when blue-green works). It is also
// what makes the bad release break: it degrades only once it has served real traffic.
import http from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';

export interface TrafficFigures {
  requests: number;
  failed: number;
  /** The first few failures, e.g. "HTTP 502" or "ECONNRESET", for the recap. */
  failures: string[];
  /** Answers per color (the x-color header). */
  byColor: Record<string, number>;
}

export interface UserTraffic {
  figures(): TrafficFigures;
  stop(): Promise<TrafficFigures>;
}

const KEPT_FAILURES = 5;

function get(url: string, agent: http.Agent): Promise<{ status: number; color: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent }, (response) => {
      response.resume();
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, color: String(response.headers['x-color'] ?? 'none') }),
      );
      response.on('error', reject);
    });
    request.setTimeout(5_000, () => request.destroy(new Error('no answer within 5 s')));
    request.on('error', reject);
  });
}

/** `clients` keep-alive clients, each sending a request every `pauseMs` after the previous answer. */
export function startUserTraffic(url: string, options: { clients?: number; pauseMs?: number } = {}): UserTraffic {
  const agent = new http.Agent({ keepAlive: true });
  const figures: TrafficFigures = { requests: 0, failed: 0, failures: [], byColor: {} };
  const fail = (what: string): void => {
    figures.failed += 1;
    if (figures.failures.length < KEPT_FAILURES) figures.failures.push(what);
  };
  let running = true;
  const client = async (): Promise<void> => {
    while (running) {
      try {
        const { status, color } = await get(url, agent);
        figures.requests += 1;
        figures.byColor[color] = (figures.byColor[color] ?? 0) + 1;
        if (status < 200 || status > 299) fail(`HTTP ${status}`);
      } catch (error) {
        figures.requests += 1;
        fail((error as NodeJS.ErrnoException).code ?? (error as Error).message);
      }
      await delay(options.pauseMs ?? 20);
    }
  };
  const clients = Array.from({ length: options.clients ?? 2 }, () => client());
  return {
    figures: () => figures,
    stop: async () => {
      running = false;
      await Promise.all(clients);
      agent.destroy();
      return figures;
    },
  };
}
