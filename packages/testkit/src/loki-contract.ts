// Loki's push API as a loopback contract server: POST /loki/api/v1/push with JSON { streams: [{ stream: {labels},
// values: [["<unix epoch ns>", "<line>"]] }] }, answering 204; a malformed push gets 400 and Loki's kind of text.
// Sources: packages/notify/README.md.
import { startContractServer, jsonBody, type ContractServer } from './contract-server.js';

export interface LokiLine {
  labels: Record<string, string>;
  nanoseconds: string;
  line: string;
}

export interface LokiContractServer extends ContractServer {
  readonly lines: LokiLine[];
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export async function startLokiContract(): Promise<LokiContractServer> {
  const lines: LokiLine[] = [];
  const server = await startContractServer((request, breach) => {
    if (request.method !== 'POST' || request.path !== '/loki/api/v1/push') {
      breach('not the push endpoint');
      return { status: 404, body: '404 page not found\n', headers: { 'content-type': 'text/plain' } };
    }
    const problems: string[] = [];
    const push = jsonBody(request, (what) => problems.push(what)) as { streams?: unknown } | undefined;
    const accepted: LokiLine[] = [];
    if (!Array.isArray(push?.streams) || push.streams.length === 0) problems.push('no streams');
    else {
      for (const stream of push.streams as Array<{ stream?: Record<string, unknown>; values?: unknown }>) {
        const labels = stream.stream ?? {};
        if (Object.keys(labels).length === 0) problems.push('a stream without labels');
        for (const [name, value] of Object.entries(labels)) {
          if (!LABEL_NAME.test(name)) problems.push(`label name ${name}`);
          if (typeof value !== 'string' || value === '') problems.push(`label ${name} is not a non-empty string`);
        }
        if (!Array.isArray(stream.values) || stream.values.length === 0) problems.push('a stream without values');
        for (const entry of (stream.values as unknown[][]) ?? []) {
          const [nanoseconds, line] = entry;
          if (typeof nanoseconds !== 'string' || !/^\d{19}$/.test(nanoseconds)) {
            problems.push(`timestamp ${JSON.stringify(nanoseconds)} is not a string of epoch nanoseconds`);
          }
          if (typeof line !== 'string') problems.push('a line that is not a string');
          accepted.push({
            labels: labels as Record<string, string>,
            nanoseconds: String(nanoseconds),
            line: String(line),
          });
        }
      }
    }
    problems.forEach(breach);
    if (problems.length > 0) {
      return {
        status: 400,
        body: `error parsing push request: ${problems[0]}\n`,
        headers: { 'content-type': 'text/plain' },
      };
    }
    lines.push(...accepted);
    return { status: 204 };
  });
  return { ...server, lines };
}
