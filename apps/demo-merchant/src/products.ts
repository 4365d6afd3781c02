// The shop's catalogue. Prices are amount strings, as the gateway writes them: money is never a
// float anywhere in the shop (sums go through integer minor units, see orders.ts).

import type { Amount, Currency } from "@gatekit/types";

/** One thing the shop sells. */
export interface Product {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly price: Amount;
  readonly currency: Currency;
}

/** Everything on sale. */
export const PRODUCTS: readonly Product[] = [
  {
    id: "notebook",
    name: "Dot-grid notebook",
    description: "A5, 192 pages, lies flat.",
    price: "120.00",
    currency: "INR",
  },
  {
    id: "pen",
    name: "Fountain pen",
    description: "Steel nib, refillable, blue ink included.",
    price: "450.50",
    currency: "INR",
  },
  { id: "tea", name: "Assam tea, 250 g", description: "Second flush, loose leaf.", price: "310.00", currency: "INR" },
];

/** The product with this id, or undefined. */
export function findProduct(id: string): Product | undefined {
  return PRODUCTS.find((product) => product.id === id);
}
