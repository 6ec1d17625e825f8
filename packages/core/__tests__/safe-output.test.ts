import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  escapeData,
  escapeHtml,
  escapeMarkdown,
  escapeProperty,
  mayBeReadAsCommand,
  neutralizeMentions,
  printLine,
  printUntrusted,
} from '../src/safe-output.js';
import { type FakeRunner, fakeRunner, lines } from '@actions-kit/testkit';

const HOSTILE = ['::error::pwned', '%0A::add-mask::x', '</details><img src=x onerror=alert(1)>', '@org/team'];

/** How the runner reads a command's data or property back: the inverse of the escaping. */
function runnerDecode(text: string, property = false): string {
  let decoded = text.replace(/%0D/g, '\r').replace(/%0A/g, '\n');
  if (property) decoded = decoded.replace(/%3A/g, ':').replace(/%2C/g, ',');
  return decoded.replace(/%25/g, '%');
}

describe('printUntrusted', () => {
  let runner: FakeRunner;
  beforeEach(() => {
    runner = fakeRunner();
  });
  afterEach(() => runner.restore());

  it('wraps the text in stop-commands with a fresh token, so no line of it runs as a command', () => {
    const text = ['::error::pwned', '%0A::add-mask::x', '::add-mask::secret', 'plain'].join('\n');
    printUntrusted(text);
    const output = lines(runner.stdout());
    const token = /^::stop-commands::([0-9a-f-]{36})$/.exec(output[0] ?? '')?.[1];
    expect(token).toBeDefined();
    expect(output).toEqual([`::stop-commands::${token}`, ...text.split('\n'), `::${token}::`]);
  });

  it('uses a different token every call, so text cannot end the pause with a token it saw earlier', () => {
    printUntrusted('first');
    const seen = /::stop-commands::(\S+)/.exec(runner.stdout())?.[1] ?? '';
    printUntrusted(`::${seen}::\n::error::pwned`);
    const output = lines(runner.stdout());
    const second = /^::stop-commands::(\S+)$/.exec(output[3] ?? '')?.[1];
    expect(second).toBeDefined();
    expect(second).not.toBe(seen);
    // the replayed token is inside the pause; the pause ends only on the last line
    expect(output.slice(3)).toEqual([`::stop-commands::${second}`, `::${seen}::`, '::error::pwned', `::${second}::`]);
  });

  it('does not add a blank line when the text already ends with a newline', () => {
    printUntrusted('line\n');
    expect(lines(runner.stdout())).toHaveLength(3);
  });
});

describe('escapeData and escapeProperty', () => {
  it('escape %, CR and LF, and in properties also : and ,', () => {
    expect(escapeData('100% done\r\nnext')).toBe('100%25 done%0D%0Anext');
    expect(escapeProperty('src/a.ts: line 1, col 2%\n')).toBe('src/a.ts%3A line 1%2C col 2%25%0A');
  });

  it.each(HOSTILE)('round-trip %j through the runner decoding, and keep it on one line', (text) => {
    expect(runnerDecode(escapeData(text))).toBe(text);
    expect(runnerDecode(escapeProperty(text), true)).toBe(text);
    expect(escapeData(`x\n${text}`)).not.toMatch(/[\r\n]/);
    expect(escapeProperty(text)).not.toMatch(/[,:\r\n]/);
  });

  it('escape the % of an encoded newline, so %0A stays text', () => {
    expect(escapeData('%0A::add-mask::x')).toBe('%250A::add-mask::x');
    expect(escapeProperty('%0A::add-mask::x')).toBe('%250A%3A%3Aadd-mask%3A%3Ax');
  });
});

describe('escapeHtml', () => {
  it('turns markup into text and breaks mentions, leaving apostrophes as they are', () => {
    expect(escapeHtml('</details><img src=x onerror=alert(1)>')).toBe(
      '&lt;/details&gt;&lt;img src=x onerror=alert(1)&gt;',
    );
    expect(escapeHtml(`a & "b" 'c'`)).toBe(`a &amp; &quot;b&quot; 'c'`);
    expect(escapeHtml('ping @org/team')).toBe('ping @\u200borg/team');
  });
});

describe('neutralizeMentions', () => {
  it('breaks @user and @org/team wherever GitHub would link them, and leaves e-mail addresses alone', () => {
    expect(neutralizeMentions('@org/team and (@user), cc:@bob')).toBe(
      '@\u200borg/team and (@\u200buser), cc:@\u200bbob',
    );
    expect(neutralizeMentions('ops@example.com user_@x')).toBe('ops@example.com user_@x');
    expect(neutralizeMentions('@ alone, @-dash')).toBe('@ alone, @-dash');
  });
});

