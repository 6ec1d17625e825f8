// Starts the sample service: PORT (default 8080), HOST (default 127.0.0.1), and the settings app.js reads from the
// environment. Stops cleanly on SIGTERM and SIGINT.
import http from 'node:http';
import { createHandler, settingsFrom } from './app.js';

let settings;
try {
  settings = settingsFrom(process.env);
} catch (error) {
  console.error(`sample-service: ${error.message}`);
  process.exit(2);
}
const port = Number(process.env.PORT ?? '8080');
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`sample-service: PORT is '${process.env.PORT}': set it to a port number from 0 to 65535`);
  process.exit(2);
}
const host = process.env.HOST ?? '127.0.0.1';

const server = http.createServer(createHandler(settings));
server.listen(port, host, () => {
  const { port: bound } = server.address();
  console.log(
    `sample-service: ${settings.color} ${settings.version} (release ${settings.release}) on ${host}:${bound}`,
  );
});
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
}
