import { describe, expect, it } from '@jest/globals';
import { grafanaAnnotation } from '../src/grafana.js';
import { lokiPush } from '../src/loki.js';
import { buildMessage } from '../src/message.js';
import { deployMetrics, groupPath, labelValue, readGroupState } from '../src/pushgateway.js';
import { baseInputs } from './support/message-inputs.js';

const seconds = baseInputs.time / 1_000;

describe('Pushgateway metrics', () => {
  it('records the start of a deploy and nothing else', () => {
    expect(deployMetrics(buildMessage({ ...baseInputs, event: 'started' }), { rollbacksTotal: 0 })).toBe(
      '# HELP deploy_started_timestamp_seconds When the last deploy started (Unix time).\n' +
        '# TYPE deploy_started_timestamp_seconds gauge\n' +
        `deploy_started_timestamp_seconds ${seconds}\n`,
    );
  });

  it('records the end: time, duration from the start the group holds, result, and one more rollback', () => {
    const text = deployMetrics(buildMessage({ ...baseInputs, event: 'rolled-back' }), {
      rollbacksTotal: 2,
      startedAt: seconds - 95.5,
    });
    expect(text).toContain(`deploy_last_timestamp_seconds ${seconds}\n`);
    expect(text).toContain('deploy_duration_seconds 95.5\n');
    expect(text).toContain('deploy_result{result="rolled-back",version="1.4.0"} 1\n');
    expect(text).toContain('# TYPE deploy_rollbacks_total counter\ndeploy_rollbacks_total 3\n');
    const success = deployMetrics(buildMessage(baseInputs), { rollbacksTotal: 2 });
    expect(success).toContain('deploy_rollbacks_total 2\n');
    expect(success).not.toContain('deploy_duration_seconds');
    // The start the group holds is an earlier deploy's when that deploy's end came after it: no duration.
    const stale = deployMetrics(buildMessage(baseInputs), {
      rollbacksTotal: 0,
      startedAt: seconds - 600,
      endedAt: seconds - 300,
    });
    expect(stale).not.toContain('deploy_duration_seconds');
  });

  it('escapes label values and encodes the group so no value can break the exposition or the path', () => {
    expect(labelValue('a"b\\c\nd')).toBe('a\\"b\\\\c\\nd');
    expect(groupPath('prod/eu', '')).toBe('metrics/job/deploy/environment@base64/cHJvZC9ldQ/service@base64/=');
  });

  it("reads the group's rollbacks and start from the Pushgateway's JSON API", () => {
    const body = JSON.stringify({
      status: 'success',
      data: [
        {
          labels: { job: 'deploy', environment: 'staging', service: 'app' },
          deploy_rollbacks_total: { metrics: [{ value: '9' }] },
        },
        {
          labels: { job: 'deploy', environment: 'production', service: 'app' },
          deploy_rollbacks_total: { metrics: [{ labels: {}, value: '4' }] },
          deploy_started_timestamp_seconds: { metrics: [{ value: '1.7e9' }] },
        },
      ],
    });
    expect(readGroupState(body, 'production', 'app')).toEqual({ rollbacksTotal: 4, startedAt: 1.7e9 });
    expect(readGroupState(body, 'qa', 'app')).toEqual({ rollbacksTotal: 0 });
  });
});

describe('Grafana and Loki', () => {
  it('tags the annotation deploy, environment, service, version and event, its text HTML-escaped', () => {
    const annotation = grafanaAnnotation(buildMessage({ ...baseInputs, message: '<script>x</script> @here' }));
    expect(annotation.tags).toEqual(['deploy', 'production', 'app', '1.4.0', 'succeeded']);
    expect(annotation.time).toBe(baseInputs.time);
    expect(annotation.text).toContain('&lt;script&gt;x&lt;/script&gt;');
  });

  it('pushes one JSON line in nanoseconds, labelled as the metrics are', () => {
    const push = lokiPush(buildMessage(baseInputs));
    expect(push.streams[0]!.stream).toEqual({ job: 'deploy', environment: 'production', service: 'app' });
    expect(push.streams[0]!.values[0]![0]).toBe(`${baseInputs.time}000000`);
    expect(JSON.parse(push.streams[0]!.values[0]![1]!)).toMatchObject({ event: 'succeeded', version: '1.4.0' });
  });
});
