export const id = 378;
export const ids = [378];
export const modules = {

/***/ 8378:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  checkInventory: () => (/* binding */ checkInventory),
  parsePolicyList: () => (/* reexport */ parsePolicyList)
});

// UNUSED EXPORTS: LICENSE_TOOL, UNKNOWN_LICENSE_RULE

// EXTERNAL MODULE: ../../packages/core/src/index.ts + 14 modules
var src = __webpack_require__(9507);
// EXTERNAL MODULE: ../../packages/findings/src/index.ts + 30 modules
var findings_src = __webpack_require__(6963);
// EXTERNAL MODULE: ../../node_modules/.pnpm/spdx-expression-parse@5.0.0/node_modules/spdx-expression-parse/index.js
var spdx_expression_parse = __webpack_require__(1734);
var spdx_expression_parse_default = /*#__PURE__*/__webpack_require__.n(spdx_expression_parse);
// EXTERNAL MODULE: ../../node_modules/.pnpm/spdx-exceptions@2.5.0/node_modules/spdx-exceptions/index.json
var spdx_exceptions = __webpack_require__(1954);
// EXTERNAL MODULE: ../../node_modules/.pnpm/spdx-license-ids@3.0.24/node_modules/spdx-license-ids/deprecated.json
var deprecated = __webpack_require__(1457);
// EXTERNAL MODULE: ../../node_modules/.pnpm/spdx-license-ids@3.0.24/node_modules/spdx-license-ids/index.json
var spdx_license_ids = __webpack_require__(9576);
// EXTERNAL MODULE: ../../node_modules/.pnpm/spdx-license-list@6.12.0/node_modules/spdx-license-list/index.js
var spdx_license_list = __webpack_require__(4322);
;// CONCATENATED MODULE: ../../packages/licenses/src/spdx.ts
// Turns a license as an inventory wrote it into an SPDX expression of current ids: parsed by spdx-expression-parse,
// deprecated ids replaced by their current form, `+` and `-or-later` spelled out as the versions they allow, and
// names mapped to ids only where the name says exactly one license (SPDX's own full names and a few common ones).





