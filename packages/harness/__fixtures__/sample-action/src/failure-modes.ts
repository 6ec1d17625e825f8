// The failures the sample raises on request, one of each kind runAction reports differently.
import { ConfigurationError, UserError } from '@actions-kit/core';
import type { FailureMode } from './inputs.js';

export function failOnRequest(mode: FailureMode): void {
  switch (mode) {
    case 'none':
      return;
    case 'configuration':
      throw new ConfigurationError(
        "fail-with: 'configuration' asks for a configuration error; use 'none' to greet instead",
      );
    case 'user':
      throw new UserError("greeting refused, as fail-with: 'user' asks");
    case 'bug':
      // An unexpected error, as a bug would raise: runAction reports its message and sends its stack to debug.
      throw new TypeError("a bug on purpose (fail-with: 'bug'): cannot read the greeting");
  }
}
