// Drives the built task panes, as the API serves them, in headless Chromium (Debian's /usr/bin/chromium through
// playwright-core; never a downloaded browser). Office is stubbed at its boundary: the request for office.js
// (bundled copy and CDN) answers with ./office-stub.js, and every request off the API's origin is blocked.
import { mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
export const ARTIFACTS = join(here, "artifacts");

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `${name} is not set. The e2e tests need a running API with the demo seeded and the add-in built; ` +
        "scripts/test.sh starts one (OFFICEEVAL_E2E_BASE_URL=http://127.0.0.1:PORT, OFFICEEVAL_E2E_PASSWORD=demo password).",
    );
  }
  return value;
}

/** The API's origin, without a trailing slash, e.g. http://127.0.0.1:5123. */
export const BASE_URL = required("OFFICEEVAL_E2E_BASE_URL").replace(/\/+$/, "");
/** The demo users' initial password (OfficeEval__DemoPassword of that API). */
export const PASSWORD = required("OFFICEEVAL_E2E_PASSWORD");
/**
 * What the tests change a demo user's initial password to: the API runs with the forced change on
 * (OfficeEval__DemoMustChangePassword, default true), so the first sign-in of each demo user goes through the pane's
 * change-password form.
 */
export const CHANGED_PASSWORD = "E2e#Changed2027";

export const CHROMIUM = process.env.OFFICEEVAL_E2E_CHROMIUM || "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** Timeouts (ms): every wait in these tests is bounded by one of them. */
export const TIMEOUT = { launch: 30_000, action: 10_000, navigation: 20_000, close: 10_000 } as const;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, timeout: TIMEOUT.launch });
}

/** Closes the browser, giving up after TIMEOUT.close (playwright kills what is left when the worker exits). */
export async function closeChromium(browser: Browser | undefined): Promise<void> {
  if (!browser) return;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      console.warn(`chromium did not close within ${TIMEOUT.close} ms`);
      resolve();
    }, TIMEOUT.close);
  });
  await Promise.race([browser.close().catch(() => undefined), timeout]);
  clearTimeout(timer);
}

export interface OfficeStubConfig {
  host: "Excel" | "Word";
  platform?: string;
  partitionKey?: string;
  /** Highest supported version per requirement set, e.g. { ExcelApi: "1.17" }. */
  requirementSets?: Record<string, string>;
  /** The starting workbook (default: one empty Sheet1). */
  sheets?: StubSheet[];
  /** Custom XML parts in the open workbook (the only place they come from: see README). */
  customXmlParts?: (string | { xml: string; id?: string })[];
  /** Office.context.document.settings as saved in the document. */
  settings?: Record<string, unknown>;
  /** The open document's bytes as base64, for getFileAsync. */
  documentBase64?: string;
  /** getFileAsync serves the in-memory workbook written as .xlsx (instead of the file last inserted). */
  fileFromModel?: boolean;
  /** What the dialog opened with Office.context.ui.displayDialogAsync does (see office-stub.js). */
  dialog?: { message?: string; event?: number; openError?: number };
  /** Word: the starting document and how Word behaves (see README). */
  word?: StubWordConfig;
}

export interface StubWordConfig {
  /** The starting body: paragraphs, and block content controls with their paragraphs (default: one empty paragraph). */
  body?: (string | { tag?: string; title?: string; paragraphs: string[] })[];
  /** insertFileFromBase64 clears the inserted content controls' tags, keeping titles (office-js #1467). */
  insertResetsTags?: boolean;
  /** Content controls inserted from a file are missing from the contentControls collections (office-js #1382, web). */
  insertedControlsUnlisted?: boolean;
  /** range.insertComment fails with NotAllowed (office-js #6746). */
  commentsNotAllowed?: boolean;
  /** The author of the pane's comments (Word's signed-in user); default "Stub User". */
  author?: string;
}

export interface StubWordControl {
  id: number;
  tag: string;
  title: string;
  text: string;
  parentId: number | null;
  unlisted: boolean;
}

export interface StubWordComment {
  id: string;
  content: string;
  authorName: string;
  resolved: boolean;
  /** "addin" for the pane's insertComment, "user" for addComment. */
  by: "addin" | "user";
  control: { id: number; tag: string; title: string } | null;
  /** The text the comment is anchored on. */
  text: string;
}

/** window.__officeStub.word: the Word document's hooks. */
export interface WordStubHooks {
  body(): unknown[];
  controls(): StubWordControl[];
  comments(): StubWordComment[];
  /** A user's comment in the control with this tag or title (null: outside any control); returns its id. */
  addComment(key: string | null, content: string, options?: { author?: string; email?: string; resolved?: boolean }): string;
  selection(): { kind: "control"; id: number; tag: string; title: string } | { kind: "paragraph"; text: string } | { kind: "body" } | null;
}

