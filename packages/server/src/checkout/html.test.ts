import { describe, expect, it } from "vitest";
import { cspOrigin, escapeHtml, layout, pageHeaders } from "./html.js";

describe("escapeHtml", () => {
  it("escapes every character that could open markup or leave an attribute", () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y' \`z\``)).toBe(
      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39; &#96;z&#96;",
    );
  });
});

describe("pageHeaders", () => {
  it("allows only the inline stylesheet and forms to this gateway and the return origin", () => {
    const csp = pageHeaders("https://shop.test")["content-security-policy"];
    const directives = [
      "default-src 'none'",
      "style-src 'sha256-[A-Za-z0-9+/=]+'",
      "img-src data:",
      "form-action 'self' https://shop\\.test",
      "base-uri 'none'",
      "frame-ancestors 'none'",
    ];
    expect(csp).toMatch(new RegExp(`^${directives.join("; ")}$`));
    expect(pageHeaders()["content-security-policy"]).toContain("form-action 'self';");
    expect(pageHeaders()["referrer-policy"]).toBe("no-referrer");
  });
});

describe("cspOrigin", () => {
  it.each([
    ["https://shop.test/return?a=1", "https://shop.test"],
    ["http://127.0.0.1:3000/r", "http://127.0.0.1:3000"],
    ["javascript:alert(1)", undefined],
    ["not a url", undefined],
  ])("reads %s as %s", (url, origin) => {
    expect(cspOrigin(url)).toBe(origin);
  });
});

describe("layout", () => {
  it("is a whole, English, escaped document", () => {
    const page = layout("<Title>", "<p>hi</p>");
    expect(page).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(page).toContain("<title>&lt;Title&gt; · Gatekit sandbox gateway</title>");
  });
});
