// The proof that a destination is one file: a sender written here, only because it is in the list readDestinations
// is given, is turned on by its input, has its URL checked and masked, its required input asked for, and is sent to.
import { describe, expect, it } from '@jest/globals';
import { buildMessage, sendAll, type SenderDescriptor } from '@actions-kit/notify';
import { lines, ManualClock } from '@actions-kit/testkit';
import { readDestinations } from '../src/inputs.js';
import { restoreRunnerAfterEach, withInputs } from './support/with-inputs.js';

restoreRunnerAfterEach();

const sent: string[] = [];
const pagerSender: SenderDescriptor<{ url: URL; key: string }> = {
  name: 'pager',
  triggers: ['pager-url'],
  inputs: [
    { name: 'pager-url', kind: 'url', hint: 'the pager endpoint' },
    { name: 'pager-key', kind: 'secret', hint: 'the routing key' },
  ],
  required: ['pager-key'],
  settings: (values) => ({ url: values.url('pager-url')!, key: values.text('pager-key') }),
  create: ({ url }) => ({
    send: async (message) => {
      sent.push(`${url.host}: ${message.title}`);
      return { detail: 'paged' };
    },
  }),
};

describe('a sender in one file', () => {
  it('is off without its input, on with it, masked, and sent to', async () => {
    withInputs({});
    expect(readDestinations([pagerSender])).toEqual([]);

    const runner = withInputs({ 'pager-url': 'https://pager.example/v2', 'pager-key': 'rk-1' });
    const destinations = readDestinations([pagerSender]);
    expect(lines(runner.stdout())).toEqual(['::add-mask::https://pager.example/v2', '::add-mask::rk-1']);
    const message = buildMessage({
      event: 'failed',
      environment: 'production',
      service: 'app',
      version: '2',
      color: '',
      title: '',
      message: '',
      fields: [],
      run: {},
      time: 0,
    });
    const deliveries = await sendAll(destinations, message, {
      http: { send: () => Promise.reject(new Error('unused')) },
      clock: new ManualClock(),
      deadline: 1_000,
    });
    expect(deliveries).toEqual([{ destination: 'pager', ok: true, detail: 'paged', outputs: {} }]);
    expect(sent).toEqual(['pager.example: app 2 to production: failed']);
  });

  it('asks for its required input and refuses a URL that is not one, naming the input', () => {
    withInputs({ 'pager-url': 'https://pager.example/v2' });
    expect(() => readDestinations([pagerSender])).toThrow(
      'pager-key: empty, but pager-url is set; set pager-key to the routing key',
    );
    withInputs({ 'pager-url': 'pager.example', 'pager-key': 'rk-1' });
    expect(() => readDestinations([pagerSender])).toThrow(
      'pager-url: a value of 13 characters is not an http(s) URL; set it to the pager endpoint',
    );
  });
});
