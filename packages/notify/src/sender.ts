// The one interface every destination implements, and the descriptor that tells the action which inputs turn a
// destination on and what they must hold. Adding a destination is adding a file that exports a descriptor, and its
// line in SENDERS (registry.ts).
import type { DeliveryPolicy } from './delivery.js';
import type { NotifyMessage } from './message.js';

/** What a sender is handed besides the message: how to send, when it must be done, and the clock to wait with. */
export type SendContext = DeliveryPolicy;

/** A delivered message: what the destination said (one line) and any outputs it gives (an id to pass on). */
export interface Delivered {
  detail: string;
  outputs?: Record<string, string>;
}

export interface Sender {
  /** Delivers the message or throws DeliveryError saying why not, in the destination's words where it gave any. */
  send(message: NotifyMessage, context: SendContext): Promise<Delivered>;
}

/**
 * An input a destination reads. `url` inputs are checked as http(s) URLs and masked (a webhook URL is a secret);
 * `secret` inputs are masked; `text` inputs are neither.
 */
export interface SenderInput {
  name: string;
  kind: 'url' | 'secret' | 'text';
  /** What to set it to, for the error when it is missing. */
  hint: string;
}

/** The destination's inputs, read and checked by the action: '' / undefined when not set. */
export interface SenderValues {
  text(name: string): string;
  url(name: string): URL | undefined;
}

export interface SenderDescriptor<Settings = unknown> {
  /** The destination as the `delivered` output and the summary name it. */
  name: string;
  /** The inputs of which any one set turns the destination on. */
  triggers: readonly string[];
  /** Every input it reads; those also required once it is on are in `required`. */
  inputs: readonly SenderInput[];
  required: readonly string[];
  /** Inputs that, set together with a trigger, are a mistake (two ways to reach the same place). */
  conflicts?: readonly string[];
  settings(values: SenderValues): Settings;
  create(settings: Settings): Sender;
}
