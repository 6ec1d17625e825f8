// Where the traffic package's progress goes. Its lines quote the proxy (server names, addresses, what answered), so
// a line the runner could read as a workflow command is printed with workflow commands off; warnings become
// annotations, whose text the runner never runs.
import { info, printUntrusted, warning } from '@actions-kit/core';
import type { SwitchLogger } from '@actions-kit/traffic';

/**
 * The runner reads a command from `::` at the start of a line (after spaces) and from the legacy `##[` anywhere in
 * it, and splits lines at CR and LF. A line free of all of these is printed as it is, to keep the log plain.
 */
export function mayBeReadAsCommand(line: string): boolean {
  return /[\r\n]|##\[/.test(line) || line.trimStart().startsWith('::');
}

export function printLine(line: string): void {
  if (mayBeReadAsCommand(line)) printUntrusted(line);
  else info(line);
}

export const switchLogger: SwitchLogger = { info: printLine, warning };
