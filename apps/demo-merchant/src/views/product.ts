// The product page: the catalogue, each product with its Pay button.

import { html } from "hono/html";
import type { Product } from "../products.js";
import { type Html, layout, money } from "./layout.js";

/** The product page. */
export function productPage(products: readonly Product[]): Html {
  return layout(
    "Products",
    html`<h1>Products</h1>
<p class="note">A sandbox shop: paying sends you to the reference gateway's checkout page, \
where you choose how the payment ends. No real money moves.</p>
<div class="products">
${products.map(
  (product) => html`<div class="card" data-product="${product.id}">
<h2>${product.name}</h2>
<p>${product.description}</p>
<p class="price">${money(product.price, product.currency)}</p>
<form method="post" action="/pay">
<input type="hidden" name="productId" value="${product.id}">
<button type="submit">Pay ${money(product.price, product.currency)}</button>
</form>
</div>`,
)}
</div>`,
  );
}
