// The property-based tier of the traffic inputs: hostile strings to feed every provider input, a valid setup per
// provider to put them in, and the judge of an outcome (settings safe for where they go, or a clean error naming the
// input). A subpath of its own ('@actions-kit/testkit/hostile-inputs') so only these tests load fast-check. Typed by
// shape: the testkit depends on no domain package.
import fc from 'fast-check';

/**
 * A fixed seed and a run short enough for the unit suite (seconds): a failure is the same on every machine. For a
 * longer hunt, PROPERTY_RUNS and PROPERTY_SEED override both (e.g. PROPERTY_RUNS=100000 PROPERTY_SEED=7).
 */
export const PROPERTY_RUN = {
  seed: Number(process.env['PROPERTY_SEED'] ?? 20_261_203),
  numRuns: Number(process.env['PROPERTY_RUNS'] ?? 300),
};

/** What a fuzzing pass found to break something, and what each destination's grammar forbids. */
export const HOSTILE_SAMPLES: readonly string[] = [
  ';',
  '\n',
  '\r\n',
  '{',
  '}',
  '\u0000',
  '#',
  '"',
  "'",
  '`id`',
  '$(id)',
  '${x}',
  '\\',
  ' ',
  '\t',
  '/',
  '../..',
  '%0A',
  '::error::x',
  '##[error]x',
  '\u001b[2J',
  '\u0085',
  '\u2028',
  '\u202e',
  '\ud800',
  '😀',
  'é',
  ',',
  '=',
  ':',
  '@',
  'app;disable frontend web',
  'app\nset server app/blue state maint',
  '127.0.0.1:8080; } server { listen 80; } upstream x { server 127.0.0.1:1',
  '10.0.0.1:8080 backup',
  '10.0.0.1:8080 weight=2',
  '10.0.0.1:99999',
  'javascript:alert(1)',
  'file:///etc/passwd',
  'localhost:2019',
  'http://user:secret@localhost:2019/',
  'data:text/html,<script>x</script>',
  'ftp://example.com/',
  'http://127.0.0.1:2019',
  'https://[::1]:8443/health',
  '[::1]:8080',
  'unix:/run/app.sock',
  'unix//run/app.sock',
  'app',
  'blue',
  'green',
  'toggle',
  '30s',
  '0',
  '-1',
  '1e3',
  'true',
  '(\\w+)',
  '(',
  '(?<c>blue|green)',
  'x'.repeat(5_000),
];

/**
 * Random and hostile text: the samples alone, several of them and random pieces (any UTF-16 unit, NUL and lone
 * surrogates included) run together, and very long text.
 */
export function hostileText(): fc.Arbitrary<string> {
  const piece = fc.oneof(
    fc.constantFrom(...HOSTILE_SAMPLES),
    fc.string({ unit: 'binary', maxLength: 12 }),
    fc.string({ unit: 'grapheme-ascii', maxLength: 12 }),
  );
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_SAMPLES) },
    { weight: 5, arbitrary: fc.array(piece, { minLength: 1, maxLength: 5 }).map((parts) => parts.join('')) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 300, maxLength: 3_000 }) },
  );
}

/** A complete, valid set of inputs for each provider, as a step's `with:` would give them. */
export const VALID_PROVIDER_INPUTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  haproxy: { provider: 'haproxy', 'haproxy-socket': '/run/haproxy/admin.sock', 'haproxy-backend': 'app' },
  nginx: {
    provider: 'nginx',
    'nginx-upstream-file': '/etc/nginx/blue-green/app.conf',
    'nginx-upstream-name': 'app',
    'blue-servers': '10.0.0.1:8080',
    'green-servers': '10.0.0.2:8080',
  },
  caddy: {
    provider: 'caddy',
    'caddy-handler-id': 'app',
    'blue-servers': '10.0.0.1:8080',
    'green-servers': '10.0.0.2:8080',
  },
  symlink: {
    provider: 'symlink',
    'symlink-path': '/srv/app/current',
    'blue-path': '/srv/app/releases/blue',
    'green-path': '/srv/app/releases/green',
  },
  command: { provider: 'command', 'current-command': 'cat color', 'switch-command': './switch' },
  'flag-file': { provider: 'flag-file', 'flag-file': '/etc/nginx/blue-green/app.green' },
};

