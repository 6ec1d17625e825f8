// A deploy's verdict from its steps' outcomes, in the order the deploy workflow's recap step decides it.
import { describe, expect, it } from '@jest/globals';
import { type DeployOutcomes, deployVerdict } from '../src/deploy-verdict.js';

const started: DeployOutcomes = { title: 'release 1.1.0', live: 'success', previous: 'blue', target: 'green' };

describe('deployVerdict', () => {
  it('deployed: healthy through the watch, the new color live', () => {
    const verdict = deployVerdict({
      ...started,
      deployed: 'success',
      ready: 'success',
      switched: 'success',
      watched: 'success',
      rolledBack: false,
      active: 'green',
    });
    expect(verdict.result).toBe('deployed');
    expect(verdict.summary).toBe(
      '## Deploy of release 1.1.0: ✅ deployed\n\nThe release went to green, became healthy, took the traffic from ' +
        'blue and stayed healthy through the watch. Live now: green.\n',
    );
  });

  it('rolled back: the watch found it unhealthy and switched back, with the reason', () => {
    const verdict = deployVerdict({
      ...started,
      deployed: 'success',
      ready: 'success',
      switched: 'success',
      watched: 'failure',
      rolledBack: true,
      reason: 'status',
      active: 'blue',
    });
    expect(verdict.result).toBe('rolled back');
    expect(verdict.why).toBe(
      'the release on green became healthy and took the traffic, then the watch found it unhealthy (status) and ' +
        'switched back to blue',
    );
    expect(verdict.summary).toContain('## Deploy of release 1.1.0: ❌ rolled back');
  });

  it.each([
    [{ deployed: 'success', ready: 'success', switched: 'failure' }, 'not switched', 'green did not prove it took'],
    [{ deployed: 'success', ready: 'failure' }, 'not deployed', 'did not become healthy in time'],
    [{ deployed: 'failure' }, 'not deployed', 'the deploy command failed on green'],
    [{ deployed: 'success', ready: 'success', switched: 'success', watched: 'cancelled' }, 'failed', 'cancelled'],
  ] as const)('%j → %s', (steps, result, why) => {
    const verdict = deployVerdict({ ...started, ...steps, active: 'blue' });
    expect(verdict.result).toBe(result);
    expect(verdict.why).toContain(why);
  });

  it('failed when the live color could not be read, and says the proxy could not be read at the end', () => {
    const verdict = deployVerdict({ title: 'release 1.1.0', live: 'failure' });
    expect(verdict.result).toBe('failed');
    expect(verdict.summary).toContain('Live now: unknown (the proxy could not be read).');
  });
});
