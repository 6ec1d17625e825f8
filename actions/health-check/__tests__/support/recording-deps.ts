// The steps' dependencies as plain objects that keep what they were given (outputs, summaries as text, untrusted
// output, progress lines, the handover), with scripted answers for the probe and Prometheus, testkit's in-memory
// proxy for a blue-green rollback, and a manual clock that request times and sleeps move.
import { parseExpectedStatus, type HttpProbeResult, type PrometheusResult } from '@actions-kit/probes';
import { recordingLogger, renderedText, type InMemoryProvider, type ManualClock } from '@actions-kit/testkit';
import type { ShellCommandResult, TrafficProvider } from '@actions-kit/traffic';
import type { Phase } from '../../src/handover.js';
import type { Inputs } from '../../src/inputs.js';
import type { MainDeps } from '../../src/main.js';

/** What a URL answers on its n-th request (0-based), and how long the request takes on the manual clock. */
export type UrlScript = (call: number) => { result: ProbeAnswer; takesMs?: number };
/** What the scripts write: a status and body, or a failure reason. */
export type ProbeAnswer =
  | { status: number; body?: string; headers?: Record<string, string> }
  | { failed: 'dns' | 'refused' | 'reset' | 'tls' | 'timeout' | 'protocol' | 'other'; message?: string };

export interface RecordingDeps extends MainDeps {
  outputs: Record<string, string>;
  summaries: string[];
  untrusted: string[];
  logger: ReturnType<typeof recordingLogger>;
  phases: Phase[];
  targets: string[];
  commands: Array<{ command: string; reason: string | undefined; timeoutMs: number }>;
  /** What rollback-command returns. */
  commandResult: ShellCommandResult;
  /** Aborts the cancellation watch's signal with this reason (e.g. 'SIGINT'). */
  cancel(reason: string): void;
}

export function recordingDeps(
  clock: ManualClock,
  reportFolder: string,
  scripts: Record<string, UrlScript>,
  options: { prometheus?: (query: string, call: number) => PrometheusResult; proxy?: InMemoryProvider } = {},
): RecordingDeps {
  const calls = new Map<string, number>();
  const next = (key: string): number => {
    const call = calls.get(key) ?? 0;
    calls.set(key, call + 1);
    return call;
  };
  const controller = new AbortController();
  const deps: RecordingDeps = {
    outputs: {},
    summaries: [],
    untrusted: [],
    phases: [],
    targets: [],
    commands: [],
    commandResult: { exitCode: 0, signal: null, output: 'rolled back\n', timedOut: false },
    runner: {
      setOutput: (name, value) => void (deps.outputs[name] = value),
      writeSummary: async (summary) => void deps.summaries.push(renderedText(summary.toString())),
      printUntrusted: (text) => void deps.untrusted.push(text),
    },
    logger: recordingLogger(),
    clock,
    reportFolder,
    probe: async (request) => {
      const url = String(request.url);
      const script = scripts[url];
      if (script === undefined) throw new Error(`no script for ${url}`);
      const { result, takesMs = 10 } = script(next(url));
      const latencyMs = Math.min(takesMs, request.timeoutMs);
      clock.elapse(latencyMs);
      return probeResult(url, takesMs > request.timeoutMs ? { failed: 'timeout' } : result, latencyMs);
    },
    queryPrometheus: async (query) => {
      if (!options.prometheus) throw new Error('no Prometheus script');
      return options.prometheus(query.query, next(`query:${query.query}`));
    },
    runCommand: async (command, { env, timeoutMs }) => {
      deps.commands.push({ command, reason: env['HEALTH_FAILURE_REASON'], timeoutMs });
      return deps.commandResult;
    },
    createProvider: async () => {
      if (!options.proxy) throw new Error('no in-memory proxy');
      return options.proxy as unknown as TrafficProvider;
    },
    handover: {
      saveTarget: (target) => void deps.targets.push(target),
      setPhase: (phase) => void deps.phases.push(phase),
    },
    watchCancellation: () => ({
      signal: controller.signal,
      get received() {
        return controller.signal.aborted ? (controller.signal.reason as NodeJS.Signals) : undefined;
      },
      stop: () => undefined,
    }),
    cancel: (reason) => controller.abort(reason),
  };
  return deps;
}

function probeResult(url: string, answer: ProbeAnswer, latencyMs: number): HttpProbeResult {
  if ('failed' in answer) {
    return {
      answered: false,
      reason: answer.failed,
      message: answer.message ?? `${answer.failed} (scripted)`,
      url,
      latencyMs,
    };
  }
  return {
    answered: true,
    status: answer.status,
    headers: answer.headers ?? {},
    body: answer.body ?? '',
    bodyCut: false,
    url,
    latencyMs,
  };
}

/** One URL, until-healthy, every second, 3 s deadline per request, no rollback: tests override what they test. */
export function baseInputs(overrides: Partial<Inputs> = {}, decision: Partial<Inputs['decision']> = {}): Inputs {
  return {
    urls: ['http://app.test/health'],
    request: { method: 'GET', headers: {}, timeoutMs: 3_000, insecure: false, followRedirects: false },
    expectations: { status: parseExpectedStatus('200-399') },
    metrics: [],
    intervalMs: 1_000,
    initialDelayMs: 0,
    decision: {
      mode: 'until-healthy',
      successThreshold: 3,
      failureThreshold: 3,
      deadlineMs: 60_000,
      watchDurationMs: 60_000,
      failureLimits: {},
      ...decision,
    },
    rollback: { plan: { kind: 'none' }, onCancel: false },
    secrets: [],
    ...overrides,
  };
}

/** A script answering `answer` every time. */
export const always =
  (answer: ProbeAnswer, takesMs?: number): UrlScript =>
  () => ({ result: answer, ...(takesMs !== undefined && { takesMs }) });

/** `first` for the first `count` requests, then `then`. */
export const after =
  (count: number, first: ProbeAnswer, then: ProbeAnswer): UrlScript =>
  (call) => ({ result: call < count ? first : then });
