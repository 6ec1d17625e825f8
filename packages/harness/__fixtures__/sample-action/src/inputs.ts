// The sample action's inputs, read once and typed: the only code that reads INPUT_*.
import { getDuration, getEnum, getString } from '@actions-kit/core';

export const FAILURE_MODES = ['none', 'configuration', 'user', 'bug'] as const;
export type FailureMode = (typeof FAILURE_MODES)[number];

export interface Inputs {
  name: string;
  greeting: string;
  /** Untrusted text: printed only through printUntrusted, shown only escaped. */
  echo: string;
  failWith: FailureMode;
  waitMs: number;
}

export function getInputs(): Inputs {
  return {
    name: getString('name', { required: true }),
    greeting: getString('greeting', { default: 'Hello' }),
    echo: getString('echo'),
    failWith: getEnum('fail-with', FAILURE_MODES, { default: 'none' }),
    waitMs: getDuration('wait', { default: '0s', max: '10m' }),
  };
}
