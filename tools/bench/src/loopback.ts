// The loopback server a benchmark's bench.json inputs may name: for actions that probe something (health-check), so
// that their least work is one real, deterministic round rather than a wait on a refused port.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a bench.json input value may contain in place of an address: `{loopback}/healthz`. */
export const LOOPBACK_PLACEHOLDER = '{loopback}';

/**
 * Starts an HTTP server on 127.0.0.1 answering 200 "ok" to every request when some case's inputs name it, and puts
 * its URL in their place (the cases are changed in place); undefined, and nothing started, when none does.
 */
export async function withLoopback(cases: readonly { inputs: Record<string, string> }[]): Promise<Server | undefined> {
  const named = cases.some((c) => Object.values(c.inputs).some((value) => value.includes(LOOPBACK_PLACEHOLDER)));
  if (!named) return undefined;
  const server = createServer((_request, response) =>
    response.writeHead(200, { 'content-type': 'text/plain' }).end('ok'),
  );
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const benchCase of cases) {
    for (const [name, value] of Object.entries(benchCase.inputs))
      benchCase.inputs[name] = value.replaceAll(LOOPBACK_PLACEHOLDER, url);
  }
  return server;
}
