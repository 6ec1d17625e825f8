// Runs a caller's workflow with act on this machine (`-P ubuntu-latest=-self-hosted`, no Docker), the way a user's
// repository calls the reusable workflows: `uses: your-org/actions-kit/.github/workflows/<file>@v1` and the actions
// `your-org/actions-kit/actions/<name>@v1` both resolve, through act's --local-repository, to a copy of this
// repository's workflows and bundles. Remote actions cannot be fetched here (no github.com): each one the workflows
// use is replaced by a stand-in that fails if it runs, so a run proves those steps were skipped under act.
import { spawn, spawnSync } from 'node:child_process';
import {
  accessSync,
  constants,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../../..', import.meta.url));
const WORKFLOWS = path.join(root, '.github/workflows');
const SCANNERS = path.join(root, '.cache/scanners/bin');
const KIT = 'your-org/actions-kit';

/** act: .cache/tools/bin first (what .ci/install-act.sh fills), then PATH; a missing act fails the test. */
export function actBinary(): string {
  const directories = [path.join(root, '.cache/tools/bin'), ...(process.env['PATH'] ?? '').split(path.delimiter)];
  for (const directory of directories.filter((d) => d !== '')) {
    const candidate = path.join(directory, 'act');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; try the next directory
    }
  }
  throw new Error(
    "act is not installed: run 'bash .ci/install-act.sh' from the repository root (it builds the pinned act into " +
      '.cache/tools/bin, where this test looks first, then on PATH)',
  );
}

/**
 * What act reads of this repository, copied into `dir`: the workflows and each action's action.yml and dist/ (the
 * bundles as built, so a `pnpm build` is what runs). A lean copy: act copies an action's whole repository per use.
 */
export function kitCopy(dir: string): string {
  const kit = path.join(dir, 'actions-kit');
  cpSync(WORKFLOWS, path.join(kit, '.github/workflows'), { recursive: true });
  for (const name of readdirSync(path.join(root, 'actions'))) {
    const from = path.join(root, 'actions', name);
    cpSync(path.join(from, 'action.yml'), path.join(kit, 'actions', name, 'action.yml'));
    cpSync(path.join(from, 'dist'), path.join(kit, 'actions', name, 'dist'), { recursive: true });
  }
  return kit;
}

