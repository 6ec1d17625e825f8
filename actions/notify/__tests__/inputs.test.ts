// The inputs as the runner passes them (INPUT_* variables): destinations turned on by their inputs, every URL and
// token masked, and every bad value refused naming the input and the fix, never echoing a secret.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ConfigurationError } from '@actions-kit/core';
import { lines } from '@actions-kit/testkit';
import { getInputs } from '../src/inputs.js';
import { restoreRunnerAfterEach, withInputs } from './support/with-inputs.js';

restoreRunnerAfterEach();

const ENV = { GITHUB_REPOSITORY: 'acme/app', GITHUB_RUN_ID: '7', GITHUB_SHA: 'c0ffee' };

describe('notify inputs', () => {
  it('turns on each destination whose input is set and masks every URL and token', () => {
    const runner = withInputs({
      event: 'started',
      'slack-webhook-url': 'https://hooks.slack.com/services/T/B/secret1',
      'grafana-url': 'https://grafana.example.com/sub',
      'grafana-token': 'glsa_secret2',
      'webhook-url': 'https://hooks.example.com/x',
      'webhook-secret': 'secret3',
    });
    const inputs = getInputs(ENV, undefined, 1_000);
    const written = lines(runner.stdout());
    expect(inputs.destinations.map((destination) => destination.name)).toEqual(['slack', 'webhook', 'grafana']);
    expect(inputs.message).toMatchObject({
      event: 'started',
      service: 'app',
      time: 1_000,
      run: { repository: 'acme/app', sha: 'c0ffee', url: 'https://github.com/acme/app/actions/runs/7' },
    });
    expect(inputs.timeoutMs).toBe(30_000);
    expect(inputs.failOnError).toBe(false);
    for (const secret of [
      'https://hooks.slack.com/services/T/B/secret1',
      'https://grafana.example.com/sub',
      'glsa_secret2',
      'https://hooks.example.com/x',
      'secret3',
    ]) {
      expect(written).toContain(`::add-mask::${secret}`);
    }
  });

  it('refuses an invalid webhook URL naming the input, without echoing it', () => {
    withInputs({ event: 'failed', 'teams-webhook-url': 'not a url with token s3cr3t' });
    expect(() => getInputs(ENV)).toThrow(
      new ConfigurationError(
        "teams-webhook-url: a value of 27 characters is not an http(s) URL; set it to the Workflows webhook URL of the channel's workflow",
      ),
    );
    withInputs({ event: 'failed', 'loki-url': 'ftp://loki.example.com' });
    expect(() => getInputs(ENV)).toThrow('loki-url: a ftp: URL is not an http(s) URL; set it to');
  });

  it('refuses a token without its channel, two ways to Slack, a bad event and a bad annotation id', () => {
    withInputs({ event: 'started', 'slack-token': 'xoxb-1' });
    expect(() => getInputs(ENV)).toThrow(
      'slack-channel: empty, but slack-token is set; set slack-channel to the channel ID',
    );
    withInputs({
      event: 'started',
      'slack-token': 'xoxb-1',
      'slack-channel': 'C1',
      'slack-webhook-url': 'https://h.example',
    });
    expect(() => getInputs(ENV)).toThrow('two ways to reach slack; keep one of them');
    withInputs({ event: 'Deployed!' });
    expect(() => getInputs(ENV)).toThrow("event: 'Deployed!' is not an event; use started, succeeded");
    withInputs({
      event: 'succeeded',
      'grafana-url': 'https://g.example',
      'grafana-token': 't',
      'grafana-annotation-id': 'abc',
    });
    expect(() => getInputs(ENV)).toThrow("grafana-annotation-id: 'abc' is not an annotation id");
  });

  it("reads another action's report as details, and names the file it cannot use", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'notify-inputs-'));
    writeFileSync(
      path.join(dir, 'gate.json'),
      JSON.stringify({ schema: 'actions-kit/quality-gate-result', passed: true, conditions: [] }),
    );
    writeFileSync(path.join(dir, 'other.json'), '{"hello": 1}');
    withInputs({ event: 'succeeded', 'details-file': 'gate.json', fields: 'Commit: fix: a, b\n\nBy: ana' });
    const inputs = getInputs({ ...ENV, GITHUB_WORKSPACE: dir });
    expect(inputs.message.details).toMatchObject({ source: 'quality-gate', headline: 'passed: 0 of 0 conditions met' });
    expect(inputs.message.fields).toEqual([
      { name: 'Commit', value: 'fix: a, b' },
      { name: 'By', value: 'ana' },
    ]);
    withInputs({ event: 'succeeded', 'details-file': 'other.json' });
    expect(() => getInputs({ ...ENV, GITHUB_WORKSPACE: dir })).toThrow(
      "details-file: 'other.json' is not a report this action knows; supported: health-check, security-scan, quality-gate, blue-green-switch",
    );
    withInputs({ event: 'succeeded', 'details-file': 'missing.json' });
    expect(() => getInputs({ ...ENV, GITHUB_WORKSPACE: dir })).toThrow(
      "details-file: cannot read 'missing.json' as JSON (no such file",
    );
  });
});
