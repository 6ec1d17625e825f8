// What one blue-green deploy came to, from its steps' outcomes and the color read from the proxy at the end: the
// same verdicts, in the same order, as the recap step of .github/workflows/deploy-blue-green.yml.
import type { StepRecord } from './action-steps.js';
import type { Color } from './flag-proxy.js';

type Outcome = StepRecord['outcome'];

export interface DeployOutcomes {
  /** What was deployed, for the heading, e.g. "release 1.1.0". */
  title: string;
  live: Outcome;
  previous?: Color;
  target?: Color;
  deployed?: Outcome;
  ready?: Outcome;
  switched?: Outcome;
  watched?: Outcome;
  rolledBack?: boolean;
  /** health-check's reason output, e.g. status. */
  reason?: string;
  /** The color live at the end, read from the proxy; undefined when it could not be read. */
  active?: Color;
}

export type DeployResult = 'deployed' | 'rolled back' | 'not switched' | 'not deployed' | 'failed';

export interface DeployVerdict {
  result: DeployResult;
  /** One sentence: what happened and why. */
  why: string;
  previous?: Color;
  target?: Color;
  active?: Color;
  /** The recap step's job summary. */
  summary: string;
}

export function deployVerdict(outcomes: DeployOutcomes): DeployVerdict {
  const { previous, target } = outcomes;
  const [result, why] = ((): [DeployResult, string] => {
    if (outcomes.live !== 'success') return ['failed', 'the live color could not be read from the proxy'];
    if (outcomes.watched === 'success') {
      return [
        'deployed',
        `the release went to ${target}, became healthy, took the traffic from ${previous} and stayed healthy ` +
          'through the watch',
      ];
    }
    if (outcomes.rolledBack) {
      return [
        'rolled back',
        `the release on ${target} became healthy and took the traffic, then the watch found it unhealthy ` +
          `(${outcomes.reason ?? 'no reason given'}) and switched back to ${previous}`,
      ];
    }
    if (outcomes.switched === 'failure') {
      return ['not switched', `${target} did not prove it took the traffic, and the switch put ${previous} back`];
    }
    if (outcomes.ready === 'failure') {
      return ['not deployed', `the release on ${target} did not become healthy in time; the traffic never moved`];
    }
    if (outcomes.deployed === 'failure') {
      return ['not deployed', `the deploy command failed on ${target}; the traffic never moved`];
    }
    return ['failed', 'a step failed or was cancelled (see the steps above)'];
  })();
  const mark = result === 'deployed' ? '✅' : '❌';
  const active = outcomes.active ?? 'unknown (the proxy could not be read)';
  const sentence = why.charAt(0).toUpperCase() + why.slice(1);
  return {
    result,
    why,
    previous,
    target,
    active: outcomes.active,
    summary: `## Deploy of ${outcomes.title}: ${mark} ${result}\n\n${sentence}. Live now: ${active}.\n`,
  };
}
