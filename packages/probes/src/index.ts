// Public surface of the probes package: the signals a health decision is made from (one HTTP request, one Prometheus
// query), how each is judged, and the decision over rounds of them.
export { httpProbe } from './http-probe.js';
export type { HttpProbeAnswer, HttpProbeFailure, HttpProbeRequest, HttpProbeResult } from './http-probe.js';
export type { ProbeFailureReason } from './failure-reason.js';
export { DEFAULT_EXPECTED_STATUS, parseExpectedStatus } from './expected-status.js';
export type { ExpectedStatus } from './expected-status.js';
export { parseJsonExpectations } from './json-expectations.js';
export type { JsonExpectation } from './json-expectations.js';
export { judgeResponse, observeHttpProbe, parseExpectBody } from './response-checks.js';
export type { HttpObservation, ResponseExpectations, UrlOutcome } from './response-checks.js';
export { parsePrometheusUrl, queryPrometheus } from './prometheus.js';
export type { PrometheusQuery, PrometheusResult } from './prometheus.js';
export { evaluateMetric, parseMetrics } from './metric-conditions.js';
export type { MetricDefinition, MetricOutcome, MetricVerdict } from './metric-conditions.js';
export { decideAt, judgeRound, recordRound, startDecision, timeLimitAt } from './health-decision.js';
export type { Decision, DecisionSettings, DecisionState, HealthMode, RoundResult } from './health-decision.js';
export { latencyStatistics } from './latency-statistics.js';
export type { LatencyStatistics } from './latency-statistics.js';
export { roundTimeline, successfulLatencies } from './health-timeline.js';
export type { ProbeEntry, QueryEntry, TimelineEntry } from './health-timeline.js';
export { HEALTH_REASONS } from './health-reasons.js';
export type { HealthReason } from './health-reasons.js';
