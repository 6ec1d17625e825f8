// Caddy: reading the reverse_proxy handler found by its @id.
import { describe, expect, it } from '@jest/globals';
import { CaddyProvider, parseReverseProxyHandler } from '../src/caddy.js';

describe('parseReverseProxyHandler', () => {
  it('reads the dial addresses and keeps the upstream objects as they are', () => {
    const text = '{"@id":"app","handler":"reverse_proxy","upstreams":[{"dial":"127.0.0.1:8001","max_requests":9}]}';
    expect(parseReverseProxyHandler(text)).toEqual({
      upstreams: [{ dial: '127.0.0.1:8001', max_requests: 9 }],
      dials: ['127.0.0.1:8001'],
    });
  });

  it('says where to put the @id when it is on another handler', () => {
    expect(() => parseReverseProxyHandler('{"handler":"static_response"}')).toThrow(
      "caddy-handler-id: the object with this @id is a 'static_response' handler, not reverse_proxy",
    );
  });

  it('refuses dynamic upstreams, which have no addresses to switch', () => {
    expect(() => parseReverseProxyHandler('{"handler":"reverse_proxy","dynamic_upstreams":{"source":"srv"}}')).toThrow(
      /dynamic_upstreams/,
    );
  });

  it('keeps a non-JSON answer as data', () => {
    expect(() => parseReverseProxyHandler('<html>')).toThrow(expect.objectContaining({ untrustedOutput: '<html>' }));
  });
});

describe('CaddyProvider', () => {
  it('names the admin URL input when it is not a URL', () => {
    expect(
      () =>
        new CaddyProvider({ adminUrl: 'localhost 2019', handlerId: 'app', servers: { blue: ['a:1'], green: ['b:1'] } }),
    ).toThrow("caddy-admin-url: 'localhost 2019' is not a URL");
  });

  it.each([
    ['localhost:2019', 'is not http(s): it has no http:// in front'],
    ['javascript:alert(1)', 'is not http(s)'],
    ['file:///etc/passwd', 'is not http(s)'],
    ['http://admin:secret@localhost:2019', 'holds a user name or password, which the log and the summary would show'],
  ])('names the admin URL input for %j, which node:http could not ask', (adminUrl, problem) => {
    expect(() => new CaddyProvider({ adminUrl, handlerId: 'app', servers: { blue: ['a:1'], green: ['b:1'] } })).toThrow(
      `caddy-admin-url: '${adminUrl}' ${problem}; use e.g. http://localhost:2019 (an http:// or https:// URL)`,
    );
  });

  it('plans one PATCH guarded by the ETag it read', () => {
    const caddy = new CaddyProvider({
      adminUrl: 'http://127.0.0.1:2019',
      handlerId: 'app',
      servers: { blue: ['a:1'], green: ['b:1'] },
    });
    const from = {
      live: 'blue' as const,
      evidence: '',
      snapshot: JSON.stringify({ upstreams: [{ dial: 'a:1' }], etag: '"/config/x 1a"' }),
    };
    expect(caddy.plan('green', from)).toEqual([
      'PATCH http://127.0.0.1:2019/id/app/upstreams to b:1 (If-Match "/config/x 1a"); blue leaves the handler in the same config change',
    ]);
  });
});
