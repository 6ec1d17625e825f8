// The action's inputs: what a complete set reads as, and each mistake caught before any proxy is touched, with a
// message naming the input and what to set.
import { describe, expect, it } from '@jest/globals';
import { ConfigurationError } from '@actions-kit/core';
import { VALID_PROVIDER_INPUTS } from '@actions-kit/testkit/hostile-inputs';
import { clearInputsAfterEach, readWith } from './support/set-inputs.js';

/** A complete setup per provider, as testkit's, with a target each. */
const TARGETS: Record<string, string> = {
  haproxy: 'toggle',
  nginx: 'green',
  caddy: 'blue',
  symlink: 'green',
  command: 'toggle',
  'flag-file': 'toggle',
};
const BASE: Record<string, Record<string, string>> = Object.fromEntries(
  Object.entries(VALID_PROVIDER_INPUTS).map(([provider, inputs]) => [
    provider,
    { ...inputs, target: TARGETS[provider] ?? '' },
  ]),
);

clearInputsAfterEach();

function configurationError(inputs: Record<string, string>): string {
  try {
    readWith(inputs);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as Error).message;
  }
  throw new Error('getInputs accepted the inputs');
}

describe('getInputs', () => {
  it('reads a complete haproxy setup, defaults applied', () => {
    expect(
      readWith({
        ...BASE.haproxy,
        'haproxy-state-file': '/var/lib/haproxy/state',
        'verify-url': 'http://127.0.0.1/health',
        'verify-header': 'x-color',
      }),
    ).toEqual({
      provider: 'haproxy',
      target: 'toggle',
      settings: {
        socket: '/run/haproxy/admin.sock',
        backend: 'app',
        servers: { blue: ['blue'], green: ['green'] },
        stateFile: '/var/lib/haproxy/state',
        disableWith: 'drain',
      },
      verify: { url: 'http://127.0.0.1/health', header: 'x-color', requests: 20, timeoutMs: 10_000 },
      dryRun: false,
      lockTimeoutMs: 60_000,
    });
  });

  it.each(Object.keys(BASE))('accepts a complete %s setup', (provider) => {
    expect(readWith(BASE[provider]!).provider).toBe(provider);
  });

  it('splits the server lists and reads the verification, dry run and timings', () => {
    const inputs = readWith({
      ...BASE.nginx,
      'blue-servers': '10.0.0.1:8080, 10.0.0.3:8080',
      'green-servers': '10.0.0.2:8080\n10.0.0.4:8080',
      'verify-url': 'https://app.example.com/',
      'verify-body': '"color":"(\\w+)"',
      'verify-timeout': '30s',
      'verify-requests': '5',
      'dry-run': 'true',
      'lock-timeout': '5m',
      'command-timeout': '2m',
    });
    expect(inputs.settings).toMatchObject({
      servers: { blue: ['10.0.0.1:8080', '10.0.0.3:8080'], green: ['10.0.0.2:8080', '10.0.0.4:8080'] },
      commandTimeoutMs: 120_000,
    });
    expect(inputs.verify).toEqual({
      url: 'https://app.example.com/',
      bodyPattern: '"color":"(\\w+)"',
      requests: 5,
      timeoutMs: 30_000,
    });
    expect(inputs).toMatchObject({ dryRun: true, lockTimeoutMs: 300_000 });
  });
});

