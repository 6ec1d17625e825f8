// What one HTTP response (or the failure to get one) means for health: the checks of expected-status, expect-body,
// expect-json and max-latency, in that order, turned into one outcome with one reason.
import { ConfigurationError, humanDuration, quoteValue } from '@actions-kit/core';
import { statusMatches, type ExpectedStatus } from './expected-status.js';
import { FAILURE_WORDS, type ProbeFailureReason } from './failure-reason.js';
import type { ResponseFailure, TransportFailure } from './health-reasons.js';
import type { HttpProbeResult } from './http-probe.js';
import { findFailedJsonExpectation, type JsonExpectation } from './json-expectations.js';

/** What the HTTP probe saw for one URL; the probe's own result maps onto it in one function. */
export interface HttpObservation {
  /** Absent when no response arrived (then `failure` says why). */
  status?: number;
  headers: Record<string, string>;
  body: string;
  latencyMs: number;
  /** Why no usable response arrived; `status` when something answered, but not in HTTP. */
  failure?: TransportFailure | 'status';
  /** The probe's one safe line about the failure (`connection refused (ECONNREFUSED)`). */
  failureDetail?: string;
}

export interface ResponseExpectations {
  status: ExpectedStatus;
  /** expect-body: a pattern the body must match somewhere. */
  body?: RegExp;
  /** expect-json: each must hold for the body parsed as JSON. */
  json?: readonly JsonExpectation[];
  /** max-latency, per request. */
  maxLatencyMs?: number;
}

export interface UrlOutcome {
  url: string;
  reason: 'ok' | TransportFailure | ResponseFailure;
  status?: number;
  latencyMs?: number;
  /** One line saying why, safe to print: text from the body only ever appears shortened by quoteValue. */
  detail: string;
}

/**
 * The probe's reasons in the health check's vocabulary: something that answers but not in HTTP has no acceptable
 * status, and a network that cannot reach the host (EHOSTUNREACH) is, to the check, a connection that nobody took.
 */
const TRANSPORT_REASON: Readonly<Record<ProbeFailureReason, TransportFailure | 'status'>> = {
  dns: 'dns',
  refused: 'refused',
  reset: 'reset',
  tls: 'tls',
  timeout: 'timeout',
  protocol: 'status',
  other: 'refused',
};

/** What httpProbe returned, as the observation judgeResponse takes. */
export function observeHttpProbe(result: HttpProbeResult): HttpObservation {
  if (!result.answered) {
    const reason = TRANSPORT_REASON[result.reason];
    const detail = reason === result.reason ? result.message : `${FAILURE_WORDS[result.reason]}: ${result.message}`;
    return { headers: {}, body: '', latencyMs: result.latencyMs, failure: reason, failureDetail: detail };
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(result.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return { status: result.status, headers, body: result.body, latencyMs: result.latencyMs };
}

/** Reads the `expect-body` input: a JavaScript regular expression without slashes or flags; blank is no check. */
export function parseExpectBody(text: string, inputName = 'expect-body'): RegExp | undefined {
  if (text.trim() === '') return undefined;
  try {
    return new RegExp(text);
  } catch (error) {
    throw new ConfigurationError(
      `${inputName}: ${quoteValue(text)} is not a regular expression (${quoteValue((error as Error).message)}); ` +
        'write a JavaScript pattern without slashes, such as "status":\\s*"ok"',
    );
  }
}

export function judgeResponse(
  url: string,
  observation: HttpObservation,
  expectations: ResponseExpectations,
): UrlOutcome {
  const { status, latencyMs } = observation;
  const outcome = (reason: UrlOutcome['reason'], detail: string): UrlOutcome => ({
    url,
    reason,
    ...(status !== undefined && { status }),
    latencyMs,
    detail,
  });
  if (observation.failure !== undefined || status === undefined) {
    // A probe that returns neither a status nor a reason lost the connection in a way it did not classify.
    const reason = observation.failure ?? 'reset';
    return outcome(reason, observation.failureDetail ?? `no response (${reason})`);
  }
  const failure = responseFailure(observation, status, expectations);
  return failure === undefined
    ? outcome('ok', `HTTP ${status} in ${humanDuration(latencyMs)}`)
    : outcome(failure.reason, failure.detail);
}

function responseFailure(
  observation: HttpObservation,
  status: number,
  expectations: ResponseExpectations,
): { reason: ResponseFailure; detail: string } | undefined {
  if (!statusMatches(expectations.status, status)) {
    return {
      reason: 'status',
      detail: `HTTP ${status}, expected ${expectations.status.text}${bodyStart(observation.body)}`,
    };
  }
  if (expectations.body !== undefined && !expectations.body.test(observation.body)) {
    return {
      reason: 'body',
      detail: `the body does not match ${quoteValue(expectations.body.source)}${bodyStart(observation.body)}`,
    };
  }
  if (expectations.json !== undefined && expectations.json.length > 0) {
    const json = jsonProblem(observation.body, expectations.json);
    if (json !== undefined) return { reason: 'json', detail: json };
  }
  if (expectations.maxLatencyMs !== undefined && observation.latencyMs > expectations.maxLatencyMs) {
    return {
      reason: 'latency',
      detail: `took ${humanDuration(observation.latencyMs)}, more than max-latency (${humanDuration(expectations.maxLatencyMs)})`,
    };
  }
  return undefined;
}

function jsonProblem(body: string, expectations: readonly JsonExpectation[]): string | undefined {
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch {
    return `the body is not JSON${bodyStart(body)}`;
  }
  const failed = findFailedJsonExpectation(expectations, document);
  return failed === undefined ? undefined : `expect-json line ${failed.expectation.line}: ${failed.problem}`;
}

/** ` (the body starts '<html>…')`, shortened, or ` (the body is empty)`. */
function bodyStart(body: string): string {
  return body === '' ? ' (the body is empty)' : ` (the body starts ${quoteValue(body.slice(0, 200))})`;
}
