import { describe, expect, it } from '@jest/globals';
import { busyWarning, describeMachine, machineLine } from '../src/machine.js';

const quiet = { cpuModel: 'AMD EPYC', cores: 2, memoryGiB: 23.5, os: 'Linux 6.1 x64', loadAverage: 0.2 };

describe('busyWarning', () => {
  it('stays quiet on an idle machine and warns, with the load, on a busy one', () => {
    expect(busyWarning(quiet)).toBeUndefined();
    expect(busyWarning({ ...quiet, loadAverage: 3.08 })).toBe(
      'warning: load average 3.08 on 2 cores when the benchmark started; other work competes for the CPU, so these ' +
        'timings are noisy',
    );
  });
});

describe('describeMachine', () => {
  it('describes this machine without paths', () => {
    const machine = describeMachine();
    expect(machine.cores).toBeGreaterThan(0);
    expect(machine.cpuModel).not.toBe('');
    expect(machineLine(machine)).not.toMatch(/\//);
  });
});
