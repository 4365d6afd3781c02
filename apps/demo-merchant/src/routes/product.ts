// GET /: the product page.

import { Hono } from "hono";
import { PRODUCTS } from "../products.js";
import { productPage } from "../views/product.js";

/** The product page. */
export function productRoutes(): Hono {
  return new Hono().get("/", (c) => c.html(productPage(PRODUCTS)));
}
