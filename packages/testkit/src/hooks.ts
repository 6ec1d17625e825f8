// Jest hooks the integration tests share, imported as '@actions-kit/testkit/hooks': a temp folder per test, optionally
// a blue and a green backend, and everything started in them stopped afterwards. A subpath of its own because
// @jest/globals throws outside Jest, where the benchmark imports the rest of the testkit.
import { afterEach, beforeEach } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startColorBackend, type Color, type Stoppable } from './real-proxies.js';

export interface TempDirRig {
  /** This test's temp folder, made before it. */
  dir: string;
  /** Stopped all at once after each test, then the folder is removed: push whatever a test or hook starts. */
  running: Stoppable[];
}

export interface ColorBackendRig extends TempDirRig {
  /** Started before each test, after the folder, and in `running`: a test may stop one early. */
  blue: Stoppable & { port: number; address: string };
  green: Stoppable & { port: number; address: string };
  /** host:port of each, the shape the proxy configurations take. */
  addresses: Record<Color, string>;
}

/**
 * Registers a beforeEach making a temp folder (`prefix` and a random suffix) and an afterEach stopping `running` and
 * removing the folder. Call it at the top level of a test file; the fields are set by the time a test or a later hook
 * runs. Jest runs afterEach hooks in the order they were declared: a file's own tear-down that must come first (a
 * frozen run killed before the proxy stops) is declared before this call.
 */
export function useTempDir(prefix: string): TempDirRig {
  const rig: TempDirRig = { dir: '', running: [] };
  beforeEach(async () => {
    rig.dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  });
  afterEach(async () => {
    await Promise.all(rig.running.splice(0).map((process_) => process_.stop()));
    await rm(rig.dir, { recursive: true, force: true });
  });
  return rig;
}

/** useTempDir, plus a backend per color answering with its color (startColorBackend), started before each test. */
export function useColorBackends(prefix: string): ColorBackendRig {
  // blue, green and addresses are set by the beforeEach below, before any test or later hook reads them.
  const rig = useTempDir(prefix) as ColorBackendRig;
  beforeEach(async () => {
    rig.blue = await startColorBackend('blue');
    rig.green = await startColorBackend('green');
    rig.running.push(rig.blue, rig.green);
    rig.addresses = { blue: rig.blue.address, green: rig.green.address };
  });
  return rig;
}
