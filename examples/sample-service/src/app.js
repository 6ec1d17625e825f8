// The sample service's request handling, without a socket: what each path answers for a given color and release.
// A release named "bad" stands for a release that breaks under real traffic: its health endpoint answers 200 until
// it has served `breaksAfter` requests on other paths, then 503, while those requests still get their answer. The
// deploy's until-healthy check (health endpoint only) passes it; the watch after the switch catches it.

/** @typedef {{ color: string, version: string, release: string, breaksAfter: number }} Settings */

const COLORS = new Set(['blue', 'green']);

/**
 * Reads the settings from environment variables (COLOR, VERSION, RELEASE, BREAKS_AFTER) and refuses bad values
 * with a message naming the variable, the value and the fix.
 * @param {Record<string, string | undefined>} env
 * @returns {Settings}
 */
export function settingsFrom(env) {
  const color = env.COLOR ?? 'blue';
  if (!COLORS.has(color)) throw new Error(`COLOR is '${color}': set it to blue or green`);
  const release = env.RELEASE ?? 'good';
  if (release !== 'good' && release !== 'bad') throw new Error(`RELEASE is '${release}': set it to good or bad`);
  const breaksAfterText = env.BREAKS_AFTER ?? '50';
  const breaksAfter = Number(breaksAfterText);
  if (!/^\d+$/.test(breaksAfterText) || !Number.isSafeInteger(breaksAfter)) {
    throw new Error(`BREAKS_AFTER is '${breaksAfterText}': set it to a whole number of requests, e.g. 50`);
  }
  return { color, version: env.VERSION ?? '1.0.0', release, breaksAfter };
}

/**
 * The request handler: GET /healthz (the health endpoint), GET /version (color, version, release as JSON) and
 * GET / (a greeting); every answer carries the color in the x-color header.
 * @param {Settings} settings
 * @returns {(request: import('node:http').IncomingMessage, response: import('node:http').ServerResponse) => void}
 */
export function createHandler(settings) {
  let served = 0;
  const broken = () => settings.release === 'bad' && served >= settings.breaksAfter;
  return (request, response) => {
    const send = (status, body) => {
      response.writeHead(status, { 'content-type': 'application/json', 'x-color': settings.color });
      response.end(JSON.stringify(body));
    };
    const path = new URL(request.url ?? '/', 'http://service').pathname;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(405, { error: `method ${request.method} not allowed: use GET` });
    } else if (path === '/healthz') {
      if (broken()) send(503, { status: 'failing', color: settings.color, reason: 'release bad broke under traffic' });
      else send(200, { status: 'ok', color: settings.color, version: settings.version });
    } else if (path === '/version') {
      served += 1;
      send(200, { color: settings.color, version: settings.version, release: settings.release });
    } else if (path === '/') {
      served += 1;
      send(200, { message: `hello from ${settings.color}`, color: settings.color });
    } else {
      send(404, { error: `no such path: ${path}` });
    }
  };
}
