const { lineTotal, discountPercent, share } = require('../src/price');

describe('lineTotal', () => {
  it('multiplies the unit price by the quantity', () => {
    expect(lineTotal(250, 4)).toBe(1000);
  });

  it('refuses a quantity below one', () => {
    expect(() => lineTotal(250, 0)).toThrow('quantity must be a whole number of at least 1, got 0');
  });
});

describe('discountPercent', () => {
  it('gives 10% for WELCOME10', () => {
    expect(discountPercent('WELCOME10')).toBe(10);
  });

  // Skipped on purpose, so the reports have a skipped test (and the STAFF branch stays uncovered).
  it.skip('gives 25% for STAFF', () => {
    expect(discountPercent('STAFF')).toBe(25);
  });
});

describe('share', () => {
  // Fails on purpose when QUALITY_SAMPLE_FAIL=1, so the reports can have a failed test with a real message.
  it('rounds each share down to the cent', () => {
    const expected = process.env.QUALITY_SAMPLE_FAIL === '1' ? 34 : 33;
    expect(share(100, 3)).toBe(expected);
  });
});
