// The error a user sees from this package: its message names the thing, the value and the fix; text that came from
// outside (command output, HTTP bodies) travels beside it as data, for the caller to print guarded.
export class TrafficError extends Error {
  override readonly name = 'TrafficError';

  constructor(
    message: string,
    /** Output of a proxy command or body of a proxy response, untrusted: never print it unguarded. */
    readonly untrustedOutput?: string,
  ) {
    super(message);
  }
}

/** Node's system error code (ENOENT, ECONNREFUSED...) of an unknown thrown value, if it has one. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
