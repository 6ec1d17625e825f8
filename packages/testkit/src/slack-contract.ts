// Slack as a loopback contract server: an incoming webhook (POST /services/…) and the Web API's chat.postMessage and
// chat.update (POST /api/…), checking Block Kit's published limits on every payload and answering as Slack does:
// the webhook with `ok` or an error word and a 4xx, the Web API with 200 and { ok, error } or { ok, channel, ts }.
// It also records every mention Slack would turn into a ping (<!channel>, <!here>, <!everyone>, <@U…>, <!subteam^…>)
// in mrkdwn, and bare @here/@channel/@everyone anywhere. Sources: packages/notify/README.md.
import { startContractServer, jsonBody, type ContractRequest, type ContractServer } from './contract-server.js';

export interface SlackContractServer extends ContractServer {
  /** The webhook URL (a path under /services/). */
  webhookUrl: string;
  /** The Web API base, for slack-api-url. */
  apiUrl: string;
  /** The messages as Slack holds them, by ts (chat.update replaces one). */
  readonly messages: Map<string, { channel: string; text: string; blocks: unknown[] }>;
  /** Every mention in what was sent that Slack would ping. */
  readonly pings: string[];
}

export const SLACK_TOKEN = 'xoxb-contract-token';
const BLOCK_TYPES = new Set(['header', 'section', 'context', 'divider', 'actions', 'image', 'rich_text']);
const SPECIAL_MENTION = /<!(?:channel|here|everyone|subteam\^[^>]*)(?:\|[^>]*)?>|<@[UW][A-Z0-9]+(?:\|[^>]*)?>/g;
const BARE_MENTION = /(?:^|[^\w\u200b])@(?:here|channel|everyone)\b/g;

type Text = { type?: unknown; text?: unknown };

/** The breaches of Block Kit's limits in one payload; every mrkdwn text is also searched for pings. */
export function blockKitBreaches(payload: unknown, pings: string[]): string[] {
  const problems: string[] = [];
  const p = payload as { text?: unknown; blocks?: unknown };
  if (typeof p !== 'object' || p === null) return ['the payload is not an object'];
  if (p.text === undefined && p.blocks === undefined) problems.push('no text and no blocks (no_text)');
  const texts: Array<{ text: string; mrkdwn: boolean }> = [];
  const textObject = (where: string, value: unknown, limit: number, types: string[]): void => {
    const t = value as Text;
    if (typeof t?.text !== 'string' || !types.includes(String(t.type))) {
      problems.push(`${where}: not a ${types.join(' or ')} text object`);
      return;
    }
    if (t.text.length === 0 || t.text.length > limit)
      problems.push(`${where}: ${t.text.length} characters (1 to ${limit})`);
    texts.push({ text: t.text, mrkdwn: t.type === 'mrkdwn' });
  };
  if (typeof p.text === 'string') texts.push({ text: p.text, mrkdwn: true });
  if (p.blocks !== undefined) {
    if (!Array.isArray(p.blocks)) problems.push('blocks is not an array');
    else {
      if (p.blocks.length > 50) problems.push(`${p.blocks.length} blocks (at most 50)`);
      p.blocks.forEach((block: Record<string, unknown>, i) => {
        const where = `blocks[${i}] (${String(block?.['type'])})`;
        if (!BLOCK_TYPES.has(String(block?.['type']))) problems.push(`${where}: unknown block type`);
        if (block['type'] === 'header') textObject(where, block['text'], 150, ['plain_text']);
        if (block['type'] === 'section') {
          if (block['text'] === undefined && block['fields'] === undefined)
            problems.push(`${where}: neither text nor fields`);
          if (block['text'] !== undefined) textObject(where, block['text'], 3_000, ['plain_text', 'mrkdwn']);
          if (block['fields'] !== undefined) {
            const fields = block['fields'] as unknown[];
            if (!Array.isArray(fields) || fields.length > 10) problems.push(`${where}: more than 10 fields`);
            else
              fields.forEach((field, j) => textObject(`${where}.fields[${j}]`, field, 2_000, ['plain_text', 'mrkdwn']));
          }
        }
        if (block['type'] === 'context') {
          const elements = block['elements'] as unknown[];
          if (!Array.isArray(elements) || elements.length === 0 || elements.length > 10) {
            problems.push(`${where}: 1 to 10 elements`);
          } else
            elements.forEach((element, j) =>
              textObject(`${where}.elements[${j}]`, element, 3_000, ['plain_text', 'mrkdwn']),
            );
        }
      });
    }
  }
  for (const { text, mrkdwn } of texts) {
    if (mrkdwn) pings.push(...(text.match(SPECIAL_MENTION) ?? []));
    pings.push(...(text.match(BARE_MENTION) ?? []).map((mention) => mention.trim()));
  }
  return problems;
}

