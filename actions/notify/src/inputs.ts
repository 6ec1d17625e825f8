// The notify inputs, read once and checked before anything is sent: the only code that reads INPUT_*. Each
// destination's inputs come from its sender descriptor; every URL and token is masked as soon as it is read.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigurationError, getBoolean, getDuration, getString, quoteValue, setSecret } from '@actions-kit/core';
import {
  DETAIL_READERS,
  SENDERS,
  parseFields,
  readDetails,
  type Destination,
  type Details,
  type MessageInputs,
  type SenderDescriptor,
} from '@actions-kit/notify';

export interface Inputs {
  message: MessageInputs;
  destinations: Destination[];
  /** How long each destination may take, every try and wait included. */
  timeoutMs: number;
  failOnError: boolean;
}

export function getInputs(
  env: NodeJS.ProcessEnv = process.env,
  senders: readonly SenderDescriptor[] = SENDERS,
  now: number = Date.now(),
): Inputs {
  const event = getString('event', { required: true }).trim();
  if (!/^[a-z][a-z0-9-]{0,39}$/.test(event)) {
    throw new ConfigurationError(
      `event: ${quoteValue(event)} is not an event; use started, succeeded, failed, rolled-back, approval-needed, ` +
        'cancelled, or a word of your own in lower case (letters, digits and -)',
    );
  }
  const repository = env['GITHUB_REPOSITORY'];
  const runId = env['GITHUB_RUN_ID'];
  return {
    message: {
      event,
      environment: getString('environment').trim(),
      service: getString('service').trim() || (repository?.split('/')[1] ?? ''),
      version: getString('version').trim(),
      color: getString('color').trim(),
      title: getString('title').trim(),
      message: getString('message'),
      fields: parseFields(
        getString('fields')
          .split(/\r?\n/)
          .filter((line) => line.trim() !== ''),
      ),
      ...detailsOf(getString('details-file').trim(), env['GITHUB_WORKSPACE'] ?? process.cwd()),
      run: {
        ...(repository && { repository }),
        ...(env['GITHUB_SHA'] && { sha: env['GITHUB_SHA'] }),
        ...(env['GITHUB_REF'] && { ref: env['GITHUB_REF'] }),
        ...(env['GITHUB_ACTOR'] && { actor: env['GITHUB_ACTOR'] }),
        ...(env['GITHUB_WORKFLOW'] && { workflow: env['GITHUB_WORKFLOW'] }),
        ...(repository &&
          runId && { url: `${env['GITHUB_SERVER_URL'] ?? 'https://github.com'}/${repository}/actions/runs/${runId}` }),
      },
      time: now,
    },
    destinations: readDestinations(senders),
    timeoutMs: getDuration('timeout', { default: '30s', min: '1s', max: '10m' }),
    failOnError: getBoolean('fail-on-error', { default: false }),
  };
}

/** Every destination whose trigger input is set, its inputs read, masked and checked. */
export function readDestinations(senders: readonly SenderDescriptor[]): Destination[] {
  const destinations: Destination[] = [];
  for (const descriptor of senders) {
    const on = descriptor.triggers.filter((name) => getString(name).trim() !== '');
    if (on.length === 0) continue;
    for (const conflict of descriptor.conflicts ?? []) {
      if (getString(conflict).trim() !== '') {
        throw new ConfigurationError(
          `${on[0]} and ${conflict} are both set, two ways to reach ${descriptor.name}; keep one of them`,
        );
      }
    }
    const values = new Map<string, string>();
    for (const input of descriptor.inputs) {
      const value = getString(input.name).trim();
      if (value !== '' && input.kind !== 'text') setSecret(value);
      values.set(input.name, value);
    }
    for (const name of descriptor.required) {
      if (values.get(name) === '') {
        const hint = descriptor.inputs.find((input) => input.name === name)?.hint ?? 'a value';
        throw new ConfigurationError(`${name}: empty, but ${on[0]} is set; set ${name} to ${hint}`);
      }
    }
    const settings = descriptor.settings({
      text: (name) => values.get(name) ?? '',
      url: (name) => {
        const value = values.get(name) ?? '';
        if (value === '') return undefined;
        const hint = descriptor.inputs.find((input) => input.name === name)?.hint ?? 'an http(s) URL';
        return httpUrl(name, value, hint);
      },
    });
    destinations.push({ name: descriptor.name, sender: descriptor.create(settings) });
  }
  return destinations;
}

/**
 * The URL in `value`, or a ConfigurationError naming the input. The value is a secret (a webhook URL carries its
 * token), so the message shows only its scheme and host when it has them.
 */
function httpUrl(name: string, value: string, hint: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url?.protocol === 'http:' || url?.protocol === 'https:') return url;
  const shown = url === undefined ? `a value of ${value.length} characters` : `a ${url.protocol} URL`;
  throw new ConfigurationError(`${name}: ${shown} is not an http(s) URL; set it to ${hint}`);
}

function detailsOf(file: string, workspace: string): { details?: Details } {
  if (file === '') return {};
  const full = path.resolve(workspace, file);
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(full, 'utf8'));
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new ConfigurationError(
      `details-file: cannot read ${quoteValue(file)} as JSON (${why}, looked at ${full}); give the report-file or ` +
        'result-file output of health-check, security-scan, quality-gate or blue-green-switch',
    );
  }
  const details = readDetails(doc);
  if (details === undefined) {
    throw new ConfigurationError(
      `details-file: ${quoteValue(file)} is not a report this action knows; supported: ` +
        `${DETAIL_READERS.map((reader) => reader.source).join(', ')} (their JSON report or result file)`,
    );
  }
  return { details };
}
