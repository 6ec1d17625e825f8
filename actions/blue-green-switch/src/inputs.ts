// The blue-green-switch inputs, read once and checked before anything touches a proxy: the only code that reads
// INPUT_*.
import {
  ConfigurationError,
  getBoolean,
  getDuration,
  getEnum,
  getInteger,
  getList,
  getString,
  quoteValue,
} from '@actions-kit/core';
import {
  COLORS,
  createProvider,
  httpColorProbe,
  PROVIDER_NAMES,
  TrafficError,
  type ProviderName,
  type ProviderSettings,
  type Target,
} from '@actions-kit/traffic';

const TARGETS = [...COLORS, 'toggle'] as const;
const DISABLE_WITH = ['drain', 'maint'] as const;

export interface VerifyInputs {
  url: string;
  header?: string;
  bodyPattern?: string;
  requests: number;
  timeoutMs: number;
}

export interface Inputs {
  provider: ProviderName;
  target: Target;
  /** What createProvider needs, named after the inputs; nothing secret, as it is saved for the post step. */
  settings: ProviderSettings;
  /** Absent without verify-url: the switch is then reported as not verified. */
  verify?: VerifyInputs;
  dryRun: boolean;
  lockTimeoutMs: number;
}

/** The inputs one provider reads: the required ones with what to set them to, and the optional ones. */
interface ProviderInputs {
  required: Array<[input: string, whatToSet: string]>;
  optional: string[];
}

const servers = (color: string, form: string, example: string): [string, string] => [
  `${color}-servers`,
  `comma-separated ${form} of the ${color} servers (e.g. ${example})`,
];

// Typed by the registry's names, so a provider added there without its inputs here does not compile.
const PROVIDER_INPUTS: Record<ProviderName, ProviderInputs> = {
  haproxy: {
    required: [
      [
        'haproxy-socket',
        "HAProxy's runtime API, the path or host:port of a `stats socket ... level admin` (e.g. /run/haproxy/admin.sock)",
      ],
      ['haproxy-backend', 'the backend holding the blue and green servers (e.g. app)'],
    ],
    optional: ['blue-servers', 'green-servers', 'haproxy-state-file'],
  },
  nginx: {
    required: [
      ['nginx-upstream-file', 'the include file holding the upstream block, which this action rewrites'],
      ['nginx-upstream-name', 'the upstream name used in proxy_pass http://<name> (e.g. app)'],
      servers('blue', 'host:port addresses', '10.0.0.1:8080'),
      servers('green', 'host:port addresses', '10.0.0.2:8080'),
    ],
    optional: [],
  },
  caddy: {
    required: [
      ['caddy-handler-id', 'the "@id" of the reverse_proxy handler in Caddy\'s config (e.g. app)'],
      servers('blue', 'dial addresses', '10.0.0.1:8080'),
      servers('green', 'dial addresses', '10.0.0.2:8080'),
    ],
    optional: [],
  },
  symlink: {
    required: [
      ['symlink-path', 'the link pointing at the live release (e.g. /srv/app/current)'],
      ['blue-path', 'the blue release (e.g. /srv/app/releases/blue)'],
      ['green-path', 'the green release (e.g. /srv/app/releases/green)'],
    ],
    optional: [],
  },
  command: {
    required: [
      ['current-command', 'a shell command printing the live color, blue or green'],
      ['switch-command', 'a shell command switching traffic to $TARGET_COLOR'],
    ],
    optional: [],
  },
  'flag-file': {
    required: [['flag-file', 'the file whose presence sends traffic to green (e.g. /etc/nginx/blue-green/app.green)']],
    optional: [],
  },
};

