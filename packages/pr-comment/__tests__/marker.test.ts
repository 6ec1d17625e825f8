// The marker that makes a comment an action's own, per key, and the comment-key input's check.
import { describe, expect, it } from '@jest/globals';
import { isMarkedBy, parseCommentKey, stickyMarker } from '../src/marker.js';

describe('stickyMarker', () => {
  it('names the action, and the key when there is one', () => {
    expect(stickyMarker('security-scan', '')).toBe('<!-- actions-kit:security-scan -->');
    expect(stickyMarker('security-scan', 'backend')).toBe('<!-- actions-kit:security-scan key=backend -->');
  });
});

describe('parseCommentKey', () => {
  it.each(['', 'backend', 'api/v2', 'job_1.lint-x'])('accepts %p', (key) => {
    expect(parseCommentKey(key)).toBe(key);
  });

  it.each(['two words', 'x -->', '<b>', 'a\nb', 'x'.repeat(101)])(
    'refuses %p, naming the input and the form',
    (key) => {
      expect(() => parseCommentKey(key)).toThrow(/^comment-key: '.*' is not a comment key; use up to 100 letters/);
    },
  );
});

describe('isMarkedBy', () => {
  const marker = stickyMarker('security-scan', 'backend');

  it('is true for a body whose first line is the marker', () => {
    expect(isMarkedBy(`${marker}\n## Security scan`, marker)).toBe(true);
    expect(isMarkedBy(`${marker}\r\n## Security scan`, marker)).toBe(true);
  });

  it("is false for another key's marker, the key-less marker, a quoted marker and an empty body", () => {
    expect(isMarkedBy(`${stickyMarker('security-scan', 'frontend')}\nx`, marker)).toBe(false);
    expect(isMarkedBy(`${stickyMarker('security-scan', '')}\nx`, marker)).toBe(false);
    expect(isMarkedBy(`${stickyMarker('security-scan', 'backend-2')}\nx`, marker)).toBe(false);
    expect(isMarkedBy(`Look at this:\n${marker}`, marker)).toBe(false);
    expect(isMarkedBy(null, marker)).toBe(false);
    expect(isMarkedBy('', marker)).toBe(false);
  });
});
