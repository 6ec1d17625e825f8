// Sends the message to every configured destination at once; one that fails (or throws) never stops the others,
// and each ends as delivered or as an error saying why.
import type { NotifyMessage } from './message.js';
import type { Sender, SendContext } from './sender.js';

export interface Destination {
  name: string;
  sender: Sender;
}

export type Delivery =
  | { destination: string; ok: true; detail: string; outputs: Record<string, string> }
  | { destination: string; ok: false; error: string };

export async function sendAll(
  destinations: readonly Destination[],
  message: NotifyMessage,
  context: SendContext,
): Promise<Delivery[]> {
  return Promise.all(
    destinations.map(async ({ name, sender }): Promise<Delivery> => {
      try {
        const delivered = await sender.send(message, context);
        return { destination: name, ok: true, detail: delivered.detail, outputs: delivered.outputs ?? {} };
      } catch (error) {
        return { destination: name, ok: false, error: (error as Error).message };
      }
    }),
  );
}
