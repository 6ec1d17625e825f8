// The CVSS formulas against a calculator library (a dev dependency only: see cvss.ts for why it is not used).
import { describe, expect, it } from '@jest/globals';
import { fromVector } from 'ae-cvss-calculator';
import { cvssBaseScore } from '../src/cvss.js';

const VECTORS = [
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
  'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N',
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N',
  'CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:C/C:N/I:L/A:N',
  'CVSS:3.1/AV:P/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H',
  'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L',
  'CVSS:3.0/AV:A/AC:H/PR:L/UI:R/S:C/C:L/I:N/A:H',
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N',
  'AV:N/AC:L/Au:N/C:P/I:P/A:P',
  'AV:L/AC:H/Au:M/C:N/I:P/A:C',
  'AV:A/AC:M/Au:S/C:C/I:C/A:C',
];

describe('cvssBaseScore', () => {
  it.each(VECTORS)('gives the base score the calculator gives for %s', (vector) => {
    expect(cvssBaseScore(vector)?.score).toBe(fromVector(vector)!.calculateScores().base);
  });

  it('says the version, and gives nothing for v4 or what is not a vector', () => {
    expect(cvssBaseScore('AV:N/AC:L/Au:N/C:P/I:P/A:P')).toEqual({ score: 7.5, version: 2 });
    expect(cvssBaseScore('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N')).toBeUndefined();
    expect(cvssBaseScore('CVSS:3.1/AV:X/AC:L')).toBeUndefined();
    expect(cvssBaseScore('HIGH')).toBeUndefined();
  });
});
