// An HTTP or HTTPS server on loopback whose every answer comes from a script the test (or the benchmark) controls:
// healthy after N requests, flapping, slow, 5xx bursts, wrong JSON, resets, a body that never ends.
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { listenOnLoopback, type Certificate, type LoopbackServer } from './loopback-servers.js';

export type ScriptedAnswer =
  /** An answer, after `delayMs` (default none). */
  | { status: number; body?: string; headers?: Record<string, string>; delayMs?: number }
  /** The connection cut without an answer. */
  | { reset: true }
  /** Headers, then a body that trickles a byte a second and never ends (a slow-loris body). */
  | { neverEnds: true };

/** What to answer the `n`-th request (0-based). */
export type AnswerScript = (n: number, request: IncomingMessage) => ScriptedAnswer;

export interface ScriptedServer extends LoopbackServer {
  /** How many requests arrived so far. */
  readonly requests: number;
  /** Replaces the script from the next request on (its count goes on). */
  setScript(script: AnswerScript): void;
}

/** `tls`: serve HTTPS with that certificate. */
export async function startScriptedServer(
  script: AnswerScript,
  options: { tls?: Certificate } = {},
): Promise<ScriptedServer> {
  let current = script;
  let requests = 0;
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, action: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      action();
    }, ms);
    timers.add(timer);
  };
  const handler: http.RequestListener = (request, response) => {
    const answer = current(requests++, request);
    if ('reset' in answer) {
      request.socket.destroy();
      return;
    }
    if ('neverEnds' in answer) {
      response.writeHead(200, { 'content-type': 'text/plain' });
      const trickle = (): void => {
        if (response.destroyed) return;
        response.write('.');
        later(1_000, trickle);
      };
      trickle();
      return;
    }
    const send = (): void => {
      response.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers });
      response.end(answer.body ?? '');
    };
    if (answer.delayMs) later(answer.delayMs, send);
    else send();
  };
  const server = options.tls
    ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, handler)
    : http.createServer(handler);
  const listening = await listenOnLoopback(server, options.tls ? 'https' : 'http');
  return {
    ...listening,
    get requests() {
      return requests;
    },
    setScript: (next) => {
      current = next;
    },
    stop: async () => {
      for (const timer of timers) clearTimeout(timer);
      await listening.stop();
    },
  };
}
