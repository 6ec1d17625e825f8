// Reading the provider inputs: what counts as a leftover, which values are checked, and the registry's promise that
// providers sharing an input read it alike. (Each message the action shows is asserted in its inputs test.)
import { describe, expect, it } from '@jest/globals';
import type { ProviderDescriptor } from '../src/provider-descriptor.js';
import { readProviderInputs } from '../src/provider-inputs.js';
import { PROVIDERS } from '../src/providers.js';
import { quoteValue } from '@actions-kit/core';
import { recordInputs } from './support/record-inputs.js';

const HAPROXY = { provider: 'haproxy', 'haproxy-socket': 'h.sock', 'haproxy-backend': 'app' };
const NGINX = {
  provider: 'nginx',
  'nginx-upstream-file': '/etc/nginx/app.conf',
  'nginx-upstream-name': 'app',
  'blue-servers': '10.0.0.1:8080',
  'green-servers': '10.0.0.2:8080',
};
const CADDY = { provider: 'caddy', 'caddy-handler-id': 'app', 'blue-servers': 'a:1', 'green-servers': 'b:1' };
const SYMLINK = { provider: 'symlink', 'symlink-path': '/srv/c', 'blue-path': '/srv/b', 'green-path': '/srv/g' };
const COMMAND = { provider: 'command', 'current-command': 'cat color', 'switch-command': './switch' };
const HAPROXY_NAME = "letters, digits, '-', '_', '.' and ':', as HAProxy names it (at most 255 characters)";
const NGINX_SERVER =
  'host:port (or unix:/path), optionally followed by server parameters: weight=N, max_conns=N, max_fails=N, ' +
  'fail_timeout=T, slow_start=T, resolve, route=NAME, service=NAME (e.g. 10.0.0.1:8080 weight=2)';

describe('readProviderInputs', () => {
  it("takes a defaulted input at its default for unset: the runner passes action.yml's defaults on every run", () => {
    const inputs = { ...HAPROXY, 'nginx-test-command': 'nginx -t', 'command-timeout': '60s', 'caddy-admin-url': '' };
    expect(readProviderInputs(recordInputs(inputs)).provider).toBe('haproxy');
  });

  it.each([
    ['command-timeout', '2m', 'nginx or command'],
    ['command-timeout', '2h', 'nginx or command'],
    ['nginx-test-command', 'sudo nginx -t', 'nginx'],
    ['caddy-admin-url', 'http://127.0.0.1:2020', 'caddy'],
  ])('refuses a defaulted input set to another value for a provider that ignores it: %s %s', (name, value, owners) => {
    expect(() => readProviderInputs(recordInputs({ ...HAPROXY, [name]: value }))).toThrow(
      `${name}: set to '${value}', but provider haproxy does not use it; remove it, or set provider to ${owners}`,
    );
  });

  it('refuses haproxy-disable-with set to maint for nginx, which never drains', () => {
    expect(() => readProviderInputs(recordInputs({ ...NGINX, 'haproxy-disable-with': 'maint' }))).toThrow(
      "haproxy-disable-with: set to 'maint', but provider nginx does not use it; remove it, or set provider to haproxy",
    );
  });

  it('names a descriptor that reads an input it does not declare', () => {
    const broken: ProviderDescriptor = {
      name: 'broken',
      inputs: [{ name: 'broken-list', kind: 'list', hint: 'anything' }],
      settings: (values) => ({ list: values.text('broken-list') }),
      create: () => {
        throw new Error('never built');
      },
    };
    expect(() => readProviderInputs(recordInputs({ provider: 'broken' }), [broken])).toThrow(
      'provider broken reads broken-list as text, but does not declare it so',
    );
  });
});

describe('the registry', () => {
  it('declares an input shared by providers with one kind and one default, as action.yml has one of each', () => {
    const byName = new Map<string, Set<string>>();
    for (const input of PROVIDERS.flatMap((descriptor) => descriptor.inputs)) {
      const shape = JSON.stringify({ kind: input.kind, default: 'default' in input ? input.default : undefined });
      byName.set(input.name, (byName.get(input.name) ?? new Set()).add(shape));
    }
    const shared = [...byName].filter(([, shapes]) => shapes.size > 1).map(([name]) => name);
    expect(shared).toEqual([]);
    expect([...byName.keys()]).toEqual(expect.arrayContaining(['blue-servers', 'green-servers', 'command-timeout']));
  });
});

