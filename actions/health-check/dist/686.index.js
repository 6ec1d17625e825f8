export const id = 686;
export const ids = [686];
export const modules = {

/***/ 2305:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  COLORS: () => (/* reexport */ COLORS),
  CancelledError: () => (/* reexport */ CancelledError),
  PROVIDERS: () => (/* reexport */ PROVIDERS),
  TrafficError: () => (/* reexport */ TrafficError),
  createProvider: () => (/* reexport */ createProvider),
  describeHolder: () => (/* reexport */ describeHolder),
  httpColorProbe: () => (/* reexport */ httpColorProbe),
  readProviderInputs: () => (/* reexport */ readProviderInputs),
  restoreTraffic: () => (/* reexport */ restoreTraffic),
  runShellCommand: () => (/* reexport */ runShellCommand),
  summariseVerification: () => (/* reexport */ summariseVerification),
  switchTraffic: () => (/* reexport */ switchTraffic),
  verifyLive: () => (/* reexport */ verifyLive)
});

// EXTERNAL MODULE: ../../packages/clock/src/index.ts
var src = __webpack_require__(7819);
;// CONCATENATED MODULE: ../../packages/traffic/src/errors.ts
class TrafficError extends Error {
    untrustedOutput;
    name = 'TrafficError';
    /** The changes the proxy took before this was thrown, in order: filled in by switchTraffic for its report. */
    changesMade = [];
    constructor(message, 
    /** Output of a proxy command or body of a proxy response, untrusted: never print it unguarded. */
    untrustedOutput) {
        super(message);
        this.untrustedOutput = untrustedOutput;
    }
}
/**
 * Thrown when a switch, a restore or one of their commands stops because its AbortSignal fired (in the action: the
 * job was cancelled). Thrown only once what was stopped can no longer change anything.
 */
class CancelledError extends TrafficError {
    reason;
    stopped;
    name = 'CancelledError';
    constructor(
    /** Why the signal fired: the action aborts with the runner's signal name, e.g. SIGINT. */
    reason, 
    /** What was stopped, e.g. "stopped 'nginx -s reload' and everything it started (they ended on SIGTERM)". */
    stopped, untrustedOutput) {
        super(`cancelled (${reason}): ${stopped}`, untrustedOutput);
        this.reason = reason;
        this.stopped = stopped;
    }
}
/** The abort reason as text: a string reason as it is (the action's SIGINT), an Error's message, else "aborted". */
function cancellationReason(signal) {
    const reason = signal.reason;
    if (typeof reason === 'string')
        return reason;
    if (reason instanceof Error && reason.name !== 'AbortError')
        return reason.message;
    return 'aborted';
}
/** Throws a CancelledError saying what stops, when the signal has fired. */
function throwIfCancelled(signal, stopped) {
    if (signal?.aborted)
        throw new CancelledError(cancellationReason(signal), stopped);
}
/** Node's system error code (ENOENT, ECONNREFUSED...) of an unknown thrown value, if it has one. */
function errorCode(error) {
    const code = error?.code;
    return typeof code === 'string' ? code : undefined;
}

;// CONCATENATED MODULE: ../../packages/traffic/src/color.ts
// Blue and green: the two colors traffic moves between, and how a requested target resolves to one of them.

const COLORS = ['blue', 'green'];
function otherColor(color) {
    return color === 'blue' ? 'green' : 'blue';
}
function isColor(value) {
    return value === 'blue' || value === 'green';
}
/** Resolves `toggle` against what is live; toggling needs exactly one live color to flip from. */
function resolveTarget(target, live) {
    if (target !== 'toggle')
        return target;
    if (live === 'blue' || live === 'green')
        return otherColor(live);
    const why = live === 'both'
        ? 'both colors are live (an interrupted switch?)'
        : 'no color is live yet (first switch, or both disabled)';
    throw new TrafficError(`target: cannot toggle because ${why}; set target to blue or green`);
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ../../packages/core/src/index.ts + 15 modules
var core_src = __webpack_require__(4827);
;// CONCATENATED MODULE: ../../packages/traffic/src/atomic-file.ts
// Replacing a file or symlink in one rename, so a reader (nginx, a release link) sees the old or the new, never half.




/** A temporary name in the same folder, because rename() is only atomic within one filesystem. */
function siblingTempPath(file) {
    return external_node_path_default().join(external_node_path_default().dirname(file), `.${external_node_path_default().basename(file)}.${process.pid}.${(0,external_node_crypto_.randomBytes)(4).toString('hex')}.tmp`);
}
/**
 * Removes a temporary file that may never have been made. Its failure is never the news: the temp file could not be
 * made either (its folder is missing, or is a file: ENOTDIR), and the error that says why is the one to report.
 */
async function removeTempFile(temp) {
    await (0,promises_.rm)(temp, { force: true }).catch(() => undefined);
}
async function writeFileAtomically(file, content) {
    const temp = siblingTempPath(file);
    try {
        const handle = await (0,promises_.open)(temp, 'wx', 0o644);
        try {
            await handle.writeFile(content);
            // Flushed before the rename so a crash cannot leave the new name pointing at empty content.
            await handle.sync();
        }
        finally {
            await handle.close();
        }
        await (0,promises_.rename)(temp, file);
    }
    catch (error) {
        await removeTempFile(temp);
        throw error;
    }
}
/**
 * Fails as writeFileAtomically would (the folder missing or not writable, a folder in the file's place), without
 * touching the file: an empty temp file is made beside it and removed.
 */
async function checkReplaceable(file) {
    const existing = await (0,promises_.stat)(file).catch((error) => {
        if (errorCode(error) === 'ENOENT')
            return undefined;
        throw error;
    });
    if (existing?.isDirectory())
        throw Object.assign(new Error(`${file} is a directory`), { code: 'EISDIR' });
    const temp = siblingTempPath(file);
    try {
        await (await (0,promises_.open)(temp, 'wx', 0o644)).close();
    }
    finally {
        await removeTempFile(temp);
    }
}
async function replaceSymlinkAtomically(link, pointsTo) {
    const temp = siblingTempPath(link);
    try {
        await (0,promises_.symlink)(pointsTo, temp);
        await (0,promises_.rename)(temp, link);
    }
    catch (error) {
        await removeTempFile(temp);
        throw error;
    }
}

;// CONCATENATED MODULE: ../../packages/traffic/src/lock.ts
// One lock file per switched target, so two runs never interleave their changes; a lock left behind by a killed run
// is recognised (its process is gone, or it is too old) and taken over with a warning.







/** A lock file in the temp folder for targets that have no folder of their own (a socket over TCP, an admin API). */
function lockFileFor(kind, identity) {
    const digest = (0,external_node_crypto_.createHash)('sha256').update(identity).digest('hex').slice(0, 16);
    return external_node_path_default().join(external_node_os_default().tmpdir(), `actions-kit-traffic-${kind}-${digest}.lock`);
}
function describeHolder(holder) {
    return `pid ${holder.pid} on ${holder.hostname} since ${holder.startedAt} (${holder.purpose})`;
}
async function acquireLock(file, options) {
    const { clock, logger } = options;
    const mine = {
        pid: process.pid,
        hostname: external_node_os_default().hostname(),
        startedAt: new Date().toISOString(),
        nonce: (0,external_node_crypto_.randomBytes)(8).toString('hex'),
        purpose: options.purpose,
    };
    const deadline = clock.now() + options.waitMs;
    let recoveredFrom;
    let announcedWait = false;
    for (;;) {
        if (await tryCreate(file, mine)) {
            return { file, holder: mine, recoveredFrom, release: () => release(file, mine, logger) };
        }
        const holder = await readHolder(file);
        if (!holder)
            continue; // released between our attempt and the read
        const staleBecause = staleReason(holder, options.staleMs);
        if (staleBecause) {
            if (await takeOver(file, holder, options.staleMs)) {
                logger.warning(`lock ${file}: recovered a stale lock (${staleBecause}) held by ${describeHolder(holder)}; ` +
                    'that run was interrupted, so the switch re-applies its changes');
                recoveredFrom = holder;
            }
            else {
                await clock.sleep(options.pollMs ?? 50);
            }
            continue;
        }
        throwIfCancelled(options.signal, `stopped waiting for lock ${file}, held by ${describeHolder(holder)}`);
        const remaining = deadline - clock.now();
        if (remaining <= 0) {
            throw new TrafficError(`lock ${file} is held by ${describeHolder(holder)}; waited ${(0,core_src/* humanDuration */.UU)(options.waitMs)}. Another run is switching ` +
                `the same target: let it finish and re-run, or, if no run is in progress, delete ${file}`);
        }
        if (!announcedWait) {
            logger.info(`lock ${file} is held by ${describeHolder(holder)}; waiting up to ${(0,core_src/* humanDuration */.UU)(options.waitMs)}`);
            announcedWait = true;
        }
        await clock.sleep(Math.min(options.pollMs ?? 100, remaining));
    }
}
/** Creates the lock with its content in one step (link of a complete file), so no reader ever sees it empty. */
async function tryCreate(file, holder) {
    const temp = `${file}.${holder.nonce}.tmp`;
    try {
        await (0,promises_.writeFile)(temp, JSON.stringify(holder), { flag: 'wx' });
        await (0,promises_.link)(temp, file);
        return true;
    }
    catch (error) {
        if (errorCode(error) === 'EEXIST')
            return false;
        throw new TrafficError(`lock ${file}: cannot create it (${errorCode(error) ?? String(error)}); its folder must exist and be ` +
            'writable by this job');
    }
    finally {
        await removeTempFile(temp);
    }
}
async function readHolder(file) {
    let text;
    let modified;
    try {
        [text, modified] = await Promise.all([(0,promises_.readFile)(file, 'utf8'), (0,promises_.stat)(file).then((s) => s.mtime)]);
    }
    catch (error) {
        if (errorCode(error) === 'ENOENT')
            return undefined;
        throw error;
    }
    try {
        const parsed = JSON.parse(text);
        if (typeof parsed.pid === 'number' && typeof parsed.nonce === 'string') {
            return {
                pid: parsed.pid,
                hostname: String(parsed.hostname),
                startedAt: String(parsed.startedAt),
                nonce: parsed.nonce,
                purpose: String(parsed.purpose),
            };
        }
    }
    catch {
        // Not ours (made by hand?): described by its modification time below.
    }
    return {
        pid: 0,
        hostname: 'unknown host',
        startedAt: modified.toISOString(),
        nonce: `unreadable-${modified.getTime()}`,
        purpose: 'unreadable lock file',
    };
}
function staleReason(holder, staleMs) {
    if (holder.hostname === external_node_os_default().hostname() && holder.pid > 0 && !isProcessAlive(holder.pid)) {
        return `process ${holder.pid} no longer exists`;
    }
    const age = Date.now() - Date.parse(holder.startedAt);
    if (!(age <= staleMs))
        return `older than ${(0,core_src/* humanDuration */.UU)(staleMs)}`;
    return undefined;
}
function isProcessAlive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (error) {
        return errorCode(error) === 'EPERM'; // exists, owned by someone else
    }
}
/**
 * Removes a stale lock only if it is still the same stale lock. Waiters that saw the same stale holder race for a
 * claim file named after its nonce; only the winner deletes, and it re-reads first, so a fresh lock taken in between
 * is never deleted.
 */
