// How the harness reads workflow commands, checked against what GitHub's runner does with the same lines.
import { describe, expect, it } from '@jest/globals';
import { parseWorkflowCommands, unescapeData, unescapeProperty } from '../src/workflow-commands.js';

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

describe('annotations', () => {
  it('reads error, warning and notice with their properties', () => {
    const record = parseWorkflowCommands(
      lines(
        '::error file=src/a.ts,line=3,endLine=4,col=5,endColumn=9,title=Bad thing::it broke',
        '::warning::careful',
        '::notice title=FYI::all good',
      ),
    );
    expect(record.annotations).toEqual([
      {
        level: 'error',
        message: 'it broke',
        properties: { file: 'src/a.ts', line: '3', endLine: '4', col: '5', endColumn: '9', title: 'Bad thing' },
      },
      { level: 'warning', message: 'careful', properties: {} },
      { level: 'notice', message: 'all good', properties: { title: 'FYI' } },
    ]);
  });

  it('unescapes %25 %0D %0A in the message but leaves %3A and %2C, which only properties decode', () => {
    const record = parseWorkflowCommands(lines('::error::100%25 done%0D%0Anext line %3A %2C'));
    expect(record.annotations[0]!.message).toBe('100% done\r\nnext line %3A %2C');
  });

  it('unescapes %25 %0D %0A %3A %2C in property values', () => {
    const record = parseWorkflowCommands(lines('::error title=a%3Ab%2Cc%25d%0Ae::m'));
    expect(record.annotations[0]!.properties).toEqual({ title: 'a:b,c%d\ne' });
  });

  it('decodes %25 last, as the runner does, so an escaped percent sign never becomes a newline', () => {
    expect(unescapeData('%250A')).toBe('%0A');
    expect(unescapeProperty('%253A')).toBe('%3A');
  });

  it('treats property names case-insensitively and keeps the documented spelling', () => {
    const record = parseWorkflowCommands(lines('::warning FILE=a.ts,EndLine=2::m'));
    expect(record.annotations[0]!.properties).toEqual({ file: 'a.ts', endLine: '2' });
  });

  it('ignores a property without a name or a value, as the runner splits them', () => {
    const record = parseWorkflowCommands(lines('::warning =x,title=,file==a.ts,,line=1=2::m'));
    expect(record.annotations[0]!.properties).toEqual({ file: 'a.ts', line: '1=2' });
  });

  it('accepts leading whitespace and any case in the command name', () => {
    const record = parseWorkflowCommands(lines('   ::ERROR::shouting'));
    expect(record.annotations).toEqual([{ level: 'error', message: 'shouting', properties: {} }]);
  });

  it('reads the legacy ##[command] form anywhere in a line', () => {
    const record = parseWorkflowCommands(lines('prefix ##[warning file=a.ts;line=2]legacy%5D'));
    expect(record.annotations).toEqual([
      { level: 'warning', message: 'legacy]', properties: { file: 'a.ts', line: '2' } },
    ]);
  });
});

describe('what is not a command', () => {
  it('leaves unregistered names, text before ::, and a missing closing :: as plain output', () => {
    const record = parseWorkflowCommands(lines('::unknown::x', 'say ::error::x', '::error x'));
    expect(record.annotations).toEqual([]);
    expect(record.log).toEqual(['::unknown::x', 'say ::error::x', '::error x']);
  });

  it('splits lines at a lone carriage return, as the runner reads output', () => {
    const record = parseWorkflowCommands('progress 50%\r::error::after a carriage return\n');
    expect(record.annotations.map((a) => a.message)).toEqual(['after a carriage return']);
  });
});

describe('masks, debug, groups', () => {
  it('records masks and hides them in later annotations and debug lines', () => {
    const record = parseWorkflowCommands(
      lines('::error::before s3cret', '::add-mask::s3cret', '::error::after s3cret', '::debug::s3cret here'),
    );
    expect(record.masks).toEqual(['s3cret']);
    expect(record.annotations.map((a) => a.message)).toEqual(['before s3cret', 'after ***']);
    expect(record.debug).toEqual(['*** here']);
  });

  it('masks with secrets known from earlier steps without listing them again', () => {
    const record = parseWorkflowCommands(lines('::warning::token abc123'), { knownMasks: ['abc123'] });
    expect(record.masks).toEqual([]);
    expect(record.annotations[0]!.message).toBe('token ***');
  });

  it('warns about an empty mask, as the runner does', () => {
    const record = parseWorkflowCommands(lines('::add-mask::  '));
    expect(record.masks).toEqual([]);
    expect(record.annotations).toEqual([
      { level: 'warning', message: "Can't add secret mask for empty string in ##[add-mask] command.", properties: {} },
    ]);
  });

  it('records debug lines and group names', () => {
    const record = parseWorkflowCommands(lines('::group::Install', '::debug::detail', '::endgroup::'));
    expect(record.groups).toEqual(['Install']);
    expect(record.debug).toEqual(['detail']);
    expect(record.log).toEqual(['##[group]Install', '##[debug]detail', '##[endgroup]']);
  });
});

