// Waits for the `wait` input while logging the cancellation signals it receives, so tests can watch the runner's
// SIGINT, then SIGTERM, arrive in order.
import { info } from '@actions-kit/core';

export type WaitEnd = 'elapsed' | 'terminated';

/** Resolves after `ms`, or as soon as SIGTERM arrives; SIGINT is logged and waited through. */
export function waitUnlessTerminated(ms: number): Promise<WaitEnd> {
  return new Promise((resolve) => {
    const onSigint = (): void => info('sample: received SIGINT; still waiting, as the runner sends SIGTERM next');
    const onSigterm = (): void => {
      info('sample: received SIGTERM; stopping');
      finish('terminated');
    };
    const timer = setTimeout(() => finish('elapsed'), ms);
    function finish(end: WaitEnd): void {
      clearTimeout(timer);
      process.off('SIGINT', onSigint);
      process.off('SIGTERM', onSigterm);
      resolve(end);
    }
    process.on('SIGINT', onSigint);
    process.on('SIGTERM', onSigterm);
  });
}
