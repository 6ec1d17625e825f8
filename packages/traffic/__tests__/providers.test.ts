// The registry: one entry per provider name, and settings errors that name the input to set.
import { describe, expect, it } from '@jest/globals';
import { createProvider, parseTarget, PROVIDER_NAMES } from '../src/index.js';

describe('createProvider', () => {
  it('knows the five providers of the issue plus flag-file', () => {
    expect(PROVIDER_NAMES).toEqual(['haproxy', 'nginx', 'caddy', 'symlink', 'command', 'flag-file']);
  });

  it('names the unknown provider and the known ones', () => {
    expect(() => createProvider('traefik', {})).toThrow(
      "provider: 'traefik' is not a provider; use one of haproxy, nginx, caddy, symlink, command, flag-file",
    );
  });

  it('names a missing required input', () => {
    expect(() => createProvider('haproxy', { haproxyBackend: 'app' })).toThrow(
      'haproxy-socket: required with provider haproxy',
    );
    expect(() =>
      createProvider('nginx', { nginxUpstreamFile: 'u.conf', nginxUpstreamName: 'app', blueServers: ['a:1'] }),
    ).toThrow('green-servers: required with this provider (comma-separated host:port addresses)');
  });

  it('defaults HAProxy server names to blue and green and Caddy to the local admin endpoint', () => {
    const haproxy = createProvider('haproxy', { haproxySocket: 'h.sock', haproxyBackend: 'app' });
    expect(haproxy.plan('green', { live: 'blue', evidence: '', snapshot: '{"blue":"ready","green":"maint"}' })).toEqual(
      ['set server app/green state ready', 'set server app/blue state drain'],
    );
    expect(
      createProvider('caddy', { caddyHandlerId: 'app', blueServers: ['a:1'], greenServers: ['b:1'] }).describe(),
    ).toBe("Caddy reverse_proxy '@id: app' via http://localhost:2019");
  });

  it('refuses a server listed in both colors', () => {
    expect(() =>
      createProvider('caddy', { caddyHandlerId: 'app', blueServers: ['a:1'], greenServers: ['a:1'] }),
    ).toThrow('blue-servers and green-servers both list a:1');
  });
});

describe('parseTarget', () => {
  it('accepts blue, green and toggle in any case, and names the input otherwise', () => {
    expect(['Blue', ' green ', 'TOGGLE'].map(parseTarget)).toEqual(['blue', 'green', 'toggle']);
    expect(() => parseTarget('red')).toThrow("target: 'red' is not a target; use blue, green or toggle");
  });
});
