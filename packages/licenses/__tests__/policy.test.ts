// The license policy as a pure function: expressions in, verdicts out; and the allow/deny lists as users write them.
import { describe, expect, it } from '@jest/globals';
import { ConfigurationError } from '@actions-kit/core';
import { judge, parsePolicyList, type LicensePolicy } from '../src/policy.js';
import { toExpression } from '../src/spdx.js';

type Lists = Pick<LicensePolicy, 'allow' | 'deny'>;

const allow = (text: string): Lists => ({ allow: parsePolicyList('license-allow', text), deny: [] });
const deny = (text: string): Lists => ({ deny: parsePolicyList('license-deny', text) });

/** The rules a package with these licenses (all applying) gets: violated ids, then 'unknown:' names. */
function verdict(licenses: string[], policy: Lists): string[] {
  const { violations, unknown } = judge(licenses.map(toExpression), policy);
  return [...violations.map((term) => term.declared), ...unknown.map((name) => `unknown:${name}`)];
}

describe('allow-list: some choice of the expression uses allowed licenses only', () => {
  const policy = allow('MIT, Apache-2.0\nBSD-3-Clause');

  it.each([
    ['MIT', []],
    ['MIT OR GPL-3.0-only', []],
    ['GPL-3.0-only OR Apache-2.0', []],
    ['MIT AND Apache-2.0', []],
    ['(MIT OR GPL-3.0-only) AND BSD-3-Clause', []],
    ['GPL-3.0-only', ['GPL-3.0-only']],
    ['MIT AND GPL-3.0-only', ['GPL-3.0-only']],
    ['GPL-3.0-only OR AGPL-3.0-only', ['GPL-3.0-only']],
    ['mit or apache-2.0', []],
  ])('%s → %j', (expression, expected) => {
    expect(verdict([expression], policy)).toEqual(expected);
  });

  it('takes several entries of one package as all applying', () => {
    expect(verdict(['MIT', 'GPL-2.0-only'], policy)).toEqual(['GPL-2.0-only']);
  });

  it('allows a license with an exception when the license is allowed, but not an exception alone', () => {
    const gpl = allow('GPL-2.0-only');
    expect(verdict(['GPL-2.0-only WITH Classpath-exception-2.0'], gpl)).toEqual([]);
    const withException = allow('GPL-2.0-only WITH Classpath-exception-2.0');
    expect(verdict(['GPL-2.0-only WITH Classpath-exception-2.0'], withException)).toEqual([]);
    expect(verdict(['GPL-2.0-only'], withException)).toEqual(['GPL-2.0-only']);
  });

  it('reads "or later" as a choice of every later version', () => {
    expect(verdict(['GPL-2.0-or-later'], allow('GPL-3.0-only'))).toEqual([]);
    expect(verdict(['GPL-2.0+'], allow('GPL-3.0-only'))).toEqual([]);
    expect(verdict(['GPL-3.0-or-later'], allow('GPL-2.0-only'))).toEqual(['GPL-3.0-or-later']);
    expect(verdict(['LGPL-2.1-or-later'], allow('LGPL-2.1-or-later'))).toEqual([]);
  });
});

describe('deny-list: a denied license the package cannot avoid is a violation', () => {
  const policy = deny('GPL-3.0-only, AGPL-3.0-only');

  it.each([
    ['MIT', []],
    ['GPL-3.0-only', ['GPL-3.0-only']],
    ['MIT OR GPL-3.0-only', []],
    ['MIT AND GPL-3.0-only', ['GPL-3.0-only']],
    ['GPL-3.0-only OR AGPL-3.0-only', ['GPL-3.0-only']],
    ['GPL-3.0-only WITH GCC-exception-3.1', ['GPL-3.0-only WITH GCC-exception-3.1']],
    ['GPL-3.0-or-later', ['GPL-3.0-or-later']],
    ['GPL-2.0-or-later', []],
  ])('%s → %j', (expression, expected) => {
    expect(verdict([expression], policy)).toEqual(expected);
  });

  it('matches deprecated ids in their current form, in the policy and in packages', () => {
    expect(verdict(['GPL-3.0'], policy)).toEqual(['GPL-3.0-only']);
    expect(verdict(['LGPL-3.0'], deny('LGPL-3.0-only'))).toEqual(['LGPL-3.0-only']);
    expect(verdict(['LGPL-3.0-only'], deny('LGPL-3.0'))).toEqual(['LGPL-3.0-only']);
    expect(verdict(['GPL-2.0'], deny('GPL-2.0-only'))).toEqual(['GPL-2.0-only']);
    expect(verdict(['GPL-2.0-with-classpath-exception'], deny('GPL-2.0'))).toEqual([
      'GPL-2.0-only WITH Classpath-exception-2.0',
    ]);
  });

  it('keeps the license of an exception SPDX does not know (as Trivy writes Debian copyright files)', () => {
    const gpl2 = deny('GPL-2.0-only, GPL-3.0-only');
    expect(verdict(['GPL-2.0-or-later WITH distribution-exception'], gpl2)).toEqual([
      'GPL-2.0-or-later WITH distribution-exception',
    ]);
    expect(verdict(['GPL-2.0-or-later WITH distribution-exception'], deny('GPL-2.0-only'))).toEqual([]);
    expect(verdict(['GPL-2.0-only WITH autoconf-exception+'], gpl2)).toEqual(['GPL-2.0-only WITH autoconf-exception+']);
  });

  it('denies an or-later license only when every version it offers is denied', () => {
    expect(verdict(['GPL-2.0-or-later'], deny('GPL-2.0-only'))).toEqual([]);
    expect(verdict(['GPL-2.0-or-later'], deny('GPL-2.0-only, GPL-3.0-only'))).toEqual(['GPL-2.0-or-later']);
    expect(verdict(['GPL-2.0-only'], deny('GPL-2.0-or-later'))).toEqual(['GPL-2.0-only']);
  });

  it('names a license with an exception only when the entry names that exception', () => {
    const classpath = deny('GPL-2.0-only WITH Classpath-exception-2.0');
    expect(verdict(['GPL-2.0-only WITH Classpath-exception-2.0'], classpath)).toEqual([
      'GPL-2.0-only WITH Classpath-exception-2.0',
    ]);
    expect(verdict(['GPL-2.0-only'], classpath)).toEqual([]);
  });
});

