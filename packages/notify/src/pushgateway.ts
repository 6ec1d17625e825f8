// Deploy metrics for Prometheus through a Pushgateway, one group per environment and service
// (job="deploy", environment, service): when the last deploy ended, how long it took, how it ended, and how many
// rolled back. A Pushgateway keeps what was pushed last, so the running total of rollbacks and the start time of
// the deploy are read back from the group (GET /api/v1/metrics) before the push.
import { DeliveryError, deliver, directoryUrl } from './delivery.js';
import { endsDeploy, type NotifyMessage } from './message.js';
import type { SendContext, SenderDescriptor } from './sender.js';

export const PUSH_JOB = 'deploy';

/** What the group held before this push. */
export interface GroupState {
  rollbacksTotal: number;
  /** Epoch seconds of the last started event, when one was pushed. */
  startedAt?: number;
  /** Epoch seconds of the last end event, when one was pushed. */
  endedAt?: number;
}

/** A label value in the text exposition format: backslash, double quote and line feed escaped. */
export function labelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/**
 * The metrics to push for `message` in the text exposition format. A started event records the start; an end
 * event records the time, the duration (from the message's startedAt, else the start the group holds), the
 * result, and the rollbacks total, one higher for a rollback.
 */
export function deployMetrics(message: NotifyMessage, previous: GroupState): string {
  const seconds = message.time / 1_000;
  const lines: string[] = [];
  const gauge = (name: string, help: string, samples: Array<[string, number]>): void => {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`);
    for (const [labels, value] of samples) lines.push(`${name}${labels} ${value}`);
  };
  if (!endsDeploy(message.event)) {
    if (message.event === 'started') {
      gauge('deploy_started_timestamp_seconds', 'When the last deploy started (Unix time).', [['', seconds]]);
    }
    return `${lines.join('\n')}\n`;
  }
  gauge('deploy_last_timestamp_seconds', 'When the last deploy ended (Unix time).', [['', seconds]]);
  // A start older than the last end belongs to an earlier deploy (this one sent no started event): no duration.
  const startedAt = message.startedAt !== undefined ? message.startedAt / 1_000 : previous.startedAt;
  const current = startedAt !== undefined && (previous.endedAt === undefined || startedAt > previous.endedAt);
  if (startedAt !== undefined && current && startedAt <= seconds) {
    gauge('deploy_duration_seconds', 'How long the last deploy took, from its start to its end.', [
      ['', Math.round((seconds - startedAt) * 1_000) / 1_000],
    ]);
  }
  gauge('deploy_result', 'How the last deploy ended: 1 for its result, the only series.', [
    [`{result="${labelValue(message.event)}",version="${labelValue(message.version)}"}`, 1],
  ]);
  const rollbacks = previous.rollbacksTotal + (message.event === 'rolled-back' ? 1 : 0);
  lines.push(
    '# HELP deploy_rollbacks_total Deploys rolled back.',
    '# TYPE deploy_rollbacks_total counter',
    `deploy_rollbacks_total ${rollbacks}`,
  );
  return `${lines.join('\n')}\n`;
}

/** The group's path: each label value base64url-encoded, so a slash or an empty value cannot break it. */
export function groupPath(environment: string, service: string): string {
  const encode = (value: string): string => Buffer.from(value).toString('base64url') || '=';
  return `metrics/job/${PUSH_JOB}/environment@base64/${encode(environment)}/service@base64/${encode(service)}`;
}

/** The group's state from the Pushgateway's /api/v1/metrics answer (its documented JSON API). */
export function readGroupState(body: string, environment: string, service: string): GroupState {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch {
    throw new DeliveryError('its /api/v1/metrics answer is not JSON; is pushgateway-url a Pushgateway?');
  }
  const groups = (doc as { data?: unknown }).data;
  if (!Array.isArray(groups)) return { rollbacksTotal: 0 };
  const group = groups.find((candidate: { labels?: Record<string, string> }) => {
    const labels = candidate.labels ?? {};
    return (
      labels['job'] === PUSH_JOB &&
      (labels['environment'] ?? '') === environment &&
      (labels['service'] ?? '') === service
    );
  }) as Record<string, { metrics?: Array<{ value?: string }> }> | undefined;
  const value = (name: string): number | undefined => {
    const number = Number(group?.[name]?.metrics?.[0]?.value);
    return Number.isFinite(number) && group?.[name] !== undefined ? number : undefined;
  };
  const startedAt = value('deploy_started_timestamp_seconds');
  const endedAt = value('deploy_last_timestamp_seconds');
  return {
    rollbacksTotal: value('deploy_rollbacks_total') ?? 0,
    ...(startedAt !== undefined && { startedAt }),
    ...(endedAt !== undefined && { endedAt }),
  };
}

async function previousState(url: URL, message: NotifyMessage, context: SendContext): Promise<GroupState> {
  if (!endsDeploy(message.event)) return { rollbacksTotal: 0 };
  const answer = await deliver(context, { method: 'GET', url: new URL('api/v1/metrics', url) });
  return readGroupState(answer.body, message.environment, message.service);
}

export const pushgatewaySender: SenderDescriptor<{ url: URL }> = {
  name: 'pushgateway',
  triggers: ['pushgateway-url'],
  inputs: [{ name: 'pushgateway-url', kind: 'url', hint: "the Pushgateway's base URL, e.g. http://pushgateway:9091" }],
  required: [],
  settings: (values) => ({ url: directoryUrl(values.url('pushgateway-url')!) }),
  create: ({ url }) => ({
    async send(message, context) {
      if (message.event === 'approval-needed') return { detail: 'nothing to record while waiting for approval' };
      const previous = await previousState(url, message, context);
      const body = deployMetrics(message, previous);
      // POST replaces the pushed metrics of the same names in the group and keeps the others (the start time).
      await deliver(context, {
        method: 'POST',
        url: new URL(groupPath(message.environment, message.service), url),
        headers: { 'content-type': 'text/plain; version=0.0.4' },
        body,
      });
      const count = body.split('\n').filter((line) => line !== '' && !line.startsWith('#')).length;
      return { detail: `pushed ${count} ${count === 1 ? 'metric' : 'metrics'}` };
    },
  }),
};
