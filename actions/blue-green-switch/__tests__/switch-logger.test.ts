// Which of the switch's progress lines the runner could read as a workflow command, and so go out guarded.
import { describe, expect, it } from '@jest/globals';
import { mayBeReadAsCommand } from '../src/switch-logger.js';

describe('mayBeReadAsCommand', () => {
  it.each([
    "HAProxy backend 'app' via ./admin.sock: blue: blue ready (up); green: green maint (up)",
    'plan: set server app/green state ready',
    'a :: in the middle is text',
  ])('is false for a plain line: %j', (line) => {
    expect(mayBeReadAsCommand(line)).toBe(false);
  });

  it.each([
    '::error::pwned',
    '   ::add-mask::x',
    'web1\n::error::pwned',
    'web1\r::warning::pwned',
    'evidence ##[error]pwned',
  ])('is true for %j', (line) => {
    expect(mayBeReadAsCommand(line)).toBe(true);
  });
});
