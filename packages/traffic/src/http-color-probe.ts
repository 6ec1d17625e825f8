// The verification's view of an HTTP probe: which color answered the URL users hit, read from a response header or
// the first group of a body pattern, on a fresh connection each time as a new client would see it.
import { quoteValue } from '@actions-kit/core';
import { httpProbe } from '@actions-kit/probes';
import { TrafficError } from './errors.js';
import { checkForm, HEADER_NAME, httpUrlForm } from './value-forms.js';
import type { ColorAnswer, ColorProbe } from './verify.js';

const VERIFY_URL = httpUrlForm('http://127.0.0.1:8080/health');
const BODY_EXAMPLE = 'e.g. "color":"(\\w+)"';

export interface HttpColorProbeOptions {
  url: string;
  /** Response header holding the color, e.g. x-color. */
  header?: string;
  /** Regular expression over the body with at least one group: the first group is the color. */
  bodyPattern?: string;
}

/** Checks the options now, so a mistake fails before anything is switched; the probe then never throws. */
export function httpColorProbe(options: HttpColorProbeOptions): ColorProbe {
  checkForm('verify-url', options.url, VERIFY_URL);
  const url = new URL(options.url);
  if (Boolean(options.header) === Boolean(options.bodyPattern)) {
    throw new TrafficError(
      'verify-url: set exactly one of verify-header (e.g. x-color) or verify-body (a regular expression whose ' +
        'first group is the color)',
    );
  }
  if (options.header) checkForm('verify-header', options.header, HEADER_NAME);
  const readColor = options.header ? headerColor(options.header) : bodyColor(options.bodyPattern ?? '');
  return async (timeoutMs) => {
    const result = await httpProbe({ url, timeoutMs });
    if (!result.answered) return { error: `${url.host}: ${result.message}` };
    return { status: result.status, color: readColor(result) };
  };
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
    // V8 repeats the whole pattern, unquoted, before the reason: only the reason is kept.
    const reason = (error as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
    throw new TrafficError(
      `verify-body: ${quoteValue(bodyPattern)} is not a valid regular expression (${reason}); use ${BODY_EXAMPLE}`,
    );
  }
  // Without a group the whole match would be taken for the color, which no answer can then prove.
  const groups = (new RegExp(`${bodyPattern}|`).exec('')?.length ?? 1) - 1;
  if (groups === 0) {
    throw new TrafficError(
      `verify-body: ${quoteValue(bodyPattern)} has no group to read the color from; put the color's part in ` +
        `parentheses, ${BODY_EXAMPLE}`,
    );
  }
  return ({ body }) => {
    const match = pattern.exec(body);
    return match?.[1];
  };
}
