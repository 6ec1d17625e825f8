// A switch with no reload at all: the proxy checks per request whether a file exists (nginx `if (-e ...)`, Caddy's
// `file` matcher) and sends traffic to green when it does, blue when it does not; switching creates or removes it.
// Reloading nginx or changing Caddy's config closes idle keep-alive connections, which fails requests clients had
// already sent on them; this is the way to switch those proxies with none failed.
import { readFile, rm } from 'node:fs/promises';
import type { Color } from './color.js';
import { writeFileAtomically } from './atomic-file.js';
import { TrafficError, errorCode } from './errors.js';
import type { ChangeLog, LiveState, TrafficProvider } from './provider.js';
import type { ProviderDescriptor } from './provider-descriptor.js';
import { FILE_PATH } from './value-forms.js';

export interface FlagFileOptions {
  /** Green is live while this file exists, blue while it does not. */
  flagFile: string;
}

export class FlagFileProvider implements TrafficProvider {
  readonly kind = 'flag-file';
  readonly lockFile: string;

  constructor(private readonly options: FlagFileOptions) {
    this.lockFile = `${options.flagFile}.lock`;
  }

  describe(): string {
    return `flag file ${this.options.flagFile} (present: green, absent: blue)`;
  }

  async current(): Promise<LiveState> {
    try {
      await readFile(this.options.flagFile);
      return { live: 'green', evidence: `${this.options.flagFile} exists`, snapshot: 'green' };
    } catch (error) {
      if (errorCode(error) === 'ENOENT') {
        return { live: 'blue', evidence: `${this.options.flagFile} does not exist`, snapshot: 'blue' };
      }
      throw new TrafficError(
        `flag-file: cannot read ${this.options.flagFile} (${errorCode(error) ?? String(error)}); it must be a file ` +
          'this job can read, in a folder the proxy can search',
      );
    }
  }

  plan(target: Color): string[] {
    return target === 'green'
      ? [`create ${this.options.flagFile} (by rename): the proxy sends the next request to green`]
      : [`remove ${this.options.flagFile}: the proxy sends the next request to blue`];
  }

  async switchTo(target: Color, _from: LiveState, log: ChangeLog): Promise<void> {
    try {
      if (target === 'green') await writeFileAtomically(this.options.flagFile, 'green\n');
      else await rm(this.options.flagFile, { force: true });
    } catch (error) {
      throw new TrafficError(
        `flag-file: cannot ${target === 'green' ? 'create' : 'remove'} ${this.options.flagFile} ` +
          `(${errorCode(error) ?? String(error)}); its folder must exist and be writable by this job`,
      );
    }
    log.changed(
      target === 'green'
        ? `created ${this.options.flagFile} (by rename): green live`
        : `removed ${this.options.flagFile}: blue live`,
    );
  }

  async restore(state: LiveState, log: ChangeLog): Promise<void> {
    await this.switchTo(state.snapshot === 'green' ? 'green' : 'blue', state, log);
  }
}

export const flagFileDescriptor: ProviderDescriptor<FlagFileOptions> = {
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
