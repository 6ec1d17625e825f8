// `pnpm action` argument parsing: what it accepts and how it explains what it refuses.
import { describe, expect, it } from '@jest/globals';
import { UsageError, eventNameFor, parseCliArguments } from '../src/cli-arguments.js';

describe('parseCliArguments', () => {
  it('reads the name and every option, in either --option value or --option=value form', () => {
    expect(
      parseCliArguments([
        'sample',
        '--input',
        'name=world',
        '--input=echo=a=b',
        '--event',
        'push.json',
        '--event-name=push',
        '--no-post',
        '--node',
        '20',
        '--summary-file',
        'out.md',
        '--timeout',
        '1.5',
      ]),
    ).toEqual({
      name: 'sample',
      inputs: { name: 'world', echo: 'a=b' },
      eventFile: 'push.json',
      eventName: 'push',
      post: false,
      node: '20',
      summaryFile: 'out.md',
      timeoutSeconds: 1.5,
    });
  });

  it('defaults to running post, and skips a bare -- separator', () => {
    expect(parseCliArguments(['--', 'sample'])).toMatchObject({ name: 'sample', post: true, inputs: {} });
  });

  it('asks for the usage text on --help', () => {
    expect(parseCliArguments(['sample', '--help'])).toBe('help');
  });

  it.each([
    [[], 'which action?'],
    [['a', 'b'], "one action at a time; got 'a', 'b'"],
    [['a', '--colour', 'red'], "unknown option '--colour'"],
    [['a', '--input'], '--input needs a value'],
    [['a', '--input', 'novalue'], "--input 'novalue': expected <key>=<value>"],
    [['a', '--input', '=x'], "--input '=x': expected <key>=<value>"],
    [['a', '--input', 'k=1', '--input', 'k=2'], '--input k is given twice'],
    [['a', '--node', '22'], "--node '22': expected 20 or 24"],
    [['a', '--timeout', '0'], "--timeout '0': expected a number of seconds greater than 0"],
    [['a', '--event-name', 'Push!'], "--event-name 'Push!'"],
  ])('refuses %j', (argv, message) => {
    expect(() => parseCliArguments(argv)).toThrow(UsageError);
    expect(() => parseCliArguments(argv)).toThrow(message);
  });
});

describe('eventNameFor', () => {
  it('takes --event-name first, else the file name when it is an event', () => {
    expect(eventNameFor('x.json', 'push')).toBe('push');
    expect(eventNameFor('fixtures/events/pull_request.json', undefined)).toBe('pull_request');
  });

  it('asks for --event-name when the file name is not an event', () => {
    expect(() => eventNameFor('fixtures/pr-42.json', undefined)).toThrow('add --event-name');
  });
});
