// Public surface of the traffic package: what the actions and the benchmark use. Tests import the src files.
export { restoreTraffic, switchTraffic } from './switch.js';
export type { RestoreReport, SwitchOutcome, SwitchReport } from './switch.js';
export { COLORS } from './color.js';
export type { Color, Target } from './color.js';
export type { Change, ChangeLog, LiveState, SwitchLogger, TrafficProvider } from './provider.js';
// PROVIDERS: what an action switching traffic documents (its docs test checks action.yml and the README against it).
export { createProvider, PROVIDERS } from './providers.js';
export type { ProviderSetup } from './providers.js';
export { readProviderInputs } from './provider-inputs.js';
export type { InputSource } from './provider-inputs.js';
export { summariseVerification, verifyLive } from './verify.js';
export type { ColorProbe, Verification } from './verify.js';
export { httpColorProbe } from './http-color-probe.js';
export { describeHolder } from './lock.js';
export { CancelledError, TrafficError } from './errors.js';
// health-check's rollback-command runs through the same guarded shell as the providers' commands.
export { runShellCommand } from './shell-command.js';
export type { ShellCommandResult } from './shell-command.js';
