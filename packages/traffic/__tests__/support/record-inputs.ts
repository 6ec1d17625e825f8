// An InputSource over a plain record of input values, as the runner would pass them, for the tests that read
// provider inputs without an action; the action's own source is @actions-kit/core's typed getters.
import { quoteValue } from '@actions-kit/core';
import { TrafficError } from '../../src/errors.js';
import type { DurationBounds, InputSource } from '../../src/provider-inputs.js';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

export function recordInputs(inputs: Record<string, string>): InputSource {
  const text = (name: string): string => (inputs[name] ?? '').trim();
  const milliseconds = (written: string, name: string): number => {
    const match = /^(\d+)(ms|s|m|h)$/.exec(written);
    if (!match) throw new TrafficError(`${name}: ${quoteValue(written)} is not a duration`);
    return Number(match[1]) * (UNIT_MS[match[2] ?? ''] ?? 0);
  };
  return {
    text,
    list: (name) =>
      text(name)
        .split(/[,\n]/)
        .map((item) => item.trim())
        .filter(Boolean),
    duration: (name: string, bounds: DurationBounds) => {
      const value = milliseconds(text(name) || bounds.default, name);
      if (bounds.max !== undefined && value > milliseconds(bounds.max, name)) {
        throw new TrafficError(`${name}: ${quoteValue(text(name))} is more than the maximum of ${bounds.max}`);
      }
      return value;
    },
    choice: <T extends string>(name: string, values: readonly T[], fallback?: T): T => {
      const given = text(name);
      if (given === '' && fallback !== undefined) return fallback;
      const accepted = values.find((value) => value === given);
      if (accepted === undefined) {
        throw new TrafficError(`${name}: ${quoteValue(given)} is not one of ${values.join(', ')}`);
      }
      return accepted;
    },
    quote: quoteValue,
  };
}
