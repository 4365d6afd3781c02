// The baseline of the HTTP benchmark: a bare Hono route on the same @hono/node-server, answering
// a fixed JSON envelope. Prints its origin on the first line of standard output.
import { serve } from "@hono/node-server";
import { Hono } from "hono";

const app = new Hono();
const body = { code: "OK", errorMessage: null, data: { paymentNo: "PAY20261127105044000001", status: "PENDING" } };
app.post("/bare", (c) => c.json(body));

const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => {
  console.log(`http://127.0.0.1:${info.port}`);
});
const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
