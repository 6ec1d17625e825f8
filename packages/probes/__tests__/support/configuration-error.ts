// The message of the ConfigurationError a parser throws, so tests compare what the user reads.
import { expect } from '@jest/globals';
import { ConfigurationError } from '@actions-kit/core';

export function configurationError(parse: () => unknown): string {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigurationError, but the value was accepted');
}

export async function configurationErrorAsync(parse: () => Promise<unknown>): Promise<string> {
  const error: unknown = await parse().then(
    () => new Error('expected a ConfigurationError, but the value was accepted'),
    (rejected: unknown) => rejected,
  );
  expect(error).toBeInstanceOf(ConfigurationError);
  return (error as Error).message;
}
