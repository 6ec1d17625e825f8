// Caddy through its admin API: reads the reverse_proxy handler found by its @id, and replaces its upstreams with one
// PATCH guarded by If-Match on the ETag read with it, so a change made by someone else in between is refused.
// Caddy 2.6 sends that ETag as an HTTP trailer (after a chunked body), which is why node:http is used here.
import http from 'node:http';
import { humanDuration } from '@actions-kit/core';
import { otherColor, type Color } from './color.js';
import { colorServerInputs, readColorServers } from './color-servers.js';
import { TrafficError, errorCode } from './errors.js';
import { lockFileFor } from './lock.js';
import { liveColorOf, type ColorMembers, type ChangeLog, type LiveState, type TrafficProvider } from './provider.js';
import type { ProviderDescriptor } from './provider-descriptor.js';
import { CADDY_ID, checkForm, DIAL_ADDRESS, httpUrlForm } from './value-forms.js';

const ADMIN_URL = httpUrlForm('http://localhost:2019', { credentials: false });

export interface CaddyOptions {
  /** Caddy's admin endpoint, e.g. http://localhost:2019. */
  adminUrl: string;
  /** The "@id" of the reverse_proxy handler to switch. */
  handlerId: string;
  /** host:port of each color's servers, as dial addresses. */
  servers: ColorMembers;
  timeoutMs?: number;
}

interface AdminAnswer {
  status: number;
  body: string;
  etag?: string;
}

interface HandlerSnapshot {
  /** The handler's upstreams as Caddy had them (extra fields like max_requests kept). */
  upstreams: unknown[];
  etag?: string;
}

/** The dial addresses of a reverse_proxy handler's static upstreams, or why they cannot be switched. */
export function parseReverseProxyHandler(text: string): { upstreams: unknown[]; dials: string[] } {
  let handler: { handler?: unknown; upstreams?: unknown; dynamic_upstreams?: unknown };
  try {
    handler = JSON.parse(text) as typeof handler;
  } catch {
    throw new TrafficError('caddy: the admin API answered with something that is not JSON', text);
  }
  if (handler.handler !== 'reverse_proxy') {
    throw new TrafficError(
      `caddy-handler-id: the object with this @id is a '${String(handler.handler)}' handler, not reverse_proxy; ` +
        'put the @id on the reverse_proxy handler',
    );
  }
  if (handler.dynamic_upstreams !== undefined) {
    throw new TrafficError('caddy-handler-id: the handler uses dynamic_upstreams; give it static upstreams to switch');
  }
  const upstreams = Array.isArray(handler.upstreams) ? (handler.upstreams as unknown[]) : [];
  const dials = upstreams.map((upstream) => String((upstream as { dial?: unknown }).dial ?? ''));
  return { upstreams, dials };
}

export class CaddyProvider implements TrafficProvider {
  readonly kind = 'caddy';
  readonly lockFile: string;
  private readonly handlerUrl: URL;

  constructor(private readonly options: CaddyOptions) {
    // Only an http(s) URL can be asked (node:http throws on any other protocol), whoever built these options.
    checkForm('caddy-admin-url', options.adminUrl, ADMIN_URL);
    const admin = new URL(options.adminUrl);
    this.handlerUrl = new URL(`id/${encodeURIComponent(options.handlerId)}`, admin.href.replace(/\/?$/, '/'));
    this.lockFile = lockFileFor('caddy', this.handlerUrl.href);
  }

  describe(): string {
    return `Caddy reverse_proxy '@id: ${this.options.handlerId}' via ${this.options.adminUrl}`;
  }

  async current(): Promise<LiveState> {
    const answer = await this.admin('GET', this.handlerUrl);
    if (answer.status === 404 || /unknown object ID/i.test(answer.body)) {
      throw new TrafficError(
        `caddy-handler-id: Caddy has no object with "@id": "${this.options.handlerId}"; add it to the ` +
          'reverse_proxy handler in the Caddy config',
      );
    }
    if (answer.status !== 200) {
      throw new TrafficError(`caddy: GET ${this.handlerUrl.href} answered HTTP ${answer.status}`, answer.body);
    }
    const { upstreams, dials } = parseReverseProxyHandler(answer.body);
    const colors = dials.map((dial) => this.colorOf(dial));
    return {
      live: liveColorOf(colors.includes('blue'), colors.includes('green')),
      evidence: `reverse_proxy sends traffic to ${dials.join(', ') || 'no upstream'}`,
      snapshot: JSON.stringify({ upstreams, etag: answer.etag } satisfies HandlerSnapshot),
    };
  }

  plan(target: Color, from: LiveState): string[] {
    const { etag } = JSON.parse(from.snapshot) as HandlerSnapshot;
    const guard = etag ? `If-Match ${etag}` : 'no ETag from this Caddy, so no If-Match';
    return [
      `PATCH ${this.handlerUrl.href}/upstreams to ${this.options.servers[target].join(', ')} (${guard}); ` +
        `${otherColor(target)} leaves the handler in the same config change`,
    ];
  }

