// Describes the machine a benchmark ran on, for the results file and docs/benchmarks.md (no paths, no host names).
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface MachineDescription {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  os: string;
  /** The 1-minute load average when the benchmark started: other work on the machine skews timings. */
  loadAverage: number;
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((entry) => entry.startsWith('model name'));
    if (line) return line.split(':').slice(1).join(':').trim();
  } catch {
    // Not Linux: os.cpus() below still knows the model.
  }
  return os.cpus()[0]?.model.trim() ?? 'unknown';
}

export function describeMachine(): MachineDescription {
  return {
    cpuModel: cpuModel(),
    cores: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage: Math.round(os.loadavg()[0]! * 100) / 100,
  };
}

export function machineLine(machine: MachineDescription): string {
  return `${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB RAM, ${machine.os}`;
}

/** A warning to print beside the figures when the machine was busy, so nobody takes noisy figures at face value. */
export function busyWarning(machine: MachineDescription): string | undefined {
  if (machine.loadAverage <= machine.cores / 4) return undefined;
  return (
    `warning: load average ${machine.loadAverage} on ${machine.cores} cores when the benchmark started; ` +
    'other work competes for the CPU, so these timings are noisy'
  );
}
