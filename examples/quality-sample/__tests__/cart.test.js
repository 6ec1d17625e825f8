const { cartTotal, describe: describeCart } = require('../src/cart');

describe('cartTotal', () => {
  it('adds the lines and takes the discount off', () => {
    const lines = [
      { unitCents: 250, quantity: 4 },
      { unitCents: 500, quantity: 1 },
    ];
    expect(cartTotal(lines, 'WELCOME10')).toBe(1350);
  });

  it('takes nothing off without a code', () => {
    expect(cartTotal([{ unitCents: 999, quantity: 1 }])).toBe(999);
  });
});

describe('describe', () => {
  it('counts the items', () => {
    expect(describeCart([{ unitCents: 1, quantity: 3 }])).toBe('3 items');
  });
});