  async switchTo(target: Color, from: LiveState, log: ChangeLog): Promise<void> {
    const { etag } = JSON.parse(from.snapshot) as HandlerSnapshot;
    if (!etag) log.warning('caddy: the admin API sent no ETag, so a concurrent config change cannot be detected');
    const upstreams = this.options.servers[target].map((dial) => ({ dial }));
    await this.patchUpstreams(upstreams, etag);
    log.changed(`set the upstreams of '${this.options.handlerId}' to ${this.options.servers[target].join(', ')}`);
  }

  async restore(state: LiveState, log: ChangeLog): Promise<void> {
    const { upstreams } = JSON.parse(state.snapshot) as HandlerSnapshot;
    const now = JSON.parse((await this.current()).snapshot) as HandlerSnapshot;
    await this.patchUpstreams(upstreams, now.etag);
    log.changed(`put back the previous upstreams of '${this.options.handlerId}'`);
  }

  private async patchUpstreams(upstreams: unknown[], etag: string | undefined): Promise<void> {
    const url = new URL(`${this.handlerUrl.href}/upstreams`);
    const answer = await this.admin('PATCH', url, JSON.stringify(upstreams), etag);
    if (answer.status === 412) {
      throw new TrafficError(
        `caddy: the reverse_proxy '${this.options.handlerId}' changed since this run read it (If-Match ${etag} ` +
          'no longer matches): someone else changed the Caddy config at the same time; nothing was changed by ' +
          'this step, re-run once the other change is done',
      );
    }
    if (answer.status !== 200) {
      throw new TrafficError(
        `caddy: Caddy refused the new upstreams (PATCH ${url.href}, HTTP ${answer.status}); the previous config ` +
          'stays live: check blue-servers / green-servers are host:port dial addresses',
        answer.body,
      );
    }
  }

  private colorOf(dial: string): Color {
    if (this.options.servers.blue.includes(dial)) return 'blue';
    if (this.options.servers.green.includes(dial)) return 'green';
    throw new TrafficError(
      `caddy-handler-id: the handler '${this.options.handlerId}' sends traffic to ${dial}, which is in neither ` +
        `blue-servers (${this.options.servers.blue.join(', ')}) nor green-servers ` +
        `(${this.options.servers.green.join(', ')}); add it to one of them`,
    );
  }

  private async admin(method: string, url: URL, body?: string, ifMatch?: string): Promise<AdminAnswer> {
    // node:https loads TLS (about 11 ms of an action's start-up on Node 24): only when the admin URL needs it.
    const client = url.protocol === 'https:' ? await import('node:https') : http;
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (ifMatch) headers['if-match'] = ifMatch;
    const timeoutMs = this.options.timeoutMs ?? 10_000;
    return new Promise((resolve, reject) => {
      const request = client.request(url, { method, headers, agent: false }, (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          const etag = response.headers.etag ?? response.trailers.etag;
          resolve({ status: response.statusCode ?? 0, body: text, etag: etag || undefined });
        });
      });
      request.setTimeout(timeoutMs, () => request.destroy(Object.assign(new Error(), { code: 'ETIMEDOUT' })));
      request.on('error', (error) => {
        const code = errorCode(error);
        const why =
          code === 'ECONNREFUSED'
            ? 'refused the connection: Caddy is not running, or its admin endpoint listens elsewhere (see "admin": {"listen": ...})'
            : code === 'ETIMEDOUT'
              ? `did not answer within ${humanDuration(timeoutMs)}`
              : `cannot be reached (${code ?? error.message})`;
        reject(new TrafficError(`caddy-admin-url: ${this.options.adminUrl} ${why}`));
      });
      request.end(body);
    });
  }
}

/** What the action's inputs set; the timeout keeps its default. */
export type CaddySettings = Omit<CaddyOptions, 'timeoutMs'>;

export const caddyDescriptor: ProviderDescriptor<CaddySettings> = {
  name: 'caddy',
  inputs: [
    {
      name: 'caddy-handler-id',
      kind: 'text',
      required: true,
      form: CADDY_ID,
      hint: 'the "@id" of the reverse_proxy handler in Caddy\'s config (e.g. app)',
    },
    ...colorServerInputs('dial addresses', { blue: ['10.0.0.1:8080'], green: ['10.0.0.2:8080'] }, DIAL_ADDRESS),
    {
      name: 'caddy-admin-url',
      kind: 'text',
      default: 'http://localhost:2019',
      form: ADMIN_URL,
      hint: "the URL of Caddy's admin API (e.g. http://localhost:2019)",
    },
  ],
  settings: (values) => ({
    adminUrl: values.text('caddy-admin-url'),
    handlerId: values.text('caddy-handler-id'),
    servers: readColorServers(values),
  }),
  create: (settings) => new CaddyProvider(settings),
};
