// Proof that the new color is live: a number of consecutive answers from it, through the URL users hit, within a
// timeout; and the record of what answered instead when it is not.
import type { Clock } from '@actions-kit/clock';
import { countOf, groupDigits, humanDuration } from '@actions-kit/core';
import type { Color } from './color.js';
import { throwIfCancelled } from './errors.js';

/** What one request saw. `color` is what the response claimed (untrusted text). */
export interface ColorAnswer {
  status?: number;
  color?: string;
  error?: string;
}

/** One request through the proxy; `timeoutMs` bounds it. */
export type ColorProbe = (timeoutMs: number) => Promise<ColorAnswer>;

export interface VerifyPolicy {
  /** Consecutive answers from the color that prove it live. */
  requests: number;
  timeoutMs: number;
  /** Pause after an answer from the wrong color, so a reloading proxy is not hammered. */
  retryDelayMs?: number;
}

export interface Verification {
  color: Color;
  passed: boolean;
  required: number;
  /** Consecutive answers from `color` at the end. */
  streak: number;
  attempts: number;
  /** Answers per origin: a color, another value or no value (`other`), or no usable response (`failed`). */
  seen: { blue: number; green: number; other: number; failed: number };
  /** The last answer that was not `color`, described safely. */
  lastMismatch?: string;
  elapsedMs: number;
}

const PER_REQUEST_TIMEOUT_MS = 2_000;
/** The shortest time a request is given, near the end of the timeout (an http timeout of 0 means none at all). */
const MIN_REQUEST_TIMEOUT_MS = 1;

/** `signal` stops it between requests (each at most 2 s) with a CancelledError. */
export async function verifyLive(
  color: Color,
  probe: ColorProbe,
  policy: VerifyPolicy,
  clock: Clock,
  signal?: AbortSignal,
): Promise<Verification> {
  const started = clock.now();
  const seen = { blue: 0, green: 0, other: 0, failed: 0 };
  let streak = 0;
  let attempts = 0;
  let lastMismatch: string | undefined;
  const elapsed = (): number => clock.now() - started;
  for (;;) {
    // Read once: time moves on between a check and a use, and a request must never get a timeout of 0 or less.
    const remaining = policy.timeoutMs - elapsed();
    if (remaining <= 0 || streak >= policy.requests) break;
    throwIfCancelled(
      signal,
      `stopped verifying ${color} after ${countOf(attempts, 'request')} (${groupDigits(streak)} in a row from it)`,
    );
    const answer = await probe(Math.max(MIN_REQUEST_TIMEOUT_MS, Math.min(PER_REQUEST_TIMEOUT_MS, remaining)));
    attempts += 1;
    const origin = originOf(answer);
    seen[origin] += 1;
    if (origin === color) {
      streak += 1;
      continue;
    }
    streak = 0;
    lastMismatch = describeAnswer(answer);
    const left = policy.timeoutMs - elapsed();
    if (left > 0) await clock.sleep(Math.min(policy.retryDelayMs ?? 100, left));
  }
  const passed = streak >= policy.requests;
  return { color, passed, required: policy.requests, streak, attempts, seen, lastMismatch, elapsedMs: elapsed() };
}

/** "20 of 20 consecutive answers from green after 22 requests in 143 ms (seen: blue 2, green 20)". */
export function summariseVerification(v: Verification): string {
  const counts = Object.entries(v.seen)
    .filter(([, n]) => n > 0)
    .map(([origin, n]) => `${origin} ${groupDigits(n)}`)
    .join(', ');
  const answers = `${groupDigits(v.streak)} of ${countOf(v.required, 'consecutive answer')} from ${v.color}`;
  const head = `${answers} after ${countOf(v.attempts, 'request')} in ${humanDuration(v.elapsedMs)} (seen: ${counts || 'nothing'})`;
  return v.passed || !v.lastMismatch ? head : `${head}; last other answer: ${v.lastMismatch}`;
}

function originOf(answer: ColorAnswer): keyof Verification['seen'] {
  if (answer.error !== undefined || answer.status === undefined || answer.status >= 500) return 'failed';
  const claimed = answer.color?.trim().toLowerCase();
  return claimed === 'blue' || claimed === 'green' ? claimed : 'other';
}

function describeAnswer(answer: ColorAnswer): string {
  if (answer.error !== undefined) return answer.error;
  // The claimed value comes from the response: shown only when it is a plain short word.
  const claimed =
    answer.color === undefined
      ? 'no color'
      : /^[\w.-]{1,40}$/.test(answer.color)
        ? `'${answer.color}'`
        : 'an unreadable color';
  return `HTTP ${answer.status} with ${claimed}`;
}