describe('getInputs refuses', () => {
  it('a missing or unknown provider', () => {
    expect(configurationError({ target: 'green' })).toMatch(/^provider: a value is required, got ''; use one of /);
    expect(configurationError({ ...BASE.haproxy, provider: 'f5' })).toBe(
      "provider: 'f5' is not an accepted value; use one of 'haproxy', 'nginx', 'caddy', 'symlink', 'command', " +
        "'flag-file'",
    );
  });

  it('a target other than blue, green or toggle', () => {
    expect(configurationError({ ...BASE.haproxy, target: 'purple' })).toBe(
      "target: 'purple' is not an accepted value; use one of 'blue', 'green', 'toggle'",
    );
  });

  it.each([
    ['haproxy', 'haproxy-socket', "HAProxy's runtime API, the path or host:port of a `stats socket ... level admin`"],
    ['haproxy', 'haproxy-backend', 'the backend holding the blue and green servers'],
    ['nginx', 'nginx-upstream-file', 'the include file holding the upstream block'],
    ['nginx', 'nginx-upstream-name', 'the upstream name used in proxy_pass http://<name>'],
    ['nginx', 'blue-servers', 'comma-separated host:port addresses of the blue servers (e.g. 10.0.0.1:8080)'],
    ['nginx', 'green-servers', 'comma-separated host:port addresses of the green servers (e.g. 10.0.0.2:8080)'],
    ['caddy', 'caddy-handler-id', 'the "@id" of the reverse_proxy handler'],
    ['caddy', 'green-servers', 'comma-separated dial addresses of the green servers (e.g. 10.0.0.2:8080)'],
    ['symlink', 'symlink-path', 'the link pointing at the live release'],
    ['symlink', 'blue-path', 'the blue release'],
    ['symlink', 'green-path', 'the green release'],
    ['command', 'current-command', 'a shell command printing the live color, blue or green'],
    ['command', 'switch-command', 'a shell command switching traffic to $TARGET_COLOR'],
    ['flag-file', 'flag-file', 'the file whose presence sends traffic to green'],
  ])('provider %s without %s', (provider, input, whatToSet) => {
    const inputs = { ...BASE[provider]! };
    delete inputs[input];
    const expected = `${input}: required with provider ${provider}; set it to ${whatToSet}`;
    expect(configurationError(inputs).slice(0, expected.length)).toBe(expected);
  });

  it('an input meant for another provider, naming the providers that use it', () => {
    expect(configurationError({ ...BASE.haproxy, 'nginx-upstream-file': '/etc/nginx/app.conf' })).toBe(
      "nginx-upstream-file: set to '/etc/nginx/app.conf', but provider haproxy does not use it; remove it, or set " +
        'provider to nginx',
    );
    expect(configurationError({ ...BASE.symlink, 'blue-servers': 'web1' })).toBe(
      "blue-servers: set to 'web1', but provider symlink does not use it; remove it, or set provider to haproxy or " +
        'nginx or caddy',
    );
  });

  it('a server in both colors', () => {
    expect(configurationError({ ...BASE.nginx, 'green-servers': '10.0.0.2:8080,10.0.0.1:8080' })).toBe(
      'blue-servers and green-servers both list 10.0.0.1:8080; a server has one color',
    );
  });

  it.each([
    [
      'haproxy',
      'haproxy-backend',
      'app;disable frontend web',
      "haproxy-backend: 'app;disable frontend web' contains ';'; use letters, digits, '-', '_', '.' and ':', as " +
        'HAProxy names it (at most 255 characters)',
    ],
    [
      'haproxy',
      'blue-servers',
      'blue\u0000',
      "blue-servers: 'blue\\x00' contains U+0000; use letters, digits, '-', '_', '.' and ':', as HAProxy names it " +
        '(at most 255 characters)',
    ],
    [
      'nginx',
      'nginx-upstream-name',
      'app{}',
      "nginx-upstream-name: 'app{}' contains '{'; use letters, digits, '-', '_' and '.', as in proxy_pass " +
        'http://<name> (at most 255 characters)',
    ],
    [
      'caddy',
      'caddy-admin-url',
      'localhost:2019',
      "caddy-admin-url: 'localhost:2019' is not http(s): it has no http:// in front; use e.g. http://localhost:2019 " +
        '(an http:// or https:// URL)',
    ],
  ])('a %s %s that would reach the proxy as more than a value: %j', (provider, input, value, message) => {
    expect(configurationError({ ...BASE[provider]!, [input]: value })).toBe(message);
  });

  it.each([
    ['verify-header', 'x-color'],
    ['verify-body', '(blue|green)'],
    ['verify-timeout', '30s'],
    ['verify-requests', '5'],
  ])('%s without verify-url, naming both inputs and the fix', (input, value) => {
    expect(configurationError({ ...BASE.haproxy, [input]: value })).toBe(
      `${input}: set to '${value}', but verify-url is empty, so nothing is verified; set verify-url to the URL ` +
        `users hit (e.g. https://app.example.com/health), or remove ${input}`,
    );
  });

  it.each([
    ['command-timeout', '2m', 'nginx or command'],
    ['haproxy-disable-with', 'maint', 'haproxy'],
    ['nginx-reload-command', 'systemctl reload nginx', 'nginx'],
  ])('%s set for a provider that does not use it', (input, value, owners) => {
    expect(configurationError({ ...BASE.symlink, [input]: value })).toBe(
      `${input}: set to '${value}', but provider symlink does not use it; remove it, or set provider to ${owners}`,
    );
  });

  it.each([
    [{}, /^verify-url: set exactly one of verify-header \(e\.g\. x-color\) or verify-body/],
    [{ 'verify-header': 'x-color', 'verify-body': '(\\w+)' }, /^verify-url: set exactly one of/],
    [{ 'verify-body': '(unclosed' }, /^verify-body: '\(unclosed' is not a valid regular expression/],
    [{ 'verify-body': '"color":"\\w+"' }, /^verify-body: '"color":"\\w\+"' has no group to read the color from/],
    [{ 'verify-header': 'x-color:' }, /^verify-header: 'x-color:' contains ':'; use an HTTP header name/],
  ])('verify-url with %j', (extra, message) => {
    expect(configurationError({ ...BASE.haproxy, 'verify-url': 'http://127.0.0.1/', ...extra })).toMatch(message);
  });

  it.each([
    ['not a URL', /^verify-url: 'not a URL' is not a URL; use e\.g\. http:/],
    ['ftp://example.com/', /^verify-url: 'ftp:\/\/example\.com\/' is not http\(s\)/],
  ])('verify-url %j', (url, message) => {
    expect(configurationError({ ...BASE.haproxy, 'verify-url': url, 'verify-header': 'x-color' })).toMatch(message);
  });

  it.each([
    ['verify-timeout', '10', /^verify-timeout: '10' is not a duration/],
    ['verify-requests', '0', /^verify-requests: '0' is less than the minimum of 1/],
    ['lock-timeout', 'forever', /^lock-timeout: 'forever' is not a duration/],
    ['dry-run', 'yes', /^dry-run: 'yes' is not a boolean/],
    [
      'haproxy-disable-with',
      'off',
      /^haproxy-disable-with: 'off' is not an accepted value; use one of 'drain', 'maint'/,
    ],
  ])('%s %j', (input, value, message) => {
    const verify = { 'verify-url': 'http://127.0.0.1/', 'verify-header': 'x-color' };
    expect(configurationError({ ...BASE.haproxy, ...verify, [input]: value })).toMatch(message);
  });

  it('command-timeout beyond its maximum, with a provider that runs commands', () => {
    expect(configurationError({ ...BASE.nginx, 'command-timeout': '2h' })).toMatch(
      /^command-timeout: '2h' is more than the maximum of 1h/,
    );
  });
});