export type StubValue = string | number | boolean;

export interface StubSheet {
  name: string;
  /** By address: a value, or a cell with a formula and formats. */
  cells?: Record<string, StubValue | StubCellSpec>;
  protected?: boolean;
  /** Office.js WorksheetProtectionOptions of a protected sheet (all false when left out). */
  protection?: Excel.WorksheetProtectionOptions;
  password?: string;
  frozenRows?: number;
  visibility?: "Visible" | "Hidden" | "VeryHidden";
}

export interface StubCellSpec {
  value?: StubValue;
  formula?: string;
  locked?: boolean;
  fill?: string;
  bold?: boolean;
  numberFormat?: string;
}

/** What window.__officeStub offers the tests (see office-stub.js and README.md). */
export interface OfficeStubHooks {
  calls: OfficeCall[];
  /** One entry per Excel.run: explicit context.sync() calls, error codes its syncs rejected with. */
  runs: { index: number; syncs: number; errors: string[]; done: boolean }[];
  /** Every WorksheetChanged the model raised; delivered is false while runtime.enableEvents is off. */
  events: { sheet: string; address: string; source: string; triggerSource?: string; delivered: boolean }[];
  cells(sheet: string): Record<string, StubValue>;
  formulas(sheet: string): Record<string, string>;
  fills(sheet: string): Record<string, string>;
  cell(sheet: string, address: string): { value: StubValue; formula: string | null; numberFormat: string; fill: string | null; bold: boolean; locked: boolean };
  charts(sheet: string): { id: string; name: string; type: string; source: string; seriesBy: string; title: string; position: { start: string; end: string | null } | null }[];
  sheets(): { name: string; id: string; position: number; visibility: string; active: boolean; protected: boolean; protectionOptions: Excel.WorksheetProtectionOptions; frozenRows: number; frozenColumns: number; onChangedHandlers: number }[];
  selection(): { sheet: string; address: string } | null;
  customXmlParts(): { id: string; namespaceUri: string; xml: string }[];
  settings(): { current: Record<string, unknown>; saved: Record<string, unknown> };
  enableEvents(): boolean;
  /** The in-memory workbook as .xlsx (what getFileAsync serves with fileFromModel), base64. */
  file(): string;
  edit(sheet: string, address: string, values: (StubValue | null)[][], options?: { source?: "Local" | "Remote" }): void;
  /** Only with host "Word". */
  word: WordStubHooks;
}

declare global {
  interface Window {
    __officeStub: OfficeStubHooks;
  }
}

export interface PaneSession {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions and unhandled rejections in the page. */
  pageErrors: string[];
  /** console.error output (a failed sign-in's 401 shows up here too, so it is informative only). */
  consoleErrors: string[];
  /** Requests the harness refused because they left the API's origin. */
  blocked: string[];
}

const stubSource = readFileSync(join(here, "office-stub.js"), "utf8");
const OFFICE_CDN = "https://appsforoffice.microsoft.com/**";

/** A fresh browser context (own storage) with the pane `pane` loaded and Office stubbed as `office`. */
export async function openPane(browser: Browser, pane: "excel" | "word", office: OfficeStubConfig): Promise<PaneSession> {
  const session = await stubbedContext(browser, office);
  const response = await session.page.goto(`${BASE_URL}/addin/${pane}/taskpane.html`, { waitUntil: "load" });
  if (!response?.ok()) throw new Error(`GET /addin/${pane}/taskpane.html: HTTP ${response?.status() ?? "no response"}`);
  return session;
}

/** Where openBlankPage's page lives: on the API's origin, so that the page may call the API as the panes do. */
export const BLANK_PAGE = "/e2e-office-stub.html";

/**
 * A fresh browser context with an empty page on the API's origin (answered by the harness, not the API) that loads
 * office.js, i.e. the stub; for driving the stub itself from page.evaluate.
 */
export async function openBlankPage(browser: Browser, office: OfficeStubConfig): Promise<PaneSession> {
  const session = await stubbedContext(browser, office);
  await session.page.route(`${BASE_URL}${BLANK_PAGE}`, (route) =>
    route.fulfill({
      status: 200,
      contentType: "text/html; charset=utf-8",
      body: '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>office stub</title>' +
        '<script src="/addin/office-js/office.js"></script></head><body></body></html>',
    }),
  );
  const response = await session.page.goto(`${BASE_URL}${BLANK_PAGE}`, { waitUntil: "load" });
  if (!response?.ok()) throw new Error(`GET ${BLANK_PAGE}: HTTP ${response?.status() ?? "no response"}`);
  await session.page.waitForFunction(() => typeof window.__officeStub === "object");
  return session;
}

