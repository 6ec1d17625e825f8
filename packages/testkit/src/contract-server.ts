// A loopback server standing in for a service that cannot run here (Slack, Teams, Grafana, Loki): it answers as the
// service documents, checks every request against the published contract, and records each request and each
// breach. Faults (429 with Retry-After, 5xx, an error body, a slow answer, a cut connection) are queued by the test.
import http, { type IncomingMessage } from 'node:http';
import { listenOnLoopback, type LoopbackServer } from './loopback-servers.js';

export interface ContractRequest {
  method: string;
  /** Path and query. */
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface ContractAnswer {
  status: number;
  body?: string;
  headers?: Record<string, string>;
}

export type Fault = ContractAnswer | { delayMs: number; then?: ContractAnswer } | { reset: true };

export interface ContractServer extends LoopbackServer {
  /** Every request, in order (faulted ones too). */
  readonly requests: ContractRequest[];
  /** Every way a request broke the contract, as "<method> <path>: <what>"; a test expects none. */
  readonly breaches: string[];
  /** Answers the next requests with these, in order, before the contract's own answers resume. */
  fault(...faults: Fault[]): void;
}

/**
 * `answer` checks one request against the contract: it returns the service's answer, and calls `breach` for each
 * rule broken (the answer it returns then is the service's refusal).
 */
export async function startContractServer(
  answer: (request: ContractRequest, breach: (what: string) => void) => ContractAnswer,
): Promise<ContractServer> {
  const requests: ContractRequest[] = [];
  const breaches: string[] = [];
  const faults: Fault[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const request = {
        method: incoming.method ?? '',
        path: incoming.url ?? '',
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(request);
      const send = (reply: ContractAnswer): void => {
        response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
        response.end(reply.body ?? '');
      };
      const fault = faults.shift();
      if (fault === undefined) {
        send(answer(request, (what) => breaches.push(`${request.method} ${request.path}: ${what}`)));
      } else if ('reset' in fault) {
        incoming.socket.destroy();
      } else if ('delayMs' in fault) {
        const timer = setTimeout(() => {
          timers.delete(timer);
          send(fault.then ?? answer(request, (what) => breaches.push(`${request.method} ${request.path}: ${what}`)));
        }, fault.delayMs);
        timers.add(timer);
      } else {
        send(fault);
      }
    });
  });
  const loopback = await listenOnLoopback(server);
  return {
    ...loopback,
    requests,
    breaches,
    fault: (...queued) => void faults.push(...queued),
    stop: async () => {
      for (const timer of timers) clearTimeout(timer);
      await loopback.stop();
    },
  };
}

/** The body as JSON, or a breach and undefined. */
export function jsonBody(request: ContractRequest, breach: (what: string) => void): unknown {
  if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) {
    breach(`content-type is ${String(request.headers['content-type'])}, not application/json`);
  }
  try {
    return JSON.parse(request.body);
  } catch {
    breach('the body is not JSON');
    return undefined;
  }
}
