// The one message a notify step sends, built once from the inputs and rendered by each destination: what happened
// (the event and its outcome), where (environment, service, version, color), the user's words (a Markdown subset,
// parsed here into segments each destination escapes its own way), fields, the details of another action's report,
// and the run it came from.

/** The events the pipeline names; any other word is taken as a custom event with a neutral outcome. */
export const EVENTS = ['started', 'succeeded', 'failed', 'rolled-back', 'approval-needed', 'cancelled'] as const;

/** How an event reads at a glance: its colour in Slack and Teams, its Grafana tag, its Prometheus result. */
export type Outcome = 'running' | 'success' | 'failure' | 'waiting' | 'neutral';

const OUTCOMES: Readonly<Record<string, Outcome>> = {
  started: 'running',
  succeeded: 'success',
  failed: 'failure',
  'rolled-back': 'failure',
  'approval-needed': 'waiting',
  cancelled: 'neutral',
};

const EVENT_WORDS: Readonly<Record<string, string>> = {
  started: 'started',
  succeeded: 'succeeded',
  failed: 'failed',
  'rolled-back': 'rolled back',
  'approval-needed': 'waiting for approval',
  cancelled: 'cancelled',
};

/** Events that end a deploy: they close a Grafana region and set the result metrics. */
export function endsDeploy(event: string): boolean {
  return event !== 'started' && event !== 'approval-needed';
}

/** A piece of the user's message: plain text, **bold**, `code`, or a [link](https://…). */
export type Segment =
  | { kind: 'text'; text: string }
  | { kind: 'bold'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'link'; text: string; url: string };

export interface Field {
  name: string;
  value: string;
}

/** The headline of another action's JSON report (see details.ts). */
export interface Details {
  /** The action that wrote it, e.g. health-check. */
  source: string;
  /** One line: the verdict and its numbers. */
  headline: string;
  /** Why, when the report says. */
  reason?: string;
  /** The numbers worth a glance, in the report's order. */
  figures: Field[];
}

export interface RunContext {
  repository?: string;
  sha?: string;
  ref?: string;
  actor?: string;
  workflow?: string;
  /** The run's page. */
  url?: string;
}

export interface NotifyMessage {
  event: string;
  outcome: Outcome;
  /** The title as people read it: the title input, or one made from service, version, environment and event. */
  title: string;
  environment: string;
  service: string;
  version: string;
  color: string;
  /** The message input as segments; lines are separated by '\n' inside text segments. */
  text: Segment[];
  fields: Field[];
  details?: Details;
  run: RunContext;
  /** When the step ran, epoch milliseconds. */
  time: number;
  /** When the deploy started (the started step's time), epoch milliseconds, when known. */
  startedAt?: number;
}

export interface MessageInputs {
  event: string;
  environment: string;
  service: string;
  version: string;
  color: string;
  title: string;
  message: string;
  fields: Field[];
  details?: Details;
  run: RunContext;
  time: number;
  startedAt?: number;
}

export function buildMessage(inputs: MessageInputs): NotifyMessage {
  const { details, startedAt, ...rest } = inputs;
  return {
    ...rest,
    outcome: OUTCOMES[inputs.event] ?? 'neutral',
    title: inputs.title !== '' ? inputs.title : defaultTitle(inputs),
    text: parseInline(inputs.message),
    ...(details !== undefined && { details }),
    ...(startedAt !== undefined && { startedAt }),
  };
}

/** "app 1.4.0 to production (green): succeeded", leaving out what is not known. */
export function defaultTitle(
  inputs: Pick<MessageInputs, 'event' | 'environment' | 'service' | 'version' | 'color'>,
): string {
  const what = [inputs.service, inputs.version].filter((part) => part !== '').join(' ') || 'Deploy';
  const where = inputs.environment === '' ? '' : ` to ${inputs.environment}`;
  const color = inputs.color === '' ? '' : ` (${inputs.color})`;
  return `${what}${where}${color}: ${EVENT_WORDS[inputs.event] ?? inputs.event}`;
}

// **bold**, `code` and [text](http(s)://url): the subset every destination can show. Anything else is text.
const INLINE = /\*\*([^*\n]+)\*\*|`([^`\n]+)`|\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)/g;

/** The user's Markdown subset as segments; what is not one of the three forms stays text, character for character. */
export function parseInline(markdown: string): Segment[] {
  const segments: Segment[] = [];
  let last = 0;
  for (const match of markdown.matchAll(INLINE)) {
    if (match.index > last) segments.push({ kind: 'text', text: markdown.slice(last, match.index) });
    if (match[1] !== undefined) segments.push({ kind: 'bold', text: match[1] });
    else if (match[2] !== undefined) segments.push({ kind: 'code', text: match[2] });
    else segments.push({ kind: 'link', text: match[3]!, url: match[4]! });
    last = match.index + match[0].length;
  }
  if (last < markdown.length) segments.push({ kind: 'text', text: markdown.slice(last) });
  return segments;
}

/** The segments as plain text, for destinations that show no formatting (logs, metrics, plain fallbacks). */
export function plainSegments(segments: readonly Segment[]): string {
  return segments
    .map((segment) => (segment.kind === 'link' ? `${segment.text} (${segment.url})` : segment.text))
    .join('');
}

/** `Name: value` lines (the fields input) as fields; a line without a colon is a field without a name. */
export function parseFields(lines: readonly string[]): Field[] {
  return lines.map((line) => {
    const colon = line.indexOf(':');
    return colon <= 0
      ? { name: '', value: line.trim() }
      : { name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() };
  });
}

/** Every line of text in the message, for a destination that has one free-text body (a log line, an annotation). */
export function messageLines(message: NotifyMessage): string[] {
  const lines = [message.title];
  const text = plainSegments(message.text);
  if (text !== '') lines.push(text);
  if (message.details !== undefined) {
    lines.push(`${message.details.source}: ${message.details.headline}`);
    if (message.details.reason !== undefined) lines.push(`Reason: ${message.details.reason}`);
  }
  for (const field of message.fields) lines.push(field.name === '' ? field.value : `${field.name}: ${field.value}`);
  return lines;
}
