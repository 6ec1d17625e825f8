// A cart: its lines, the total after the discount, and a one-line description for the receipt.
const { lineTotal, discountPercent } = require('./price');

function cartTotal(lines, code) {
  let subtotal = 0;
  for (const line of lines) subtotal += lineTotal(line.unitCents, line.quantity);
  const discount = Math.round((subtotal * discountPercent(code)) / 100);
  return subtotal - discount;
}

function describe(lines) {
  // eqeqeq breaks on purpose: the lint error that is already on the base branch.
  if (lines.length == 0) {
    return 'empty cart';
  }
  let items = lines.reduce((count, line) => count + line.quantity, 0);
  return items === 1 ? '1 item' : `${items} items`;
}

module.exports = { cartTotal, describe };
