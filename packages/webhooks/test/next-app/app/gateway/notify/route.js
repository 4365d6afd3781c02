// A merchant's notification endpoint, as the README shows it, with the test merchant of
// test/fixtures.ts. The test signs notifications over this notifyUrl and posts them to the route
// on loopback: the URL the app is reached at does not matter, only the configured one is signed.

import { nextRouteHandler } from "@gatekit/webhooks/next";

export const POST = nextRouteHandler({
  notifyUrl: "https://merchant.example.com/gateway/notify?shop=42",
  appId: "483f6c9c743b4a9bbd34bee0c9c81eb7",
  appSecret: "19200e1478524aceb629acbc570d15d3",
  onRejected: () => {},
  async onNotification(notification) {
    if (notification.data.merchantAttach === "fail") throw new Error("database down");
    // The test serves the app in its own process and reads what the route saw from here.
    (globalThis.gatekitNotifications ??= []).push(notification);
  },
});
