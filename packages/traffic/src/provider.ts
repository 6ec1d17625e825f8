// The one interface every traffic switch provider implements; adding a proxy (or Kubernetes, or an ALB) is adding a
// file that implements it and one line in the registry.
import type { Color, LiveColor } from './color.js';

/** Where progress goes: the action passes @actions/core's functions, tests pass an array. */
export interface SwitchLogger {
  info(message: string): void;
  warning(message: string): void;
}

/** A change the proxy took: while switching to the target, or while switching back to the previous state. */
export interface Change {
  phase: 'switch' | 'switch back';
  /** In the words of plan(): "set server app/green state ready". */
  step: string;
}

/**
 * What a provider reports to while it changes the proxy: progress, and each change the moment the proxy has taken it,
 * so the report lists every change made (a switch, the provider's own undo of a part-way switch, a switch back) in
 * order, and a failure part-way still leaves the list of what was done.
 */
export interface ChangeLog extends SwitchLogger {
  /** One change the proxy has taken, in the words of plan(): "set server app/green state ready". */
  changed(step: string): void;
}

/** What a provider read from the proxy itself. Plain data: the action can save it and a post step restore it. */
export interface LiveState {
  live: LiveColor;
  /** What was read, for people: "blue: web1 ready (UP); green: web2 drain (UP)". */
  evidence: string;
  /** Provider-defined text that restore() turns back into exactly this state. */
  snapshot: string;
}

export interface TrafficProvider {
  /** The registry name: haproxy, nginx, caddy, symlink, command. */
  readonly kind: string;
  /** The lock file that serialises runs switching the same thing. */
  readonly lockFile: string;
  /**
   * Optional: the lock file as the proxy itself identifies what is switched, when one proxy can be reached by more
   * than one address (HAProxy by its unix socket and by TCP). A switch asks for it, then locks it, instead of
   * lockFile; a read-only question to the proxy.
   */
  resolveLockFile?(signal?: AbortSignal): Promise<string>;
  /** One line naming what is switched: "HAProxy backend 'app' via ./haproxy.sock". */
  describe(): string;
  /** Reads the live color from the proxy, never from a record of ours that could drift. */
  current(signal?: AbortSignal): Promise<LiveState>;
  /** The changes switchTo(target) would make from `from`, in order, without making them. */
  plan(target: Color, from: LiveState): string[];
  /**
   * Moves traffic to `target`, in an order that never leaves zero live servers. Either completes or throws with
   * the proxy back in `from` (as far as the proxy allows; the message says when it could not).
   *
   * `signal` cancels: a shell command in flight is stopped with everything it started, and a CancelledError is
   * thrown once none of it runs, with the proxy as far as it got (nothing is put back: restore() does that). A
   * call to a proxy's API is short and bounded by its timeout, so it is let finish.
   */
  switchTo(target: Color, from: LiveState, log: ChangeLog, signal?: AbortSignal): Promise<void>;
  /** Puts back a state read by current(): the switch-back after a failed verification, and the cancel path. */
  restore(state: LiveState, log: ChangeLog, signal?: AbortSignal): Promise<void>;
}

/** Which color each server or address belongs to, as the blue-servers / green-servers inputs say. */
export interface ColorMembers {
  blue: string[];
  green: string[];
}

/** The live color implied by which members take traffic. */
export function liveColorOf(blueLive: boolean, greenLive: boolean): LiveColor {
  if (blueLive && greenLive) return 'both';
  if (blueLive) return 'blue';
  if (greenLive) return 'green';
  return 'none';
}
