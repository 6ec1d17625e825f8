import { describe, expect, it } from '@jest/globals';
import { runAction } from '@actions-kit/core';
describe('smoke', () => { it('loads', () => { expect(typeof runAction).toBe('function'); }); });
