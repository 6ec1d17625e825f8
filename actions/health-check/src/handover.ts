// What the main step leaves for the cancel post step: the color a blue-green rollback goes back to (settled before
// the first probe) and how far main got, so a rollback runs at most once between them.
import { getState, saveState } from '@actions-kit/core';

/**
 * `decided`: the check ended on its own (healthy, or unhealthy without rollback): nothing to undo on a later cancel.
 * `rollback-started`: main was stopped part-way through its rollback. `rollback-done`: main rolled back.
 */
export type Phase = 'decided' | 'rollback-started' | 'rollback-done';

export interface Handover {
  target?: 'blue' | 'green';
  /** Undefined when main was cancelled (or killed) before any of these. */
  phase?: Phase;
}

export interface HandoverWriter {
  saveTarget(target: 'blue' | 'green'): void;
  setPhase(phase: Phase): void;
}

const TARGET_KEY = 'rollback-target';
const PHASE_KEY = 'phase';

export const stateHandover: HandoverWriter = {
  saveTarget: (target) => saveState(TARGET_KEY, target),
  setPhase: (phase) => saveState(PHASE_KEY, phase),
};

export function readHandover(): Handover {
  const target = getState(TARGET_KEY);
  const phase = getState(PHASE_KEY);
  return {
    ...((target === 'blue' || target === 'green') && { target }),
    ...((phase === 'decided' || phase === 'rollback-started' || phase === 'rollback-done') && { phase }),
  };
}