describe('readProviderInputs refuses a value that would reach a command, a config file or a URL as more than a value', () => {
  it.each([
    [HAPROXY, 'haproxy-backend', 'app;disable frontend web', `contains ';'; use ${HAPROXY_NAME}`],
    [HAPROXY, 'haproxy-backend', 'app\ndisable frontend web', `contains a line break; use ${HAPROXY_NAME}`],
    [HAPROXY, 'green-servers', 'green;set server app/blue state maint', `contains ';'; use ${HAPROXY_NAME}`],
    [HAPROXY, 'blue-servers', 'blue/x', `contains '/'; use ${HAPROXY_NAME}`],
    [HAPROXY, 'haproxy-backend', 'a'.repeat(256), `is longer than 255 characters; use ${HAPROXY_NAME}`],
    [HAPROXY, 'haproxy-socket', 'h\u0000.sock', 'contains U+0000; use a unix socket path'],
    [HAPROXY, 'haproxy-socket', '127.0.0.1:99999', 'has port 99999, outside 1-65535; use a unix socket path'],
    [HAPROXY, 'haproxy-state-file', '/var/lib/state\u001b[2J', 'contains U+001B; use a file path without control'],
    [NGINX, 'green-servers', '10.0.0.2:8080; } server { listen 80', `contains ';'; use ${NGINX_SERVER}`],
    [NGINX, 'blue-servers', '10.0.0.1:8080 weight=2 #', `contains '#'; use ${NGINX_SERVER}`],
    [NGINX, 'blue-servers', '10.0.0.1', `is not host:port; use ${NGINX_SERVER}`],
    [NGINX, 'blue-servers', '10.0.0.1:8080 backup', 'sets backup, which the switch sets itself on the standby color'],
    [NGINX, 'blue-servers', '10.0.0.1:8080 weight=x', "has the unknown server parameter 'weight=x'"],
    [NGINX, 'blue-servers', '10.0.0.1:8080 proxy_pass=x', "has the unknown server parameter 'proxy_pass=x'"],
    [NGINX, 'nginx-upstream-name', 'app { }', 'contains a space; use letters, digits'],
    [NGINX, 'nginx-upstream-name', 'app:80', "contains ':'; use letters, digits, '-', '_' and '.', as in proxy_pass"],
    [NGINX, 'nginx-test-command', 'nginx -t\u0000', 'contains U+0000; use a shell command without NUL characters'],
    [CADDY, 'caddy-handler-id', 'app/../../config', "contains '/'; use letters, digits"],
    [CADDY, 'green-servers', 'b:1"}]', `contains '"'; use host:port or unix//path, as a Caddy upstream dials it`],
    [CADDY, 'caddy-admin-url', 'localhost:2019', 'is not http(s): it has no http:// in front; use e.g. http://'],
    [CADDY, 'caddy-admin-url', 'file:///etc/passwd', 'is not http(s); use e.g. http://localhost:2019'],
    [SYMLINK, 'blue-path', '/srv/b\nlue', 'contains a line break; use a file path'],
    [COMMAND, 'switch-command', './switch\u0000', 'contains U+0000'],
  ])('%j with %s %j', (base, input, value, message) => {
    expect(() => readProviderInputs(recordInputs({ ...base, [input]: value }))).toThrow(
      `${input}: ${quoteValue(value)} ${message}`,
    );
  });

  it.each([
    [HAPROXY, 'blue-servers', 'web-1.a:b_c, web2', ['web-1.a:b_c', 'web2']],
    [NGINX, 'blue-servers', '10.0.0.1:8080 weight=2 max_fails=3 fail_timeout=10s, [::1]:8080', undefined],
    [NGINX, 'green-servers', 'unix:/run/app-green.sock, backend.internal:80 slow_start=30s resolve', undefined],
    [CADDY, 'green-servers', 'unix//run/app.sock, [::1]:8080', ['unix//run/app.sock', '[::1]:8080']],
  ])('accepts %j with %s %j', (base, input, value, expected) => {
    const { settings } = readProviderInputs(recordInputs({ ...base, [input]: value }));
    const servers = (settings as { servers: Record<string, string[]> }).servers[input.replace('-servers', '')];
    expect(servers).toEqual(expected ?? value.split(', '));
  });

  it('refuses one nginx address in both colors, with parameters in one and none in the other', () => {
    expect(() =>
      readProviderInputs(
        recordInputs({ ...NGINX, 'blue-servers': '10.0.0.1:8080 weight=2', 'green-servers': '10.0.0.1:8080' }),
      ),
    ).toThrow('blue-servers and green-servers both list 10.0.0.1:8080; a server has one color');
  });
});
