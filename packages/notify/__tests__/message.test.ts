import { describe, expect, it } from '@jest/globals';
import { buildMessage, defaultTitle, messageLines, parseFields, parseInline } from '../src/message.js';
import { baseInputs } from './support/message-inputs.js';

describe('the message model', () => {
  it('makes a title from what is known, and keeps a given one', () => {
    expect(buildMessage(baseInputs).title).toBe('app 1.4.0 to production (green): succeeded');
    expect(defaultTitle({ ...baseInputs, event: 'rolled-back', color: '', version: '' })).toBe(
      'app to production: rolled back',
    );
    expect(defaultTitle({ event: 'smoke-tested', environment: '', service: '', version: '', color: '' })).toBe(
      'Deploy: smoke-tested',
    );
    expect(buildMessage({ ...baseInputs, title: 'Release 7' }).title).toBe('Release 7');
  });

  it('gives each event its outcome, a custom word a neutral one', () => {
    const outcome = (event: string): string => buildMessage({ ...baseInputs, event }).outcome;
    expect(
      ['started', 'succeeded', 'failed', 'rolled-back', 'approval-needed', 'cancelled', 'smoke'].map(outcome),
    ).toEqual(['running', 'success', 'failure', 'failure', 'waiting', 'neutral', 'neutral']);
  });

  it('reads the Markdown subset into segments and leaves everything else as text', () => {
    expect(parseInline('Deployed **1.4.0** with `--fast`, see [the run](https://ci.example/7) <b>x</b> *y*')).toEqual([
      { kind: 'text', text: 'Deployed ' },
      { kind: 'bold', text: '1.4.0' },
      { kind: 'text', text: ' with ' },
      { kind: 'code', text: '--fast' },
      { kind: 'text', text: ', see ' },
      { kind: 'link', text: 'the run', url: 'https://ci.example/7' },
      { kind: 'text', text: ' <b>x</b> *y*' },
    ]);
    expect(parseInline('[click](javascript:alert(1))')).toEqual([
      { kind: 'text', text: '[click](javascript:alert(1))' },
    ]);
  });

  it('reads Name: value lines, a line without a name as a bare value', () => {
    expect(parseFields(['Commit: fix: the login (#12)', 'no name here', ': leading colon'])).toEqual([
      { name: 'Commit', value: 'fix: the login (#12)' },
      { name: '', value: 'no name here' },
      { name: '', value: ': leading colon' },
    ]);
  });

  it('lists every line of the message for a one-body destination', () => {
    const message = buildMessage({
      ...baseInputs,
      message: 'See [run](https://ci.example/7)',
      fields: [{ name: 'By', value: 'ana' }],
      details: { source: 'health-check', headline: 'unhealthy', reason: '5xx', figures: [] },
    });
    expect(messageLines(message)).toEqual([
      'app 1.4.0 to production (green): succeeded',
      'See run (https://ci.example/7)',
      'health-check: unhealthy',
      'Reason: 5xx',
      'By: ana',
    ]);
  });
});
