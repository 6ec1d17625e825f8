// The bundled action's blue-green rollback through a real HAProxy: an unhealthy service switched back to the color
// that was not live when the check started, and a healthy one left alone.
import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import { node24Path } from '@actions-kit/harness';
import { colorsAt, startHaproxy, startScriptedServer, type HaproxyHandle } from '@actions-kit/testkit';
import { errors } from '@actions-kit/testkit/bundles';
import { useColorBackends } from '@actions-kit/testkit/hooks';
import { runAction } from './support/bundle.js';

jest.setTimeout(60_000);

const node24 = node24Path;
const rig = useColorBackends('health-check-haproxy-');
let haproxy: HaproxyHandle;
beforeEach(async () => {
  haproxy = await startHaproxy(rig.dir, { blue: rig.blue.port, green: rig.green.port });
  rig.running.push(haproxy);
});

const blueGreenInputs = (url: string, extra: Record<string, string> = {}): Record<string, string> => ({
  url,
  mode: 'watch',
  'watch-duration': '1s',
  interval: '100ms',
  timeout: '500ms',
  rollback: 'blue-green',
  provider: 'haproxy',
  'haproxy-socket': haproxy.socket,
  'haproxy-backend': 'app',
  ...extra,
});

describe('health-check rollback: blue-green with HAProxy', () => {
  it('switches back to the other color when the service turns unhealthy', async () => {
    const service = await startScriptedServer((n) => (n < 2 ? { status: 200 } : { status: 500, body: 'broken' }));
    rig.running.push(service);
    expect(await colorsAt(haproxy.url)).toEqual(['blue']);

    const result = await runAction(node24, { inputs: blueGreenInputs(service.url) });

    expect(result.outcome).toBe('failure');
    expect(errors(result)).toEqual([
      expect.stringMatching(
        /^health-check: unhealthy \(status\): .*; rolled back: switched blue → green on HAProxy backend 'app'/,
      ),
    ]);
    expect(result.outputs['rolled-back']).toBe('true');
    expect(await colorsAt(haproxy.url)).toEqual(['green']);
  });

  it('leaves a healthy service and its traffic alone, and switches to rollback-to when given', async () => {
    const result = await runAction(node24, { inputs: blueGreenInputs(haproxy.url, { 'rollback-to': 'green' }) });

    expect(result.outcome).toBe('success');
    expect(result.outputs['rolled-back']).toBe('false');
    expect(result.log).toContain('health-check: a rollback switches back to green (rollback-to is green)');
    expect(await colorsAt(haproxy.url)).toEqual(['blue']);
  });
});
