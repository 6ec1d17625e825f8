// Grafana's annotation HTTP API as a loopback contract server: POST /api/annotations (time, timeEnd, tags, text;
// answers { message: 'Annotation added', id }) and PATCH /api/annotations/:id (answers { message: 'Annotation
// patched' }), a Bearer service account token required. Sources: packages/notify/README.md.
import { startContractServer, jsonBody, type ContractServer } from './contract-server.js';

export const GRAFANA_TOKEN = 'glsa_contract_token';

export interface GrafanaAnnotation {
  id: number;
  time: number;
  timeEnd: number;
  tags: string[];
  text: string;
}

export interface GrafanaContractServer extends ContractServer {
  readonly annotations: Map<number, GrafanaAnnotation>;
}

const FIELDS = new Set(['dashboardUID', 'dashboardId', 'panelId', 'time', 'timeEnd', 'tags', 'text']);

export async function startGrafanaContract(): Promise<GrafanaContractServer> {
  const annotations = new Map<number, GrafanaAnnotation>();
  let nextId = 41;
  const server = await startContractServer((request, breach) => {
    const reply = (status: number, message: string, extra: Record<string, unknown> = {}) => ({
      status,
      body: JSON.stringify({ message, ...extra }),
    });
    if (request.headers['authorization'] !== `Bearer ${GRAFANA_TOKEN}`) return reply(401, 'Unauthorized');
    const body = jsonBody(request, breach) as Record<string, unknown> | undefined;
    if (body === undefined || typeof body !== 'object') return reply(400, 'bad request data');
    for (const key of Object.keys(body)) if (!FIELDS.has(key)) breach(`unknown field ${key}`);
    for (const key of ['time', 'timeEnd'] as const) {
      if (body[key] !== undefined && !Number.isInteger(body[key])) breach(`${key} is not epoch milliseconds`);
    }
    if (
      body['tags'] !== undefined &&
      !(Array.isArray(body['tags']) && body['tags'].every((t) => typeof t === 'string'))
    ) {
      breach('tags is not a list of strings');
    }
    const patch = /^\/api\/annotations\/(\d+)$/.exec(request.path);
    if (request.method === 'POST' && request.path === '/api/annotations') {
      if (typeof body['text'] !== 'string' || body['text'] === '') {
        breach('no text');
        return reply(400, 'Failed to save annotation');
      }
      const id = nextId++;
      const time = Number(body['time'] ?? Date.now());
      annotations.set(id, {
        id,
        time,
        timeEnd: Number(body['timeEnd'] ?? time),
        tags: (body['tags'] as string[]) ?? [],
        text: body['text'],
      });
      return reply(200, 'Annotation added', { id });
    }
    if (request.method === 'PATCH' && patch) {
      const annotation = annotations.get(Number(patch[1]));
      if (annotation === undefined) return reply(404, 'Could not find annotation to update');
      annotations.set(annotation.id, { ...annotation, ...(body as Partial<GrafanaAnnotation>) });
      return reply(200, 'Annotation patched');
    }
    breach('not an annotation endpoint');
    return reply(404, 'Not found');
  });
  return { ...server, annotations };
}
