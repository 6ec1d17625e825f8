// The license policy, pure: which licenses are allowed or denied, and what a package's license expression makes of
// them. A package passes when some choice its expression offers uses only acceptable licenses.
import { ConfigurationError, parseList, quoteValue } from '@actions-kit/core';
import type { Severity } from '@actions-kit/findings';
import { idForName, isKnownLicense, parseExpression, type LicenseExpression, type LicenseTerm } from './spdx.js';

/** One entry of license-allow or license-deny: a license id, and the exception it is limited to, if any. */
export interface PolicyEntry {
  license: string;
  exception?: string;
}

export interface LicensePolicy {
  /** When given, every license a package uses must be one of these. */
  allow?: PolicyEntry[];
  /** A license listed here is never acceptable, even when license-allow lists it too. */
  deny: PolicyEntry[];
  /** The severity of a package that breaks the policy. */
  severity: Severity;
  /** The severity of a package whose license is not known (none given, or a name that is no SPDX id). */
  unknownSeverity: Severity;
}

/** What the policy makes of one package's licenses. */
export interface LicenseVerdict {
  /** The licenses the package cannot avoid that the policy does not accept; empty when it passes. */
  violations: LicenseTerm[];
  /** Licenses left undecided because they are not known, on the package's best choice; empty when none. */
  unknown: string[];
}

/**
 * Reads license-allow or license-deny: SPDX ids (any letter case; deprecated ids in their current form; `X WITH
 * exception` to name only that combination), newline or comma separated. Anything else is a ConfigurationError
 * naming the input, the value and the fix.
 */
export function parsePolicyList(input: 'license-allow' | 'license-deny', text: string): PolicyEntry[] {
  return parseList(text).flatMap((written) => entriesOf(input, written));
}

function entriesOf(input: string, written: string): PolicyEntry[] {
  // Ids only: a policy is written once, by someone who can look the id up, so names are not guessed here.
  const expression = parseExpression(written) ?? { unknown: written };
  const entries = alternatives(expression);
  if (entries && entries.every((entry) => isKnownLicense(entry.license))) {
    return entries.map(({ license, exception }) => ({ license, ...(exception && { exception }) }));
  }
  const suggestion = idForName(written);
  const fix = suggestion
    ? `write its SPDX id, ${suggestion}`
    : 'use an SPDX license id (see https://spdx.org/licenses/), e.g. MIT, Apache-2.0, GPL-3.0-only, or a LicenseRef-…';
  const what =
    'conjunction' in expression ? 'an expression, where one license per entry is expected' : 'not an SPDX license id';
  throw new ConfigurationError(`${input}: ${quoteValue(written)} is ${what}; ${fix}`);
}

/** The terms of a single license (several for "GPL-2.0-or-later", which stands for each version); else undefined. */
function alternatives(expression: LicenseExpression): LicenseTerm[] | undefined {
  if ('term' in expression) return [expression.term];
  if ('unknown' in expression) return undefined;
  if (expression.conjunction === 'and') return undefined;
  const left = alternatives(expression.left);
  const right = alternatives(expression.right);
  // An or-later id expands to terms that all keep the one id they came from.
  if (!left || !right || left[0]!.declared !== right[0]!.declared) return undefined;
  return [...left, ...right];
}

function matches(entry: PolicyEntry, term: LicenseTerm): boolean {
  // An entry without an exception covers the license with any exception: an exception only adds permissions, and
  // denying GPL-2.0-only must not pass GPL-2.0-only WITH Classpath-exception-2.0 unnoticed.
  return entry.license === term.license && (entry.exception === undefined || entry.exception === term.exception);
}

/** Whether license-deny lists the license. */
export function denies(policy: Pick<LicensePolicy, 'deny'>, term: LicenseTerm): boolean {
  return policy.deny.some((entry) => matches(entry, term));
}

/** Whether the policy accepts one license: allowed (when there is an allow list) and not denied. */
export function acceptable(term: LicenseTerm, policy: Pick<LicensePolicy, 'allow' | 'deny'>): boolean {
  if (denies(policy, term)) return false;
  return policy.allow === undefined || policy.allow.some((entry) => matches(entry, term));
}

/**
 * Judges a package whose licenses all apply (`expressions`, joined by AND). `A OR B` takes the better side: the
 * fewer violations, then the fewer unknown licenses (the left side on a tie); `A AND B` needs both. An empty list is
 * one unknown license: nothing says the package may be used.
 */
export function judge(
  expressions: readonly LicenseExpression[],
  policy: Pick<LicensePolicy, 'allow' | 'deny'>,
): LicenseVerdict {
  if (expressions.length === 0) return { violations: [], unknown: [''] };
  const verdicts = expressions.map((expression) => judgeOne(expression, policy));
  return verdicts.reduce(both);
}

function judgeOne(expression: LicenseExpression, policy: Pick<LicensePolicy, 'allow' | 'deny'>): LicenseVerdict {
  if ('term' in expression) {
    return { violations: acceptable(expression.term, policy) ? [] : [expression.term], unknown: [] };
  }
  if ('unknown' in expression) return { violations: [], unknown: [expression.unknown] };
  const left = judgeOne(expression.left, policy);
  const right = judgeOne(expression.right, policy);
  if (expression.conjunction === 'and') return both(left, right);
  return worse(left, right) ? right : left;
}

function both(a: LicenseVerdict, b: LicenseVerdict): LicenseVerdict {
  return { violations: [...a.violations, ...b.violations], unknown: [...a.unknown, ...b.unknown] };
}

/** Whether choosing `a` is worse than choosing `b`. */
function worse(a: LicenseVerdict, b: LicenseVerdict): boolean {
  if (a.violations.length !== b.violations.length) return a.violations.length > b.violations.length;
  return a.unknown.length > b.unknown.length;
}
