// The vocabulary of the health check: why one probe, one query or the whole run ended as it did (the `reason` output).

/** Every reason the health check reports, in the order the issue lists them. */
export const HEALTH_REASONS = [
  'ok',
  'dns',
  'refused',
  'reset',
  'tls',
  'timeout',
  'status',
  'body',
  'json',
  'latency',
  'metric',
  'metric-empty',
  'prometheus-down',
  'deadline',
] as const;

export type HealthReason = (typeof HEALTH_REASONS)[number];

/** Why a request got no HTTP response at all (the HTTP probe classifies its errors into these). */
export type TransportFailure = Extract<HealthReason, 'dns' | 'refused' | 'reset' | 'tls' | 'timeout'>;

/** Why a response that did arrive is not healthy, checked in this order. */
export type ResponseFailure = Extract<HealthReason, 'status' | 'body' | 'json' | 'latency'>;

/** Why a metric query did not pass. */
export type MetricFailure = Extract<HealthReason, 'metric' | 'metric-empty' | 'prometheus-down'>;