async function takeOver(file, stale, staleMs) {
    const claim = `${file}.${stale.nonce}.takeover`;
    try {
        const claimant = { ...stale, pid: process.pid, hostname: external_node_os_default().hostname(), startedAt: new Date().toISOString() };
        await (0,promises_.writeFile)(claim, JSON.stringify(claimant), { flag: 'wx' });
    }
    catch (error) {
        if (errorCode(error) !== 'EEXIST')
            throw error;
        // Another waiter is taking over; if it was killed while doing so, clear its claim so the lock cannot stay stuck.
        const claimant = await readHolder(claim);
        if (claimant && staleReason(claimant, staleMs))
            await (0,promises_.rm)(claim, { force: true });
        return false;
    }
    try {
        const again = await readHolder(file);
        if (again?.nonce !== stale.nonce)
            return false;
        await (0,promises_.rm)(file, { force: true });
        return true;
    }
    finally {
        await (0,promises_.rm)(claim, { force: true });
    }
}
async function release(file, mine, logger) {
    const holder = await readHolder(file);
    if (holder?.nonce === mine.nonce) {
        await (0,promises_.rm)(file, { force: true });
    }
    else {
        logger.warning(`lock ${file}: no longer ours at release (now ${holder ? describeHolder(holder) : 'absent'})`);
    }
}

;// CONCATENATED MODULE: ../../packages/traffic/src/verify.ts


const PER_REQUEST_TIMEOUT_MS = 2_000;
/** The shortest time a request is given, near the end of the timeout (an http timeout of 0 means none at all). */
const MIN_REQUEST_TIMEOUT_MS = 1;
/** `signal` stops it between requests (each at most 2 s) with a CancelledError. */
async function verifyLive(color, probe, policy, clock, signal) {
    const started = clock.now();
    const seen = { blue: 0, green: 0, other: 0, failed: 0 };
    let streak = 0;
    let attempts = 0;
    let lastMismatch;
    const elapsed = () => clock.now() - started;
    for (;;) {
        // Read once: time moves on between a check and a use, and a request must never get a timeout of 0 or less.
        const remaining = policy.timeoutMs - elapsed();
        if (remaining <= 0 || streak >= policy.requests)
            break;
        throwIfCancelled(signal, `stopped verifying ${color} after ${(0,core_src/* countOf */.pq)(attempts, 'request')} (${(0,core_src/* groupDigits */.K9)(streak)} in a row from it)`);
        const answer = await probe(Math.max(MIN_REQUEST_TIMEOUT_MS, Math.min(PER_REQUEST_TIMEOUT_MS, remaining)));
        attempts += 1;
        const origin = originOf(answer);
        seen[origin] += 1;
        if (origin === color) {
            streak += 1;
            continue;
        }
        streak = 0;
        lastMismatch = describeAnswer(answer);
        const left = policy.timeoutMs - elapsed();
        if (left > 0)
            await clock.sleep(Math.min(policy.retryDelayMs ?? 100, left));
    }
    const passed = streak >= policy.requests;
    return { color, passed, required: policy.requests, streak, attempts, seen, lastMismatch, elapsedMs: elapsed() };
}
/** "20 of 20 consecutive answers from green after 22 requests in 143 ms (seen: blue 2, green 20)". */
function summariseVerification(v) {
    const counts = Object.entries(v.seen)
        .filter(([, n]) => n > 0)
        .map(([origin, n]) => `${origin} ${(0,core_src/* groupDigits */.K9)(n)}`)
        .join(', ');
    const answers = `${(0,core_src/* groupDigits */.K9)(v.streak)} of ${(0,core_src/* countOf */.pq)(v.required, 'consecutive answer')} from ${v.color}`;
    const head = `${answers} after ${(0,core_src/* countOf */.pq)(v.attempts, 'request')} in ${(0,core_src/* humanDuration */.UU)(v.elapsedMs)} (seen: ${counts || 'nothing'})`;
    return v.passed || !v.lastMismatch ? head : `${head}; last other answer: ${v.lastMismatch}`;
}
function originOf(answer) {
    if (answer.error !== undefined || answer.status === undefined || answer.status >= 500)
        return 'failed';
    const claimed = answer.color?.trim().toLowerCase();
    return claimed === 'blue' || claimed === 'green' ? claimed : 'other';
}
function describeAnswer(answer) {
    if (answer.error !== undefined)
        return answer.error;
    // The claimed value comes from the response: shown only when it is a plain short word.
    const claimed = answer.color === undefined
        ? 'no color'
        : /^[\w.-]{1,40}$/.test(answer.color)
            ? `'${answer.color}'`
            : 'an unreadable color';
    return `HTTP ${answer.status} with ${claimed}`;
}

;// CONCATENATED MODULE: ../../packages/traffic/src/switch.ts
// The switch itself: lock the target, read what is live from the proxy, resolve the target, change it in a safe
// order, prove the new color answers and read it back from the proxy, and switch back with the evidence when either
// disagrees.





const silentLogger = { info: () => undefined, warning: () => undefined };
async function switchTraffic(request) {
    const clock = request.clock ?? src/* systemClock */.m;
    const logger = request.logger ?? silentLogger;
    if (request.dryRun)
        return dryRun(request, clock, logger);
    const changes = [];
    try {
        return await lockedSwitch(request, clock, logger, changes);
    }
    catch (error) {
        if (error instanceof TrafficError)
            error.changesMade = changes;
        throw error;
    }
}
function emptyTimings() {
    return { lockWaitMs: 0, readMs: 0, switchMs: 0, verifyMs: 0, rollbackMs: 0, totalMs: 0 };
}
/** Reads the live state and plans, changing nothing and taking no lock. */
async function dryRun(request, clock, logger) {
    const { provider } = request;
    const started = clock.now();
    const before = await provider.current(request.signal);
    const target = resolveTarget(request.target, before.live);
    const plan = before.live === target ? [] : provider.plan(target, before);
    const timings = emptyTimings();
    timings.readMs = timings.totalMs = Math.round(clock.now() - started);
    logger.info(`${provider.describe()}: dry run, ${before.evidence}`);
    const base = { provider: provider.describe(), target, previous: before.live, active: before.live };
    return { ...base, outcome: 'dry-run', changed: false, plan, changes: [], previousState: before, timings };
}
/** The switch under the target's lock; each change the proxy takes is added to `changes` as it is made. */
async function lockedSwitch(request, clock, logger, changes) {
    const { provider, signal } = request;
    const started = clock.now();
    const timings = emptyTimings();
    const since = (mark) => Math.round(clock.now() - mark);
    const requested = request.target === 'toggle' ? 'toggle' : `switch to ${request.target}`;
    const lock = await acquireLock(await lockFileOf(provider, signal), {
        purpose: `${requested} via ${provider.kind}`,
        waitMs: request.lockWaitMs ?? 60_000,
        staleMs: request.lockStaleMs ?? 15 * 60_000,
        clock,
        logger,
        signal,
    });
    timings.lockWaitMs = since(started);
    try {
        let mark = clock.now();
        const before = await provider.current(signal);
        const target = resolveTarget(request.target, before.live);
        timings.readMs = since(mark);
        const base = { provider: provider.describe(), target, previous: before.live, previousState: before };
        const recoveredLockFrom = lock.recoveredFrom;
        logger.info(`${provider.describe()}: ${before.evidence}`);
        // A killed run may have changed the proxy's files without applying them (nginx rewritten, not reloaded), so
        // after taking over its lock the changes are made again even when the target already looks live.
        const plan = before.live === target && !recoveredLockFrom ? [] : provider.plan(target, before);
        if (plan.length === 0) {
            timings.totalMs = since(started);
            const already = { outcome: 'already-live', active: before.live, changed: false, plan, changes };
            return { ...base, ...already, recoveredLockFrom, timings };
        }
        throwIfCancelled(signal, `stopped after reading the live state (${before.evidence})`);
        await request.beforeChange?.(before, target);
        mark = clock.now();
        for (const step of plan)
            logger.info(`plan: ${step}`);
        await provider.switchTo(target, before, changeLog(provider, logger, 'switch', changes), signal);
        timings.switchMs = since(mark);
        let verification;
        if (request.verify) {
            mark = clock.now();
            verification = await verifyLive(target, request.verify.probe, request.verify, clock, signal);
            timings.verifyMs = since(mark);
            logger.info(`verification: ${summariseVerification(verification)}`);
        }
        let problem = verification && !verification.passed
            ? `${target} did not prove live: ${summariseVerification(verification)}`
            : undefined;
        // Read back always, verified or not: a switch the proxy does not show (a switch-command that did nothing, a
        // change undone by someone else) is a failure, never a success.
        const after = problem === undefined ? await provider.current(signal) : undefined;
        if (after && after.live !== target) {
            problem = `${target} is not live after the switch: the proxy reads ${after.live} (${after.evidence})`;
        }
        if (problem !== undefined) {
            mark = clock.now();
            const back = changeLog(provider, logger, 'switch back', changes);
            const rollbackVerification = await switchBack(provider, before, problem, request, clock, back);
            timings.rollbackMs = since(mark);
            const active = (await provider.current(signal)).live;
            timings.totalMs = since(started);
            const outcome = { outcome: 'rolled-back', active, changed: false, plan, changes, problem };
            return { ...base, ...outcome, verification, rollbackVerification, recoveredLockFrom, timings };
        }
        timings.totalMs = since(started);
        const active = target;
        const switched = { outcome: 'switched', active, changed: true, plan, changes };
        return { ...base, ...switched, verification, recoveredLockFrom, timings };
    }
    finally {
        await lock.release();
    }
}
/** The logger a provider is given: each change is logged under the provider's name and added to `changes`. */
function changeLog(provider, logger, phase, changes) {
    return {
        info: (message) => logger.info(message),
        warning: (message) => logger.warning(message),
        changed: (step) => {
            logger.info(`${provider.kind}: ${phase === 'switch back' ? 'switching back: ' : ''}${step}`);
            changes.push({ phase, step });
        },
    };
}
/** The lock file as the proxy identifies what is switched, when the provider can ask it; else its own. */
function lockFileOf(provider, signal) {
    return provider.resolveLockFile?.(signal) ?? Promise.resolve(provider.lockFile);
}
async function switchBack(provider, before, problem, request, clock, logger) {
    logger.warning(`${problem}; switching back to ${before.live}`);
    try {
        await provider.restore(before, logger, request.signal);
    }
    catch (error) {
        if (error instanceof CancelledError)
            throw error;
        const why = error instanceof Error ? error.message : String(error);
        throw new TrafficError(`${problem}; switching back to ${before.live} failed too: ${why}. Traffic may be on either color: check ` +
            `${provider.describe()} by hand (it was: ${before.evidence})`, error instanceof TrafficError ? error.untrustedOutput : undefined);
    }
    if (!request.verify || (before.live !== 'blue' && before.live !== 'green'))
        return undefined;
    const proof = await verifyLive(before.live, request.verify.probe, request.verify, clock, request.signal);
    logger.info(`verification after switching back: ${summariseVerification(proof)}`);
    return proof;
}
/**
 * Puts a saved state back under the target's lock: the cancel post step's path. The main step's lock, left by a
 * killed process, is recovered like any stale lock.
 */
