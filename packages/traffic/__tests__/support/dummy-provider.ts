// A provider added the way a real one is, in this one file: its descriptor (name, inputs of every kind, the check
// across them, the factory) and a provider keeping the live color in memory. dummy-provider.test.ts shows that the
// input reading, the factory, the switch and the docs check all pick it up from the registry list alone.
import type { Color } from '../../src/color.js';
import { TrafficError } from '../../src/errors.js';
import { lockFileFor } from '../../src/lock.js';
import type { LiveState, TrafficProvider } from '../../src/provider.js';
import type { ProviderDescriptor } from '../../src/provider-descriptor.js';

const MODES = ['safe', 'fast'] as const;

export interface DummySettings {
  endpoint: string;
  pools: string[];
  label: string;
  mode: (typeof MODES)[number];
  settleMs: number;
}

export class DummyProvider implements TrafficProvider {
  readonly kind = 'dummy';
  readonly lockFile: string;
  live: Color = 'blue';

  constructor(readonly settings: DummySettings) {
    this.lockFile = lockFileFor('dummy', settings.endpoint);
  }

  describe(): string {
    return `dummy switch at ${this.settings.endpoint}`;
  }

  async current(): Promise<LiveState> {
    return { live: this.live, evidence: `dummy says ${this.live}`, snapshot: this.live };
  }

  plan(target: Color): string[] {
    return [`tell ${this.settings.endpoint} to send ${this.settings.pools.join(',')} to ${target}`];
  }

  async switchTo(target: Color): Promise<void> {
    this.live = target;
  }

  async restore(state: LiveState): Promise<void> {
    this.live = state.snapshot === 'green' ? 'green' : 'blue';
  }
}

export const dummyDescriptor: ProviderDescriptor<DummySettings> = {
  name: 'dummy',
  inputs: [
    { name: 'dummy-endpoint', kind: 'text', required: true, hint: 'the dummy switch (e.g. http://127.0.0.1:9000)' },
    { name: 'dummy-pools', kind: 'list', required: true, hint: 'comma-separated pools to move (e.g. web,api)' },
    { name: 'dummy-label', kind: 'text', hint: 'a label shown in the dummy (e.g. release-42)' },
    { name: 'dummy-mode', kind: 'enum', values: MODES, default: 'safe', hint: 'safe or fast' },
    { name: 'dummy-settle', kind: 'duration', default: '2s', max: '1m', hint: 'how long to wait (e.g. 5s)' },
  ],
  settings: (values) => {
    const pools = values.list('dummy-pools');
    if (new Set(pools).size < pools.length) {
      throw new TrafficError(`dummy-pools: '${pools.join(',')}' lists a pool twice; list each pool once`);
    }
    return {
      endpoint: values.text('dummy-endpoint'),
      pools,
      label: values.text('dummy-label'),
      mode: values.choice('dummy-mode', MODES),
      settleMs: values.duration('dummy-settle'),
    };
  },
  create: (settings) => new DummyProvider(settings),
};
