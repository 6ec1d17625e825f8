import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { EventEmitter } from 'node:events';
import type { ProcessLike } from '../src/run-action.js';
import { ConfigurationError, UserError } from '../src/errors.js';
import { runAction } from '../src/run-action.js';
import { type FakeRunner, fakeRunner, lines } from '@actions-kit/testkit';

/** Stands in for `process`: records exit codes and lets a test emit unhandledRejection / uncaughtException. */
class FakeProcess extends EventEmitter implements ProcessLike {
  exitCode: number | string | null | undefined = undefined;
}

let runner: FakeRunner;
let host: FakeProcess;
beforeEach(() => {
  runner = fakeRunner();
  host = new FakeProcess();
});
afterEach(() => runner.restore());

describe('runAction', () => {
  it('runs main and leaves the exit code unset on success', async () => {
    let ran = false;
    await runAction(
      {
        name: 'sample',
        main: async () => {
          ran = true;
        },
      },
      host,
    );
    expect(ran).toBe(true);
    expect(host.exitCode).toBeUndefined();
    expect(runner.stdout()).toBe('');
  });

  it.each([
    ['ConfigurationError', new ConfigurationError("timeout: '5 minutes' is not a duration")],
    ['UserError', new UserError('gate failed: coverage 71% < 80%')],
  ])('reports a %s as one error line without a stack, and exit code 1', async (_kind, failure) => {
    await runAction({ name: 'sample', main: () => Promise.reject(failure) }, host);
    expect(host.exitCode).toBe(1);
    // % in the message is escaped as the runner decodes it
    expect(lines(runner.stdout())).toEqual([`::error::sample: ${failure.message.replace(/%/g, '%25')}`]);
  });

  it('reports any other error by its message, with the stack at debug level only', async () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'length')");
    await runAction({ name: 'sample', main: () => Promise.reject(bug) }, host);
    expect(host.exitCode).toBe(1);
    const [errorLine, debugLine, ...rest] = lines(runner.stdout());
    expect(errorLine).toBe("::error::sample: Cannot read properties of undefined (reading 'length')");
    expect(errorLine).not.toContain(' at ');
    expect(debugLine).toMatch(/^::debug::TypeError: Cannot read properties.*%0A {4}at /);
    expect(rest).toEqual([]);
  });

  it('includes the causes of a bug in the debug stack', async () => {
    const cause = new Error('connect ECONNREFUSED 127.0.0.1:8080');
    await runAction({ name: 'sample', main: () => Promise.reject(new Error('probe failed', { cause })) }, host);
    expect(runner.stdout()).toMatch(/::debug::Error: probe failed%0A.*%0ACaused by: Error: connect ECONNREFUSED/);
  });

  it('reports thrown non-errors readably', async () => {
    await runAction({ name: 'sample', main: () => Promise.reject({ code: 42 }) }, host);
    expect(lines(runner.stdout())[0]).toBe('::error::sample: { code: 42 }');
  });

  it('catches unhandled rejections and uncaught exceptions, also after main has returned', async () => {
    await runAction({ name: 'sample', main: async () => undefined }, host);
    expect(host.exitCode).toBeUndefined();
    host.emit('unhandledRejection', new UserError('late failure'));
    host.emit('uncaughtException', new RangeError('bad index'));
    expect(host.exitCode).toBe(1);
    const output = lines(runner.stdout());
    expect(output[0]).toBe('::error::sample: late failure');
    expect(output[1]).toBe('::error::sample: bad index');
    expect(output[2]).toMatch(/^::debug::RangeError: bad index%0A/);
  });

  describe('with a post step', () => {
    it('main saves isPost=true in the state file before running', async () => {
      let stateDuringMain = '';
      await runAction(
        {
          name: 'sample',
          main: async () => {
            stateDuringMain = runner.file('STATE');
          },
          post: async () => {
            throw new Error('post must not run in main');
          },
        },
        host,
      );
      expect(stateDuringMain).toMatch(/^isPost<<ghadelimiter_[0-9a-f-]+\ntrue\nghadelimiter_[0-9a-f-]+\n$/);
      expect(host.exitCode).toBeUndefined();
    });

    it('the post invocation (STATE_isPost=true) runs post, not main, and reports its failures', async () => {
      process.env['STATE_isPost'] = 'true';
      const ran: string[] = [];
      await runAction(
        {
          name: 'sample',
          main: async () => {
            ran.push('main');
          },
          post: async () => {
            ran.push('post');
            throw new UserError('cleanup failed: pid file missing');
          },
        },
        host,
      );
      expect(ran).toEqual(['post']);
      expect(host.exitCode).toBe(1);
      expect(lines(runner.stdout())).toEqual(['::error::sample: cleanup failed: pid file missing']);
      expect(runner.file('STATE')).toBe('');
    });

    it('without post, main runs even when STATE_isPost is set', async () => {
      process.env['STATE_isPost'] = 'true';
      let ran = false;
      await runAction(
        {
          name: 'sample',
          main: async () => {
            ran = true;
          },
        },
        host,
      );
      expect(ran).toBe(true);
    });
  });
});
