// A loopback server playing GitHub's REST API for pull-request comments and deployments: lists comments a page at a
// time with Link headers as GitHub does, creates and updates them, refuses a body over GitHub's 65,536 characters;
// creates deployments and their statuses, refusing an unknown deployment (404) or state (422); and gives the answers
// a test scripts instead (a 403, a rate limit, a 502). Every request is recorded for the test to assert on.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnLoopback, type LoopbackServer } from './loopback-servers.js';

export interface RecordedRequest {
  method: string;
  /** The path without the query, e.g. /repos/octo-org/octo-repo/issues/7/comments. */
  path: string;
  query: Record<string, string>;
  /** The JSON body sent, parsed; undefined without one. */
  body: unknown;
  authorization: string | undefined;
}

export interface FakeComment {
  id: number;
  body: string;
  user: { login: string; type: 'Bot' | 'User' };
  html_url: string;
}

export interface FakeDeployment {
  id: number;
  ref: string;
  environment: string;
  description: string;
  /** Oldest first, as sent. */
  statuses: Array<{ state: string; description?: string; environment_url?: string; log_url?: string }>;
}

/** An answer given instead of the API's: a status with a JSON body and headers. */
export interface ScriptedApiAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface FakeGitHubApi extends LoopbackServer {
  /** What GITHUB_API_URL is set to: the server's URL without the trailing slash. */
  apiUrl: string;
  readonly requests: readonly RecordedRequest[];
  /** The comments on pull request `number` of `repository` ('owner/name'), oldest first. */
  comments(repository: string, number: number): FakeComment[];
  /** A comment made before the test, by someone (default a person, 'octocat'). */
  addComment(repository: string, number: number, body: string, login?: string): FakeComment;
  /** The deployments created in `repository` ('owner/name'), oldest first. */
  deployments(repository: string): FakeDeployment[];
  /** The next requests get these answers, one each in order; the API answers again after them. */
  answerNext(...answers: ScriptedApiAnswer[]): void;
}

/** The states GitHub accepts for a deployment status. */
const DEPLOYMENT_STATES = ['error', 'failure', 'inactive', 'in_progress', 'queued', 'pending', 'success'];

/** GitHub's page size when per_page is not given. */
const DEFAULT_PAGE_SIZE = 30;
/** GitHub refuses a longer comment body (422). */
const BODY_LIMIT_CHARS = 65_536;
const BOT = { login: 'github-actions[bot]', type: 'Bot' } as const;

export interface FakeGitHubApiOptions {
  /**
   * Tokens of people ('ghp_…' → login): GET /user answers with that person, and their comments are theirs. Any
   * other token is an installation token (GITHUB_TOKEN): its comments are github-actions[bot]'s and GET /user is
   * refused with 403, as GitHub refuses it.
   */
  people?: Record<string, string>;
}

