// The registry: one descriptor per provider name, the settings each makes from its inputs, and errors that name the
// input to set.
import { describe, expect, it } from '@jest/globals';
import { readProviderInputs } from '../src/provider-inputs.js';
import { createProvider, PROVIDERS } from '../src/providers.js';
import { recordInputs } from './support/record-inputs.js';

const providerFrom = (inputs: Record<string, string>) => createProvider(readProviderInputs(recordInputs(inputs)));

describe('createProvider', () => {
  it('knows the five providers of the issue plus flag-file', () => {
    expect(PROVIDERS.map((descriptor) => descriptor.name)).toEqual([
      'haproxy',
      'nginx',
      'caddy',
      'symlink',
      'command',
      'flag-file',
    ]);
  });

  it('names the unknown provider and the known ones', () => {
    expect(() => createProvider({ provider: 'traefik', settings: {} })).toThrow(
      "provider: 'traefik' is not a provider; use one of haproxy, nginx, caddy, symlink, command, flag-file",
    );
  });

  it('names a missing required input', () => {
    expect(() => providerFrom({ provider: 'haproxy', 'haproxy-backend': 'app' })).toThrow(
      'haproxy-socket: required with provider haproxy',
    );
    expect(() =>
      providerFrom({
        provider: 'nginx',
        'nginx-upstream-file': 'u.conf',
        'nginx-upstream-name': 'app',
        'blue-servers': 'a:1',
      }),
    ).toThrow('green-servers: required with provider nginx; set it to comma-separated host:port addresses');
  });

  it('defaults HAProxy server names to blue and green and Caddy to the local admin endpoint', () => {
    const haproxy = providerFrom({ provider: 'haproxy', 'haproxy-socket': 'h.sock', 'haproxy-backend': 'app' });
    expect(haproxy.plan('green', { live: 'blue', evidence: '', snapshot: '{"blue":"ready","green":"maint"}' })).toEqual(
      ['set server app/green state ready', 'set server app/blue state drain'],
    );
    expect(
      providerFrom({
        provider: 'caddy',
        'caddy-handler-id': 'app',
        'blue-servers': 'a:1',
        'green-servers': 'b:1',
      }).describe(),
    ).toBe("Caddy reverse_proxy '@id: app' via http://localhost:2019");
  });

  it('refuses a server listed in both colors', () => {
    expect(() =>
      providerFrom({ provider: 'caddy', 'caddy-handler-id': 'app', 'blue-servers': 'a:1', 'green-servers': 'a:1' }),
    ).toThrow('blue-servers and green-servers both list a:1');
  });
});
