// A Grafana annotation of the deploy (POST /api/annotations), tagged deploy, environment, service, version and the
// event, so every dashboard can show it. A started deploy's annotation id, passed to the step of its end event,
// turns the point into a region: PATCH /api/annotations/<id> with timeEnd. Grafana shows the text as sanitised
// HTML, so outside text is HTML-escaped.
import { ConfigurationError, escapeHtml, quoteValue } from '@actions-kit/core';
import { DeliveryError, deliver, directoryUrl } from './delivery.js';
import { endsDeploy, messageLines, type NotifyMessage } from './message.js';
import type { SenderDescriptor } from './sender.js';

export interface GrafanaSettings {
  url: URL;
  token: string;
  /** The annotation of the started event, to end as a region; '' to create one. */
  annotationId: string;
}

/** The annotation's fields, as the create and the patch send them. */
export function grafanaAnnotation(message: NotifyMessage): { time: number; tags: string[]; text: string } {
  const tags = ['deploy', message.environment, message.service, message.version, message.event].filter(
    (tag, index, all) => tag !== '' && all.indexOf(tag) === index,
  );
  return { time: message.time, tags, text: messageLines(message).map(escapeHtml).join('\n') };
}

export const grafanaSender: SenderDescriptor<GrafanaSettings> = {
  name: 'grafana',
  triggers: ['grafana-url'],
  inputs: [
    { name: 'grafana-url', kind: 'url', hint: "Grafana's base URL, e.g. https://grafana.example.com" },
    { name: 'grafana-token', kind: 'secret', hint: 'a service account token with the annotations:write permission' },
    { name: 'grafana-annotation-id', kind: 'text', hint: 'the grafana-annotation-id output of the started step' },
  ],
  required: ['grafana-token'],
  settings: (values) => {
    const annotationId = values.text('grafana-annotation-id');
    if (annotationId !== '' && !/^\d+$/.test(annotationId)) {
      throw new ConfigurationError(
        `grafana-annotation-id: ${quoteValue(annotationId)} is not an annotation id; pass on the ` +
          'grafana-annotation-id output of the started step (a whole number), or leave it empty',
      );
    }
    return { url: directoryUrl(values.url('grafana-url')!), token: values.text('grafana-token'), annotationId };
  },
  create: (settings) => ({
    async send(message, context) {
      const annotation = grafanaAnnotation(message);
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${settings.token}` };
      if (settings.annotationId !== '') {
        const end = endsDeploy(message.event);
        await deliver(context, {
          method: 'PATCH',
          url: new URL(`api/annotations/${settings.annotationId}`, settings.url),
          headers,
          body: JSON.stringify({ text: annotation.text, tags: annotation.tags, ...(end && { timeEnd: message.time }) }),
        });
        return {
          detail: end ? `ended region ${settings.annotationId}` : `updated annotation ${settings.annotationId}`,
          outputs: { 'grafana-annotation-id': settings.annotationId },
        };
      }
      const answer = await deliver(context, {
        method: 'POST',
        url: new URL('api/annotations', settings.url),
        headers,
        body: JSON.stringify(annotation),
      });
      const id = annotationIdOf(answer.body);
      if (id === undefined) throw new DeliveryError(`answered without an annotation id: ${quoteValue(answer.body)}`);
      return { detail: `added annotation ${id}`, outputs: { 'grafana-annotation-id': id } };
    },
  }),
};

function annotationIdOf(body: string): string | undefined {
  try {
    const id = (JSON.parse(body) as { id?: unknown }).id;
    return typeof id === 'number' && Number.isSafeInteger(id) ? String(id) : undefined;
  } catch {
    return undefined;
  }
}