export async function startFakeGitHubApi(options: FakeGitHubApiOptions = {}): Promise<FakeGitHubApi> {
  const threads = new Map<string, FakeComment[]>();
  const deployments = new Map<number, FakeDeployment & { repository: string }>();
  const requests: RecordedRequest[] = [];
  const scripted: ScriptedApiAnswer[] = [];
  let nextId = 1001;
  let apiUrl = '';

  const thread = (repository: string, number: number): FakeComment[] => {
    const key = `${repository}#${number}`;
    if (!threads.has(key)) threads.set(key, []);
    return threads.get(key)!;
  };
  const newComment = (repository: string, number: number, body: string, user: FakeComment['user']): FakeComment => {
    const id = nextId++;
    const comment = { id, body, user, html_url: `https://github.com/${repository}/pull/${number}#issuecomment-${id}` };
    thread(repository, number).push(comment);
    return comment;
  };

  /** Who the request's token is: a person of options.people, else the Actions bot. */
  const author = (request: RecordedRequest): FakeComment['user'] => {
    const token = request.authorization?.replace(/^(token|bearer) /i, '') ?? '';
    const login = options.people?.[token];
    return login === undefined ? BOT : { login, type: 'User' };
  };

  const answer = (request: RecordedRequest): ScriptedApiAnswer => {
    const next = scripted.shift();
    if (next) return next;
    if (request.path === '/user' && request.method === 'GET') {
      const user = author(request);
      if (user.type === 'User') return { status: 200, body: { ...user, id: 1 } };
      return {
        status: 403,
        body: {
          message: 'Resource not accessible by integration',
          documentation_url: 'https://docs.github.com/rest/users/users#get-the-authenticated-user',
        },
      };
    }
    const list = /^\/repos\/([^/]+\/[^/]+)\/issues\/(\d+)\/comments$/.exec(request.path);
    const one = /^\/repos\/([^/]+\/[^/]+)\/issues\/comments\/(\d+)$/.exec(request.path);
    if (list && request.method === 'GET') return listPage(thread(list[1]!, Number(list[2])), request);
    if (list && request.method === 'POST') {
      const body = bodyOf(request);
      if (typeof body !== 'string') return validationFailed('body is missing');
      if (Array.from(body).length > BODY_LIMIT_CHARS) return bodyTooLong();
      return { status: 201, body: newComment(list[1]!, Number(list[2]), body, author(request)) };
    }
    const created = /^\/repos\/([^/]+\/[^/]+)\/deployments$/.exec(request.path);
    const status = /^\/repos\/([^/]+\/[^/]+)\/deployments\/(\d+)\/statuses$/.exec(request.path);
    if (created && request.method === 'POST') return createDeployment(created[1]!, request);
    if (status && request.method === 'POST') return createStatus(status[1]!, Number(status[2]), request);
    if (one && request.method === 'PATCH') {
      const comment = [...threads.values()].flat().find((c) => c.id === Number(one[2]));
      if (!comment || !comment.html_url.startsWith(`https://github.com/${one[1]}/`)) return notFound();
      const body = bodyOf(request);
      if (typeof body !== 'string') return validationFailed('body is missing');
      if (Array.from(body).length > BODY_LIMIT_CHARS) return bodyTooLong();
      comment.body = body;
      return { status: 200, body: comment };
    }
    return notFound();
  };

  const createDeployment = (repository: string, request: RecordedRequest): ScriptedApiAnswer => {
    const body = fieldsOf(request);
    if (typeof body['ref'] !== 'string' || body['ref'] === '')
      return validationFailed('ref is missing', 'Deployment', 'ref');
    const deployment = {
      id: nextId++,
      repository,
      ref: body['ref'],
      environment: typeof body['environment'] === 'string' ? body['environment'] : 'production',
      description: typeof body['description'] === 'string' ? body['description'] : '',
      statuses: [],
    };
    deployments.set(deployment.id, deployment);
    const { statuses: _statuses, repository: _repository, ...shown } = deployment;
    return { status: 201, body: shown };
  };

  const createStatus = (repository: string, id: number, request: RecordedRequest): ScriptedApiAnswer => {
    const deployment = deployments.get(id);
    if (!deployment || deployment.repository !== repository) return notFound();
    const { state, description, environment_url, log_url } = fieldsOf(request);
    if (typeof state !== 'string' || !DEPLOYMENT_STATES.includes(state)) {
      return validationFailed('state is not included in the list', 'DeploymentStatus', 'state');
    }
    const recorded = { state, description, environment_url, log_url } as FakeDeployment['statuses'][number];
    deployment.statuses.push(recorded);
    return { status: 201, body: { id: nextId++, ...recorded } };
  };

  const listPage = (comments: FakeComment[], request: RecordedRequest): ScriptedApiAnswer => {
    const size = Number(request.query['per_page'] ?? DEFAULT_PAGE_SIZE);
    const page = Number(request.query['page'] ?? 1);
    const last = Math.max(1, Math.ceil(comments.length / size));
    const link = (n: number): string => `<${apiUrl}${request.path}?per_page=${size}&page=${n}>`;
    const links = page < last ? [`${link(page + 1)}; rel="next"`, `${link(last)}; rel="last"`] : [];
    return {
      status: 200,
      body: comments.slice((page - 1) * size, page * size),
      headers: links.length > 0 ? { link: links.join(', ') } : {},
    };
  };

  const server = http.createServer((incoming: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
      const text = Buffer.concat(chunks).toString('utf8');
      const request: RecordedRequest = {
        method: incoming.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        body: text === '' ? undefined : JSON.parse(text),
        authorization: incoming.headers.authorization,
      };
      requests.push(request);
      const reply = answer(request);
      response.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...reply.headers });
      response.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
    });
  });
  const listening = await listenOnLoopback(server);
  apiUrl = listening.url.replace(/\/$/, '');
  return {
    ...listening,
    apiUrl,
    requests,
    comments: (repository, number) => thread(repository, number).map((comment) => ({ ...comment })),
    addComment: (repository, number, body, login = 'octocat') =>
      newComment(repository, number, body, { login, type: login.endsWith('[bot]') ? 'Bot' : 'User' }),
    deployments: (repository) =>
      [...deployments.values()]
        .filter((deployment) => deployment.repository === repository)
        .map(({ repository: _repository, ...deployment }) => ({ ...deployment, statuses: [...deployment.statuses] })),
    answerNext: (...answers) => void scripted.push(...answers),
  };
}

function fieldsOf(request: RecordedRequest): Record<string, unknown> {
  return typeof request.body === 'object' && request.body !== null ? (request.body as Record<string, unknown>) : {};
}

function bodyOf(request: RecordedRequest): unknown {
  return typeof request.body === 'object' && request.body !== null
    ? (request.body as Record<string, unknown>)['body']
    : undefined;
}

function notFound(): ScriptedApiAnswer {
  return { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };
}

function validationFailed(message: string, resource = 'IssueComment', field = 'body'): ScriptedApiAnswer {
  return {
    status: 422,
    body: { message: 'Validation Failed', errors: [{ resource, code: 'custom', field, message }] },
  };
}

function bodyTooLong(): ScriptedApiAnswer {
  return validationFailed(`body is too long (maximum is ${BODY_LIMIT_CHARS} characters)`);
}