/** A browser context with the routes every stubbed page needs: office.js is the stub, other origins are blocked. */
async function stubbedContext(browser: Browser, office: OfficeStubConfig): Promise<PaneSession> {
  const context = await browser.newContext({ locale: "zh-CN", viewport: { width: 420, height: 900 } });
  context.setDefaultTimeout(TIMEOUT.action);
  context.setDefaultNavigationTimeout(TIMEOUT.navigation);
  const page = await context.newPage();
  const session: PaneSession = { context, page, pageErrors: [], consoleErrors: [], blocked: [] };
  page.on("pageerror", (error) => session.pageErrors.push(String(error?.stack ?? error)));
  page.on("console", (message) => {
    if (message.type() === "error") session.consoleErrors.push(message.text());
  });

  // Routes run in the reverse order of registration: the catch-all first, so the two below take precedence.
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url === BASE_URL || url.startsWith(`${BASE_URL}/`)) return route.continue();
    session.blocked.push(url);
    return route.abort("blockedbyclient");
  });
  const stub = `window.__officeStubConfig = ${JSON.stringify(office)};\n${stubSource}`;
  const serveStub = (route: import("playwright-core").Route) =>
    route.fulfill({ status: 200, contentType: "text/javascript; charset=utf-8", body: stub });
  await page.route("**/office-js/office.js", serveStub);
  await page.route(OFFICE_CDN, serveStub);
  return session;
}

/** Runs `body` against a fresh pane; on failure saves `<name>-failure.png`; always closes the context. */
export async function withPane(
  browser: Browser,
  name: string,
  pane: "excel" | "word",
  office: OfficeStubConfig,
  body: (session: PaneSession) => Promise<void>,
): Promise<void> {
  await withSession(await openPane(browser, pane, office), name, body);
}

/** Runs `body` against a fresh blank page with the stub (openBlankPage), as withPane does for a pane. */
export async function withBlankPage(
  browser: Browser,
  name: string,
  office: OfficeStubConfig,
  body: (session: PaneSession) => Promise<void>,
): Promise<void> {
  await withSession(await openBlankPage(browser, office), name, body);
}

