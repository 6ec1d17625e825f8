// The health-check inputs, read once and checked before the first probe: the only code that reads INPUT_*. Header
// values are masked as they are read, before any message could quote them.
import { readFileSync } from 'node:fs';
import {
  actionInputs,
  ConfigurationError,
  getBoolean,
  getDuration,
  getEnum,
  getInteger,
  getString,
  parseLines,
  quoteValue,
  setSecret,
} from '@actions-kit/core';
import {
  DEFAULT_EXPECTED_STATUS,
  parseExpectBody,
  parseExpectedStatus,
  parseJsonExpectations,
  parseMetrics,
  parsePrometheusUrl,
  type DecisionSettings,
  type MetricDefinition,
  type ResponseExpectations,
} from '@actions-kit/probes';
import type { ProviderSetup } from '@actions-kit/traffic';

const MODES = ['until-healthy', 'watch'] as const;
const ROLLBACKS = ['none', 'command', 'blue-green'] as const;
const ROLLBACK_COLORS = ['blue', 'green'] as const;
// RFC 9110's token: what a header name and a method may be made of.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** How every URL is asked: what httpProbe takes besides the URL. */
export interface RequestSettings {
  method: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** The ca-file's PEM text. */
  ca?: string;
  insecure: boolean;
  followRedirects: boolean;
}

export interface PrometheusSettings {
  url: URL;
  headers: Record<string, string>;
}

export type RollbackPlan =
  | { kind: 'none' }
  | { kind: 'command'; command: string; timeoutMs: number }
  /** `to` unset: the color that is not live when the check starts. */
  | { kind: 'blue-green'; setup: ProviderSetup; to?: 'blue' | 'green' };

/** What main saves for the post step: plain JSON, nothing secret (headers stay out). */
export interface RollbackSettings {
  plan: RollbackPlan;
  onCancel: boolean;
}

export interface Inputs {
  urls: string[];
  request: RequestSettings;
  expectations: ResponseExpectations;
  metrics: MetricDefinition[];
  /** Set when metrics are. */
  prometheus?: PrometheusSettings;
  intervalMs: number;
  initialDelayMs: number;
  decision: DecisionSettings;
  rollback: RollbackSettings;
  /** Every header value, to be blanked out of what the check reports (a body may echo a token back). */
  secrets: string[];
}

export async function getInputs(): Promise<Inputs> {
  const secrets: string[] = [];
  const headers = getHeaders('headers', secrets);
  const prometheusHeaders = getHeaders('prometheus-headers', secrets);
  const timeoutMs = getDuration('timeout', { default: '3s', min: '1ms', max: '10m' });
  const metrics = await parseMetrics(getString('metrics'));
  const maxLatency = getString('max-latency');
  return {
    urls: getUrls(),
    request: {
      method: getMethod(),
      headers,
      body: getString('body') || undefined,
      timeoutMs,
      ca: getCaFile(),
      insecure: getBoolean('insecure', { default: false }),
      followRedirects: getBoolean('follow-redirects', { default: false }),
    },
    expectations: {
      status: parseExpectedStatus(getString('expected-status', { default: DEFAULT_EXPECTED_STATUS })),
      body: parseExpectBody(getString('expect-body')),
      json: parseJsonExpectations(getString('expect-json')),
      maxLatencyMs: maxLatency === '' ? undefined : getDuration('max-latency', { min: '1ms', max: '10m' }),
    },
    metrics,
    prometheus: getPrometheus(metrics, prometheusHeaders),
    intervalMs: getDuration('interval', { default: '5s', min: '100ms', max: '1h' }),
    initialDelayMs: getDuration('initial-delay', { default: '0s', max: '1h' }),
    decision: {
      mode: getEnum('mode', MODES, { default: 'until-healthy' }),
      successThreshold: getInteger('success-threshold', { default: 3, min: 1, max: 1000 }),
      failureThreshold: getInteger('failure-threshold', { default: 3, min: 1, max: 1000 }),
      deadlineMs: getDuration('deadline', { default: '5m', min: '1ms', max: '6h' }),
      watchDurationMs: getDuration('watch-duration', { default: '5m', min: '1ms', max: '6h' }),
      failureLimits: Object.fromEntries(
        metrics.flatMap((metric) => (metric.failureLimit === undefined ? [] : [[metric.name, metric.failureLimit]])),
      ),
    },
    rollback: await getRollback(),
    secrets,
  };
}

