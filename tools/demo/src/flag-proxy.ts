// The demo's stand-in for a proxy when HAProxy is not installed: a small reverse proxy on loopback that sends each
// request to green while a flag file exists and to blue while it does not, the way nginx's `if (-e …)` or Caddy's
// `file` matcher does for blue-green-switch's flag-file provider. It needs no root and no package.
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Color = 'blue' | 'green';

export interface FlagProxy {
  url: string;
  stop(): Promise<void>;
}

/** Hop-by-hop headers a proxy must not forward (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

function endToEnd(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)));
}

/** Starts the proxy on a free loopback port, in front of the two colors' loopback ports. */
export async function startFlagProxy(flagFile: string, ports: Record<Color, number>): Promise<FlagProxy> {
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer((request, response) => {
    // Read per request, as the flag-file provider promises: the switch takes effect on the next request.
    const color: Color = existsSync(flagFile) ? 'green' : 'blue';
    const upstream = http.request(
      {
        host: '127.0.0.1',
        port: ports[color],
        method: request.method,
        path: request.url,
        headers: endToEnd(request.headers),
        agent,
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
        answer.pipe(response);
      },
    );
    upstream.on('error', (error) => {
      if (response.headersSent) {
        response.destroy(error);
        return;
      }
      response.writeHead(502, { 'content-type': 'text/plain' });
      response.end(`demo proxy: ${color} did not answer (${error.message})\n`);
    });
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        agent.destroy();
        server.close(() => resolve());
      }),
  };
}
