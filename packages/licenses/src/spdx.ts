// Turns a license as an inventory wrote it into an SPDX expression of current ids: parsed by spdx-expression-parse,
// deprecated ids replaced by their current form, `+` and `-or-later` spelled out as the versions they allow, and
// names mapped to ids only where the name says exactly one license (SPDX's own full names and a few common ones).
import parseSpdx from 'spdx-expression-parse';
import exceptionIds from 'spdx-exceptions/index.json' with { type: 'json' };
import deprecatedIds from 'spdx-license-ids/deprecated.json' with { type: 'json' };
import licenseIds from 'spdx-license-ids/index.json' with { type: 'json' };
import licenseList from 'spdx-license-list';

/** One license a package may be used under: an SPDX id (or LicenseRef-…), with the exception it grants, if any. */
export interface LicenseTerm {
  license: string;
  exception?: string;
  /** How the package's license named it, in current ids: the rule a violation of it is reported under. */
  declared: string;
}

/** An SPDX expression over terms; `unknown` is a license that is no SPDX id or expression, kept as written. */
export type LicenseExpression =
  | { term: LicenseTerm }
  | { unknown: string }
  | { conjunction: 'and' | 'or'; left: LicenseExpression; right: LicenseExpression };

const CURRENT_IDS = new Set<string>(licenseIds);
const BY_LOWER_CASE = new Map<string, string>(
  [...licenseIds, ...deprecatedIds, ...exceptionIds].map((id) => [id.toLowerCase(), id]),
);

/** Deprecated ids whose current form adds an exception (SPDX moved these to `WITH`). */
const DEPRECATED_WITH_EXCEPTION: Readonly<Record<string, string>> = {
  'GPL-2.0-with-GCC-exception': 'GPL-2.0-only WITH GCC-exception-2.0',
  'GPL-2.0-with-autoconf-exception': 'GPL-2.0-only WITH Autoconf-exception-2.0',
  'GPL-2.0-with-bison-exception': 'GPL-2.0-only WITH Bison-exception-2.2',
  'GPL-2.0-with-classpath-exception': 'GPL-2.0-only WITH Classpath-exception-2.0',
  'GPL-2.0-with-font-exception': 'GPL-2.0-only WITH Font-exception-2.0',
  'GPL-3.0-with-GCC-exception': 'GPL-3.0-only WITH GCC-exception-3.1',
  'GPL-3.0-with-autoconf-exception': 'GPL-3.0-only WITH Autoconf-exception-3.0',
  'eCos-2.0': 'GPL-2.0-or-later WITH eCos-exception-2.0',
  wxWindows: 'LGPL-2.0-or-later WITH WxWindows-exception-3.1',
};

/** Other deprecated ids that were renamed: `GPL-2.0` is `GPL-2.0-only`, `StandardML-NJ` is `SMLNJ`, … */
const RENAMED: ReadonlyMap<string, string> = new Map(
  deprecatedIds.flatMap((id): [string, string][] => {
    if (CURRENT_IDS.has(`${id}-only`)) return [[id, `${id}-only`]];
    // Otherwise the current id SPDX gives the same full name (StandardML-NJ and SMLNJ), if there is exactly one.
    const name = licenseList[id]?.name;
    const same = licenseIds.filter((current) => licenseList[current]?.name === name);
    return same.length === 1 ? [[id, same[0]!]] : [];
  }),
);

/**
 * Names that say exactly one license, lower case: SPDX's full names ("MIT License", "Apache License 2.0") where no
 * two current ids share one, and the names package metadata commonly uses for a single license and version. Names
 * that leave the version or the variant open ("BSD License", "GPL", "Apache Software License") are not here: a
 * guess could pass a package the policy forbids, so they stay unknown.
 */
const NAMES: ReadonlyMap<string, string> = (() => {
  const byName = new Map<string, string[]>();
  for (const id of licenseIds) {
    const name = normaliseName(licenseList[id]?.name ?? '');
    if (name !== '') byName.set(name, [...(byName.get(name) ?? []), id]);
  }
  const names = new Map([...byName].flatMap(([name, ids]) => (ids.length === 1 ? [[name, ids[0]!] as const] : [])));
  const common: Record<string, string> = {
    'the mit license': 'MIT',
    'mit license (mit)': 'MIT',
    'apache 2.0': 'Apache-2.0',
    'apache-2': 'Apache-2.0',
    'apache license, version 2.0': 'Apache-2.0',
    'the apache license, version 2.0': 'Apache-2.0',
    'apache software license 2.0': 'Apache-2.0',
    'apache software license, version 2.0': 'Apache-2.0',
    'the apache software license, version 2.0': 'Apache-2.0',
    'asl 2.0': 'Apache-2.0',
    'eclipse public license - v 1.0': 'EPL-1.0',
    'eclipse public license - v 2.0': 'EPL-2.0',
    'eclipse public license v2.0': 'EPL-2.0',
    'mozilla public license 2.0 (mpl 2.0)': 'MPL-2.0',
    'mpl 2.0': 'MPL-2.0',
    'isc license (iscl)': 'ISC',
    'python software foundation license': 'PSF-2.0',
    'new bsd license': 'BSD-3-Clause',
    'simplified bsd license': 'BSD-2-Clause',
    'bsd 3-clause': 'BSD-3-Clause',
    'bsd 2-clause': 'BSD-2-Clause',
    'public domain': 'Unlicense',
  };
  for (const [name, id] of Object.entries(common)) names.set(name, id);
  names.delete('public domain'); // "public domain" is a statement, not the Unlicense: it stays unknown.
  return names;
})();