export function getInputs(): Inputs {
  const provider = getEnum('provider', PROVIDER_NAMES, { required: true });
  checkProviderInputs(provider);
  const inputs: Inputs = {
    provider,
    target: getEnum('target', TARGETS, { required: true }),
    settings: {
      blueServers: getList('blue-servers'),
      greenServers: getList('green-servers'),
      haproxySocket: getString('haproxy-socket'),
      haproxyBackend: getString('haproxy-backend'),
      haproxyStateFile: getString('haproxy-state-file'),
      haproxyDisableWith: getEnum('haproxy-disable-with', DISABLE_WITH, { default: 'drain' as const }),
      nginxUpstreamFile: getString('nginx-upstream-file'),
      nginxUpstreamName: getString('nginx-upstream-name'),
      nginxTestCommand: getString('nginx-test-command', { default: 'nginx -t' }),
      nginxReloadCommand: getString('nginx-reload-command', { default: 'nginx -s reload' }),
      caddyAdminUrl: getString('caddy-admin-url', { default: 'http://localhost:2019' }),
      caddyHandlerId: getString('caddy-handler-id'),
      symlinkPath: getString('symlink-path'),
      bluePath: getString('blue-path'),
      greenPath: getString('green-path'),
      flagFile: getString('flag-file'),
      currentCommand: getString('current-command'),
      switchCommand: getString('switch-command'),
      commandTimeoutMs: getDuration('command-timeout', { default: '60s', min: '1s', max: '1h' }),
    },
    verify: getVerifyInputs(),
    dryRun: getBoolean('dry-run', { default: false }),
    lockTimeoutMs: getDuration('lock-timeout', { default: '60s', max: '1h' }),
  };
  // The traffic package has the last word on what it accepts (a server in both colors, a bad URL or regex): asked
  // now, so a mistake fails the step before any proxy is read.
  asConfigurationError(() => createProvider(provider, inputs.settings));
  const { verify } = inputs;
  if (verify) asConfigurationError(() => httpColorProbe(verify));
  return inputs;
}

/** Every input the provider needs is set, and none meant for another provider is: a leftover is a likely mistake. */
function checkProviderInputs(provider: ProviderName): void {
  for (const [input, whatToSet] of PROVIDER_INPUTS[provider].required) {
    if (getString(input) === '') {
      throw new ConfigurationError(`${input}: required with provider ${provider}; set it to ${whatToSet}`);
    }
  }
  const used = inputsOf(provider);
  for (const input of new Set(PROVIDER_NAMES.flatMap(inputsOf))) {
    const value = getString(input);
    if (value === '' || used.includes(input)) continue;
    const owners = PROVIDER_NAMES.filter((name) => inputsOf(name).includes(input));
    throw new ConfigurationError(
      `${input}: set to ${quoteValue(value)}, but provider ${provider} does not use it; remove it, or set provider ` +
        `to ${owners.join(' or ')}`,
    );
  }
}

function inputsOf(provider: ProviderName): string[] {
  const { required, optional } = PROVIDER_INPUTS[provider];
  return [...required.map(([input]) => input), ...optional];
}

function getVerifyInputs(): VerifyInputs | undefined {
  const url = getString('verify-url');
  const header = getString('verify-header');
  const bodyPattern = getString('verify-body');
  if (url === '') {
    const orphan = header !== '' ? 'verify-header' : bodyPattern !== '' ? 'verify-body' : undefined;
    if (orphan) {
      throw new ConfigurationError(
        `${orphan}: set, but verify-url is empty; set verify-url to the URL users hit (e.g. ` +
          `https://app.example.com/health), or remove ${orphan}`,
      );
    }
    return undefined;
  }
  return {
    url,
    header: header || undefined,
    bodyPattern: bodyPattern || undefined,
    requests: getInteger('verify-requests', { default: 20, min: 1, max: 1000 }),
    timeoutMs: getDuration('verify-timeout', { default: '10s', min: '100ms', max: '10m' }),
  };
}

function asConfigurationError(check: () => unknown): void {
  try {
    check();
  } catch (error) {
    if (error instanceof TrafficError) throw new ConfigurationError(error.message);
    throw error;
  }
}