/** The remote actions the workflows use, as act's --local-repository keys (owner/repo@ref) and their sub-folders. */
export function remoteActions(): { repository: string; paths: string[] }[] {
  const found = new Map<string, Set<string>>();
  for (const file of readdirSync(WORKFLOWS).filter((name) => name.endsWith('.yml'))) {
    const text = readFileSync(path.join(WORKFLOWS, file), 'utf8');
    for (const [, owner, repo, sub, ref] of text.matchAll(/uses:\s*([\w.-]+)\/([\w.-]+)((?:\/[\w.-]+)*)@([\w.-]+)/g)) {
      // act runs actions/checkout itself (a copy of the local repository), and this repository is the kit copy.
      if (`${owner}/${repo}` === 'actions/checkout' || `${owner}/${repo}` === KIT) continue;
      const key = `${owner}/${repo}@${ref}`;
      found.set(key, (found.get(key) ?? new Set()).add(sub!.replace(/^\//, '')));
    }
  }
  return [...found].map(([repository, paths]) => ({ repository, paths: [...paths] }));
}

/**
 * A stand-in for each remote action: an action.yml whose script fails the step, should the step run; or, for an
 * action named in `working` (owner/repo → folder), that folder, whose action does the job on this machine.
 */
function standIns(dir: string, working: Record<string, string>): string[] {
  return remoteActions().flatMap(({ repository, paths }, index) => {
    const given = working[repository.split('@')[0]!];
    if (given) return ['--local-repository', `${repository}=${given}`];
    const folder = path.join(dir, `stand-in-${index}`);
    for (const sub of paths) {
      mkdirSync(path.join(folder, sub), { recursive: true });
      writeFileSync(
        path.join(folder, sub, 'action.yml'),
        `name: stand-in for ${repository}\ndescription: act cannot fetch it here\nruns:\n  using: node24\n  main: fail.js\n`,
      );
      writeFileSync(
        path.join(folder, sub, 'fail.js'),
        `console.log('::error::${repository} ran under act: its step should be skipped there (github.event.act)');\n` +
          'process.exit(1);\n',
      );
    }
    return ['--local-repository', `${repository}=${folder}`];
  });
}

/** Runs git in `dir` as the tests' author; its output, trimmed. A failure throws with git's message. */
export function git(dir: string, ...args: string[]): string {
  const author = ['-c', 'user.name=actions-kit tests', '-c', 'user.email=tests@actions-kit.invalid'];
  const result = spawnSync('git', [...author, ...args], { cwd: dir, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} in ${dir} failed: ${result.stderr}`);
  return result.stdout.trim();
}

/** Makes `dir` a git repository with everything in it committed (the history Gitleaks reads). */
export function commitAll(dir: string, message: string): void {
  git(dir, 'init', '--quiet', '--initial-branch=main');
  git(dir, 'add', '--all');
  git(dir, 'commit', '--quiet', '-m', message);
}

/** Writes the sample service with `variant`'s planted defect (examples/sample-service/variants.js) into `folder`. */
export function sampleVariant(variant: string, folder: string): void {
  const script = path.join(root, 'examples/sample-service/variants.js');
  const made = spawnSync(process.execPath, [script, variant, folder], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`variants.js ${variant} failed: ${made.stderr}`);
}

export interface ActRun {
  /** act's exit code: 0 when every job succeeded. */
  exitCode: number | null;
  /** What act printed, one message a line (its --json events' msg). */
  log: string;
  /** Each job's result by job id (success or failure); a job act never started is absent. */
  jobs: Record<string, string>;
  /** Each step's outputs by step id (`<job id>.<step id>`), as the step set them. */
  outputs: Record<string, Record<string, string>>;
  /** The JSON the caller's `record` job wrote to the result file, when it ran: act runs no job after a failed one. */
  recorded?: Record<string, string>;
}

interface ActEvent {
  msg?: string;
  jobID?: string;
  jobResult?: string;
  stepID?: string[];
  command?: string;
  name?: string;
  arg?: string;
}

/** Reads act's --json events: the log, each job's result and each step's outputs. */
function readEvents(text: string): Pick<ActRun, 'log' | 'jobs' | 'outputs'> {
  const run: Pick<ActRun, 'log' | 'jobs' | 'outputs'> = { log: '', jobs: {}, outputs: {} };
  for (const line of text.split('\n')) {
    let event: ActEvent;
    try {
      event = JSON.parse(line) as ActEvent;
    } catch {
      run.log += `${line}\n`; // act's own errors are plain text
      continue;
    }
    run.log += `${event.msg ?? ''}\n`;
    if (event.jobID && event.jobResult) run.jobs[event.jobID] = event.jobResult;
    if (event.command === 'set-output' && event.jobID && event.stepID && event.name !== undefined) {
      const step = `${event.jobID}.${event.stepID.join('.')}`;
      (run.outputs[step] ??= {})[event.name] = event.arg ?? '';
    }
  }
  return run;
}

/**
 * Runs the workflows of the caller repository `repo` with act, for `event` (default push) with `payload` as the
 * event's payload. `dir` holds the kit copy, the stand-ins, act's caches and the result file (`resultFile(dir)`);
 * `.cache/scanners/bin` (the pinned scanners) comes first on PATH. act's cache server (the Actions cache) listens on
 * loopback and keeps its entries in `dir`. What one run saves there, another cannot restore: act gives each run its
 * own RUNNER_TEMP, and the cache ties an entry to the absolute paths it was saved with.
 */
export async function runAct(options: {
  repo: string;
  dir: string;
  event?: string;
  payload?: Record<string, unknown>;
  timeoutMs?: number;
  /** Remote actions (owner/repo) that run as the given local folder's action instead of failing. */
  actions?: Record<string, string>;
  /** Variables added to act's environment, which the steps inherit (e.g. DOCKER_HOST). */
  env?: Record<string, string>;
}): Promise<ActRun> {
  const { repo, dir } = options;
  const event = path.join(dir, 'event.json');
  // act's own convention: the workflows skip what cannot run under act on `github.event.act`.
  writeFileSync(event, JSON.stringify({ ...options.payload, act: true }));
  const args = [
    options.event ?? 'push',
    '--json',
    '--eventpath',
    event,
    '-P',
    'ubuntu-latest=-self-hosted',
    '--action-cache-path',
    path.join(dir, 'act-cache'),
    '--cache-server-addr',
    '127.0.0.1',
    '--cache-server-port',
    '0',
    '--cache-server-path',
    path.join(dir, 'actions-cache'),
    '--local-repository',
    `${KIT}@v1=${kitCopy(dir)}`,
    ...standIns(dir, options.actions ?? {}),
  ];
  const child = spawn(actBinary(), args, {
    cwd: repo,
    env: { ...process.env, ...options.env, PATH: `${SCANNERS}${path.delimiter}${process.env['PATH'] ?? ''}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const timeoutMs = options.timeoutMs ?? 120_000;
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const exitCode = await new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  clearTimeout(timer);
  if (exitCode === null) throw new Error(`act was killed after ${timeoutMs} ms; its output:\n${text}`);
  const run: ActRun = { exitCode, ...readEvents(text) };
  if (existsSync(resultFile(dir)))
    run.recorded = JSON.parse(readFileSync(resultFile(dir), 'utf8')) as Record<string, string>;
  return run;
}

/** Where a caller's `record` job writes (its {{RESULT_FILE}}). */
export const resultFile = (dir: string): string => path.join(dir, 'result.json');

/** The caller workflow fixture `name` (callers/<name>.yml) with its {{PLACEHOLDERS}} filled in. */
export function callerWorkflow(name: string, values: Record<string, string>): string {
  const text = readFileSync(fileURLToPath(new URL(`../callers/${name}.yml`, import.meta.url)), 'utf8');
  return text.replace(/\{\{([A-Z_]+)\}\}/g, (_match, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`callers/${name}.yml: no value for {{${key}}}`);
    return value;
  });
}