describe('deprecated and disabled commands', () => {
  it('records set-output and save-state with the runner deprecation warning', () => {
    const record = parseWorkflowCommands(lines('::set-output name=result::42', '::save-state name=pid::7'));
    expect(record.outputsFromCommands).toEqual({ result: '42' });
    expect(record.stateFromCommands).toEqual({ pid: '7' });
    expect(record.annotations.map((a) => a.message)).toEqual([
      expect.stringContaining('The `set-output` command is deprecated'),
      expect.stringContaining('The `save-state` command is deprecated'),
    ]);
    expect(record.failed).toBe(false);
  });

  it('fails the step for set-output without a name', () => {
    const record = parseWorkflowCommands(lines('::set-output::42'));
    expect(record.failed).toBe(true);
    expect(record.annotations.filter((a) => a.level === 'error').map((a) => a.message)).toEqual([
      "Unable to process command '::set-output::42' successfully.",
      "Required field 'name' is missing in ##[set-output] command.",
    ]);
  });

  it('fails the step for set-env and add-path, which the runner disables', () => {
    const record = parseWorkflowCommands(lines('::set-env name=A::1', '::add-path::/x'));
    expect(record.failed).toBe(true);
    expect(record.annotations.map((a) => a.message)).toEqual([
      "Unable to process command '::set-env name=A::1' successfully.",
      expect.stringMatching(/^The `set-env` command is disabled\. Please upgrade to using Environment Files/),
      "Unable to process command '::add-path::/x' successfully.",
      expect.stringMatching(/^The `add-path` command is disabled\./),
    ]);
  });
});

describe('stop-commands', () => {
  const messages = (stdout: string): string[] => parseWorkflowCommands(stdout).annotations.map((a) => a.message);

  it('turns every command off until the token, then back on', () => {
    const stdout = lines(
      '::stop-commands::t0ken-1',
      '::error::pwned',
      '::add-mask::x',
      '::set-output name=a::b',
      '##[error]legacy pwned',
      '::t0ken-1::',
      '::error::real',
    );
    const record = parseWorkflowCommands(stdout);
    expect(record.annotations.map((a) => a.message)).toEqual(['real']);
    expect(record.masks).toEqual([]);
    expect(record.outputsFromCommands).toEqual({});
    expect(record.log).toContain('::error::pwned');
  });

  it('does not resume on a wrong token', () => {
    expect(messages(lines('::stop-commands::right', '::wrong::', '::error::still off'))).toEqual([]);
  });

  it('does not resume on the token without its closing ::', () => {
    expect(messages(lines('::stop-commands::right', '::right', '::error::still off'))).toEqual([]);
  });

  it('makes a token plain text again once it has been used', () => {
    const stdout = lines('::stop-commands::once', '::once::', '::once::', '::error::on');
    const record = parseWorkflowCommands(stdout);
    expect(record.annotations.map((a) => a.message)).toEqual(['on']);
    expect(record.log.filter((line) => line === '::once::')).toHaveLength(2);
  });

  it('resumes on a line naming the token whatever follows it: the runner compares only the command name', () => {
    // Not only the bare `::token::` line: `::token::text` and `::token a=b::` resume too, case-insensitively.
    expect(messages(lines('::stop-commands::tok', '::tok::text after', '::error::on'))).toEqual(['on']);
    expect(messages(lines('::stop-commands::tok', '::tok a=b::', '::error::on'))).toEqual(['on']);
    expect(messages(lines('::stop-commands::tok', '  ::TOK::', '::error::on'))).toEqual(['on']);
  });

  it('ignores a nested stop-commands: its token resumes nothing, the first token still does', () => {
    const stdout = lines(
      '::stop-commands::outer',
      '::stop-commands::inner',
      '::inner::',
      '::error::still off',
      '::outer::',
      '::error::on',
    );
    expect(messages(stdout)).toEqual(['on']);
  });

  it('never resumes when the token contains a space, since a command name ends at the first space', () => {
    expect(messages(lines('::stop-commands::two words', '::two words::', '::error::off'))).toEqual([]);
  });

  it.each(['', 'pause-logging', 'error', 'Warning', 'stop-commands'])(
    'refuses the guessable token %j: an error, a failed step, commands left on',
    (token) => {
      const record = parseWorkflowCommands(lines(`::stop-commands::${token}`, '::error::still on'));
      expect(record.failed).toBe(true);
      expect(record.annotations.map((a) => a.message)).toEqual([
        expect.stringContaining('You cannot use a endToken that is an empty string'),
        'still on',
      ]);
    },
  );
});
