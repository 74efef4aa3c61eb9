// Loads a task pane page into happy-dom with a fake API, so a test can drive the pane the way a user does.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { vi } from "vitest";

export interface FakeRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

export type Route = (request: FakeRequest) => Response | undefined;

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": status >= 400 ? "application/problem+json" : "application/json" },
  });
}

/** Puts the page's body into the document and answers fetches under /api/ from `route`. */
export function loadPane(host: "excel" | "word", route: Route): FakeRequest[] {
  // node:path rather than new URL(): under happy-dom, URL is the DOM one.
  const html = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "..", "src", host, "taskpane.html"), "utf8");
  document.body.innerHTML = /<body>([\s\S]*)<\/body>/.exec(html)?.[1] ?? "";
  const requests: FakeRequest[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const request: FakeRequest = {
        method: init.method ?? "GET",
        path: new URL(url).pathname,
        headers: (init.headers ?? {}) as Record<string, string>,
        body: typeof init.body === "string" ? JSON.parse(init.body) : init.body,
      };
      requests.push(request);
      return route(request) ?? json({ title: "Not Found", status: 404 }, 404);
    }),
  );
  return requests;
}

export function input(id: string, value: string): void {
  const element = document.getElementById(id) as HTMLInputElement;
  element.value = value;
}

export function click(id: string): void {
  (document.getElementById(id) as HTMLButtonElement).click();
}

export function text(id: string): string {
  return document.getElementById(id)?.textContent?.trim() ?? "";
}

export function visible(id: string): boolean {
  return !(document.getElementById(id) as HTMLElement).hidden;
}

export function submit(formId: string): void {
  (document.getElementById(formId) as HTMLFormElement).requestSubmit();
}

export const seed = {
  me: { email: "staff@d01.gov.cn", displayName: "张三", roles: ["UnitStaff"], unitId: "u1" },
  campaigns: [{ id: "c1", year: 2026, name: "年度评估", frameworkName: "编办评估指标", frameworkVersion: "1.0" }],
  units: [
    { id: "u1", code: "D01", name: "教育局", kind: "Department" },
    { id: "u2", code: "D02", name: "财政局", kind: "Department" },
  ],
  results: {
    campaignId: "c1",
    units: [
      { unitId: "u2", unitCode: "D02", unitName: "财政局", status: "Drafting", total: 80, maxTotal: 100, scoreRate: 80, rank: 2 },
      { unitId: "u1", unitCode: "D01", unitName: "教育局", status: "Submitted", total: 91.5, maxTotal: 100, scoreRate: 91.5, rank: 1 },
    ],
  },
  token: { tokenType: "Bearer", accessToken: "tok-1", expiresIn: 3600, refreshToken: "r" },
};
