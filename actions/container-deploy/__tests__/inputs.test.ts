// The inputs as the runner passes them (INPUT_* variables): defaults, and every bad value refused naming the input,
// the value and the fix before the engine is asked anything.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fakeRunner, type FakeRunner } from '@actions-kit/testkit';
import { getInputs } from '../src/inputs.js';

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;
const REQUIRED = {
  service: 'shop',
  image: `ghcr.io/acme/shop@${DIGEST}`,
  color: 'blue',
  port: '8081',
  'verify-url': 'https://shop.example.com/version',
};

let runner: FakeRunner;
beforeEach(() => {
  runner = fakeRunner();
});
afterEach(() => runner.restore());

function withInputs(values: Record<string, string>): void {
  for (const [name, value] of Object.entries({ ...REQUIRED, ...values })) runner.setInput(name, value);
}

describe('container-deploy inputs', () => {
  it('reads the required ones with their defaults, and an env file relative to the workspace', () => {
    writeFileSync(path.join(runner.dir, 'production.env'), 'LOG_LEVEL=info\n');
    withInputs({ 'env-file': 'production.env', 'verify-header': 'x-color' });
    expect(getInputs({ GITHUB_WORKSPACE: runner.dir })).toEqual({
      service: 'shop',
      image: `ghcr.io/acme/shop@${DIGEST}`,
      color: 'blue',
      port: 8081,
      envFile: path.join(runner.dir, 'production.env'),
      version: '',
      verify: { url: 'https://shop.example.com/version', header: 'x-color', bodyPattern: undefined },
      cleanupAfterMs: 600_000,
      dockerHost: '',
    });
  });

  it.each([
    [
      { image: 'ghcr.io/acme/shop:1.4.0' },
      /^image: 'ghcr.io\/acme\/shop:1.4.0' is a tag, which can move between the check and the deploy; give the pushed digest/,
    ],
    [
      { image: 'ghcr.io/acme/shop@sha256:abc' },
      /^image: .* is not an image digest reference; give the pushed digest, e.g. ghcr.io\/acme\/shop@sha256:<64 hex digits>/,
    ],
    [{ service: 'my shop' }, /^service: 'my shop' cannot name a container; use letters, digits/],
    [
      { 'docker-host': '10.0.0.5:2376' },
      /^docker-host: '10.0.0.5:2376' is not a Docker host; use unix:\/\/\/var\/run\/docker.sock, ssh:\/\/deploy@10.0.0.5 or tcp:\/\/10.0.0.5:2376/,
    ],
    [
      { 'env-file': 'missing.env' },
      /^env-file: 'missing.env' does not exist \(looked for .*missing.env\); give the path of a KEY=value file/,
    ],
    [{ color: 'toggle' }, /^color: 'toggle' is not an accepted value/],
    [{ port: '70000' }, /^port: /],
    [{ 'cleanup-after': '2h' }, /^cleanup-after: /],
    [{ 'verify-url': 'shop.example.com' }, /^verify-url: /],
  ])('refuses %j, naming the input and the fix', (values, message) => {
    withInputs(values);
    expect(() => getInputs({ GITHUB_WORKSPACE: runner.dir })).toThrow(message);
  });
});
