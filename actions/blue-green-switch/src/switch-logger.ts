// Where the traffic package's progress goes. Its lines quote the proxy (server names, addresses, what answered), so
// each goes out through core's printLine, guarded when the runner could take it for a workflow command; warnings
// become annotations, whose text the runner never runs.
import { printLine, warning } from '@actions-kit/core';
import type { SwitchLogger } from '@actions-kit/traffic';

export const switchLogger: SwitchLogger = { info: printLine, warning };
