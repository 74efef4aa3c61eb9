import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// office.js must be a classic, parser-blocking script that runs before the pane's module, with the CDN fallback
// right after it; vite must leave both alone (vite-ignore) so the built pages keep these relative URLs.
const page = (host: string) => readFileSync(new URL(`../src/${host}/taskpane.html`, import.meta.url), "utf8");
const fallback = readFileSync(new URL("../public/assets/office-fallback.js", import.meta.url), "utf8");

describe.each(["excel", "word"])("%s/taskpane.html", (host) => {
  it("loads the bundled office.js, then the CDN fallback, then the pane module", () => {
    const scripts = [...page(host).matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts).toEqual([
      '<script src="../office-js/office.js" vite-ignore>',
      '<script src="../assets/office-fallback.js" vite-ignore>',
      '<script type="module" src="./taskpane.ts">',
    ]);
  });
});

describe("office-fallback.js", () => {
  it("writes the CDN script only when the bundled Office is missing", () => {
    expect(fallback).toMatch(/typeof window\.Office === "undefined"/);
    expect(fallback).toContain("https://appsforoffice.microsoft.com/lib/1/hosted/office.js");
  });
});