/** Any character below space, DEL, C1 controls, line and paragraph separators, bidi controls, lone surrogates. */
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- control characters are what is looked for
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

// Each destination's grammar, written from the proxies' documentation rather than from the code under test.
const HAPROXY_NAME = /^[A-Za-z0-9_.:-]+$/;
const NGINX_NAME = /^[A-Za-z0-9_.-]+$/;
const NGINX_SERVER = /^[^\s;{}#'"\\$]+(?: [^\s;{}#'"\\$]+)*$/;
const CADDY_ID = /^[^\s/?#%]+$/;

type Rule = (value: string) => boolean;
const isPath: Rule = (value) => !INVISIBLE.test(value);
const isCommand: Rule = (value) => !value.includes('\u0000');
const matches =
  (pattern: RegExp): Rule =>
  (value) =>
    pattern.test(value) && !INVISIBLE.test(value);
/** An http(s) URL with no space or invisible character, and no credentials (an admin URL is printed). */
const adminUrl: Rule = (value) => {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  return /^https?:\/\/\S+$/.test(value) && !INVISIBLE.test(value) && url?.username === '' && url.password === '';
};
const nginxServer: Rule = (value) =>
  matches(NGINX_SERVER)(value) && !value.split(' ').some((part) => part === 'backup' || part === 'down');

/** For each provider, each setting that reaches a protocol, a file or a URL, and what a safe value is. */
const SAFE_SETTINGS: Record<string, Record<string, Rule>> = {
  haproxy: {
    socket: isPath,
    backend: matches(HAPROXY_NAME),
    'servers.*': matches(HAPROXY_NAME),
    stateFile: isPath,
  },
  nginx: {
    upstreamFile: isPath,
    upstreamName: matches(NGINX_NAME),
    'servers.*': nginxServer,
    testCommand: isCommand,
    reloadCommand: isCommand,
  },
  caddy: { adminUrl, handlerId: matches(CADDY_ID), 'servers.*': isPath },
  symlink: { symlinkPath: isPath, 'paths.*': isPath },
  command: { currentCommand: isCommand, switchCommand: isCommand },
  'flag-file': { flagFile: isPath },
};

/** Every string in `value` with its path ("servers.blue.0" as "servers.*"). */
function leaves(value: unknown, at: string[] = []): Array<[string, string]> {
  if (typeof value === 'string') return [[at.length > 1 ? `${at[0]}.*` : (at[0] ?? ''), value]];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => leaves(inner, Array.isArray(value) ? at : [...at, key]));
}

/**
 * Why settings a provider accepted are unsafe, one line per setting, [] when every value fits its destination. A
 * string setting the table does not know is judged as a path (no invisible character): a new setting fails here
 * until it is added with its own rule.
 */
export function unsafeSettings(provider: string, settings: object): string[] {
  const rules = SAFE_SETTINGS[provider] ?? {};
  return leaves(settings)
    .filter(([key, value]) => !(rules[key] ?? isPath)(value))
    .map(([key, value]) => `${provider} setting ${key} = ${JSON.stringify(value).slice(0, 200)}`);
}

/**
 * Why an error is not a clean one: it must be an Error of one of `expectedNames`, one line with no invisible
 * character, start with an input's name ("haproxy-backend: ..." or "blue-servers and green-servers ..."), name one
 * of `mutated`, and stay short. Undefined when it is clean.
 */
export function uncleanError(
  error: unknown,
  inputNames: readonly string[],
  mutated: readonly string[],
  expectedNames: readonly string[],
): string | undefined {
  if (!(error instanceof Error)) return `threw a non-Error: ${String(error)}`;
  const { message } = error;
  if (!expectedNames.includes(error.name)) return `crashed with ${error.name}: ${message}`;
  if (INVISIBLE.test(message)) return `the message holds an invisible character: ${JSON.stringify(message)}`;
  if (message.length > 1_500) return `the message is ${message.length} characters long`;
  const startsWithInput = inputNames.some((name) => message.startsWith(`${name}:`) || message.startsWith(`${name} `));
  if (!startsWithInput) return `the message does not start with an input's name: ${JSON.stringify(message)}`;
  if (!mutated.some((name) => message.includes(name))) {
    return `the message names none of the inputs changed (${mutated.join(', ')}): ${JSON.stringify(message)}`;
  }
  return undefined;
}