describe('both lists: allowed and not denied', () => {
  it('lets the deny list win over the allow list', () => {
    const policy: Lists = {
      allow: parsePolicyList('license-allow', 'MIT, GPL-3.0-only').concat(),
      deny: deny('GPL-3.0-only').deny,
    };
    expect(verdict(['GPL-3.0-only'], policy)).toEqual(['GPL-3.0-only']);
    expect(verdict(['GPL-3.0-only OR MIT'], policy)).toEqual([]);
  });
});

describe('unknown licenses', () => {
  const policy = deny('GPL-3.0-only');

  it('reports a package with no license, and a name that is no SPDX id, as unknown', () => {
    expect(verdict([], policy)).toEqual(['unknown:']);
    expect(verdict(['My Own License'], policy)).toEqual(['unknown:My Own License']);
    expect(verdict(['BSD License'], policy)).toEqual(['unknown:BSD License']);
  });

  it('does not report an unknown license the package can avoid', () => {
    expect(verdict(['MIT OR LicenseRef-x'], allow('MIT'))).toEqual([]);
    expect(verdict(['MIT', 'My Own License'], policy)).toEqual(['unknown:My Own License']);
  });

  it('prefers an unknown choice to a violation, and reports both when both apply', () => {
    expect(judge([{ conjunction: 'or', left: toExpression('GPL-3.0-only'), right: { unknown: 'X' } }], policy)).toEqual(
      {
        violations: [],
        unknown: ['X'],
      },
    );
    expect(verdict(['GPL-3.0-only', 'My Own License'], policy)).toEqual(['GPL-3.0-only', 'unknown:My Own License']);
  });
});

describe('names and ids as inventories write them', () => {
  it.each([
    ['MIT License', 'MIT'],
    ['The Apache Software License, Version 2.0', 'Apache-2.0'],
    ['Apache License 2.0', 'Apache-2.0'],
    ['ASL 2.0', 'Apache-2.0'],
    ['Eclipse Public License - v 1.0', 'EPL-1.0'],
    ['EPL-1.0', 'EPL-1.0'],
    ['GNU General Public License v3.0 only', 'GPL-3.0-only'],
    ['GPL-2.0-only WITH autoconf-exception+', 'GPL-2.0-only WITH autoconf-exception+'],
    ['StandardML-NJ', 'SMLNJ'],
  ])('%s is %s', (name, id) => {
    const expression = toExpression(name);
    expect('term' in expression && expression.term.declared).toBe(id);
  });

  it.each([
    'GNU Lesser General Public License',
    'BSD licence',
    'GPL v2',
    'MPL 2.0 or EPL 1.0',
    'UNLICENSED',
    'public domain',
  ])('%s stays unknown: it leaves the license open', (name) => {
    expect(toExpression(name)).toEqual({ unknown: name });
  });
});

describe('parsePolicyList', () => {
  it('reads ids in any case, deprecated ones in their current form, and LicenseRefs', () => {
    expect(parsePolicyList('license-allow', 'mit\nApache-2.0, GPL-2.0,LicenseRef-Acme')).toEqual([
      { license: 'MIT' },
      { license: 'Apache-2.0' },
      { license: 'GPL-2.0-only' },
      { license: 'LicenseRef-Acme' },
    ]);
    expect(parsePolicyList('license-deny', 'GPL-2.0-only WITH Classpath-exception-2.0')).toEqual([
      { license: 'GPL-2.0-only', exception: 'Classpath-exception-2.0' },
    ]);
    expect(parsePolicyList('license-deny', 'GPL-2.0+')).toEqual([
      { license: 'GPL-2.0-only' },
      { license: 'GPL-3.0-only' },
    ]);
    expect(parsePolicyList('license-deny', '')).toEqual([]);
  });

  it.each([
    ['Apache 2.0', "license-allow: 'Apache 2.0' is not an SPDX license id; write its SPDX id, Apache-2.0"],
    ['Foo', "license-allow: 'Foo' is not an SPDX license id; use an SPDX license id"],
    [
      'MIT OR Apache-2.0',
      "license-allow: 'MIT OR Apache-2.0' is an expression, where one license per entry is expected",
    ],
  ])('refuses %s, naming the input, the value and the fix', (text, message) => {
    const attempt = () => parsePolicyList('license-allow', text);
    expect(attempt).toThrow(ConfigurationError);
    expect(attempt).toThrow(message);
  });
});
