// What a wrk run measured, read from the report it prints when its time is up or on SIGINT: shared by the
// zero-downtime benchmark and the act tier's blue-green test, which both count failed requests through a proxy.

export interface WrkFigures {
  requests: number;
  perSecond: number;
  /** Socket errors (connect, read, write, timeout) plus answers that were not 2xx or 3xx. */
  failed: number;
  /** The failures by kind, or '-' when there were none. */
  failures: string;
}

export function wrkFigures(output: string): WrkFigures {
  const number = (pattern: RegExp): number => Number(pattern.exec(output)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const [connect, read, write, timeout] = (socket?.slice(1) ?? ['0', '0', '0', '0']).map(Number);
  const non2xx = number(/Non-2xx or 3xx responses: (\d+)/);
  const failed = (connect ?? 0) + (read ?? 0) + (write ?? 0) + (timeout ?? 0) + non2xx;
  if (!/\d+ requests in/.test(output)) throw new Error(`wrk printed no report:\n${output}`);
  return {
    requests: number(/(\d+) requests in/),
    perSecond: Math.round(number(/Requests\/sec:\s+([\d.]+)/)),
    failed,
    failures:
      failed === 0 ? '-' : `connect ${connect}, read ${read}, write ${write}, timeout ${timeout}, non-2xx ${non2xx}`,
  };
}
