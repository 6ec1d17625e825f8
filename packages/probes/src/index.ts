// Public surface of the probes package: the signals a health decision is made from, starting with one HTTP request.
export { httpProbe } from './http-probe.js';
export type { HttpProbeAnswer, HttpProbeFailure, HttpProbeRequest, HttpProbeResult } from './http-probe.js';
export type { ProbeFailureReason } from './failure-reason.js';
