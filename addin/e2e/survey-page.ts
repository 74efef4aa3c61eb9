// The respondent's questionnaire page (/s/{code}, served by the API) in Chromium as a phone: a fresh context per
// respondent (own sessionStorage, no cookies), every request recorded, any request off the API's origin blocked.
import type { Browser, BrowserContext, Locator, Page, Response } from "playwright-core";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { ARTIFACTS, BASE_URL, TIMEOUT, screenshot } from "./harness";

/** A phone, as a respondent opens the link from a QR code: 390 × 844 CSS pixels, touch. */
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } as const;

export interface SurveySession {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions and unhandled rejections. */
  pageErrors: string[];
  /** console.error output; Chromium logs every 4xx/5xx response here as "Failed to load resource". */
  consoleErrors: string[];
  /** Requests refused because they left the API's origin. */
  blocked: string[];
  /** Every request the page made, in order: method, URL and its Referer header, if any. */
  requests: { method: string; url: string; referer: string | undefined }[];
}

/** The page's console errors other than Chromium's note of an HTTP error status the page asked for and handled. */
export function unexpectedConsoleErrors(session: SurveySession, statuses: number[] = []): string[] {
  return session.consoleErrors.filter(
    (m) => !statuses.some((s) => m.startsWith(`Failed to load resource: the server responded with a status of ${s}`)),
  );
}

/** A new phone-sized context (or `options`) with the recording and blocking routes; no page loaded yet. */
export async function newSurveySession(
  browser: Browser,
  options: { viewport: { width: number; height: number }; isMobile?: boolean; hasTouch?: boolean; deviceScaleFactor?: number } = PHONE,
): Promise<SurveySession> {
  const context = await browser.newContext({ locale: "zh-CN", timezoneId: "Asia/Shanghai", ...options });
  context.setDefaultTimeout(TIMEOUT.action);
  context.setDefaultNavigationTimeout(TIMEOUT.navigation);
  const page = await context.newPage();
  const session: SurveySession = { context, page, pageErrors: [], consoleErrors: [], blocked: [], requests: [] };
  page.on("pageerror", (error) => session.pageErrors.push(String(error?.stack ?? error)));
  page.on("console", (message) => {
    if (message.type() === "error") session.consoleErrors.push(message.text());
  });
  page.on("request", (request) =>
    session.requests.push({ method: request.method(), url: request.url(), referer: request.headers()["referer"] }),
  );
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url === BASE_URL || url.startsWith(`${BASE_URL}/`)) return route.continue();
    session.blocked.push(url);
    return route.abort("blockedbyclient");
  });
  return session;
}

/** Opens `/s/{code}` (or any path under the origin) and returns the page's own response. */
export async function openSurvey(session: SurveySession, pathOrCode: string): Promise<Response> {
  const path = pathOrCode.startsWith("/") ? pathOrCode : `/s/${pathOrCode}`;
  const response = await session.page.goto(`${BASE_URL}${path}`, { waitUntil: "load" });
  if (!response) throw new Error(`GET ${path}: no response`);
  return response;
}

/** Runs `body` with a fresh session; on failure saves `<name>-failure.png` and prints the page's errors; always closes. */
export async function withSurveySession(
  browser: Browser,
  name: string,
  body: (session: SurveySession) => Promise<void>,
  options?: Parameters<typeof newSurveySession>[1],
): Promise<void> {
  const session = await newSurveySession(browser, options);
  try {
    await body(session);
  } catch (error) {
    await screenshot(session.page, `${name}-failure`).catch(() => undefined);
    if (session.pageErrors.length > 0) console.error(`page errors:\n${session.pageErrors.join("\n")}`);
    if (session.consoleErrors.length > 0) console.error(`console errors:\n${session.consoleErrors.join("\n")}`);
    throw error;
  } finally {
    await session.context.close().catch(() => undefined);
  }
}

/** The question whose text is `text` (its fieldset). */
export function question(page: Page, text: string): Locator {
  return page.locator("fieldset.item").filter({ has: page.locator("legend .text", { hasText: text }) });
}

/** Taps the option labelled `label` of the question `text`, as a finger on the label's words. */
export async function tapOption(page: Page, text: string, label: string): Promise<void> {
  await question(page, text).locator("label.option").filter({ has: page.getByText(label, { exact: true }) }).tap();
}

/** The label of the checked option of each question, in page order ("" when none). */
export function checkedLabels(page: Page): Promise<string[]> {
  return page.locator("fieldset.item").evaluateAll((sets) =>
    sets.map((set) => set.querySelector("input:checked")?.closest("label")?.textContent?.trim() ?? ""),
  );
}

/** Scrolls to the top and saves a full-page screenshot (the sticky progress bar then sits where it belongs). */
export async function pageScreenshot(page: Page, name: string): Promise<string> {
  await page.evaluate(() => window.scrollTo(0, 0));
  return screenshot(page, name);
}

/** Saves what the phone's screen shows now (not the whole page) into e2e/artifacts/. */
export async function screenScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, timeout: TIMEOUT.action });
  console.log(`screenshot: ${path}`);
  return path;
}

/** The headers every response of the page carries (SurveyPage.cs). */
export const PAGE_HEADERS = {
  "content-security-policy":
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; " +
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "referrer-policy": "no-referrer",
  "x-content-type-options": "nosniff",
  "x-robots-tag": "noindex, nofollow",
} as const;
