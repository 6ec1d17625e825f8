// How the harness reads GITHUB_OUTPUT, GITHUB_STATE, GITHUB_ENV and GITHUB_PATH, checked against the runner's rules.
import { describe, expect, it } from '@jest/globals';
import { FileCommandFormatError, parseFileCommands, parsePathFile } from '../src/file-commands.js';

function formatError(text: string): FileCommandFormatError {
  try {
    parseFileCommands(text);
  } catch (error) {
    if (error instanceof FileCommandFormatError) return error;
    throw error;
  }
  throw new Error('expected a FileCommandFormatError');
}

describe('parseFileCommands', () => {
  it('reads name=value lines, splitting at the first =, skipping empty lines', () => {
    expect(parseFileCommands('a=1\n\nb=x=y\nc=\n')).toEqual([
      { name: 'a', value: '1' },
      { name: 'b', value: 'x=y' },
      { name: 'c', value: '' },
    ]);
  });

  it('reads a heredoc value across lines, without the newline before the delimiter', () => {
    const text = 'message<<ghadelimiter_1\nline one\n\nline three\nghadelimiter_1\nnext=2\n';
    expect(parseFileCommands(text)).toEqual([
      { name: 'message', value: 'line one\n\nline three' },
      { name: 'next', value: '2' },
    ]);
  });

  it('reads an empty heredoc value, and a delimiter at the very end without a newline', () => {
    expect(parseFileCommands('empty<<EOF\nEOF')).toEqual([{ name: 'empty', value: '' }]);
  });

  it('lets whichever of = and << comes first decide the form', () => {
    expect(parseFileCommands('a=b<<c\n')).toEqual([{ name: 'a', value: 'b<<c' }]);
    expect(parseFileCommands('a<<EOF\nx=1\nEOF\n')).toEqual([{ name: 'a', value: 'x=1' }]);
  });

  it('ends a heredoc only on a line that is exactly the delimiter', () => {
    const text = 'v<<EOF\n EOF\nEOF \nEOF\r\nEOF\n';
    expect(parseFileCommands(text)).toEqual([{ name: 'v', value: ' EOF\nEOF \nEOF\r' }]);
  });

  it('keeps a carriage return, as the runner does on Linux, where only \\n ends a line', () => {
    expect(parseFileCommands('a=1\r\n')).toEqual([{ name: 'a', value: '1\r' }]);
  });

  it('accepts an empty name before =, as the runner does', () => {
    expect(parseFileCommands('=value\n')).toEqual([{ name: '', value: 'value' }]);
  });

  it('fails on a missing closing delimiter, keeping the entries read before it', () => {
    const error = formatError('first=1\nbody<<EOF\nno end in sight\n');
    expect(error.message).toBe("Invalid value. Matching delimiter not found 'EOF'");
    expect(error.entriesBeforeError).toEqual([{ name: 'first', value: '1' }]);
  });

  it('fails when the last value line has no newline and is not the delimiter', () => {
    expect(formatError('body<<EOF\nno end').message).toBe('Invalid value. EOF marker missing new line.');
  });

  it('fails on a heredoc without a name or a delimiter', () => {
    expect(formatError('<<EOF\nx\nEOF\n').message).toBe(
      "Invalid format '<<EOF'. Name must not be empty and delimiter must not be empty",
    );
    expect(formatError('name<<\n').message).toBe(
      "Invalid format 'name<<'. Name must not be empty and delimiter must not be empty",
    );
  });

  it('fails on a line that is neither form', () => {
    expect(formatError('just words\n').message).toBe("Invalid format 'just words'");
  });
});

describe('parsePathFile', () => {
  it('reads one directory a line, skipping empty lines, a repeated one moving to the end', () => {
    expect(parsePathFile('/a\n\n/b\r\n/a\n')).toEqual(['/b', '/a']);
  });
});
