// Public surface of the traffic package: the switch, the provider interface and registry, and each provider.
export { restoreTraffic, switchTraffic } from './switch.js';
export type {
  RestoreReport,
  RestoreRequest,
  SwitchOutcome,
  SwitchReport,
  SwitchRequest,
  SwitchTimings,
} from './switch.js';
export { COLORS, otherColor, parseTarget, resolveTarget } from './color.js';
export type { Color, LiveColor, Target } from './color.js';
export type { ColorMembers, LiveState, SwitchLogger, TrafficProvider } from './provider.js';
export { createProvider, PROVIDER_NAMES } from './providers.js';
export type { ProviderName, ProviderSettings } from './providers.js';
export { summariseVerification, verifyLive } from './verify.js';
export type { ColorAnswer, ColorProbe, Verification, VerifyPolicy } from './verify.js';
export { httpColorProbe } from './http-color-probe.js';
export type { HttpColorProbeOptions } from './http-color-probe.js';
export { acquireLock, describeHolder, lockFileFor } from './lock.js';
export type { HeldLock, LockHolder, LockOptions } from './lock.js';
export { CancelledError, TrafficError } from './errors.js';
export { HaproxyProvider, parseServersState, socketRuntimeApi } from './haproxy.js';
export type { HaproxyOptions, HaproxyServerState, RuntimeApi } from './haproxy.js';
export { NginxProvider, parseUpstreamBlock, primaryServers, renderUpstreamBlock } from './nginx.js';
export type { NginxOptions, UpstreamBlock, UpstreamServer } from './nginx.js';
export { CaddyProvider, parseReverseProxyHandler } from './caddy.js';
export type { CaddyOptions } from './caddy.js';
export { SymlinkProvider } from './symlink.js';
export type { SymlinkOptions } from './symlink.js';
export { CommandProvider } from './command.js';
export type { CommandOptions } from './command.js';
export { FlagFileProvider } from './flag-file.js';
export type { FlagFileOptions } from './flag-file.js';
