// The blue-green-switch inputs, read once and checked before anything touches a proxy: the only code that reads
// INPUT_*.
import {
  actionInputs,
  ConfigurationError,
  getBoolean,
  getDuration,
  getEnum,
  getInteger,
  getString,
  quoteValue,
} from '@actions-kit/core';
import {
  COLORS,
  httpColorProbe,
  readProviderInputs,
  TrafficError,
  type ProviderSetup,
  type Target,
} from '@actions-kit/traffic';

const TARGETS = [...COLORS, 'toggle'] as const;

/** Inputs that say how to verify: they mean nothing without verify-url, so one set without it is a mistake. */
const VERIFY_DETAILS = ['verify-header', 'verify-body', 'verify-timeout', 'verify-requests'] as const;

export interface VerifyInputs {
  url: string;
  header?: string;
  bodyPattern?: string;
  requests: number;
  timeoutMs: number;
}

/** `provider` and its `settings` (what createProvider needs; nothing secret, as it is saved for the post step). */
export interface Inputs extends ProviderSetup {
  target: Target;
  /** Absent without verify-url: the switch is then reported as not verified. */
  verify?: VerifyInputs;
  dryRun: boolean;
  lockTimeoutMs: number;
}

export function getInputs(): Inputs {
  // The traffic package has the last word on what it accepts (a leftover input, a server in both colors): asked
  // first, so a mistake fails the step before any proxy is read.
  const setup = asConfigurationError(() => readProviderInputs(actionInputs));
  const inputs: Inputs = {
    ...setup,
    target: getEnum('target', TARGETS, { required: true }),
    verify: getVerifyInputs(),
    dryRun: getBoolean('dry-run', { default: false }),
    lockTimeoutMs: getDuration('lock-timeout', { default: '60s', max: '1h' }),
  };
  const { verify } = inputs;
  if (verify) asConfigurationError(() => httpColorProbe(verify));
  return inputs;
}

function getVerifyInputs(): VerifyInputs | undefined {
  const url = getString('verify-url');
  if (url === '') {
    // action.yml gives none of them a default, so a value here is one the workflow set.
    const orphan = VERIFY_DETAILS.find((name) => getString(name) !== '');
    if (orphan) {
      throw new ConfigurationError(
        `${orphan}: set to ${quoteValue(getString(orphan))}, but verify-url is empty, so nothing is verified; set ` +
          `verify-url to the URL users hit (e.g. https://app.example.com/health), or remove ${orphan}`,
      );
    }
    return undefined;
  }
  const header = getString('verify-header');
  const bodyPattern = getString('verify-body');
  return {
    url,
    header: header || undefined,
    bodyPattern: bodyPattern || undefined,
    requests: getInteger('verify-requests', { default: 20, min: 1, max: 1000 }),
    timeoutMs: getDuration('verify-timeout', { default: '10s', min: '100ms', max: '10m' }),
  };
}

function asConfigurationError<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof TrafficError) throw new ConfigurationError(error.message);
    throw error;
  }
}
