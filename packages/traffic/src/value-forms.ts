// The grammar of each place a provider input ends up (an HAProxy runtime command, an nginx config file, a URL, a
// path), checked before anything is sent: a value that fits cannot add a command, a directive or a request.
import { countOf, quoteValue } from '@actions-kit/core';
import { TrafficError } from './errors.js';

export interface ValueForm {
  /** What fits, as the error's "use ..." and the README's table say it. */
  accepted: string;
  /** Why `value` does not fit ("contains ';'"), or undefined when it does. */
  problem(value: string): string | undefined;
}

/** "haproxy-backend: 'app;x' contains ';'; use ...": the input, the value quoted safely, what is wrong, the fix. */
export function formError(
  inputName: string,
  value: string,
  form: ValueForm,
  quote: (value: string) => string = quoteValue,
): TrafficError | undefined {
  const problem = form.problem(value);
  return problem === undefined
    ? undefined
    : new TrafficError(`${inputName}: ${quote(value)} ${problem}; use ${form.accepted}`);
}

/** Throws formError's error, for values that reach a provider without readProviderInputs (a post step's JSON). */
export function checkForm(inputName: string, value: string, form: ValueForm): void {
  const error = formError(inputName, value, form);
  if (error) throw error;
}

/** A character as a message names it: `';'`, `a line break`, `U+0000`. */
function describeCharacter(char: string): string {
  if (char === '\n') return 'a line break';
  if (char === '\r') return 'a carriage return';
  if (char === ' ') return 'a space';
  const code = char.codePointAt(0) ?? 0;
  if (code > 0x20 && code < 0x7f) return `'${char}'`;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The first character of `value` that `allowed` (one character, a pattern or a test) refuses, described. */
function firstRefused(value: string, allowed: RegExp | ((char: string) => boolean)): string | undefined {
  const test = typeof allowed === 'function' ? allowed : (char: string) => allowed.test(char);
  for (const char of value) if (!test(char)) return `contains ${describeCharacter(char)}`;
  return undefined;
}

/**
 * Not a control character (C0, DEL, C1), not a line or paragraph separator, not a bidirectional control (they
 * reorder what a reader sees), and not half of a surrogate pair (which a file name would store as U+FFFD).
 */
function isVisible(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  const invisible =
    code <= 0x1f ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x2028 ||
    code === 0x2029 ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069) ||
    (code >= 0xd800 && code <= 0xdfff);
  return !invisible;
}

function nameForm(accepted: string, allowed: RegExp, maxLength: number): ValueForm {
  return {
    accepted: `${accepted} (at most ${countOf(maxLength, 'character')})`,
    problem: (value) =>
      value.length > maxLength ? `is longer than ${countOf(maxLength, 'character')}` : firstRefused(value, allowed),
  };
}

/** Backend and server names: what HAProxy allows in a name, so neither `;` nor a line break can start a command. */
export const HAPROXY_NAME = nameForm("letters, digits, '-', '_', '.' and ':', as HAProxy names it", /[\w.:-]/, 255);

/** An upstream's name, as it stands in `proxy_pass http://<name>` and `upstream <name> {`. */
export const NGINX_NAME = nameForm("letters, digits, '-', '_' and '.', as in proxy_pass http://<name>", /[\w.-]/, 255);

/** The "@id" of a Caddy handler, as it stands in the admin API's /id/<id> path. */
export const CADDY_ID = nameForm("letters, digits, '-', '_', '.' and ':', as the handler's \"@id\"", /[\w.:-]/, 255);