async function restoreTraffic(request) {
    const { provider, state, signal } = request;
    const logger = request.logger ?? silentLogger;
    const lock = await acquireLock(await lockFileOf(provider, signal), {
        purpose: `restore ${state.live} via ${provider.kind}`,
        waitMs: request.lockWaitMs ?? 60_000,
        staleMs: request.lockStaleMs ?? 15 * 60_000,
        clock: request.clock ?? src/* systemClock */.m,
        logger,
        signal,
    });
    try {
        const now = await provider.current(signal);
        const base = { provider: provider.describe(), before: now.live };
        const changed = now.snapshot !== state.snapshot;
        const reapplied = !changed && (request.reapply === true || lock.recoveredFrom !== undefined);
        const changes = [];
        if (!changed && !reapplied)
            return { ...base, changed, reapplied, active: now.live, changes };
        logger.info(changed
            ? `${provider.describe()}: putting back ${state.evidence} (now ${now.evidence})`
            : `${provider.describe()}: applying ${state.evidence} again, as an interrupted switch may have changed ` +
                'more than it reads back');
        await provider.restore(state, changeLog(provider, logger, 'switch back', changes), signal);
        return { ...base, changed, reapplied, active: (await provider.current(signal)).live, changes };
    }
    finally {
        await lock.release();
    }
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
var external_node_http_default = /*#__PURE__*/__webpack_require__.n(external_node_http_);
;// CONCATENATED MODULE: ../../packages/traffic/src/color-servers.ts
// The blue-servers and green-servers inputs that the proxies with server pools take (HAProxy, nginx, Caddy), and the
// check that no server has two colors.


/**
 * blue-servers and green-servers, required unless the provider has `defaults`; `what` names the members ("host:port
 * addresses"), `examples` gives one for each color, and `form` is the grammar each member must fit.
 */
function colorServerInputs(what, examples, form, defaults) {
    return COLORS.map((color) => ({
        name: `${color}-servers`,
        kind: 'list',
        required: defaults === undefined,
        form,
        hint: `comma-separated ${what} of the ${color} servers (e.g. ${examples[color].join(',')})` +
            (defaults ? `; default ${defaults[color].join(',')}` : ''),
    }));
}
/**
 * Each color's servers, the defaults for a color left empty; a server in both colors is refused. `identity` is what
 * makes two members the same server (nginx: the address, whatever parameters follow it).
 */
function readColorServers(values, defaults, identity = (member) => member) {
    const pick = (color) => {
        const given = values.list(`${color}-servers`);
        return given.length === 0 && defaults ? defaults[color] : given;
    };
    const servers = { blue: pick('blue'), green: pick('green') };
    const greenIds = servers.green.map(identity);
    const shared = servers.blue.map(identity).filter((server) => greenIds.includes(server));
    if (shared.length > 0) {
        throw new TrafficError(`blue-servers and green-servers both list ${shared.join(', ')}; a server has one color`);
    }
    return servers;
}

;// CONCATENATED MODULE: ../../packages/traffic/src/provider.ts
/** The live color implied by which members take traffic. */
function liveColorOf(blueLive, greenLive) {
    if (blueLive && greenLive)
        return 'both';
    if (blueLive)
        return 'blue';
    if (greenLive)
        return 'green';
    return 'none';
}

;// CONCATENATED MODULE: ../../packages/traffic/src/value-forms.ts
// The grammar of each place a provider input ends up (an HAProxy runtime command, an nginx config file, a URL, a
// path), checked before anything is sent: a value that fits cannot add a command, a directive or a request.


/** "haproxy-backend: 'app;x' contains ';'; use ...": the input, the value quoted safely, what is wrong, the fix. */
function formError(inputName, value, form, quote = core_src/* quoteValue */.cl) {
    const problem = form.problem(value);
    return problem === undefined
        ? undefined
        : new TrafficError(`${inputName}: ${quote(value)} ${problem}; use ${form.accepted}`);
}
/** Throws formError's error, for values that reach a provider without readProviderInputs (a post step's JSON). */
function checkForm(inputName, value, form) {
    const error = formError(inputName, value, form);
    if (error)
        throw error;
}
/** A character as a message names it: `';'`, `a line break`, `U+0000`. */
function describeCharacter(char) {
    if (char === '\n')
        return 'a line break';
    if (char === '\r')
        return 'a carriage return';
    if (char === ' ')
        return 'a space';
    const code = char.codePointAt(0) ?? 0;
    if (code > 0x20 && code < 0x7f)
        return `'${char}'`;
    return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}
/** The first character of `value` that `allowed` (one character, a pattern or a test) refuses, described. */
function firstRefused(value, allowed) {
    const test = typeof allowed === 'function' ? allowed : (char) => allowed.test(char);
    for (const char of value)
        if (!test(char))
            return `contains ${describeCharacter(char)}`;
    return undefined;
}
/**
 * Not a control character (C0, DEL, C1), not a line or paragraph separator, not a bidirectional control (they
 * reorder what a reader sees), and not half of a surrogate pair (which a file name would store as U+FFFD).
 */
function isVisible(char) {
    const code = char.codePointAt(0) ?? 0;
    const invisible = code <= 0x1f ||
        (code >= 0x7f && code <= 0x9f) ||
        code === 0x2028 ||
        code === 0x2029 ||
        (code >= 0x202a && code <= 0x202e) ||
        (code >= 0x2066 && code <= 0x2069) ||
        (code >= 0xd800 && code <= 0xdfff);
    return !invisible;
}
function nameForm(accepted, allowed, maxLength) {
    return {
        accepted: `${accepted} (at most ${(0,core_src/* countOf */.pq)(maxLength, 'character')})`,
        problem: (value) => value.length > maxLength ? `is longer than ${(0,core_src/* countOf */.pq)(maxLength, 'character')}` : firstRefused(value, allowed),
    };
}
/** Backend and server names: what HAProxy allows in a name, so neither `;` nor a line break can start a command. */
const HAPROXY_NAME = nameForm("letters, digits, '-', '_', '.' and ':', as HAProxy names it", /[\w.:-]/, 255);
/** An upstream's name, as it stands in `proxy_pass http://<name>` and `upstream <name> {`. */
const NGINX_NAME = nameForm("letters, digits, '-', '_' and '.', as in proxy_pass http://<name>", /[\w.-]/, 255);
/** The "@id" of a Caddy handler, as it stands in the admin API's /id/<id> path. */
const CADDY_ID = nameForm("letters, digits, '-', '_', '.' and ':', as the handler's \"@id\"", /[\w.:-]/, 255);
/** A response header's name, as HTTP allows it (a token). */
const HEADER_NAME = nameForm("an HTTP header name: letters, digits and !#$%&'*+-.^_`|~ (e.g. x-color)", /[\w!#$%&'*+.^`|~-]/, 256);
const HOST_PORT = /^(?:\[[\da-fA-F:.]+\]|[a-zA-Z\d](?:[a-zA-Z\d.-]*[a-zA-Z\d])?):(?<port>\d{1,5})$/;
/** Why `address` is not host:port (a name, an IPv4 address or a bracketed IPv6 one, and a port 1-65535). */
function hostPortProblem(address) {
    const port = HOST_PORT.exec(address)?.groups?.['port'];
    if (port === undefined)
        return 'is not host:port';
    const number = Number(port);
    return number >= 1 && number <= 65_535 ? undefined : `has port ${port}, outside 1-65535`;
}
// Server parameters of open-source nginx (and NGINX Plus's route/service), each with the only values nginx takes.
// backup and down are the switch's own: it marks the standby color with them.
const NGINX_PARAMETERS = [
    /^weight=\d{1,6}$/,
    /^max_conns=\d{1,9}$/,
    /^max_fails=\d{1,9}$/,
    /^(?:fail_timeout|slow_start)=\d{1,9}(?:ms|s|m|h|d)?$/,
    /^resolve$/,
    /^(?:route|service)=[\w.-]{1,64}$/,
];
/** One nginx `server` line's operands: the address, then parameters nginx knows, nothing that ends the line. */
const NGINX_SERVER = {
    accepted: 'host:port (or unix:/path), optionally followed by server parameters: weight=N, max_conns=N, max_fails=N, ' +
        'fail_timeout=T, slow_start=T, resolve, route=NAME, service=NAME (e.g. 10.0.0.1:8080 weight=2)',
    problem: (value) => {
        const refused = firstRefused(value, /[\w.:[\]=/ -]/);
        if (refused)
            return refused;
        const [address = '', ...parameters] = value.split(/ +/);
        const addressProblem = /^unix:\/[\w./-]+$/.test(address) ? undefined : hostPortProblem(address);
        if (addressProblem)
            return addressProblem;
        const owned = parameters.find((parameter) => parameter === 'backup' || parameter === 'down');
        if (owned)
            return `sets ${owned}, which the switch sets itself on the standby color`;
        const unknown = parameters.find((parameter) => !NGINX_PARAMETERS.some((form) => form.test(parameter)));
        return unknown === undefined ? undefined : `has the unknown server parameter '${unknown}'`;
    },
};
/** A Caddy upstream's dial address: host:port, or a unix socket as Caddy writes it (unix//path). */
const DIAL_ADDRESS = {
    accepted: 'host:port or unix//path, as a Caddy upstream dials it (e.g. 10.0.0.1:8080)',
    problem: (value) => firstRefused(value, /[\w.:[\]/-]/) ?? (/^unix\/\/[\w./-]+$/.test(value) ? undefined : hostPortProblem(value)),
};
const PATH_MAX = 4096;
/** A file path: anything the filesystem takes but what isVisible refuses (NUL cannot be in a path at all). */
const FILE_PATH = {
    accepted: `a file path without control or bidirectional characters (at most ${(0,core_src/* countOf */.pq)(PATH_MAX, 'character')})`,
    problem: (value) => value.length > PATH_MAX ? `is longer than ${PATH_MAX} characters` : firstRefused(value, isVisible),
};
/** A unix socket path, or host:port of a TCP socket. */
const SOCKET_ADDRESS = {
    accepted: 'a unix socket path (e.g. /run/haproxy/admin.sock) or host:port (e.g. 127.0.0.1:9999)',
    problem: (value) => FILE_PATH.problem(value) ?? (/^[^/]*:\d+$/.test(value) ? hostPortProblem(value) : undefined),
};
/** A shell command: anything `sh -c` runs, but no NUL, which no argument can hold. */
const SHELL_COMMAND = {
    accepted: 'a shell command without NUL characters',
    problem: (value) => (value.includes('\u0000') ? 'contains U+0000' : undefined),
};
/**
 * An http(s) URL, with an example of the input's own. `credentials: false` refuses a user name or password in it,
 * for a URL that is printed (Caddy's admin URL names the provider in the log and the summary).
 */
function httpUrlForm(example, { credentials = true } = {}) {
    return {
        accepted: `e.g. ${example} (an http:// or https:// URL)`,
        problem: (value) => {
            let url;
            try {
                url = new URL(value);
            }
            catch {
                return 'is not a URL';
            }
            // The URL parser drops tabs and line breaks silently: refused, as they are no part of a URL anyone means.
            const refused = firstRefused(value, (char) => char !== ' ' && isVisible(char));
            if (refused)
                return refused;
            if (url.protocol !== 'http:' && url.protocol !== 'https:') {
                return /^[^/:]+:\d+/.test(value) ? 'is not http(s): it has no http:// in front' : 'is not http(s)';
            }
            if (!credentials && (url.username !== '' || url.password !== '')) {
                return 'holds a user name or password, which the log and the summary would show';
            }
            return undefined;
        },
    };
}

;// CONCATENATED MODULE: ../../packages/traffic/src/caddy.ts
// Caddy through its admin API: reads the reverse_proxy handler found by its @id, and replaces its upstreams with one
// PATCH guarded by If-Match on the ETag read with it, so a change made by someone else in between is refused.
// Caddy 2.6 sends that ETag as an HTTP trailer (after a chunked body), which is why node:http is used here.








const ADMIN_URL = httpUrlForm('http://localhost:2019', { credentials: false });
/** The dial addresses of a reverse_proxy handler's static upstreams, or why they cannot be switched. */
function parseReverseProxyHandler(text) {
    let handler;
    try {
        handler = JSON.parse(text);
    }
    catch {
        throw new TrafficError('caddy: the admin API answered with something that is not JSON', text);
    }
    if (handler.handler !== 'reverse_proxy') {
        throw new TrafficError(`caddy-handler-id: the object with this @id is a '${String(handler.handler)}' handler, not reverse_proxy; ` +
            'put the @id on the reverse_proxy handler');
    }
    if (handler.dynamic_upstreams !== undefined) {
        throw new TrafficError('caddy-handler-id: the handler uses dynamic_upstreams; give it static upstreams to switch');
    }
    const upstreams = Array.isArray(handler.upstreams) ? handler.upstreams : [];
    const dials = upstreams.map((upstream) => String(upstream.dial ?? ''));
    return { upstreams, dials };
}
class CaddyProvider {
    options;
    kind = 'caddy';
    lockFile;
    handlerUrl;
    constructor(options) {
        this.options = options;
        // Only an http(s) URL can be asked (node:http throws on any other protocol), whoever built these options.
        checkForm('caddy-admin-url', options.adminUrl, ADMIN_URL);
        const admin = new URL(options.adminUrl);
        this.handlerUrl = new URL(`id/${encodeURIComponent(options.handlerId)}`, admin.href.replace(/\/?$/, '/'));
        this.lockFile = lockFileFor('caddy', this.handlerUrl.href);
    }
    describe() {
        return `Caddy reverse_proxy '@id: ${this.options.handlerId}' via ${this.options.adminUrl}`;
    }
    async current() {
        const answer = await this.admin('GET', this.handlerUrl);
        if (answer.status === 404 || /unknown object ID/i.test(answer.body)) {
            throw new TrafficError(`caddy-handler-id: Caddy has no object with "@id": "${this.options.handlerId}"; add it to the ` +
                'reverse_proxy handler in the Caddy config');
        }
        if (answer.status !== 200) {
            throw new TrafficError(`caddy: GET ${this.handlerUrl.href} answered HTTP ${answer.status}`, answer.body);
        }
        const { upstreams, dials } = parseReverseProxyHandler(answer.body);
        const colors = dials.map((dial) => this.colorOf(dial));
        return {
            live: liveColorOf(colors.includes('blue'), colors.includes('green')),
            evidence: `reverse_proxy sends traffic to ${dials.join(', ') || 'no upstream'}`,
            snapshot: JSON.stringify({ upstreams, etag: answer.etag }),
        };
    }
    plan(target, from) {
        const { etag } = JSON.parse(from.snapshot);
        const guard = etag ? `If-Match ${etag}` : 'no ETag from this Caddy, so no If-Match';
        return [
            `PATCH ${this.handlerUrl.href}/upstreams to ${this.options.servers[target].join(', ')} (${guard}); ` +
                `${otherColor(target)} leaves the handler in the same config change`,
        ];
    }
    async switchTo(target, from, log) {
        const { etag } = JSON.parse(from.snapshot);
        if (!etag)
            log.warning('caddy: the admin API sent no ETag, so a concurrent config change cannot be detected');
        const upstreams = this.options.servers[target].map((dial) => ({ dial }));
        await this.patchUpstreams(upstreams, etag);
        log.changed(`set the upstreams of '${this.options.handlerId}' to ${this.options.servers[target].join(', ')}`);
    }
    async restore(state, log) {
        const { upstreams } = JSON.parse(state.snapshot);
        const now = JSON.parse((await this.current()).snapshot);
        await this.patchUpstreams(upstreams, now.etag);
        log.changed(`put back the previous upstreams of '${this.options.handlerId}'`);
    }
    async patchUpstreams(upstreams, etag) {
        const url = new URL(`${this.handlerUrl.href}/upstreams`);
        const answer = await this.admin('PATCH', url, JSON.stringify(upstreams), etag);
        if (answer.status === 412) {
            throw new TrafficError(`caddy: the reverse_proxy '${this.options.handlerId}' changed since this run read it (If-Match ${etag} ` +
                'no longer matches): someone else changed the Caddy config at the same time; nothing was changed by ' +
                'this step, re-run once the other change is done');
        }
        if (answer.status !== 200) {
            throw new TrafficError(`caddy: Caddy refused the new upstreams (PATCH ${url.href}, HTTP ${answer.status}); the previous config ` +
                'stays live: check blue-servers / green-servers are host:port dial addresses', answer.body);
        }
    }
    colorOf(dial) {
        if (this.options.servers.blue.includes(dial))
            return 'blue';
        if (this.options.servers.green.includes(dial))
            return 'green';
        throw new TrafficError(`caddy-handler-id: the handler '${this.options.handlerId}' sends traffic to ${dial}, which is in neither ` +
            `blue-servers (${this.options.servers.blue.join(', ')}) nor green-servers ` +
            `(${this.options.servers.green.join(', ')}); add it to one of them`);
    }
    async admin(method, url, body, ifMatch) {
        // node:https loads TLS (about 11 ms of an action's start-up on Node 24): only when the admin URL needs it.
        const client = url.protocol === 'https:' ? await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 4708, 23)) : (external_node_http_default());
        const headers = {};
        if (body !== undefined)
            headers['content-type'] = 'application/json';
        if (ifMatch)
            headers['if-match'] = ifMatch;
        const timeoutMs = this.options.timeoutMs ?? 10_000;
        return new Promise((resolve, reject) => {
            const request = client.request(url, { method, headers, agent: false }, (response) => {
                let text = '';
                response.setEncoding('utf8');
                response.on('data', (chunk) => (text += chunk));
                response.on('end', () => {
                    const etag = response.headers.etag ?? response.trailers.etag;
                    resolve({ status: response.statusCode ?? 0, body: text, etag: etag || undefined });
                });
            });
            request.setTimeout(timeoutMs, () => request.destroy(Object.assign(new Error(), { code: 'ETIMEDOUT' })));
            request.on('error', (error) => {
                const code = errorCode(error);
                const why = code === 'ECONNREFUSED'
                    ? 'refused the connection: Caddy is not running, or its admin endpoint listens elsewhere (see "admin": {"listen": ...})'
                    : code === 'ETIMEDOUT'
                        ? `did not answer within ${(0,core_src/* humanDuration */.UU)(timeoutMs)}`
                        : `cannot be reached (${code ?? error.message})`;
                reject(new TrafficError(`caddy-admin-url: ${this.options.adminUrl} ${why}`));
            });
            request.end(body);
        });
    }
}
const caddyDescriptor = {
    name: 'caddy',
    inputs: [
        {
            name: 'caddy-handler-id',
            kind: 'text',
            required: true,
            form: CADDY_ID,
            hint: 'the "@id" of the reverse_proxy handler in Caddy\'s config (e.g. app)',
        },
        ...colorServerInputs('dial addresses', { blue: ['10.0.0.1:8080'], green: ['10.0.0.2:8080'] }, DIAL_ADDRESS),
        {
            name: 'caddy-admin-url',
            kind: 'text',
            default: 'http://localhost:2019',
            form: ADMIN_URL,
            hint: "the URL of Caddy's admin API (e.g. http://localhost:2019)",
        },
    ],
    settings: (values) => ({
        adminUrl: values.text('caddy-admin-url'),
        handlerId: values.text('caddy-handler-id'),
        servers: readColorServers(values),
    }),
    create: (settings) => new CaddyProvider(settings),
};

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:timers/promises"
var external_node_timers_promises_ = __webpack_require__(8500);
;// CONCATENATED MODULE: ../../packages/traffic/src/process-group.ts
// Ending a command's process group on cancellation, and telling when nothing in it can run any more: a cancelled
// switch reports the command stopped only once it can no longer change the proxy.



const POLL_MS = 20;
/** SIGKILL cannot be caught; this only covers a process stuck in uninterruptible sleep. */
const AFTER_SIGKILL_MS = 2_000;
/** SIGTERM to every process of the group, SIGKILL to what is left after `graceMs`; resolves once none runs. */
async function endProcessGroup(pgid, graceMs) {
    signalGroup(pgid, 'SIGTERM');
    if (await waitUntilStopped(pgid, graceMs))
        return { endedBy: 'SIGTERM', stopped: true };
    signalGroup(pgid, 'SIGKILL');
    return { endedBy: 'SIGKILL', stopped: await waitUntilStopped(pgid, AFTER_SIGKILL_MS) };
}
/**
 * Whether a process of the group can still run. A dead process stays in its group as a zombie until its parent
 * reaps it; a command's children are reaped by PID 1, which some containers do only every second or two. Zombies
 * cannot run, so on Linux /proc tells them apart; elsewhere the group counts as running until it is gone.
 */
function groupIsRunning(pgid) {
    try {
        process.kill(-pgid, 0);
    }
    catch (error) {
        return errorCode(error) === 'EPERM'; // ESRCH: no process left in the group
    }
    return runningMembersInProc(pgid) ?? true;
}
async function waitUntilStopped(pgid, ms) {
    const deadline = performance.now() + ms;
    for (;;) {
        if (!groupIsRunning(pgid))
            return true;
        if (performance.now() >= deadline)
            return false;
        await (0,external_node_timers_promises_.setTimeout)(POLL_MS);
    }
}
function signalGroup(pgid, signal) {
    try {
        process.kill(-pgid, signal);
    }
    catch {
        // The group is already gone.
    }
}
/** True when /proc lists a member of the group that is not a zombie; undefined without a Linux /proc. */
function runningMembersInProc(pgid) {
    let entries;
    try {
        entries = (0,external_node_fs_.readdirSync)('/proc');
    }
    catch {
        return undefined;
    }
    for (const entry of entries) {
        if (!/^\d+$/.test(entry))
            continue;
        let stat;
        try {
            stat = (0,external_node_fs_.readFileSync)(`/proc/${entry}/stat`, 'utf8');
        }
        catch {
            continue; // exited since the listing
        }
        // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so fields count from the last ')'.
        const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        if (Number(group) === pgid && state !== 'Z' && state !== 'X')
            return true;
    }
    return false;
}

;// CONCATENATED MODULE: ../../packages/traffic/src/shell-command.ts
// Runs the user's commands (nginx -t, a reload, a custom switch) through the shell, keeps their output as data, and
// stops each one with everything it started when it times out, when it is cancelled, or when this process dies.




const OUTPUT_CAP = 64 * 1024;
/** The command-timeout input of every provider that runs the user's shell commands (nginx's test and reload, command's). */
const COMMAND_TIMEOUT_INPUT = {
    name: 'command-timeout',
    kind: 'duration',
    default: '60s',
    min: '1s',
    max: '1h',
    hint: 'how long each shell command may run before it is killed (e.g. 30s or 2m)',
};
const DEFAULT_CANCEL_GRACE_MS = 2_000;
/**
 * `sh -c <command>` in a process group of its own (so a kill reaches what the shell started: those hold the output
 * pipes open), beside a watchdog: a subshell reading fd 3, a socket whose other end only this process holds. This
 * process writes a line there when the command has ended; if this process dies first, even by SIGKILL, the kernel
 * closes its end, the read fails and the watchdog kills the group, so a command never outlives the step that
 * started it (the runner's SIGKILL reaches only the node process). The watchdog dies with the group on SIGTERM.
 */
const WATCHED_COMMAND = [
    '( read -r line <&3 || kill -s KILL 0 ) </dev/null >/dev/null 2>&1 &',
    'exec 3<&-',
    'exec /bin/sh -c "$1" sh',
].join('\n');
function runShellCommand(command, options = {}) {
    const { signal } = options;
    if (signal?.aborted) {
        return Promise.reject(new CancelledError(cancellationReason(signal), `did not start '${command}'`));
    }
    return new Promise((resolve, reject) => {
        const child = (0,external_node_child_process_.spawn)('/bin/sh', ['-c', WATCHED_COMMAND, 'sh', command], {
            cwd: options.cwd,
            env: options.env ?? process.env,
            stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
            detached: true,
        });
        // stdio 'pipe' makes each of these a stream; fd 3 is a socket.
        const stdout = child.stdout;
        const stderr = child.stderr;
        const watchdog = child.stdio[3];
        // Writing to a watchdog already killed with its group fails with EPIPE: nothing to do then.
        watchdog?.on('error', () => undefined);
        let output = '';
        let timedOut = false;
        let cancelling = false;
        let settled = false;
        const collect = (chunk) => {
            if (output.length < OUTPUT_CAP)
                output += chunk.toString('utf8').slice(0, OUTPUT_CAP - output.length);
        };
        stdout.on('data', collect);
        stderr.on('data', collect);
        const settle = (done) => {
            if (settled)
                return;
            settled = true;
            clearTimeout(timer);
            signal?.removeEventListener('abort', onAbort);
            done();
        };
        const timer = setTimeout(() => {
            timedOut = true;
            try {
                if (child.pid)
                    process.kill(-child.pid, 'SIGKILL');
            }
            catch {
                // Already gone.
            }
        }, options.timeoutMs ?? 60_000);
        // Ended: the shell has exited and nothing it left behind holds its output open any more.
        const ends = { exit: false, stdout: false, stderr: false };
        const ended = () => ends.exit && ends.stdout && ends.stderr;
        const onEnd = (what) => () => {
            ends[what] = true;
            // The watchdog stands down only now, so it still covers a background process that kept the output open.
            if (ended())
                watchdog?.end('\n');
        };
        const onAbort = () => {
            const pgid = child.pid;
            // Never started (the 'error' event settles), or already ended: its own result stands.
            if (pgid === undefined || ended())
                return;
            clearTimeout(timer);
            const reason = cancellationReason(signal);
            // From here the command's own end (killed by what follows) is not its result: the cancellation is.
            cancelling = true;
            void endProcessGroup(pgid, options.cancelGraceMs ?? DEFAULT_CANCEL_GRACE_MS).then(({ endedBy, stopped }) => {
                // A process that left the group (a daemon calling setsid) may still hold the pipes: stop reading them.
                stdout.destroy();
                stderr.destroy();
                watchdog?.destroy();
                const how = endedBy === 'SIGTERM'
                    ? 'they ended on SIGTERM'
                    : `SIGKILL after ${(0,core_src/* humanDuration */.UU)(options.cancelGraceMs ?? DEFAULT_CANCEL_GRACE_MS)} without ending on SIGTERM`;
                const stoppedWhat = stopped
                    ? `stopped '${command}' and everything it started (${how})`
                    : `could not stop '${command}': process group ${pgid} still runs after SIGKILL; kill it by hand`;
                settle(() => reject(new CancelledError(reason, stoppedWhat, output)));
            });
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        child.on('exit', onEnd('exit'));
        stdout.on('end', onEnd('stdout'));
        stderr.on('end', onEnd('stderr'));
        child.on('error', (error) => {
            watchdog?.destroy();
            settle(() => resolve({ exitCode: null, signal: null, output: `${output}${error.message}`, timedOut }));
        });
        child.on('close', (exitCode, exitSignal) => {
            if (!cancelling)
                settle(() => resolve({ exitCode, signal: exitSignal, output, timedOut }));
        });
    });
}
/** "exited with code 1", "did not finish within 1 min 00 s and was killed", for messages. */
function describeExit(result, timeoutMs) {
    if (result.timedOut)
        return `did not finish within ${(0,core_src/* humanDuration */.UU)(timeoutMs)} and was killed`;
    if (result.signal)
        return `was killed by ${result.signal}`;
    return `exited with code ${result.exitCode}`;
}

;// CONCATENATED MODULE: ../../packages/traffic/src/command.ts
// The escape hatch for anything without a provider: one command prints the live color, another switches, with the
// color in $TARGET_COLOR.





class CommandProvider {
    options;
    kind = 'command';
    lockFile;
    timeoutMs;
    constructor(options) {
        this.options = options;
        this.lockFile = lockFileFor('command', options.switchCommand);
        this.timeoutMs = options.commandTimeoutMs ?? 60_000;
    }
    describe() {
        return `switch-command '${this.options.switchCommand}'`;
    }
    async current(signal) {
        const result = await runShellCommand(this.options.currentCommand, this.commandOptions(signal));
        const printed = result.output.trim().toLowerCase();
        if (result.exitCode !== 0) {
            throw new TrafficError(`current-command '${this.options.currentCommand}' ${describeExit(result, this.timeoutMs)}; it must print ` +
                'blue or green and exit 0', result.output);
        }
        if (!isColor(printed)) {
            throw new TrafficError(`current-command '${this.options.currentCommand}' printed something other than blue or green; make it ` +
                'print only the live color', result.output);
        }
        return { live: printed, evidence: `current-command printed ${printed}`, snapshot: printed };
    }
    plan(target) {
        return [`run '${this.options.switchCommand}' with TARGET_COLOR=${target}`];
    }
    async switchTo(target, from, log, signal) {
        const result = await runShellCommand(this.options.switchCommand, this.commandOptions(signal, target));
        if (result.exitCode !== 0) {
            throw new TrafficError(`switch-command '${this.options.switchCommand}' ${describeExit(result, this.timeoutMs)} with ` +
                `TARGET_COLOR=${target}; this provider cannot tell what it left behind: check that ${from.live} still ` +
                'serves (the next run reads it with current-command)', result.output);
        }
        log.changed(`ran '${this.options.switchCommand}' with TARGET_COLOR=${target}`);
    }
    async restore(state, log, signal) {
        if (isColor(state.snapshot))
            await this.switchTo(state.snapshot, state, log, signal);
    }
    commandOptions(signal, target) {
        const env = { ...(this.options.env ?? process.env), ...(target ? { TARGET_COLOR: target } : {}) };
        return { cwd: this.options.cwd, env, timeoutMs: this.timeoutMs, signal };
    }
}
const commandDescriptor = {
    name: 'command',
    inputs: [
        {
            name: 'current-command',
            kind: 'text',
            required: true,
            form: SHELL_COMMAND,
            hint: 'a shell command printing the live color, blue or green',
        },
        {
            name: 'switch-command',
            kind: 'text',
            required: true,
            form: SHELL_COMMAND,
            hint: 'a shell command switching traffic to $TARGET_COLOR',
        },
        COMMAND_TIMEOUT_INPUT,
    ],
    settings: (values) => ({
        currentCommand: values.text('current-command'),
        switchCommand: values.text('switch-command'),
        commandTimeoutMs: values.duration(COMMAND_TIMEOUT_INPUT.name),
    }),
    create: (settings) => new CommandProvider(settings),
};

;// CONCATENATED MODULE: ../../packages/traffic/src/flag-file.ts
// A switch with no reload at all: the proxy checks per request whether a file exists (nginx `if (-e ...)`, Caddy's
// `file` matcher) and sends traffic to green when it does, blue when it does not; switching creates or removes it.
// Reloading nginx or changing Caddy's config closes idle keep-alive connections, which fails requests clients had
// already sent on them; this is the way to switch those proxies with none failed.




class FlagFileProvider {
    options;
    kind = 'flag-file';
    lockFile;
    constructor(options) {
        this.options = options;
        this.lockFile = `${options.flagFile}.lock`;
    }
    describe() {
        return `flag file ${this.options.flagFile} (present: green, absent: blue)`;
    }
    async current() {
        try {
            await (0,promises_.readFile)(this.options.flagFile);
            return { live: 'green', evidence: `${this.options.flagFile} exists`, snapshot: 'green' };
        }
        catch (error) {
            if (errorCode(error) === 'ENOENT') {
                return { live: 'blue', evidence: `${this.options.flagFile} does not exist`, snapshot: 'blue' };
            }
            throw new TrafficError(`flag-file: cannot read ${this.options.flagFile} (${errorCode(error) ?? String(error)}); it must be a file ` +
                'this job can read, in a folder the proxy can search');
        }
    }
    plan(target) {
        return target === 'green'
            ? [`create ${this.options.flagFile} (by rename): the proxy sends the next request to green`]
            : [`remove ${this.options.flagFile}: the proxy sends the next request to blue`];
    }
    async switchTo(target, _from, log) {
        try {
            if (target === 'green')
                await writeFileAtomically(this.options.flagFile, 'green\n');
            else
                await (0,promises_.rm)(this.options.flagFile, { force: true });
        }
        catch (error) {
            throw new TrafficError(`flag-file: cannot ${target === 'green' ? 'create' : 'remove'} ${this.options.flagFile} ` +
                `(${errorCode(error) ?? String(error)}); its folder must exist and be writable by this job`);
        }
        log.changed(target === 'green'
            ? `created ${this.options.flagFile} (by rename): green live`
            : `removed ${this.options.flagFile}: blue live`);
    }
    async restore(state, log) {
        await this.switchTo(state.snapshot === 'green' ? 'green' : 'blue', state, log);
    }
}
const flagFileDescriptor = {
    name: 'flag-file',
    inputs: [
        {
            name: 'flag-file',
            kind: 'text',
            required: true,
            form: FILE_PATH,
            hint: 'the file whose presence sends traffic to green (e.g. /etc/nginx/blue-green/app.green)',
        },
    ],
    settings: (values) => ({ flagFile: values.text('flag-file') }),
    create: (settings) => new FlagFileProvider(settings),
};

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
var external_node_net_default = /*#__PURE__*/__webpack_require__.n(external_node_net_);
;// CONCATENATED MODULE: ../../packages/traffic/src/haproxy.ts
// HAProxy through its runtime API (a stats socket at level admin): reads the server states of one backend, makes the
// target's servers ready and only then drains (or disables) the others, and can save the states to HAProxy's
// server-state-file so a later reload keeps the switch. Runs are locked on the backend as HAProxy names itself, so
// one HAProxy reached by its unix socket and by TCP is one lock.










const OPERATIONAL = ['down', 'starting', 'up', 'stopping'];
// srv_admin_state bits (HAProxy's SRV_ADMF_*): any maintenance (forced, inherited, DNS) and any drain.
const MAINT_FLAGS = 0x01 | 0x02 | 0x20;
const DRAIN_FLAGS = 0x08 | 0x10;
/** Parses `show servers state` (format version 1): fields are found by the names of its header line. */
function parseServersState(text) {
    const lines = text.split('\n').map((line) => line.trim());
    if (lines[0] !== '1') {
        throw new TrafficError('HAProxy answered `show servers state` with something other than format 1; this needs HAProxy 1.6 or later', text);
    }
    const header = (lines[1] ?? '').replace(/^#\s*/, '').split(/\s+/);
    const column = (name) => {
        const index = header.indexOf(name);
        if (index < 0)
            throw new TrafficError(`HAProxy's servers state has no ${name} column`, text);
        return index;
    };
    const at = {
        backend: column('be_name'),
        name: column('srv_name'),
        address: column('srv_addr'),
        port: header.indexOf('srv_port'),
        operational: column('srv_op_state'),
        admin: column('srv_admin_state'),
    };
    return lines
        .slice(2)
        .filter((line) => line !== '' && !line.startsWith('#'))
        .map((line) => {
        const fields = line.split(/\s+/);
        const adminFlags = Number(fields[at.admin]);
        const admin = adminFlags & MAINT_FLAGS ? 'maint' : adminFlags & DRAIN_FLAGS ? 'drain' : 'ready';
        return {
            backend: fields[at.backend] ?? '',
            name: fields[at.name] ?? '',
            address: fields[at.address] ?? '',
            port: at.port < 0 ? '' : (fields[at.port] ?? ''),
            operational: OPERATIONAL[Number(fields[at.operational])] ?? 'down',
            admin,
            adminFlags,
        };
    });
}
/**
 * A runtime API over a unix socket or TCP, one command per connection (HAProxy closes it after answering). HAProxy
 * runs each `;`- or line-separated part of a line as a command of its own: a command holding one is never sent.
 */
function socketRuntimeApi(address, timeoutMs = 5_000) {
    const tcp = /^(?<host>\[[^\]]+\]|[^/:]+):(?<port>\d+)$/.exec(address)?.groups;
    return (command) => new Promise((resolve, reject) => {
        if (/[;\r\n]/.test(command)) {
            reject(new TrafficError(`haproxy: refused to send ${JSON.stringify(command)}: it holds a command separator`));
            return;
        }
        const connection = tcp
            ? external_node_net_default().createConnection({ host: tcp.host?.replace(/^\[|\]$/g, ''), port: Number(tcp.port) })
            : external_node_net_default().createConnection({ path: address });
        let answer = '';
        connection.setEncoding('utf8');
        connection.setTimeout(timeoutMs, () => connection.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
        connection.on('connect', () => connection.end(`${command}\n`));
        connection.on('data', (chunk) => (answer += chunk));
        connection.on('end', () => resolve(answer));
        connection.on('error', (error) => void socketError(address, Boolean(tcp), error, timeoutMs).then(reject));
    });
}
/** What is at a socket path that refused, when it is no socket: "a regular file", "a directory". */
async function notASocket(address) {
    const found = await (0,promises_.stat)(address).catch(() => undefined);
    if (!found || found.isSocket())
        return undefined;
    return found.isFile() ? 'a regular file' : found.isDirectory() ? 'a directory' : 'a special file';
}
async function socketError(address, tcp, error, timeoutMs) {
    const code = errorCode(error);
    const where = `haproxy-socket: ${address}`;
    const adminLine = `"stats socket ${tcp ? `ipv4@${address}` : address} level admin"`;
    const what = tcp || (code !== 'ECONNREFUSED' && code !== 'ENOTSOCK') ? undefined : await notASocket(address);
    if (what) {
        return new TrafficError(`${where} is ${what}, not a socket; point haproxy-socket at the path HAProxy's "stats socket ... level admin" ` +
            'line names (e.g. /run/haproxy/admin.sock)');
    }
    switch (code) {
        case 'ENOENT':
            return new TrafficError(`${where} does not exist: HAProxy is not running, or its global section lacks ${adminLine}`);
        case 'ENOTDIR':
            return new TrafficError(`${where}: a folder on that path is a file, so no socket can be there; point haproxy-socket at the path ` +
                `HAProxy's "stats socket ... level admin" line names (e.g. /run/haproxy/admin.sock)`);
        case 'ECONNREFUSED':
            return new TrafficError(`${where} refused the connection: HAProxy is not running (a socket file left by a stopped HAProxy ` +
                `refuses too); start HAProxy, or point haproxy-socket at its ${adminLine}`);
        case 'EACCES':
            return new TrafficError(`${where}: permission denied; run the job as a user allowed to use the socket`);
        case 'ETIMEDOUT':
            return new TrafficError(`${where} did not answer within ${(0,core_src/* humanDuration */.UU)(timeoutMs)}; is HAProxy overloaded or stuck?`);
        default:
            return new TrafficError(`${where}: cannot connect (${code ?? String(error)})`);
    }
}
class HaproxyProvider {
    options;
    kind = 'haproxy';
    lockFile;
    api;
    disableWith;
    constructor(options) {
        this.options = options;
        this.api = options.runtimeApi ?? socketRuntimeApi(options.socket, options.timeoutMs);
        this.disableWith = options.disableWith ?? 'drain';
        this.lockFile = lockFileFor('haproxy', `${options.socket}\n${options.backend}`);
    }
    describe() {
        return `HAProxy backend '${this.options.backend}' via ${this.options.socket}`;
    }
    /**
     * The lock of this backend as HAProxy names itself: its node name and every runtime API socket it lists (`show
     * cli sockets`), so a run through the unix socket and one through TCP wait for each other. An HAProxy that does
     * not list its sockets (before 1.8, or a socket below level operator) is locked by the address given.
     */
    async resolveLockFile() {
        const sockets = await this.api('show cli sockets');
        if (!/^# socket\b/.test(sockets))
            return this.lockFile;
        const node = /^node:\s*(.*)$/im.exec(await this.api('show info'))?.[1]?.trim() ?? '';
        const listed = sockets
            .split('\n')
            .slice(1)
            .map((line) => line.trim().split(/\s+/)[0] ?? '')
            .filter((socket) => socket !== '')
            .sort();
        return lockFileFor('haproxy', `${node}\n${listed.join('\n')}\n${this.options.backend}`);
    }
    async current() {
        const states = await this.readStates();
        const byName = new Map(states.map((state) => [state.name, state]));
        const takesTraffic = (color) => this.options.servers[color].some((name) => byName.get(name)?.admin === 'ready');
        const evidence = ['blue', 'green']
            .map((color) => {
            const servers = this.options.servers[color].map((name) => {
                const state = byName.get(name);
                return `${name} ${state?.admin} (${state?.operational.toUpperCase()})`;
            });
            return `${color}: ${servers.join(', ')}`;
        })
            .join('; ');
        const snapshot = {};
        for (const name of [...this.options.servers.blue, ...this.options.servers.green]) {
            snapshot[name] = byName.get(name)?.admin ?? 'ready';
        }
        return {
            live: liveColorOf(takesTraffic('blue'), takesTraffic('green')),
            evidence,
            snapshot: JSON.stringify(snapshot),
        };
    }
    plan(target, from) {
        return this.commandsFor(target, from).concat(this.stateFileStep());
    }
    async switchTo(target, from, log) {
        // A state file that cannot be written would leave the switch live and the step failed: found out first.
        await this.checkStateFile();
        const done = [];
        try {
            for (const command of this.commandsFor(target, from)) {
                await this.send(command);
                done.push(command);
                log.changed(command);
            }
            await this.saveStateFile(`HAProxy was put back as it was (${from.live} live)`, log);
        }
        catch (error) {
            // Part of the switch went through (the target enabled, the other not yet drained), or all of it without the
            // state file that makes it last: put it all back. The state file still holds `from`.
            if (done.length > 0)
                await this.applyStates(from, log);
            throw error;
        }
    }
    async restore(state, log) {
        await this.applyStates(state, log);
        await this.saveStateFile('HAProxy runs the restored states, but a reload would load older ones from the file', log);
    }
    /** Sets each server's admin state as `state` had it, the ones that were ready first. */
    async applyStates(state, log) {
        const wanted = JSON.parse(state.snapshot);
        const now = await this.readStates();
        const changes = Object.entries(wanted).filter(([name, admin]) => now.find((s) => s.name === name)?.admin !== admin);
        // Servers that were ready come back first, so traffic always has somewhere to go.
        changes.sort(([, a], [, b]) => Number(b === 'ready') - Number(a === 'ready'));
        for (const [name, admin] of changes) {
            const command = `set server ${this.options.backend}/${name} state ${admin}`;
            await this.send(command);
            log.changed(command);
        }
    }
    /** Ready first for every target server, then drain/maint for every other one that still takes traffic. */
    commandsFor(target, from) {
        const admin = JSON.parse(from.snapshot);
        const backend = this.options.backend;
        const enable = this.options.servers[target]
            .filter((name) => admin[name] !== 'ready')
            .map((name) => `set server ${backend}/${name} state ready`);
        const disable = this.options.servers[otherColor(target)]
            .filter((name) => admin[name] === 'ready')
            .map((name) => `set server ${backend}/${name} state ${this.disableWith}`);
        return [...enable, ...disable];
    }
    stateFileStep() {
        return this.options.stateFile ? [`save all server states to ${this.options.stateFile}`] : [];
    }
    async readStates() {
        const answer = await this.api(`show servers state ${this.options.backend}`);
        if (/can't find backend|no such backend/i.test(answer)) {
            throw new TrafficError(`haproxy-backend: HAProxy has no backend '${this.options.backend}'; use the name of the backend section ` +
                'that holds the blue and green servers');
        }
        const states = parseServersState(answer).filter((state) => state.backend === this.options.backend);
        for (const color of ['blue', 'green']) {
            for (const name of this.options.servers[color]) {
                if (!states.some((state) => state.name === name)) {
                    throw new TrafficError(`${color}-servers: backend '${this.options.backend}' has no server '${name}' (it has: ` +
                        `${states.map((s) => s.name).join(', ') || 'none'}); use server names from the backend section`);
                }
            }
        }
        return states;
    }
    async send(command) {
        const answer = (await this.api(command)).trim();
        if (answer === '')
            return;
        const fix = /permission denied/i.test(answer)
            ? `: the stats socket needs "level admin" (${this.options.socket})`
            : ': check haproxy-backend and blue-servers/green-servers';
        throw new TrafficError(`HAProxy refused '${command}'${fix}`, answer);
    }
    async checkStateFile() {
        if (!this.options.stateFile)
            return;
        try {
            await checkReplaceable(this.options.stateFile);
        }
        catch (error) {
            throw this.stateFileError(error, 'Nothing was switched');
        }
    }
    /** `consequence`: where traffic is when the file cannot be written. */
    async saveStateFile(consequence, log) {
        if (!this.options.stateFile)
            return;
        const states = await this.api('show servers state');
        try {
            await writeFileAtomically(this.options.stateFile, states);
        }
        catch (error) {
            throw this.stateFileError(error, consequence);
        }
        log.changed(`saved all server states to ${this.options.stateFile}`);
    }
    stateFileError(error, consequence) {
        return new TrafficError(`haproxy-state-file: cannot write ${this.options.stateFile} (${errorCode(error) ?? String(error)}); its ` +
            `folder must exist and be writable by this job, and the path must not be a folder. ${consequence}`);
    }
}
const DISABLE_WITH = ['drain', 'maint'];
const haproxyDescriptor = {
    name: 'haproxy',
    inputs: [
        {
            name: 'haproxy-socket',
            kind: 'text',
            required: true,
            form: SOCKET_ADDRESS,
            hint: "HAProxy's runtime API, the path or host:port of a `stats socket ... level admin` (e.g. /run/haproxy/admin.sock)",
        },
        {
            name: 'haproxy-backend',
            kind: 'text',
            required: true,
            form: HAPROXY_NAME,
            hint: 'the backend holding the blue and green servers (e.g. app)',
        },
        ...colorServerInputs('server names in haproxy-backend', { blue: ['blue1', 'blue2'], green: ['green1', 'green2'] }, HAPROXY_NAME, { blue: ['blue'], green: ['green'] }),
        {
            name: 'haproxy-state-file',
            kind: 'text',
            form: FILE_PATH,
            hint: "HAProxy's server-state-file, rewritten after each switch so a reload keeps it (e.g. /var/lib/haproxy/server-state)",
        },
        {
            name: 'haproxy-disable-with',
            kind: 'enum',
            values: DISABLE_WITH,
            default: 'drain',
            hint: 'drain (sessions pinned by cookies or stick tables finish there) or maint (cut at once)',
        },
    ],
    settings: (values) => ({
        socket: values.text('haproxy-socket'),
        backend: values.text('haproxy-backend'),
        servers: readColorServers(values, { blue: ['blue'], green: ['green'] }),
        stateFile: values.text('haproxy-state-file') || undefined,
        disableWith: values.choice('haproxy-disable-with', DISABLE_WITH),
    }),
    create: (settings) => new HaproxyProvider(settings),
};

;// CONCATENATED MODULE: ../../packages/traffic/src/nginx.ts
// nginx through an include file this provider owns: it holds the upstream block with the live color's servers and the
// other color as backup; a switch renames a new file into place, runs the test command (putting the old file back if
// it fails), then reloads.








/** Reads `upstream <name> { ... }` from an include file's text; undefined when there is no such block. */
function parseUpstreamBlock(text, name) {
    const withoutComments = text.replace(/#[^\n]*/g, '');
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const block = new RegExp(`(?:^|[\\s;}])upstream\\s+${escaped}\\s*\\{([^}]*)\\}`).exec(withoutComments);
    if (!block)
        return undefined;
    const statements = (block[1] ?? '')
        .split(';')
        .map((statement) => statement.trim().replace(/\s+/g, ' '))
        .filter((statement) => statement !== '');
    const servers = [];
    const otherDirectives = [];
    for (const statement of statements) {
        const [directive, address, ...parameters] = statement.split(' ');
        if (directive === 'server' && address)
            servers.push({ address, parameters });
        else
            otherDirectives.push(statement);
    }
    return { servers, otherDirectives };
}
/** A blue-servers / green-servers member as an upstream server: "10.0.0.1:8080 weight=2". */
function memberServer(member) {
    const [address = member, ...parameters] = member.split(/ +/);
    return { address, parameters };
}
/** The address of a member, without the parameters that may follow it. */
function memberAddress(member) {
    return memberServer(member).address;
}
/** The servers that take traffic: neither backup nor down. */
function primaryServers(block) {
    return block.servers.filter((server) => !server.parameters.some((p) => p === 'backup' || p === 'down'));
}
/**
 * The include text with `target` live and the other color as backup (down with balancers that forbid backup). A
 * member's parameters are the ones given with it ("10.0.0.1:8080 weight=2"), else the ones the file had for it.
 */
function renderUpstreamBlock(name, target, servers, previous) {
    const otherDirectives = previous?.otherDirectives ?? [];
    // nginx rejects "backup" with hash, ip_hash and random balancing; "down" keeps the server listed instead.
    const standby = otherDirectives.some((d) => /^(hash|ip_hash|random)\b/.test(d)) ? 'down' : 'backup';
    const kept = (address) => (previous?.servers.find((s) => s.address === address)?.parameters ?? []).filter((p) => p !== 'backup' && p !== 'down');
    const line = (member, extra) => {
        const { address, parameters } = memberServer(member);
        return `    server ${[address, ...(parameters.length > 0 ? parameters : kept(address)), ...extra].join(' ')};`;
    };
    const other = otherColor(target);
    return [
        `# Managed by blue-green-switch: ${target} is live, ${other} is the ${standby} color. Rewritten on every switch:`,
        '# change blue-servers / green-servers rather than this file (other directives in the block are kept).',
        `upstream ${name} {`,
        ...servers[target].map((member) => line(member, [])),
        ...servers[other].map((member) => line(member, [standby])),
        ...otherDirectives.map((directive) => `    ${directive};`),
        '}',
        '',
    ].join('\n');
}
class NginxProvider {
    options;
    kind = 'nginx';
    lockFile;
    testCommand;
    reloadCommand;
    timeoutMs;
    constructor(options) {
        this.options = options;
        this.lockFile = `${options.upstreamFile}.lock`;
        this.testCommand = options.testCommand ?? 'nginx -t';
        this.reloadCommand = options.reloadCommand ?? 'nginx -s reload';
        this.timeoutMs = options.commandTimeoutMs ?? 60_000;
    }
    describe() {
        return `nginx upstream '${this.options.upstreamName}' in ${this.options.upstreamFile}`;
    }
    async current() {
        const content = await this.readInclude();
        const snapshot = JSON.stringify({ content });
        if (content === null) {
            return { live: 'none', evidence: `${this.options.upstreamFile} does not exist yet`, snapshot };
        }
        const block = this.parse(content);
        const primaries = primaryServers(block).map((server) => server.address);
        const colorOf = (address) => {
            if (this.options.servers.blue.map(memberAddress).includes(address))
                return 'blue';
            if (this.options.servers.green.map(memberAddress).includes(address))
                return 'green';
            throw new TrafficError(`nginx-upstream-file: ${this.options.upstreamFile} sends traffic to ${address}, which is in neither ` +
                `blue-servers (${this.options.servers.blue.join(', ')}) nor green-servers ` +
                `(${this.options.servers.green.join(', ')}); add it to one of them, or remove it from the file`);
        };
        const liveColors = primaries.map(colorOf);
        return {
            live: liveColorOf(liveColors.includes('blue'), liveColors.includes('green')),
            evidence: `upstream '${this.options.upstreamName}' sends traffic to ${primaries.join(', ') || 'no server'}`,
            snapshot,
        };
    }
    plan(target) {
        return [
            `write ${this.options.upstreamFile} with ${target} (${this.options.servers[target].join(', ')}) live and ` +
                `${otherColor(target)} as standby, by rename`,
            `run '${this.testCommand}'; put the previous file back if it fails`,
            `run '${this.reloadCommand}'`,
        ];
    }
    async switchTo(target, from, log, signal) {
        const previous = JSON.parse(from.snapshot).content;
        const block = previous === null ? undefined : this.parse(previous);
        const next = renderUpstreamBlock(this.options.upstreamName, target, this.options.servers, block);
        await this.writeInclude(next);
        log.changed(`wrote ${this.options.upstreamFile} with ${target} live`);
        await this.testAndReload(previous, `live color unchanged (${from.live})`, log, signal);
    }
    async restore(state, log, signal) {
        const wanted = JSON.parse(state.snapshot).content;
        const replaced = await this.readInclude();
        await this.putBack(wanted, log);
        await this.testAndReload(replaced, 'the switch back did not happen', log, signal);
    }
    /**
     * Tests the file now in place and reloads; on failure puts `fallback` back, so nginx's files match what runs.
     * A cancelled command leaves the file as it is: whether a stopped reload reached nginx is unknown, so the
     * restore that follows a cancellation writes, tests and reloads again rather than trust either file.
     */
    async testAndReload(fallback, consequence, log, signal) {
        const file = this.options.upstreamFile;
        const test = await this.run(this.testCommand, signal);
        if (test.exitCode !== 0) {
            await this.putBack(fallback, log);
            throw new TrafficError(`nginx-test-command '${this.testCommand}' ${describeExit(test, this.timeoutMs)}: nginx rejects the ` +
                `configuration with the new ${file}, so the previous file is back and ${consequence}. Fix the ` +
                `configuration nginx reports, or nginx-upstream-name if the upstream is named differently`, test.output);
        }
        const reload = await this.run(this.reloadCommand, signal);
        if (reload.exitCode !== 0) {
            await this.putBack(fallback, log);
            throw new TrafficError(`nginx-reload-command '${this.reloadCommand}' ${describeExit(reload, this.timeoutMs)}: is nginx ` +
                `running, and may this job signal it? The previous ${file} is back and ${consequence}`, reload.output);
        }
        log.changed(`ran '${this.reloadCommand}'`);
    }
    run(command, signal) {
        const { cwd, env } = this.options;
        return runShellCommand(command, { cwd, env, timeoutMs: this.timeoutMs, signal });
    }
    parse(content) {
        const block = parseUpstreamBlock(content, this.options.upstreamName);
        if (!block) {
            throw new TrafficError(`nginx-upstream-file: ${this.options.upstreamFile} has no 'upstream ${this.options.upstreamName} { ... }' ` +
                'block; this file belongs to the switch: point nginx-upstream-file at a file of its own, or fix ' +
                'nginx-upstream-name');
        }
        return block;
    }
    async readInclude() {
        try {
            return await (0,promises_.readFile)(this.options.upstreamFile, 'utf8');
        }
        catch (error) {
            if (errorCode(error) === 'ENOENT')
                return null;
            throw new TrafficError(`nginx-upstream-file: cannot read ${this.options.upstreamFile} (${errorCode(error) ?? String(error)})`);
        }
    }
    async writeInclude(content) {
        try {
            await writeFileAtomically(this.options.upstreamFile, content);
        }
        catch (error) {
            throw new TrafficError(`nginx-upstream-file: cannot write ${this.options.upstreamFile} (${errorCode(error) ?? String(error)}); ` +
                'its folder must exist and be writable by this job');
        }
    }
    async putBack(content, log) {
        if (content === null)
            await (0,promises_.rm)(this.options.upstreamFile, { force: true });
        else
            await this.writeInclude(content);
        log.changed(`put back the previous ${this.options.upstreamFile}`);
    }
}
const nginxDescriptor = {
    name: 'nginx',
    inputs: [
        {
            name: 'nginx-upstream-file',
            kind: 'text',
            required: true,
            form: FILE_PATH,
            hint: 'the include file holding the upstream block, which this action rewrites',
        },
        {
            name: 'nginx-upstream-name',
            kind: 'text',
            required: true,
            form: NGINX_NAME,
            hint: 'the upstream name used in proxy_pass http://<name> (e.g. app)',
        },
        ...colorServerInputs('host:port addresses', { blue: ['10.0.0.1:8080'], green: ['10.0.0.2:8080'] }, NGINX_SERVER),
        {
            name: 'nginx-test-command',
            kind: 'text',
            default: 'nginx -t',
            form: SHELL_COMMAND,
            hint: 'the command checking the configuration once the include is replaced (e.g. sudo nginx -t)',
        },
        {
            name: 'nginx-reload-command',
            kind: 'text',
            default: 'nginx -s reload',
            form: SHELL_COMMAND,
            hint: 'the command making nginx load the new include (e.g. sudo nginx -s reload)',
        },
        COMMAND_TIMEOUT_INPUT,
    ],
    settings: (values) => ({
        upstreamFile: values.text('nginx-upstream-file'),
        upstreamName: values.text('nginx-upstream-name'),
        servers: readColorServers(values, undefined, memberAddress),
        testCommand: values.text('nginx-test-command'),
        reloadCommand: values.text('nginx-reload-command'),
        commandTimeoutMs: values.duration(COMMAND_TIMEOUT_INPUT.name),
    }),
    create: (settings) => new NginxProvider(settings),
};

;// CONCATENATED MODULE: ../../packages/traffic/src/symlink.ts
// Classic release links: `current -> releases/<color>`, replaced by renaming a new link over the old one, so every
// reader sees either the old or the new release.






class SymlinkProvider {
    options;
    kind = 'symlink';
    lockFile;
    constructor(options) {
        this.options = options;
        this.lockFile = `${options.symlinkPath}.lock`;
    }
    describe() {
        return `symlink ${this.options.symlinkPath}`;
    }
    async current() {
        const link = this.options.symlinkPath;
        let pointsTo;
        try {
            pointsTo = await (0,promises_.readlink)(link);
        }
        catch (error) {
            const code = errorCode(error);
            if (code === 'ENOENT')
                return { live: 'none', evidence: `${link} does not exist yet`, snapshot: '' };
            if (code === 'EINVAL') {
                throw new TrafficError(`symlink-path: ${link} exists but is not a symlink; move it away so the switch can own the link`);
            }
            throw new TrafficError(`symlink-path: cannot read ${link} (${code ?? String(error)})`);
        }
        const resolved = external_node_path_default().resolve(external_node_path_default().dirname(link), pointsTo);
        const isColor = (color) => external_node_path_default().resolve(this.options.paths[color]) === resolved;
        if (!isColor('blue') && !isColor('green')) {
            throw new TrafficError(`symlink-path: ${link} points to ${pointsTo}, which is neither blue-path (${this.options.paths.blue}) ` +
                `nor green-path (${this.options.paths.green}); fix the inputs or the link`);
        }
        return {
            live: liveColorOf(isColor('blue'), isColor('green')),
            evidence: `${link} -> ${pointsTo}`,
            snapshot: pointsTo,
        };
    }
    plan(target) {
        return [`point ${this.options.symlinkPath} at ${this.linkText(target)} (new link renamed over the old one)`];
    }
    async switchTo(target, _from, log) {
        const destination = this.options.paths[target];
        try {
            await (0,promises_.stat)(destination);
        }
        catch {
            throw new TrafficError(`${target}-path: ${destination} does not exist; deploy the ${target} release there before switching to it`);
        }
        await this.point(this.linkText(target));
        log.changed(`pointed ${this.options.symlinkPath} at ${this.linkText(target)}`);
    }
    async restore(state, log) {
        if (state.snapshot === '')
            await (0,promises_.rm)(this.options.symlinkPath, { force: true });
        else
            await this.point(state.snapshot);
        log.changed(`put back ${state.evidence}`);
    }
    /** Relative to the link's folder, as `ln -s releases/blue current` would write it, so the tree can move. */
    linkText(color) {
        const link = external_node_path_default().resolve(this.options.symlinkPath);
        return external_node_path_default().relative(external_node_path_default().dirname(link), external_node_path_default().resolve(this.options.paths[color])) || '.';
    }
    async point(pointsTo) {
        try {
            await replaceSymlinkAtomically(this.options.symlinkPath, pointsTo);
        }
        catch (error) {
            throw new TrafficError(`symlink-path: cannot replace ${this.options.symlinkPath} (${errorCode(error) ?? String(error)}); its ` +
                'folder must be writable by this job');
        }
    }
}
const symlinkDescriptor = {
    name: 'symlink',
    inputs: [
        {
            name: 'symlink-path',
            kind: 'text',
            required: true,
            form: FILE_PATH,
            hint: 'the link pointing at the live release (e.g. /srv/app/current)',
        },
        {
            name: 'blue-path',
            kind: 'text',
            required: true,
            form: FILE_PATH,
            hint: 'the blue release (e.g. /srv/app/releases/blue)',
        },
        {
            name: 'green-path',
            kind: 'text',
            required: true,
            form: FILE_PATH,
            hint: 'the green release (e.g. /srv/app/releases/green)',
        },
    ],
    settings: (values) => ({
        symlinkPath: values.text('symlink-path'),
        paths: { blue: values.text('blue-path'), green: values.text('green-path') },
    }),
    create: (settings) => new SymlinkProvider(settings),
};

;// CONCATENATED MODULE: ../../packages/traffic/src/providers.ts
// The registry: every provider's descriptor, in the order errors and docs list them, and the one place that turns a
// provider's name and settings into the provider. Adding a provider is adding its file and its line here.







const PROVIDERS = [
    haproxyDescriptor,
    nginxDescriptor,
    caddyDescriptor,
    symlinkDescriptor,
    commandDescriptor,
    flagFileDescriptor,
];
function findProvider(name, registry = PROVIDERS) {
    const found = registry.find((descriptor) => descriptor.name === name);
    if (found)
        return found;
    const names = registry.map((descriptor) => descriptor.name).join(', ');
    throw new TrafficError(`provider: '${name}' is not a provider; use one of ${names}`);
}
/** The provider for settings readProviderInputs returned (or their JSON, read back in a post step). */
function createProvider(setup, registry = PROVIDERS) {
    return findProvider(setup.provider, registry).create(setup.settings);
}

;// CONCATENATED MODULE: ../../packages/traffic/src/provider-inputs.ts
// Reads and checks the provider inputs through an injected InputSource, for every action that switches traffic
// (blue-green-switch, health-check's rollback): the provider, its required inputs, none meant for another provider,
// each value in its form and in the grammar of where it goes, then the provider's own checks. Pure: the action passes
// its input getters.



function readProviderInputs(source, registry = PROVIDERS) {
    const names = registry.map((descriptor) => descriptor.name);
    const provider = findProvider(source.choice('provider', names), registry);
    checkRequired(source, provider);
    const others = distinctInputs(registry).filter((input) => !provider.inputs.some((own) => own.name === input.name));
    checkLeftovers(source, provider, others, registry);
    // Other providers' inputs are read too, so a malformed value fails even where the chosen provider ignores it.
    for (const input of others)
        read(source, input);
    const values = new Map(provider.inputs.map((input) => [input.name, read(source, input)]));
    for (const input of provider.inputs)
        provider_inputs_checkForm(source, input, values.get(input.name));
    const settings = provider.settings(ownValues(provider, values));
    // The provider has the last word (Caddy's admin URL must parse): built once now, so a mistake fails here.
    provider.create(settings);
    return { provider: provider.name, settings };
}
function checkRequired(source, provider) {
    for (const input of provider.inputs) {
        if (input.required && isEmpty(read(source, input))) {
            throw new TrafficError(`${input.name}: required with provider ${provider.name}; set it to ${input.hint}`);
        }
    }
}
/** An input set for another provider is a likely mistake (a provider changed, its inputs left behind). */
function checkLeftovers(source, provider, others, registry) {
    for (const input of others) {
        // The runner passes action.yml's default for an input the workflow left out, so an input with a default counts
        // as set only when it differs from it: `command-timeout: 2m` with haproxy is a mistake, `60s` cannot be told apart.
        const given = source.text(input.name);
        const value = 'default' in input && given === input.default ? '' : given;
        if (value === '')
            continue;
        const owners = registry.filter((descriptor) => descriptor.inputs.some((taken) => taken.name === input.name));
        throw new TrafficError(`${input.name}: set to ${source.quote(value)}, but provider ${provider.name} does not use it; remove it, or ` +
            `set provider to ${owners.map((owner) => owner.name).join(' or ')}`);
    }
}
/** Every value of an input that declares a form fits it: nothing reaches a command, a file or a URL unchecked. */
function provider_inputs_checkForm(source, input, value) {
    if (!('form' in input) || input.form === undefined || value === undefined)
        return;
    const items = Array.isArray(value) ? value : [value];
    for (const item of items) {
        const error = item === '' ? undefined : formError(input.name, String(item), input.form, source.quote);
        if (error)
            throw error;
    }
}
function read(source, input) {
    switch (input.kind) {
        case 'text':
            return source.text(input.name) || (input.default ?? '');
        case 'list':
            return source.list(input.name);
        case 'enum':
            return source.choice(input.name, input.values, input.default);
        case 'duration':
            return source.duration(input.name, input);
    }
}
function isEmpty(value) {
    return value === '' || (Array.isArray(value) && value.length === 0);
}
/** Each input once, in registry order; providers sharing an input (blue-servers) declare it alike. */
function distinctInputs(registry) {
    const byName = new Map();
    for (const input of registry.flatMap((descriptor) => descriptor.inputs)) {
        if (!byName.has(input.name))
            byName.set(input.name, input);
    }
    return [...byName.values()];
}
/** The values a descriptor may read: its own inputs only, each of the kind it declared. */
function ownValues(provider, values) {
    const get = (name, kind, is) => {
        const declared = provider.inputs.find((input) => input.name === name);
        const value = values.get(name);
        if (declared?.kind !== kind || value === undefined || !is(value)) {
            throw new Error(`provider ${provider.name} reads ${name} as ${kind}, but does not declare it so`);
        }
        return value;
    };
    const isText = (value) => typeof value === 'string';
    return {
        text: (name) => get(name, 'text', isText),
        list: (name) => get(name, 'list', Array.isArray),
        duration: (name) => get(name, 'duration', (value) => typeof value === 'number'),
        choice: (name, accepted) => get(name, 'enum', (value) => isText(value) && accepted.includes(value)),
    };
}

// EXTERNAL MODULE: ../../packages/probes/src/index.ts + 11 modules
var probes_src = __webpack_require__(2994);
;// CONCATENATED MODULE: ../../packages/traffic/src/http-color-probe.ts
// The verification's view of an HTTP probe: which color answered the URL users hit, read from a response header or
// the first group of a body pattern, on a fresh connection each time as a new client would see it.




const VERIFY_URL = httpUrlForm('http://127.0.0.1:8080/health');
const BODY_EXAMPLE = 'e.g. "color":"(\\w+)"';
/** Checks the options now, so a mistake fails before anything is switched; the probe then never throws. */
function httpColorProbe(options) {
    checkForm('verify-url', options.url, VERIFY_URL);
    const url = new URL(options.url);
    if (Boolean(options.header) === Boolean(options.bodyPattern)) {
        throw new TrafficError('verify-url: set exactly one of verify-header (e.g. x-color) or verify-body (a regular expression whose ' +
            'first group is the color)');
    }
    if (options.header)
        checkForm('verify-header', options.header, HEADER_NAME);
    const readColor = options.header ? headerColor(options.header) : bodyColor(options.bodyPattern ?? '');
    return async (timeoutMs) => {
        const result = await (0,probes_src/* httpProbe */.HB)({ url, timeoutMs });
        if (!result.answered)
            return { error: `${url.host}: ${result.message}` };
        return { status: result.status, color: readColor(result) };
    };
}
function headerColor(header) {
    const name = header.toLowerCase();
    return ({ headers }) => {
        const value = headers[name];
        return Array.isArray(value) ? value.join(',') : value;
    };
}
function bodyColor(bodyPattern) {
    let pattern;
    try {
        pattern = new RegExp(bodyPattern);
    }
    catch (error) {
        // V8 repeats the whole pattern, unquoted, before the reason: only the reason is kept.
        const reason = error.message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
        throw new TrafficError(`verify-body: ${(0,core_src/* quoteValue */.cl)(bodyPattern)} is not a valid regular expression (${reason}); use ${BODY_EXAMPLE}`);
    }
    // Without a group the whole match would be taken for the color, which no answer can then prove.
    const groups = (new RegExp(`${bodyPattern}|`).exec('')?.length ?? 1) - 1;
    if (groups === 0) {
        throw new TrafficError(`verify-body: ${(0,core_src/* quoteValue */.cl)(bodyPattern)} has no group to read the color from; put the color's part in ` +
            `parentheses, ${BODY_EXAMPLE}`);
    }
    return ({ body }) => {
        const match = pattern.exec(body);
        return match?.[1];
    };
}

;// CONCATENATED MODULE: ../../packages/traffic/src/index.ts
// Public surface of the traffic package: what the actions and the benchmark use. Tests import the src files.


// PROVIDERS: what an action switching traffic documents (its docs test checks action.yml and the README against it).






// health-check's rollback-command runs through the same guarded shell as the providers' commands.



/***/ })

};
