// Runs one command beside a private Docker engine and registry, stopped when it ends however it ends:
//   tsx packages/testkit/src/with-docker-engine.ts -- <command> [args...]
// The command sees DOCKER_HOST (the engine's socket) and ACTIONS_KIT_REGISTRY (the registry's host:port). For a CI
// step that needs one engine for its whole run (the act tier); a test file starts its own with startDockerEngine,
// which takes about half a second here.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startDockerEngine, startDockerRegistry } from './docker-engine.js';

const separator = process.argv.indexOf('--');
const command = separator < 0 ? [] : process.argv.slice(separator + 1);
if (command.length === 0) {
  console.error('usage: tsx packages/testkit/src/with-docker-engine.ts -- <command> [args...]');
  process.exit(2);
}
const dir = await mkdtemp(path.join(os.tmpdir(), 'dk-'));
const engine = await startDockerEngine(dir);
const registry = await startDockerRegistry(dir).catch(async (error: unknown) => {
  await engine.stop();
  throw error;
});
let status = 1;
try {
  const child = spawn(command[0]!, command.slice(1), {
    stdio: 'inherit',
    env: { ...engine.env, ACTIONS_KIT_REGISTRY: registry.address },
  });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward).on('SIGTERM', forward);
  status = await new Promise<number>((resolve) => {
    child.once('error', (error) => {
      console.error(`with-docker-engine: ${command[0]}: ${error.message}`);
      resolve(127);
    });
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
} finally {
  await engine.stop();
  await registry.stop();
  await rm(dir, { recursive: true, force: true });
}
process.exit(status);