function normaliseName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The SPDX id for a name that says exactly one license; undefined when the name leaves it open or is unknown. */
export function idForName(name: string): string | undefined {
  return NAMES.get(normaliseName(name));
}

/**
 * The license as an expression of current ids. An SPDX id or expression (in any letter case, deprecated ids
 * included) is parsed; a name is looked up; anything else is one `unknown` leaf holding the text.
 */
export function toExpression(written: string): LicenseExpression {
  // Inventories repeat a few dozen license strings over thousands of packages: each is worked out once.
  let expression = expressions.get(written);
  if (expression === undefined) {
    expression = expressionOf(written.trim());
    if (expressions.size < MAX_REMEMBERED) expressions.set(written, expression);
  }
  return expression;
}

const MAX_REMEMBERED = 10_000;
const expressions = new Map<string, LicenseExpression>();

function expressionOf(text: string): LicenseExpression {
  const parsed = parseExpression(text) ?? parseExpression(idForName(text));
  if (parsed) return parsed;
  // "GPL-2.0-only WITH autoconf-exception+" (Trivy, from Debian): an exception SPDX does not know only adds
  // permissions, so the license it is attached to is what the policy decides on.
  const withUnknown = /^(\S+)\s+WITH\s+(\S+)$/i.exec(text);
  const license = withUnknown && parseExpression(withUnknown[1]!);
  return license ? withException(license, withUnknown[2]!) : { unknown: text };
}

/** Every term of one license (several for an or-later id) with `exception` attached. */
function withException(expression: LicenseExpression, exception: string): LicenseExpression {
  if ('term' in expression) {
    return { term: { ...expression.term, exception, declared: `${expression.term.declared} WITH ${exception}` } };
  }
  if ('unknown' in expression) return expression;
  const { conjunction, left, right } = expression;
  return { conjunction, left: withException(left, exception), right: withException(right, exception) };
}

/** An SPDX id or expression (any letter case, deprecated ids included) in current ids; undefined when it is not one. */
export function parseExpression(text: string | undefined): LicenseExpression | undefined {
  if (text === undefined || text === '') return undefined;
  // Ids in the case SPDX writes them ("mit" → "MIT"); the parser accepts only that case.
  const cased = text.replace(/[A-Za-z0-9.+-]+/g, (word) => {
    const plus = word.endsWith('+') ? '+' : '';
    const id = BY_LOWER_CASE.get((plus ? word.slice(0, -1) : word).toLowerCase());
    return id ? `${id}${plus}` : word;
  });
  try {
    return current(parseSpdx(cased));
  } catch {
    return undefined;
  }
}

/** The parsed expression in current ids, each `+` or `-or-later` spelled out (see laterVersions). */
function current(info: parseSpdx.Info): LicenseExpression {
  if ('conjunction' in info) {
    return { conjunction: info.conjunction, left: current(info.left), right: current(info.right) };
  }
  const replacement = DEPRECATED_WITH_EXCEPTION[info.license];
  if (replacement && !info.exception) return current(parseSpdx(replacement));
  let license = RENAMED.get(info.license) ?? info.license;
  let orLater = info.plus === true;
  if (license.endsWith('-or-later')) {
    license = license.slice(0, -'-or-later'.length);
    orLater = true;
  }
  const base = license.replace(/-only$/, '');
  if (!orLater) return termOf(CURRENT_IDS.has(`${base}-only`) ? `${base}-only` : license, info.exception, undefined);
  const declared = CURRENT_IDS.has(`${base}-or-later`) ? `${base}-or-later` : `${license}+`;
  const versions = laterVersions(base);
  if (versions.length === 0) return termOf(license, info.exception, declared);
  return versions
    .map((id): LicenseExpression => termOf(id, info.exception, declared))
    .reduce((left, right) => ({ conjunction: 'or', left, right }));
}

function termOf(license: string, exception: string | undefined, declared: string | undefined): LicenseExpression {
  const rule = declared ?? license;
  return {
    term: {
      license,
      ...(exception && { exception }),
      declared: exception ? `${rule} WITH ${exception}` : rule,
    },
  };
}

const VERSIONED = /^(.+)-(\d+(?:\.\d+)*)(-only)?$/;

/**
 * The ids a "this version or later" allows: `GPL-2.0` → GPL-2.0-only, GPL-3.0-only; `Apache-2.0` → Apache-2.0. Only
 * ids of the same family written the same way (Name-Version or Name-Version-only) count.
 */
function laterVersions(base: string): string[] {
  let versions = later.get(base);
  if (versions === undefined) {
    versions = findLaterVersions(base);
    later.set(base, versions);
  }
  return versions;
}

/** laterVersions of each base asked for: at most one entry per license family and version in SPDX's list. */
const later = new Map<string, string[]>();

function findLaterVersions(base: string): string[] {
  const match = VERSIONED.exec(base);
  if (!match) return [];
  const [, family, version] = match;
  return licenseIds
    .map((id) => ({ id, match: VERSIONED.exec(id) }))
    .filter(({ match: m }) => m && m[1] === family && compareVersions(m[2]!, version!) >= 0)
    .filter(({ id, match: m }) => m![3] !== undefined || !CURRENT_IDS.has(`${id}-only`))
    .sort((a, b) => compareVersions(a.match![2]!, b.match![2]!))
    .map(({ id }) => id);
}

function compareVersions(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** True when `id` is an SPDX license id in use today, or a LicenseRef. */
export function isKnownLicense(id: string): boolean {
  return CURRENT_IDS.has(id) || /^(DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+$/.test(id);
}
