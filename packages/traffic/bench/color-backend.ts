// A color backend for the benchmark, in a process of its own so the proxied load does not share the bench's event
// loop; prints its port, answers with its color in x-color and the body.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const color = process.argv[2] ?? 'blue';
const server = http.createServer((_request, response) => {
  response.writeHead(200, { 'x-color': color, 'content-type': 'text/plain' });
  response.end(`${color}\n`);
});
// Longer than any proxy's upstream keep-alive, so a proxy never reuses a connection the backend is closing: those
// failures would have nothing to do with switching.
server.keepAliveTimeout = 300_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
process.on('SIGTERM', () => process.exit(0));
