// The inputs of one ordinary message, for the tests to vary.
import type { MessageInputs } from '../../src/message.js';

export const baseInputs: MessageInputs = {
  event: 'succeeded',
  environment: 'production',
  service: 'app',
  version: '1.4.0',
  color: 'green',
  title: '',
  message: '',
  fields: [],
  run: { repository: 'acme/app', sha: 'c0ffee0011223344', url: 'https://github.com/acme/app/actions/runs/7' },
  time: Date.UTC(2026, 11, 4, 3, 0, 0),
};
