// Prices in cents: what a line of the cart costs and what a discount code takes off.

function lineTotal(unitCents, quantity) {
  if (!Number.isInteger(quantity) || quantity < 1) {
    throw new RangeError(`quantity must be a whole number of at least 1, got ${quantity}`);
  }
  return unitCents * quantity;
}

function discountPercent(code) {
  switch (code) {
    case 'WELCOME10':
      return 10;
    case 'STAFF':
      return 25;
    default:
      return 0;
  }
}

/** Splits an amount into equal shares, rounding each share down to the cent. */
function share(cents, people) {
  return Math.floor(cents / people);
}

module.exports = { lineTotal, discountPercent, share };