async function withSession(session: PaneSession, name: string, body: (session: PaneSession) => Promise<void>): Promise<void> {
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

/** Saves a full-page screenshot into e2e/artifacts/ and prints its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await keepingScroll(page, () => page.screenshot({ path, fullPage: true, timeout: TIMEOUT.action }));
  console.log(`screenshot: ${path}`);
  return path;
}

/** Saves a screenshot of one element (e.g. a section of the pane) into e2e/artifacts/ and prints its path. */
export async function elementScreenshot(page: Page, selector: string, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await keepingScroll(page, () => page.locator(selector).screenshot({ path, timeout: TIMEOUT.action }));
  console.log(`screenshot: ${path}`);
  return path;
}

/**
 * Takes a screenshot and puts the page's scroll back. Headless Chromium leaves a long page scrolled elsewhere after a
 * screenshot and scrolls it back only at the next input: between a later click's mousedown and mouseup, which then
 * land on different elements and the click is lost.
 */
async function keepingScroll(page: Page, shoot: () => Promise<unknown>): Promise<void> {
  const scrollY = await page.evaluate(() => window.scrollY);
  await shoot();
  await page.evaluate(
    (y) =>
      new Promise<void>((resolve) => {
        window.scrollTo(0, y);
        requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
      }),
    scrollY,
  );
}

/** Signs in through the pane's own form. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.locator("#signin").waitFor({ state: "visible" });
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(password);
  await page.locator("#signin-submit").click();
}

/** Fills the pane's change-password form and submits it. */
export async function changePassword(page: Page, current: string, next: string, confirm = next): Promise<void> {
  await page.locator("#current-password").fill(current);
  await page.locator("#new-password").fill(next);
  await page.locator("#confirm-password").fill(confirm);
  await page.locator("#password-submit").click();
}

/**
 * Signs in as a demo user through the pane and ends in the workspace. On a fresh database the user must first
 * replace the initial password, which this does through the pane's form; on a rerun against the same database the
 * initial password is refused and the changed one signs in. Says which of the two happened.
 */
export async function signInAsDemoUser(page: Page, email: string): Promise<"changed" | "already-changed"> {
  await signIn(page, email, PASSWORD);
  const form = page.locator("#password-change");
  // Whichever shows first: the form, or the refusal of the initial password.
  await page.locator("#password-change:visible, #error:visible:has-text('账号或密码错误。')").first().waitFor();
  if (await form.isVisible()) {
    await changePassword(page, PASSWORD, CHANGED_PASSWORD);
    await page.locator("#workspace").waitFor({ state: "visible" });
    return "changed";
  }
  await signIn(page, email, CHANGED_PASSWORD);
  await page.locator("#workspace").waitFor({ state: "visible" });
  return "already-changed";
}

/**
 * A bearer token of the demo admin for calls made outside the pane, whatever the state of its initial password
 * (changed to CHANGED_PASSWORD through the API when still pending).
 */
export function adminToken(): Promise<string> {
  return demoUserToken("admin@demo.local");
}

/** A bearer token of a demo user, as adminToken gets the admin's. */
export async function demoUserToken(email: string): Promise<string> {
  let tokens = await apiJson<{ accessToken: string }>("POST", "auth/login", null, { email, password: PASSWORD }).catch(() =>
    apiJson<{ accessToken: string }>("POST", "auth/login", null, { email, password: CHANGED_PASSWORD }),
  );
  const me = await apiJson<{ mustChangePassword: boolean }>("GET", "me", tokens.accessToken);
  if (me.mustChangePassword) {
    tokens = await apiJson("POST", "auth/change-password", tokens.accessToken, {
      currentPassword: PASSWORD,
      newPassword: CHANGED_PASSWORD,
    });
  }
  return tokens.accessToken;
}

/** A GET of bytes (e.g. a workbook) from the test process; throws on an error status. */
export async function apiBytes(path: string, token: string): Promise<Buffer> {
  const response = await fetch(`${BASE_URL}/api/${path}`, {
    headers: { Authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(TIMEOUT.action),
  });
  if (!response.ok) throw new Error(`GET /api/${path}: HTTP ${response.status} ${await response.text()}`);
  return Buffer.from(await response.arrayBuffer());
}

/** A JSON call to the API from the test process; throws with the problem's code on an error status. */
export async function apiJson<T>(method: "GET" | "POST", path: string, token: string | null, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(`${BASE_URL}/api/${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(TIMEOUT.action),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} /api/${path}: HTTP ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

export function text(page: Page, selector: string): Promise<string> {
  return page.locator(selector).innerText().then((t) => t.trim());
}

/** The options of a <select> that stand for something (the empty placeholder left out). */
export function choices(page: Page, selector: string): Promise<string[]> {
  return page
    .locator(`${selector} option`)
    .evaluateAll((options) =>
      (options as HTMLOptionElement[]).filter((o) => o.value !== "").map((o) => (o.textContent ?? "").trim()),
    );
}

/** The text of a <select>'s chosen option, or "" when none is chosen. */
export function chosen(page: Page, selector: string): Promise<string> {
  return page
    .locator(selector)
    .evaluate((select) => {
      const s = select as HTMLSelectElement;
      return s.value === "" ? "" : (s.selectedOptions[0]?.textContent ?? "").trim();
    });
}

/** The cells of a table's body rows, as trimmed text. */
export function tableRows(page: Page, selector: string): Promise<string[][]> {
  return page
    .locator(`${selector} tbody tr`)
    .evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll("td")].map((td) => (td.textContent ?? "").trim())),
    );
}

export interface OfficeCall {
  api: string;
  [key: string]: unknown;
}

/** What the pane asked of the stubbed host, in order. */
export function officeCalls(page: Page): Promise<OfficeCall[]> {
  return page.evaluate(
    () => (window as unknown as { __officeStub?: { calls: OfficeCall[] } }).__officeStub?.calls ?? [],
  );
}

/** A call to the API from the test process, with If-Match when given; the status, ETag and body, whatever the status. */
export async function apiCall<T = unknown>(
  method: "GET" | "POST" | "PUT" | "PATCH",
  path: string,
  token: string,
  options: { body?: unknown; ifMatch?: string } = {},
): Promise<{ status: number; etag: string | null; body: T }> {
  const headers: Record<string, string> = { Accept: "application/json", Authorization: `Bearer ${token}` };
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  if (options.ifMatch) headers["If-Match"] = options.ifMatch;
  const response = await fetch(`${BASE_URL}/api/${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: AbortSignal.timeout(TIMEOUT.action),
  });
  const text = await response.text();
  return { status: response.status, etag: response.headers.get("ETag"), body: (text ? JSON.parse(text) : null) as T };
}