function getUrls(): string[] {
  const urls = parseLines(getString('url', { required: true }));
  if (urls.length === 0) throw new ConfigurationError('url: a value is required; set one URL per line');
  return urls.map((text) => {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new ConfigurationError(
        `url: ${quoteValue(text)} is not a URL; write it whole, such as https://app.example.com/health`,
      );
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new ConfigurationError(`url: ${quoteValue(text)} is not an http or https URL`);
    }
    return url.href;
  });
}

function getMethod(): string {
  const method = getString('method', { default: 'GET' });
  if (!TOKEN.test(method)) {
    throw new ConfigurationError(
      `method: ${quoteValue(method)} is not an HTTP method; use one such as GET, HEAD or POST`,
    );
  }
  return method.toUpperCase();
}

/**
 * `Name: value` lines. Each value is masked before anything else happens; a malformed line is named by its number
 * only, as it may hold a token.
 */
function getHeaders(inputName: string, secrets: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  const lines = getString(inputName).split(/\r?\n/);
  for (const line of lines) {
    const value = line.slice(line.indexOf(':') + 1).trim();
    if (line.includes(':') && value !== '') {
      setSecret(value);
      secrets.push(value);
    }
  }
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const colon = line.indexOf(':');
    const name = colon < 0 ? '' : line.slice(0, colon).trim();
    if (colon < 0 || !TOKEN.test(name)) {
      throw new ConfigurationError(
        `${inputName}: line ${index + 1} is not a header (its text is not shown, as it may be a secret); write ` +
          'one `Name: value` per line, such as Authorization: Bearer ${{ secrets.TOKEN }}',
      );
    }
    headers[name.toLowerCase()] = line.slice(colon + 1).trim();
  });
  return headers;
}

function getCaFile(): string | undefined {
  const file = getString('ca-file');
  if (file === '') return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ConfigurationError(
      `ca-file: ${quoteValue(file)} cannot be read (${code}); set it to a PEM file of the certificates to trust, ` +
        'relative to the workspace',
    );
  }
}

function getPrometheus(
  metrics: readonly MetricDefinition[],
  headers: Record<string, string>,
): PrometheusSettings | undefined {
  const text = getString('prometheus-url');
  if (metrics.length === 0) {
    if (text !== '') {
      throw new ConfigurationError('prometheus-url: set, but metrics is empty; add the metrics to check, or remove it');
    }
    return undefined;
  }
  if (text === '') {
    throw new ConfigurationError(
      "prometheus-url: required with metrics; set it to Prometheus's base URL, such as http://prometheus:9090",
    );
  }
  return { url: parsePrometheusUrl(text), headers };
}

async function getRollback(): Promise<RollbackSettings> {
  const kind = getEnum('rollback', ROLLBACKS, { default: 'none' });
  const onCancelText = getString('rollback-on-cancel');
  const onCancel = onCancelText === '' ? kind !== 'none' : getBoolean('rollback-on-cancel');
  const command = getString('rollback-command');
  const provider = getString('provider');
  const rollbackTo = getString('rollback-to');
  const unused = (input: string, wanted: string): ConfigurationError =>
    new ConfigurationError(`${input}: set, but rollback is ${kind}; set rollback to ${wanted}, or remove ${input}`);
  if (kind !== 'command' && command !== '') throw unused('rollback-command', 'command');
  if (kind !== 'blue-green' && provider !== '') throw unused('provider', 'blue-green');
  if (kind !== 'blue-green' && rollbackTo !== '') throw unused('rollback-to', 'blue-green');
  if (kind === 'none') return { plan: { kind }, onCancel };
  if (kind === 'command') {
    if (command === '') {
      throw new ConfigurationError(
        'rollback-command: required with rollback: command; set it to the shell command that puts the previous ' +
          'version back (it finds the reason in $HEALTH_FAILURE_REASON)',
      );
    }
    return {
      plan: { kind, command, timeoutMs: getDuration('command-timeout', { default: '60s', min: '1s', max: '1h' }) },
      onCancel,
    };
  }
  // Loaded only here: the traffic package and its providers are not needed by a check that does not switch.
  const { readProviderInputs, TrafficError } = await import('@actions-kit/traffic');
  let setup: ProviderSetup;
  try {
    setup = readProviderInputs(actionInputs);
  } catch (error) {
    if (error instanceof TrafficError) throw new ConfigurationError(error.message);
    throw error;
  }
  const to = rollbackTo === '' ? undefined : getEnum('rollback-to', ROLLBACK_COLORS);
  return { plan: { kind, setup, ...(to !== undefined && { to }) }, onCancel };
}