/** A response header's name, as HTTP allows it (a token). */
export const HEADER_NAME = nameForm(
  "an HTTP header name: letters, digits and !#$%&'*+-.^_`|~ (e.g. x-color)",
  /[\w!#$%&'*+.^`|~-]/,
  256,
);

const HOST_PORT = /^(?:\[[\da-fA-F:.]+\]|[a-zA-Z\d](?:[a-zA-Z\d.-]*[a-zA-Z\d])?):(?<port>\d{1,5})$/;

/** Why `address` is not host:port (a name, an IPv4 address or a bracketed IPv6 one, and a port 1-65535). */
function hostPortProblem(address: string): string | undefined {
  const port = HOST_PORT.exec(address)?.groups?.['port'];
  if (port === undefined) return 'is not host:port';
  const number = Number(port);
  return number >= 1 && number <= 65_535 ? undefined : `has port ${port}, outside 1-65535`;
}

// Server parameters of open-source nginx (and NGINX Plus's route/service), each with the only values nginx takes.
// backup and down are the switch's own: it marks the standby color with them.
const NGINX_PARAMETERS = [
  /^weight=\d{1,6}$/,
  /^max_conns=\d{1,9}$/,
  /^max_fails=\d{1,9}$/,
  /^(?:fail_timeout|slow_start)=\d{1,9}(?:ms|s|m|h|d)?$/,
  /^resolve$/,
  /^(?:route|service)=[\w.-]{1,64}$/,
];

/** One nginx `server` line's operands: the address, then parameters nginx knows, nothing that ends the line. */
export const NGINX_SERVER: ValueForm = {
  accepted:
    'host:port (or unix:/path), optionally followed by server parameters: weight=N, max_conns=N, max_fails=N, ' +
    'fail_timeout=T, slow_start=T, resolve, route=NAME, service=NAME (e.g. 10.0.0.1:8080 weight=2)',
  problem: (value) => {
    const refused = firstRefused(value, /[\w.:[\]=/ -]/);
    if (refused) return refused;
    const [address = '', ...parameters] = value.split(/ +/);
    const addressProblem = /^unix:\/[\w./-]+$/.test(address) ? undefined : hostPortProblem(address);
    if (addressProblem) return addressProblem;
    const owned = parameters.find((parameter) => parameter === 'backup' || parameter === 'down');
    if (owned) return `sets ${owned}, which the switch sets itself on the standby color`;
    const unknown = parameters.find((parameter) => !NGINX_PARAMETERS.some((form) => form.test(parameter)));
    return unknown === undefined ? undefined : `has the unknown server parameter '${unknown}'`;
  },
};

/** A Caddy upstream's dial address: host:port, or a unix socket as Caddy writes it (unix//path). */
export const DIAL_ADDRESS: ValueForm = {
  accepted: 'host:port or unix//path, as a Caddy upstream dials it (e.g. 10.0.0.1:8080)',
  problem: (value) =>
    firstRefused(value, /[\w.:[\]/-]/) ?? (/^unix\/\/[\w./-]+$/.test(value) ? undefined : hostPortProblem(value)),
};

const PATH_MAX = 4096;

/** A file path: anything the filesystem takes but what isVisible refuses (NUL cannot be in a path at all). */
export const FILE_PATH: ValueForm = {
  accepted: `a file path without control or bidirectional characters (at most ${countOf(PATH_MAX, 'character')})`,
  problem: (value) =>
    value.length > PATH_MAX ? `is longer than ${PATH_MAX} characters` : firstRefused(value, isVisible),
};

/** A unix socket path, or host:port of a TCP socket. */
export const SOCKET_ADDRESS: ValueForm = {
  accepted: 'a unix socket path (e.g. /run/haproxy/admin.sock) or host:port (e.g. 127.0.0.1:9999)',
  problem: (value) => FILE_PATH.problem(value) ?? (/^[^/]*:\d+$/.test(value) ? hostPortProblem(value) : undefined),
};

/** A shell command: anything `sh -c` runs, but no NUL, which no argument can hold. */
export const SHELL_COMMAND: ValueForm = {
  accepted: 'a shell command without NUL characters',
  problem: (value) => (value.includes('\u0000') ? 'contains U+0000' : undefined),
};

/**
 * An http(s) URL, with an example of the input's own. `credentials: false` refuses a user name or password in it,
 * for a URL that is printed (Caddy's admin URL names the provider in the log and the summary).
 */
export function httpUrlForm(example: string, { credentials = true }: { credentials?: boolean } = {}): ValueForm {
  return {
    accepted: `e.g. ${example} (an http:// or https:// URL)`,
    problem: (value) => {
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        return 'is not a URL';
      }
      // The URL parser drops tabs and line breaks silently: refused, as they are no part of a URL anyone means.
      const refused = firstRefused(value, (char) => char !== ' ' && isVisible(char));
      if (refused) return refused;
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        return /^[^/:]+:\d+/.test(value) ? 'is not http(s): it has no http:// in front' : 'is not http(s)';
      }
      if (!credentials && (url.username !== '' || url.password !== '')) {
        return 'holds a user name or password, which the log and the summary would show';
      }
      return undefined;
    },
  };
}
