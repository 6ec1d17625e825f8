// Teams as a loopback contract server: a Workflows webhook ("When a Teams webhook request is received") that takes
// a message with Adaptive Card attachments and answers 202. Each card is parsed by Microsoft's own Adaptive Cards
// SDK (npm adaptivecards), whose parse reports every unknown element, property value or version it meets; the
// message must stay under Teams' 28 KB. Sources: packages/notify/README.md.
import { createRequire } from 'node:module';
import { startContractServer, jsonBody, type ContractServer } from './contract-server.js';

export interface TeamsContractServer extends ContractServer {
  webhookUrl: string;
  /** The cards accepted, in order. */
  readonly cards: Array<Record<string, unknown>>;
}

/** Teams' documented limit on a message, cards included. */
export const TEAMS_MESSAGE_LIMIT = 28 * 1024;

interface AdaptiveCardsSdk {
  AdaptiveCard: new () => { parse(json: unknown, context: unknown): void };
  SerializationContext: new () => { eventCount: number; getEventAt(i: number): { message: string } };
}

// The SDK's lib/ is extension-less ESM Node cannot load; its dist/ bundle is CommonJS and needs no DOM to parse.
// Loaded on first use, so tests that import the testkit for something else do not pay for it.
let sdk: AdaptiveCardsSdk | undefined;

/** What the Adaptive Cards SDK finds wrong in a card, one line each. */
export function adaptiveCardProblems(card: unknown): string[] {
  const c = card as Record<string, unknown>;
  const problems: string[] = [];
  if (c?.['type'] !== 'AdaptiveCard') problems.push('type is not AdaptiveCard');
  if (typeof c?.['version'] !== 'string') problems.push('no version');
  sdk ??= createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.min.js') as AdaptiveCardsSdk;
  const context = new sdk.SerializationContext();
  new sdk.AdaptiveCard().parse(card, context);
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  return problems;
}

export async function startTeamsContract(): Promise<TeamsContractServer> {
  const cards: Array<Record<string, unknown>> = [];
  const server = await startContractServer((request, breach) => {
    const refuse = (message: string) => ({
      status: 400,
      body: JSON.stringify({ error: { code: 'InvalidRequestContent', message } }),
    });
    if (request.method !== 'POST' || !request.path.startsWith('/workflows/')) return { status: 404, body: '' };
    if (Buffer.byteLength(request.body) > TEAMS_MESSAGE_LIMIT) {
      breach(`${Buffer.byteLength(request.body)} bytes (at most ${TEAMS_MESSAGE_LIMIT})`);
      return { status: 413, body: JSON.stringify({ error: { code: 'MessageSizeTooBig', message: 'too big' } }) };
    }
    const message = jsonBody(request, breach) as { type?: unknown; attachments?: unknown } | undefined;
    if (message === undefined) return refuse('The request content is not valid JSON.');
    if (message.type !== 'message' || !Array.isArray(message.attachments) || message.attachments.length === 0) {
      breach('not a message with attachments');
      return refuse("The input body for trigger 'manual' of type 'Request' did not match its schema.");
    }
    const accepted: Array<Record<string, unknown>> = [];
    for (const [i, attachment] of (message.attachments as Array<Record<string, unknown>>).entries()) {
      if (attachment['contentType'] !== 'application/vnd.microsoft.card.adaptive') {
        breach(`attachments[${i}]: contentType ${String(attachment['contentType'])}`);
      }
      const problems = adaptiveCardProblems(attachment['content']);
      for (const problem of problems) breach(`attachments[${i}]: ${problem}`);
      if (problems.length === 0) accepted.push(attachment['content'] as Record<string, unknown>);
    }
    if (accepted.length !== message.attachments.length) return refuse('AdaptiveCard is invalid.');
    cards.push(...accepted);
    return { status: 202, body: '' };
  });
  return { ...server, webhookUrl: `${server.url}workflows/contract/triggers/manual/paths/invoke?sig=s3cr3t`, cards };
}
