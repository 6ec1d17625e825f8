// Classic release links: `current -> releases/<color>`, replaced by renaming a new link over the old one, so every
// reader sees either the old or the new release.
import { readlink, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Color } from './color.js';
import { replaceSymlinkAtomically } from './atomic-file.js';
import { TrafficError, errorCode } from './errors.js';
import { liveColorOf, type ChangeLog, type LiveState, type TrafficProvider } from './provider.js';
import type { ProviderDescriptor } from './provider-descriptor.js';
import { FILE_PATH } from './value-forms.js';

export interface SymlinkOptions {
  /** The link to switch, e.g. /srv/app/current. */
  symlinkPath: string;
  /** What each color's link points to, e.g. /srv/app/releases/blue. */
  paths: Record<Color, string>;
}

export class SymlinkProvider implements TrafficProvider {
  readonly kind = 'symlink';
  readonly lockFile: string;

  constructor(private readonly options: SymlinkOptions) {
    this.lockFile = `${options.symlinkPath}.lock`;
  }

  describe(): string {
    return `symlink ${this.options.symlinkPath}`;
  }

  async current(): Promise<LiveState> {
    const link = this.options.symlinkPath;
    let pointsTo: string;
    try {
      pointsTo = await readlink(link);
    } catch (error) {
      const code = errorCode(error);
      if (code === 'ENOENT') return { live: 'none', evidence: `${link} does not exist yet`, snapshot: '' };
      if (code === 'EINVAL') {
        throw new TrafficError(
          `symlink-path: ${link} exists but is not a symlink; move it away so the switch can own the link`,
        );
      }
      throw new TrafficError(`symlink-path: cannot read ${link} (${code ?? String(error)})`);
    }
    const resolved = path.resolve(path.dirname(link), pointsTo);
    const isColor = (color: Color): boolean => path.resolve(this.options.paths[color]) === resolved;
    if (!isColor('blue') && !isColor('green')) {
      throw new TrafficError(
        `symlink-path: ${link} points to ${pointsTo}, which is neither blue-path (${this.options.paths.blue}) ` +
          `nor green-path (${this.options.paths.green}); fix the inputs or the link`,
      );
    }
    return {
      live: liveColorOf(isColor('blue'), isColor('green')),
      evidence: `${link} -> ${pointsTo}`,
      snapshot: pointsTo,
    };
  }

  plan(target: Color): string[] {
    return [`point ${this.options.symlinkPath} at ${this.linkText(target)} (new link renamed over the old one)`];
  }

  async switchTo(target: Color, _from: LiveState, log: ChangeLog): Promise<void> {
    const destination = this.options.paths[target];
    try {
      await stat(destination);
    } catch {
      throw new TrafficError(
        `${target}-path: ${destination} does not exist; deploy the ${target} release there before switching to it`,
      );
    }
    await this.point(this.linkText(target));
    log.changed(`pointed ${this.options.symlinkPath} at ${this.linkText(target)}`);
  }

  async restore(state: LiveState, log: ChangeLog): Promise<void> {
    if (state.snapshot === '') await rm(this.options.symlinkPath, { force: true });
    else await this.point(state.snapshot);
    log.changed(`put back ${state.evidence}`);
  }

  /** Relative to the link's folder, as `ln -s releases/blue current` would write it, so the tree can move. */
  private linkText(color: Color): string {
    const link = path.resolve(this.options.symlinkPath);
    return path.relative(path.dirname(link), path.resolve(this.options.paths[color])) || '.';
  }

  private async point(pointsTo: string): Promise<void> {
    try {
      await replaceSymlinkAtomically(this.options.symlinkPath, pointsTo);
    } catch (error) {
      throw new TrafficError(
        `symlink-path: cannot replace ${this.options.symlinkPath} (${errorCode(error) ?? String(error)}); its ` +
          'folder must be writable by this job',
      );
    }
  }
}

export const symlinkDescriptor: ProviderDescriptor<SymlinkOptions> = {
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
