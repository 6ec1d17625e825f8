// The verification's view of an HTTP probe: which color answered the URL users hit, read from a response header or
// the first group of a body pattern, on a fresh connection each time as a new client would see it.
import { httpProbe } from '@actions-kit/probes';
import { TrafficError } from './errors.js';
import type { ColorAnswer, ColorProbe } from './verify.js';

export interface HttpColorProbeOptions {
  url: string;
  /** Response header holding the color, e.g. x-color. */
  header?: string;
  /** Regular expression over the body; its first group (or whole match) is the color. */
  bodyPattern?: string;
}

/** Checks the options now, so a mistake fails before anything is switched; the probe then never throws. */
export function httpColorProbe(options: HttpColorProbeOptions): ColorProbe {
  const url = probeUrl(options.url);
  if (Boolean(options.header) === Boolean(options.bodyPattern)) {
    throw new TrafficError(
      'verify-url: set exactly one of verify-header (e.g. x-color) or verify-body (a regular expression whose ' +
        'first group is the color)',
    );
  }
  const readColor = options.header ? headerColor(options.header) : bodyColor(options.bodyPattern ?? '');
  return async (timeoutMs) => {
    const result = await httpProbe({ url, timeoutMs });
    if (!result.answered) return { error: `${url.host}: ${result.message}` };
    return { status: result.status, color: readColor(result) };
  };
}

function probeUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new TrafficError(`verify-url: '${text}' is not a URL; use e.g. http://127.0.0.1:8080/health`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TrafficError(`verify-url: '${text}' is not http(s); use an http:// or https:// URL`);
  }
  return url;
}

type ColorReader = (response: {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}) => ColorAnswer['color'];

function headerColor(header: string): ColorReader {
  const name = header.toLowerCase();
  return ({ headers }) => {
    const value = headers[name];
    return Array.isArray(value) ? value.join(',') : value;
  };
}

function bodyColor(bodyPattern: string): ColorReader {
  let pattern: RegExp;
  try {
    pattern = new RegExp(bodyPattern);
  } catch (error) {
    throw new TrafficError(
      `verify-body: '${bodyPattern}' is not a valid regular expression (${(error as Error).message}); ` +
        `use e.g. "color":"(\\w+)"`,
    );
  }
  return ({ body }) => {
    const match = pattern.exec(body);
    return match ? (match[1] ?? match[0]) : undefined;
  };
}