describe('escapeMarkdown', () => {
  it.each([
    ['a path and line', 'examples/vulnerable-python/app/commands.py:7'],
    ['a sentence', 'Failed: 2 open new findings at or above high (2 high).'],
    ['quotes', `Possible hardcoded password: 'hunter2' and "x"`],
    ['a version range', 'openssl < 3.0.2, fixed in >= 3.0.2 & later'],
    ['snake_case', 'hardcoded_password_string'],
    ['a Windows path', 'C:\\path\\to'],
    ['a time', '12:30:45'],
    ['an e-mail address', 'ops@example.com'],
  ])('leaves %s as it is: %j', (_what, text) => {
    expect(escapeMarkdown(text)).toBe(text);
  });

  it('escapes only the < of an HTML tag and the & of an entity reference, as entities that hold in HTML too', () => {
    expect(escapeMarkdown('</details><img src=x onerror=alert(1)>')).toBe(
      '&lt;/details>&lt;img src=x onerror=alert(1)>',
    );
    expect(escapeMarkdown('&amp; &#39; &#x27; & a&b')).toBe('&amp;amp; &amp;#39; &amp;#x27; & a&b');
    expect(escapeMarkdown('<!-- c --> <?php <![CDATA[ 1 <2')).toBe('&lt;!-- c --> &lt;?php &lt;!\\[CDATA\\[ 1 <2');
  });

  it('escapes paired syntax everywhere, as its other half may be in the text around it', () => {
    expect(escapeMarkdown('**bold** `code` [l](u) ~s~ $x$ a|b')).toBe(
      '\\*\\*bold\\*\\* \\`code\\` \\[l\\](u) \\~s\\~ \\$x\\$ a\\|b',
    );
    expect(escapeMarkdown('_it_ a_b _c d_ ü_é')).toBe('\\_it\\_ a_b \\_c d\\_ ü_é');
  });

  it('escapes what starts a block only at the start of a line', () => {
    expect(escapeMarkdown('# h\n> q\n- l\n+ l\n=\n  12. n\n3) n\nx - y # z 1. w')).toBe(
      '\\# h\n\\> q\n\\- l\n\\+ l\n\\=\n  12\\. n\n3\\) n\nx - y # z 1. w',
    );
    expect(escapeMarkdown('# not at the start', 'text', false)).toBe('# not at the start');
    expect(escapeMarkdown('- a\n- b', 'cell')).toBe('\\- a<br>- b');
    expect(escapeMarkdown('- a', 'cell', false)).toBe('- a');
  });

  it('escapes a backslash only where it would escape what follows or break the line', () => {
    expect(escapeMarkdown('a\\b a\\* a\\')).toBe('a\\b a\\\\\\* a\\\\');
    expect(escapeMarkdown('a\\\nb')).toBe('a\\\\\nb');
  });

  it('escapes the colon that opens an emoji shortcode', () => {
    expect(escapeMarkdown(':+1: :smile: ::error::pwned')).toBe('\\:+1: \\:smile: :\\:error::pwned');
  });

  it('keeps a table cell on one line', () => {
    expect(escapeMarkdown('one\r\ntwo\rthree\nfour | five', 'cell')).toBe('one<br>two<br>three<br>four \\| five');
  });

  it('breaks mentions', () => {
    expect(escapeMarkdown('@org/team, cc @bob_')).toBe('@\u200borg/team, cc @\u200bbob\\_');
  });
});

describe('mayBeReadAsCommand and printLine', () => {
  it.each([
    "HAProxy backend 'app' via ./admin.sock: blue: blue ready (up); green: green maint (up)",
    'plan: set server app/green state ready',
    'a :: in the middle is text',
  ])('a plain line is printed as it is: %j', (line) => {
    expect(mayBeReadAsCommand(line)).toBe(false);
    const runner = fakeRunner();
    try {
      printLine(line);
      expect(runner.stdout()).toBe(`${line}\n`);
    } finally {
      runner.restore();
    }
  });

  it.each([
    '::error::pwned',
    '   ::add-mask::x',
    'web1\n::error::pwned',
    'web1\r::warning::pwned',
    'evidence ##[error]pwned',
  ])('a line the runner could read as a command goes out with commands off: %j', (line) => {
    expect(mayBeReadAsCommand(line)).toBe(true);
    const runner = fakeRunner();
    try {
      printLine(line);
      expect(runner.stdout()).toMatch(/^::stop-commands::[\w-]+\n/);
    } finally {
      runner.restore();
    }
  });
});