export async function startSlackContract(): Promise<SlackContractServer> {
  const messages = new Map<string, { channel: string; text: string; blocks: unknown[] }>();
  const pings: string[] = [];
  let sequence = 0;
  const api = (request: ContractRequest, breach: (what: string) => void, method: string) => {
    const reply = (body: Record<string, unknown>) => ({ status: 200, body: JSON.stringify(body) });
    if (request.headers['authorization'] !== `Bearer ${SLACK_TOKEN}`)
      return reply({ ok: false, error: 'invalid_auth' });
    const payload = jsonBody(request, breach) as Record<string, unknown> | undefined;
    if (payload === undefined) return reply({ ok: false, error: 'invalid_json' });
    if (typeof payload['channel'] !== 'string' || payload['channel'] === '') {
      return reply({ ok: false, error: 'channel_not_found' });
    }
    const problems = blockKitBreaches(payload, pings);
    if (problems.length > 0) {
      problems.forEach(breach);
      return reply({ ok: false, error: 'invalid_blocks', errors: problems });
    }
    const message = {
      channel: payload['channel'],
      text: String(payload['text'] ?? ''),
      blocks: payload['blocks'] as unknown[],
    };
    if (method === 'chat.update') {
      const ts = String(payload['ts'] ?? '');
      if (!messages.has(ts) || messages.get(ts)!.channel !== payload['channel']) {
        return reply({ ok: false, error: 'message_not_found' });
      }
      messages.set(ts, message);
      return reply({ ok: true, channel: payload['channel'], ts, text: message.text });
    }
    const ts = `1764817200.${String(++sequence).padStart(6, '0')}`;
    messages.set(ts, message);
    return reply({ ok: true, channel: payload['channel'], ts, message: { text: message.text, ts } });
  };
  const server = await startContractServer((request, breach) => {
    if (request.method !== 'POST') {
      breach('not a POST');
      return { status: 405, body: 'method_not_allowed' };
    }
    const apiMethod = /^\/api\/(chat\.postMessage|chat\.update)$/.exec(request.path)?.[1];
    if (apiMethod !== undefined) return api(request, breach, apiMethod);
    if (!request.path.startsWith('/services/')) return { status: 404, body: 'no_service' };
    const payload = jsonBody(request, breach);
    if (payload === undefined) return { status: 400, body: 'invalid_payload' };
    const problems = blockKitBreaches(payload, pings);
    problems.forEach(breach);
    if (problems.length > 0) return { status: 400, body: 'invalid_blocks' };
    const p = payload as { text?: string; blocks?: unknown[] };
    messages.set(`webhook.${++sequence}`, { channel: 'webhook', text: p.text ?? '', blocks: p.blocks ?? [] });
    return { status: 200, body: 'ok', headers: { 'content-type': 'text/html' } };
  });
  return {
    ...server,
    webhookUrl: `${server.url}services/T000/B000/contract`,
    apiUrl: `${server.url}api/`,
    messages,
    pings,
  };
}
