// The classification of a request's error by Node's code, and by where the request was for a TLS error without one.
import { describe, expect, it } from '@jest/globals';
import { describeFailure, failureReason } from '../src/failure-reason.js';

const withCode = (code: string): Error => Object.assign(new Error(code), { code });

describe('failureReason', () => {
  it.each([
    ['ENOTFOUND', 'dns'],
    ['EAI_AGAIN', 'dns'],
    ['ECONNREFUSED', 'refused'],
    ['ECONNRESET', 'reset'],
    ['EPIPE', 'reset'],
    ['ETIMEDOUT', 'timeout'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls'],
    ['CERT_HAS_EXPIRED', 'tls'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tls'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'tls'],
    ['HPE_INVALID_CONSTANT', 'protocol'],
    ['EHOSTUNREACH', 'other'],
  ])('%s is %s', (code, reason) => {
    expect(failureReason(withCode(code), 'exchanging')).toBe(reason);
  });

  it('takes an error without a telling code during the TLS handshake as tls, elsewhere as other', () => {
    expect(failureReason(new Error('handshake broke'), 'handshake')).toBe('tls');
    expect(failureReason(new Error('something'), 'exchanging')).toBe('other');
    expect(failureReason('not even an Error', 'connecting')).toBe('other');
  });
});

describe('describeFailure', () => {
  const withMessage = (code: unknown): Error =>
    Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:9090'), { code });

  it.each([
    ['ECONNREFUSED', 'connection refused (ECONNREFUSED)'],
    ['ECONNRESET', 'connection reset (ECONNRESET)'],
    ['ENOTFOUND', 'host name did not resolve (ENOTFOUND)'],
    ['EAI_AGAIN', 'host name did not resolve (EAI_AGAIN)'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'TLS handshake failed (DEPTH_ZERO_SELF_SIGNED_CERT)'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'TLS handshake failed (ERR_TLS_CERT_ALTNAME_INVALID)'],
    ['HPE_INVALID_CONSTANT', 'the answer is not HTTP (HPE_INVALID_CONSTANT)'],
    ['EWHATEVER', 'request failed (EWHATEVER)'],
    [undefined, 'request failed (unknown)'],
    ['<script>', 'request failed (unknown)'],
  ])('names %s from its code, never its message', (code, words) => {
    expect(describeFailure(withMessage(code), 'connecting')).toBe(words);
  });
});
