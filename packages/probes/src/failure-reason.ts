// Why a request got no usable answer, as one of a few named reasons a health decision can count and a person can
// act on: the name did not resolve, nothing listened, the connection was cut, TLS refused, or time ran out.

export type ProbeFailureReason =
  /** The host name did not resolve (ENOTFOUND, EAI_AGAIN). */
  | 'dns'
  /** Nothing listens on the port (ECONNREFUSED). */
  | 'refused'
  /** The connection was cut before the answer was complete (ECONNRESET, EPIPE). */
  | 'reset'
  /** The TLS handshake failed: an untrusted or mismatched certificate, or no TLS on the other end. */
  | 'tls'
  /** No complete answer within the request's timeout. */
  | 'timeout'
  /** Something answered, but not in HTTP. */
  | 'protocol'
  /** Anything else (e.g. EHOSTUNREACH); the message carries Node's code. */
  | 'other';

/** Where the request was when it failed: only an error during the TLS handshake has no telling code of its own. */
export type RequestPhase = 'connecting' | 'handshake' | 'exchanging';

const BY_CODE: Record<string, ProbeFailureReason> = {
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EAI_FAIL: 'dns',
  EAI_NODATA: 'dns',
  EAI_NONAME: 'dns',
  ECONNREFUSED: 'refused',
  ECONNRESET: 'reset',
  ECONNABORTED: 'reset',
  EPIPE: 'reset',
  ETIMEDOUT: 'timeout',
  EPROTO: 'tls',
};

// OpenSSL's certificate verification results, as Node reports them in `code`.
const CERTIFICATE_CODE = /^(CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_|HOSTNAME_MISMATCH)/;

/** Each reason in the few words a workflow author acts on. */
export const FAILURE_WORDS: Readonly<Record<ProbeFailureReason, string>> = {
  dns: 'host name did not resolve',
  refused: 'connection refused',
  reset: 'connection reset',
  tls: 'TLS handshake failed',
  timeout: 'connection timed out',
  protocol: 'the answer is not HTTP',
  other: 'request failed',
};

export function failureReason(error: unknown, phase: RequestPhase): ProbeFailureReason {
  const code = (error as { code?: unknown } | null)?.code;
  const text = typeof code === 'string' ? code : '';
  const known = BY_CODE[text];
  if (known) return known;
  if (CERTIFICATE_CODE.test(text) || /^ERR_(TLS|SSL)_/.test(text)) return 'tls';
  if (text.startsWith('HPE_')) return 'protocol';
  return phase === 'handshake' ? 'tls' : 'other';
}

/**
 * One line naming how a request failed, built from the error's code only (never its message, which can quote what
 * the other end sent): `connection refused (ECONNREFUSED)`.
 */
export function describeFailure(error: unknown, phase: RequestPhase): string {
  const code = (error as { code?: unknown } | null)?.code;
  const safeCode = typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code) ? code : 'unknown';
  return `${FAILURE_WORDS[failureReason(error, phase)]} (${safeCode})`;
}
