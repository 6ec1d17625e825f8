// A deploy for the sample service on this machine, as a caller's deploy command would do it on a host: stops the
// instance of one color and starts the release in its place, on the same port, then waits until it listens.
//   DEPLOY_COLOR=green RELEASE=good VERSION=1.1.0 SAMPLE_DEPLOY_DIR=/srv/sample node deploy-local.js
// SAMPLE_DEPLOY_DIR holds <color>.port (written by whoever set the host up) and <color>.pid (written here). The
// instance is started in its own session, so it outlives the job step that deployed it. The tests of the
// deploy-blue-green workflow use it as the caller's deploy command.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';

const fail = (message) => {
  console.error(`deploy-local: ${message}`);
  process.exit(1);
};
const color = process.env.DEPLOY_COLOR;
if (color !== 'blue' && color !== 'green') fail(`DEPLOY_COLOR is '${color ?? ''}': set it to blue or green`);
const dir = process.env.SAMPLE_DEPLOY_DIR;
if (!dir || !existsSync(path.join(dir, `${color}.port`))) {
  fail(`SAMPLE_DEPLOY_DIR '${dir ?? ''}' has no ${color}.port: write the color's port there first`);
}
const port = Number(readFileSync(path.join(dir, `${color}.port`), 'utf8').trim());
const pidFile = path.join(dir, `${color}.pid`);

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const listening = () =>
  new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => socket.end(() => resolve(true)));
    socket.once('error', () => resolve(false));
  });
const waitUntil = async (what, check) => {
  for (let i = 0; i < 200; i += 1) {
    if (await check()) return;
    await delay(25);
  }
  fail(`${what} after 5 s`);
};

if (existsSync(pidFile)) {
  const old = Number(readFileSync(pidFile, 'utf8'));
  if (alive(old)) {
    process.kill(old, 'SIGTERM');
    await waitUntil(`the ${color} instance (pid ${old}) did not stop`, async () => !alive(old));
  }
}
const log = openSync(path.join(dir, `${color}.log`), 'a');
const server = fileURLToPath(new URL('./src/server.js', import.meta.url));
const child = spawn(process.execPath, [server], {
  detached: true,
  stdio: ['ignore', log, log],
  env: {
    PATH: process.env.PATH,
    PORT: String(port),
    COLOR: color,
    RELEASE: process.env.RELEASE ?? 'good',
    VERSION: process.env.VERSION ?? '1.0.0',
    BREAKS_AFTER: process.env.BREAKS_AFTER ?? '50',
  },
});
child.unref();
closeSync(log);
writeFileSync(pidFile, String(child.pid));
await waitUntil(`the ${color} instance did not listen on port ${port}`, listening);
console.log(
  `deploy-local: ${color} runs release ${process.env.RELEASE ?? 'good'} ${process.env.VERSION ?? '1.0.0'} on port ${port} (pid ${child.pid})`,
);