const CURRENT_IDS = new Set(spdx_license_ids);
const BY_LOWER_CASE = new Map([...spdx_license_ids, ...deprecated, ...spdx_exceptions].map((id) => [id.toLowerCase(), id]));
/** Deprecated ids whose current form adds an exception (SPDX moved these to `WITH`). */
const DEPRECATED_WITH_EXCEPTION = {
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
const RENAMED = new Map(deprecated.flatMap((id) => {
    if (CURRENT_IDS.has(`${id}-only`))
        return [[id, `${id}-only`]];
    // Otherwise the current id SPDX gives the same full name (StandardML-NJ and SMLNJ), if there is exactly one.
    const name = spdx_license_list[id]?.name;
    const same = spdx_license_ids.filter((current) => spdx_license_list[current]?.name === name);
    return same.length === 1 ? [[id, same[0]]] : [];
}));
/**
 * Names that say exactly one license, lower case: SPDX's full names ("MIT License", "Apache License 2.0") where no
 * two current ids share one, and the names package metadata commonly uses for a single license and version. Names
 * that leave the version or the variant open ("BSD License", "GPL", "Apache Software License") are not here: a
 * guess could pass a package the policy forbids, so they stay unknown.
 */
const NAMES = (() => {
    const byName = new Map();
    for (const id of spdx_license_ids) {
        const name = normaliseName(spdx_license_list[id]?.name ?? '');
        if (name !== '')
            byName.set(name, [...(byName.get(name) ?? []), id]);
    }
    const names = new Map([...byName].flatMap(([name, ids]) => (ids.length === 1 ? [[name, ids[0]]] : [])));
    const common = {
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
    for (const [name, id] of Object.entries(common))
        names.set(name, id);
    names.delete('public domain'); // "public domain" is a statement, not the Unlicense: it stays unknown.
    return names;
})();
function normaliseName(name) {
    return name.trim().replace(/\s+/g, ' ').toLowerCase();
}
/** The SPDX id for a name that says exactly one license; undefined when the name leaves it open or is unknown. */
function idForName(name) {
    return NAMES.get(normaliseName(name));
}
/**
 * The license as an expression of current ids. An SPDX id or expression (in any letter case, deprecated ids
 * included) is parsed; a name is looked up; anything else is one `unknown` leaf holding the text.
 */
function toExpression(written) {
    // Inventories repeat a few dozen license strings over thousands of packages: each is worked out once.
    let expression = expressions.get(written);
    if (expression === undefined) {
        expression = expressionOf(written.trim());
        if (expressions.size < MAX_REMEMBERED)
            expressions.set(written, expression);
    }
    return expression;
}
const MAX_REMEMBERED = 10_000;
const expressions = new Map();
function expressionOf(text) {
    const parsed = parseExpression(text) ?? parseExpression(idForName(text));
    if (parsed)
        return parsed;
    // "GPL-2.0-only WITH autoconf-exception+" (Trivy, from Debian): an exception SPDX does not know only adds
    // permissions, so the license it is attached to is what the policy decides on.
    const withUnknown = /^(\S+)\s+WITH\s+(\S+)$/i.exec(text);
    const license = withUnknown && parseExpression(withUnknown[1]);
    return license ? withException(license, withUnknown[2]) : { unknown: text };
}
/** Every term of one license (several for an or-later id) with `exception` attached. */
function withException(expression, exception) {
    if ('term' in expression) {
        return { term: { ...expression.term, exception, declared: `${expression.term.declared} WITH ${exception}` } };
    }
    if ('unknown' in expression)
        return expression;
    const { conjunction, left, right } = expression;
    return { conjunction, left: withException(left, exception), right: withException(right, exception) };
}
/** An SPDX id or expression (any letter case, deprecated ids included) in current ids; undefined when it is not one. */
function parseExpression(text) {
    if (text === undefined || text === '')
        return undefined;
    // Ids in the case SPDX writes them ("mit" → "MIT"); the parser accepts only that case.
    const cased = text.replace(/[A-Za-z0-9.+-]+/g, (word) => {
        const plus = word.endsWith('+') ? '+' : '';
        const id = BY_LOWER_CASE.get((plus ? word.slice(0, -1) : word).toLowerCase());
        return id ? `${id}${plus}` : word;
    });
    try {
        return current(spdx_expression_parse_default()(cased));
    }
    catch {
        return undefined;
    }
}
/** The parsed expression in current ids, each `+` or `-or-later` spelled out (see laterVersions). */
function current(info) {
    if ('conjunction' in info) {
        return { conjunction: info.conjunction, left: current(info.left), right: current(info.right) };
    }
    const replacement = DEPRECATED_WITH_EXCEPTION[info.license];
    if (replacement && !info.exception)
        return current(spdx_expression_parse_default()(replacement));
    let license = RENAMED.get(info.license) ?? info.license;
    let orLater = info.plus === true;
    if (license.endsWith('-or-later')) {
        license = license.slice(0, -'-or-later'.length);
        orLater = true;
    }
    const base = license.replace(/-only$/, '');
    if (!orLater)
        return termOf(CURRENT_IDS.has(`${base}-only`) ? `${base}-only` : license, info.exception, undefined);
    const declared = CURRENT_IDS.has(`${base}-or-later`) ? `${base}-or-later` : `${license}+`;
    const versions = laterVersions(base);
    if (versions.length === 0)
        return termOf(license, info.exception, declared);
    return versions
        .map((id) => termOf(id, info.exception, declared))
        .reduce((left, right) => ({ conjunction: 'or', left, right }));
}
function termOf(license, exception, declared) {
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
function laterVersions(base) {
    let versions = later.get(base);
    if (versions === undefined) {
        versions = findLaterVersions(base);
        later.set(base, versions);
    }
    return versions;
}
/** laterVersions of each base asked for: at most one entry per license family and version in SPDX's list. */
const later = new Map();
function findLaterVersions(base) {
    const match = VERSIONED.exec(base);
    if (!match)
        return [];
    const [, family, version] = match;
    return spdx_license_ids
        .map((id) => ({ id, match: VERSIONED.exec(id) }))
        .filter(({ match: m }) => m && m[1] === family && compareVersions(m[2], version) >= 0)
        .filter(({ id, match: m }) => m[3] !== undefined || !CURRENT_IDS.has(`${id}-only`))
        .sort((a, b) => compareVersions(a.match[2], b.match[2]))
        .map(({ id }) => id);
}
function compareVersions(a, b) {
    const left = a.split('.').map(Number);
    const right = b.split('.').map(Number);
    for (let i = 0; i < Math.max(left.length, right.length); i++) {
        const difference = (left[i] ?? 0) - (right[i] ?? 0);
        if (difference !== 0)
            return difference;
    }
    return 0;
}
/** True when `id` is an SPDX license id in use today, or a LicenseRef. */
function isKnownLicense(id) {
    return CURRENT_IDS.has(id) || /^(DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+$/.test(id);
}

;// CONCATENATED MODULE: ../../packages/licenses/src/policy.ts
// The license policy, pure: which licenses are allowed or denied, and what a package's license expression makes of
// them. A package passes when some choice its expression offers uses only acceptable licenses.


/**
 * Reads license-allow or license-deny: SPDX ids (any letter case; deprecated ids in their current form; `X WITH
 * exception` to name only that combination), newline or comma separated. Anything else is a ConfigurationError
 * naming the input, the value and the fix.
 */
function parsePolicyList(input, text) {
    return (0,src/* parseList */.E1)(text).flatMap((written) => entriesOf(input, written));
}
function entriesOf(input, written) {
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
    const what = 'conjunction' in expression ? 'an expression, where one license per entry is expected' : 'not an SPDX license id';
    throw new src/* ConfigurationError */.j1(`${input}: ${(0,src/* quoteValue */.cl)(written)} is ${what}; ${fix}`);
}
/** The terms of a single license (several for "GPL-2.0-or-later", which stands for each version); else undefined. */
function alternatives(expression) {
    if ('term' in expression)
        return [expression.term];
    if ('unknown' in expression)
        return undefined;
    if (expression.conjunction === 'and')
        return undefined;
    const left = alternatives(expression.left);
    const right = alternatives(expression.right);
    // An or-later id expands to terms that all keep the one id they came from.
    if (!left || !right || left[0].declared !== right[0].declared)
        return undefined;
    return [...left, ...right];
}
function matches(entry, term) {
    // An entry without an exception covers the license with any exception: an exception only adds permissions, and
    // denying GPL-2.0-only must not pass GPL-2.0-only WITH Classpath-exception-2.0 unnoticed.
    return entry.license === term.license && (entry.exception === undefined || entry.exception === term.exception);
}
/** Whether license-deny lists the license. */
function denies(policy, term) {
    return policy.deny.some((entry) => matches(entry, term));
}
/** Whether the policy accepts one license: allowed (when there is an allow list) and not denied. */
function acceptable(term, policy) {
    if (denies(policy, term))
        return false;
    return policy.allow === undefined || policy.allow.some((entry) => matches(entry, term));
}
/**
 * Judges a package whose licenses all apply (`expressions`, joined by AND). `A OR B` takes the better side: the
 * fewer violations, then the fewer unknown licenses (the left side on a tie); `A AND B` needs both. An empty list is
 * one unknown license: nothing says the package may be used.
 */
function judge(expressions, policy) {
    if (expressions.length === 0)
        return { violations: [], unknown: [''] };
    const verdicts = expressions.map((expression) => judgeOne(expression, policy));
    return verdicts.reduce(both);
}
function judgeOne(expression, policy) {
    if ('term' in expression) {
        return { violations: acceptable(expression.term, policy) ? [] : [expression.term], unknown: [] };
    }
    if ('unknown' in expression)
        return { violations: [], unknown: [expression.unknown] };
    const left = judgeOne(expression.left, policy);
    const right = judgeOne(expression.right, policy);
    if (expression.conjunction === 'and')
        return both(left, right);
    return worse(left, right) ? right : left;
}
function both(a, b) {
    return { violations: [...a.violations, ...b.violations], unknown: [...a.unknown, ...b.unknown] };
}
/** Whether choosing `a` is worse than choosing `b`. */
function worse(a, b) {
    if (a.violations.length !== b.violations.length)
        return a.violations.length > b.violations.length;
    return a.unknown.length > b.unknown.length;
}

;// CONCATENATED MODULE: ../../packages/licenses/src/license-findings.ts
// Turns inventories into findings: one per license a package cannot avoid that the policy does not accept (rule
// `license/<id>`), and one per package whose license is not known (rule `license/unknown`), so they share the ignore
// file, the baseline, SARIF and the summary with every other finding.



/** The tool name license findings carry: they come from this policy, whichever tool wrote the inventory. */
const LICENSE_TOOL = 'license-policy';
const UNKNOWN_LICENSE_RULE = 'license/unknown';
/** The findings of one inventory read from `file` (as the user sees its path). */
function licenseFindings(inventory, policy, file) {
    return inventory.packages.flatMap((pkg) => packageFindings(pkg, inventory.format, policy, file));
}
function packageFindings(pkg, format, policy, file) {
    const verdict = judge(pkg.licenses.map((license) => toExpression(license.value)), policy);
    const declared = pkg.licenses.map((license) => license.value);
    const description = declared.length === 0
        ? `${format} gives no license for this package.`
        : `Licenses in ${format}: ${declared.join('; ')}.` +
            (declared.length > 1
                ? ' The inventory does not say whether they are a choice, so all are taken to apply.'
                : '');
    const record = (ruleId, title, term) => (0,findings_src/* findingRecord */.vU)({
        tool: LICENSE_TOOL,
        ruleId,
        title,
        description,
        severity: term ? policy.severity : policy.unknownSeverity,
        category: 'license',
        location: { path: file },
        package: (0,findings_src/* packageInfo */.z2)({ name: pkg.name, version: pkg.version, purl: pkg.purl }),
        // The same package in two inventories (an SBOM and license-checker) is one finding.
        identity: { kind: 'package', ids: [ruleId], package: pkg.name, version: pkg.version ?? '', target: '' },
        source: { file, tool: LICENSE_TOOL, record: pkg.pointer },
        helpUri: term && isKnownLicense(term.license) && !term.license.includes('LicenseRef-')
            ? `https://spdx.org/licenses/${term.license}.html`
            : undefined,
    });
    const label = pkg.version ? `${pkg.name}@${pkg.version}` : pkg.name;
    const seen = new Set();
    const findings = verdict.violations.flatMap((term) => {
        if (seen.has(term.declared))
            return [];
        seen.add(term.declared);
        const why = denies(policy, term) ? 'is denied by license-deny' : 'is not in license-allow';
        return [record(`license/${term.declared}`, `${label}: ${term.declared} ${why}`, term)];
    });
    if (verdict.unknown.length > 0) {
        const names = verdict.unknown.filter((name) => name !== '');
        const title = names.length === 0
            ? `${label}: no license given`
            : `${label}: license not known: ${names.map((name) => `"${name}"`).join(', ')} (no SPDX id or known name)`;
        findings.push(record(UNKNOWN_LICENSE_RULE, title));
    }
    return findings;
}

// EXTERNAL MODULE: ../../packages/reports/src/index.ts + 15 modules
var reports_src = __webpack_require__(3874);
;// CONCATENATED MODULE: ../../packages/licenses/src/cyclonedx.ts
// Reads the license inventory of a CycloneDX JSON SBOM (Trivy --format cyclonedx, Syft, cdxgen, the CycloneDX
// build plugins): every component, nested ones included, with its `licenses[]` entries (`license.id`,
// `license.name` or `expression`); a concluded license, when given, replaces the declared ones.


/** Component types that are packages: the others (the operating system, an application's manifest, a file) are not. */
const PACKAGE_TYPES = new Set(['library', 'framework']);
function detect(doc) {
    return (0,reports_src/* isObject */.Gv)(doc) && doc['bomFormat'] === 'CycloneDX';
}
function read(doc, context) {
    const bom = doc;
    const packages = [];
    const skipped = new Map();
    const visit = (list, pointer) => {
        (0,reports_src/* listOfObjects */.Gy)(list, context.file, pointer, 'CycloneDX component').forEach((element, i) => {
            const at = `${pointer}/${i}`;
            const component = (0,reports_src/* objectAt */.lJ)(element, context.file, at, 'CycloneDX component');
            const type = typeof component['type'] === 'string' ? component['type'] : 'library';
            const licenses = declaredLicenses(component['licenses'], context.file, `${at}/licenses`);
            // A component of another type is checked when it declares a license: it then says it is licensed.
            if (PACKAGE_TYPES.has(type) || licenses.length > 0)
                packages.push(packageOf(component, licenses, at));
            else
                skipped.set(type, (skipped.get(type) ?? 0) + 1);
            if (component['components'] !== undefined)
                visit(component['components'], `${at}/components`);
        });
    };
    if (bom['components'] !== undefined)
        visit(bom['components'], '/components');
    const notes = [...skipped].map(([type, count]) => `${(0,src/* countOf */.pq)(count, `${type} component`)} without a license not checked (not a package).`);
    const version = typeof bom['specVersion'] === 'string' ? ` ${bom['specVersion']}` : '';
    return { format: `CycloneDX${version} JSON`, packages, notes };
}
function packageOf(component, licenses, pointer) {
    const name = (0,reports_src/* text */.Qq)(component['name'], 300) ?? '(no name)';
    const group = (0,reports_src/* text */.Qq)(component['group'], 300);
    // Maven groups read group:name; npm scopes (@scope) read @scope/name.
    const fullName = group ? `${group}${group.startsWith('@') ? '/' : ':'}${name}` : name;
    const version = (0,reports_src/* text */.Qq)(component['version'], 200);
    const purl = (0,reports_src/* text */.Qq)(component['purl'], 1000);
    return { name: fullName, ...(version && { version }), ...(purl && { purl }), licenses, pointer };
}
/** A component's license entries; the concluded ones alone when any entry says it is concluded. */
function declaredLicenses(list, file, pointer) {
    if (list === undefined)
        return [];
    const entries = (0,reports_src/* listOfObjects */.Gy)(list, file, pointer, 'CycloneDX license entry').map((element, i) => {
        const entry = (0,reports_src/* objectAt */.lJ)(element, file, `${pointer}/${i}`, 'CycloneDX license entry');
        const license = (0,reports_src/* isObject */.Gv)(entry['license']) ? entry['license'] : undefined;
        const acknowledgement = (license ?? entry)['acknowledgement'];
        return { declared: licenseOf(entry, license), concluded: acknowledgement === 'concluded' };
    });
    const chosen = entries.some((e) => e.concluded) ? entries.filter((e) => e.concluded) : entries;
    return chosen.flatMap((e) => (e.declared ? [e.declared] : []));
}
function licenseOf(entry, license) {
    const expression = (0,reports_src/* text */.Qq)(entry['expression'], 1000);
    if (expression)
        return { kind: 'expression', value: expression };
    const id = (0,reports_src/* text */.Qq)(license?.['id'], 200);
    if (id)
        return { kind: 'id', value: id };
    const name = (0,reports_src/* text */.Qq)(license?.['name'], 500);
    return name ? { kind: 'name', value: name } : undefined;
}
const cyclonedxReader = {
    name: 'cyclonedx',
    format: 'CycloneDX JSON',
    detect,
    read,
};

;// CONCATENATED MODULE: ../../packages/licenses/src/license-checker.ts
// Reads npm `license-checker --json`: an object keyed by "name@version", each with `licenses` (a string or a list;
// a trailing "*" marks a license guessed from the license file's text).

/** "name@version", the name possibly scoped ("@scope/name@1.0.0"). */
const PACKAGE_KEY = /^(.+)@([^@]*)$/;
function license_checker_detect(doc) {
    if (!(0,reports_src/* isObject */.Gv)(doc) || Array.isArray(doc))
        return false;
    const first = Object.entries(doc)[0];
    return first !== undefined && PACKAGE_KEY.test(first[0]) && (0,reports_src/* isObject */.Gv)(first[1]) && 'licenses' in first[1];
}
function license_checker_read(doc, context) {
    const packages = Object.entries(doc).map(([key, value]) => {
        const pointer = `/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
        const entry = (0,reports_src/* objectAt */.lJ)(value, context.file, pointer, 'license-checker package');
        const [, name = key, version = ''] = PACKAGE_KEY.exec(key) ?? [];
        return { name, ...(version && { version }), licenses: licensesOf(entry['licenses']), pointer };
    });
    return { format: 'license-checker JSON', packages, notes: [] };
}
function licensesOf(value) {
    const written = Array.isArray(value) ? value : [value];
    return written.flatMap((item) => {
        const license = (0,reports_src/* text */.Qq)(item, 1000)?.trim();
        if (!license || license === 'UNKNOWN')
            return [];
        // A guess is still the license the package most likely has: it is checked, and named as a guess.
        if (license.endsWith('*'))
            return [{ kind: 'name', value: license.slice(0, -1).trim() }];
        return [{ kind: 'expression', value: license }];
    });
}
const licenseCheckerReader = {
    name: 'licensechecker',
    format: 'license-checker JSON',
    detect: license_checker_detect,
    read: license_checker_read,
};

;// CONCATENATED MODULE: ../../packages/licenses/src/pip-licenses.ts
// Reads `pip-licenses --format=json`: a list of {Name, Version, License, ...}, where License joins the package's
// license classifiers with "; " (else it is the metadata's License field, or "UNKNOWN"). With `--from=all` a row has
// License-Metadata and License-Classifier instead: the metadata is taken when it is a short line (an id such as
// "Apache-2.0", where the classifier says only "Apache Software License"), else the classifiers.

/** Longer metadata is a license's text pasted into the License field, not a name. */
const SHORT_METADATA = 100;
function isPipLicensesRow(row) {
    return (0,reports_src/* isObject */.Gv)(row) && typeof row['Name'] === 'string' && ('License' in row || 'License-Classifier' in row);
}
function pip_licenses_read(doc, context) {
    const rows = (0,reports_src/* listOfObjects */.Gy)(doc, context.file, '', 'pip-licenses row');
    const packages = rows.map((element, i) => {
        const row = (0,reports_src/* objectAt */.lJ)(element, context.file, `/${i}`, 'pip-licenses row');
        const version = (0,reports_src/* text */.Qq)(row['Version'], 200);
        return {
            name: (0,reports_src/* text */.Qq)(row['Name'], 300) ?? '(no name)',
            ...(version && { version }),
            licenses: pip_licenses_licensesOf(row),
            pointer: `/${i}`,
        };
    });
    const from = (0,reports_src/* isObject */.Gv)(rows[0]) && 'License-Classifier' in rows[0] ? ' (--from=all)' : '';
    return { format: `pip-licenses JSON${from}`, packages, notes: [] };
}
function pip_licenses_licensesOf(row) {
    if ('License' in row)
        return split(row['License']);
    const metadata = (0,reports_src/* text */.Qq)(row['License-Metadata'], 1000)?.trim() ?? '';
    if (metadata !== 'UNKNOWN' && metadata !== '' && metadata.length <= SHORT_METADATA && !metadata.includes('\n')) {
        return [{ kind: 'name', value: metadata }];
    }
    return split(row['License-Classifier']);
}
/** "Apache Software License; BSD License" → one entry per classifier; "UNKNOWN" → none. */
function split(value) {
    return ((0,reports_src/* text */.Qq)(value, 1000) ?? '')
        .split(';')
        .map((part) => part.trim())
        .filter((part) => part !== '' && part !== 'UNKNOWN')
        .map((part) => ({ kind: 'name', value: part }));
}
const pipLicensesReader = {
    name: 'piplicenses',
    format: 'pip-licenses JSON',
    detect: (doc) => Array.isArray(doc) && isPipLicensesRow(doc[0]),
    read: pip_licenses_read,
};

;// CONCATENATED MODULE: ../../packages/licenses/src/registry.ts
// The license inventory readers, in the order detection tries them: a format is added by its file and a line here.



const LICENSE_READERS = [cyclonedxReader, pipLicensesReader, licenseCheckerReader];

;// CONCATENATED MODULE: ../../packages/licenses/src/read-inventory.ts
// Reads one license inventory file: JSON parsed whole (inventories are a few MB at most) and read by the reader
// whose format its content is.


/** Reads `path`, named `file` in messages; an InputError naming the file for anything the user must fix. */
function readInventory(path, file) {
    const bytes = (0,reports_src/* readInputFile */.jH)(path, file);
    return { inventory: readInventoryBytes(bytes, file), bytes: bytes.length };
}
/** Reads an inventory held in memory (same rules as readInventory). */
function readInventoryBytes(bytes, file) {
    if (bytes.length === 0) {
        throw new reports_src/* InputError */.dz(file, 'the file is empty (0 bytes). The tool that writes it probably failed; check its step log.');
    }
    const doc = (0,reports_src/* parseJsonBytes */.dQ)(bytes, file);
    if (Array.isArray(doc) && doc.length === 0)
        return { format: 'empty list', packages: [], notes: [] };
    const reader = (0,reports_src/* chooseMember */.gG)(doc, file, LICENSE_READERS, {
        describe: reports_src/* describeJson */.kw,
        advice: 'write the inventory as JSON with one of them (e.g. trivy fs --format cyclonedx, pip-licenses --format=json, license-checker --json).',
    });
    // Components nest: a document nested deeper than any real SBOM is refused before it is walked.
    (0,reports_src/* refuseDeepNesting */.Zn)(bytes, file);
    return reader.read(doc, { file });
}

;// CONCATENATED MODULE: ../../packages/licenses/src/index.ts
// Public API of @actions-kit/licenses, as security-scan uses it (loaded only when its `licenses` input is given, so
// the SPDX lists never weigh on a run without it): parse the policy, and check inventory files against it.





/**
 * Reads one inventory and checks each of its packages: a report file of license findings, as the findings
 * package's readers give for scanner reports, so it goes through the same analysis.
 */
function checkInventory(path, file, policy) {
    const { inventory, bytes } = readInventory(path, file);
    const records = licenseFindings(inventory, policy, file);
    return {
        tools: [LICENSE_TOOL],
        format: inventory.format,
        records,
        suppressed: [],
        notes: [`${(0,src/* countOf */.pq)(inventory.packages.length, 'package')} checked against the license policy.`, ...inventory.notes],
        path: file,
        bytes,
        streamed: false,
    };
}


/***/ })

};
