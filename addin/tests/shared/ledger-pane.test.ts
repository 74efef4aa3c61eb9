// @vitest-environment happy-dom
// @vitest-environment-options {"url": "https://eval.example.gov.cn/addin/excel/taskpane.html"}
// The 整改 section driven as a user does, in both panes (in a plain browser: Office is not there), against a fake
// API that keeps revisions, checks If-Match and lists each item's actions for the signed-in role as the API does.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { RectificationAction, RectificationItem, RectificationStatus } from "../../src/shared/api";
import { click, input, json, loadPane, seed, submit, type FakeRequest } from "../pane-harness";
import { ledgerItem } from "./ledger-fixtures";

type Role = "UnitStaff" | "Reviewer";

const users: Record<Role, object> = {
  UnitStaff: seed.me,
  Reviewer: { email: "reviewer@demo.local", displayName: "评估专员", roles: ["Reviewer"], unitId: null },
};

class LedgerServer {
  items: RectificationItem[] = [
    ledgerItem("later", { description: "未按规定公开机构职能", deadline: "2027-09-30" }),
    ledgerItem("late", { description: "超职数配备科级领导干部 1 名", deadline: "2027-03-31", overdue: true, daysOverdue: 10, responsiblePerson: "王主任" }),
    ledgerItem("done", { description: "内设机构名称不规范", status: "Closed", statusZh: "已销号", closedAt: "2027-03-01T02:00:00Z", revision: 4 }),
  ];
  posts: { path: string; ifMatch: string | undefined; body: unknown }[] = [];
  /** The query of the latest request (the pane harness passes the path only): `closed=true` adds closed items. */
  query = "";

  constructor(public role: Role) {}

  actions(item: RectificationItem): RectificationAction[] {
    const staff: Partial<Record<RectificationStatus, RectificationAction[]>> = { Open: ["start"], Rectifying: ["submit"] };
    const reviewer: Partial<Record<RectificationStatus, RectificationAction[]>> = { Open: ["edit"], Rectifying: ["edit"], Submitted: ["close", "return"], Closed: ["reopen"] };
    return (this.role === "UnitStaff" ? staff : reviewer)[item.status] ?? [];
  }

  view(item: RectificationItem): RectificationItem {
    return { ...structuredClone(item), actions: this.actions(item), history: [] };
  }

  find(id: string): RectificationItem {
    return this.items.find((i) => i.id === id)!;
  }

  /** Someone else changes the item meanwhile. */
  otherMoves(id: string, status: RectificationStatus): void {
    const item = this.find(id);
    item.status = status;
    item.revision++;
  }

  private tagged(item: RectificationItem): Response {
    const response = json(this.view(item));
    response.headers.set("ETag", `"${item.revision}"`);
    return response;
  }

  route = (request: FakeRequest): Response | undefined => {
    const { method, path, headers, body } = request;
    if (method === "POST" && path === "/api/auth/login") return json(seed.token);
    if (path === "/api/me") return json(users[this.role]);
    if (path === "/api/campaigns") return json(seed.campaigns);
    if (path === "/api/campaigns/c1/units") return json(this.role === "UnitStaff" ? [seed.units[0]] : seed.units);
    if (path === "/api/campaigns/c1/results") return json(seed.results);
    if (path === "/api/campaigns/c1/units/u1/self-assessment/sheet") return json({ sheet: "自评表", identityNamespace: "urn:x", frameworkCode: "C", frameworkVersion: "1", structureHash: "h" });
    if (path === "/api/campaigns/c1/units/u1/self-assessment") {
      const response = json({ campaignId: "c1", unitId: "u1", status: "Drafting", revision: 1, answers: [], versions: [] });
      response.headers.set("ETag", '"1"');
      return response;
    }
    if (path === "/api/campaigns/c1/units/u1/rectification" && method === "GET") {
      const listed = new URLSearchParams(this.query).get("closed") === "true" ? this.items : this.items.filter((i) => i.status !== "Closed");
      return json({
        campaignId: "c1",
        asOf: "2027-04-10",
        counts: { total: this.items.length, open: this.count("Open"), rectifying: this.count("Rectifying"), submitted: this.count("Submitted"), closed: this.count("Closed"), overdue: this.items.filter((i) => i.overdue && i.status !== "Closed").length },
        items: listed.map((i) => this.view(i)),
      });
    }
    const one = /^\/api\/campaigns\/c1\/units\/u1\/rectification\/([^/]+)(?:\/(start|submit|close|return|reopen))?$/.exec(path);
    if (!one) return undefined;
    const item = this.items.find((i) => i.id === one[1]);
    if (!item) return json({ status: 404, code: "not_found", messageZh: "未找到该单位的整改事项。" }, 404);
    if (!one[2]) return this.tagged(item);
    this.posts.push({ path, ifMatch: headers["If-Match"], body });
    if (headers["If-Match"] !== `"${item.revision}"`) {
      return json({ status: 412, code: "precondition.failed", messageZh: "内容已被他人修改，请查看最新内容后重新提交。", current: this.view(item), currentETag: `"${item.revision}"` }, 412);
    }
    const text = body instanceof FormData ? String(body.get("description")) : ((body as { note?: string; description?: string }).note ?? (body as { description?: string }).description);
    if (text?.includes("太长")) {
      return json({ status: 422, code: "rectification.invalid", messageZh: "整改事项有误，请按所列问题修改，未保存任何内容。",
        errors: [{ code: "rectification.note_too_long", field: one[2] === "submit" ? "description" : "note", messageZh: "内容不能超过 2000 字。", messageEn: "Too long." }] }, 422);
    }
    const to: Record<string, RectificationStatus> = { start: "Rectifying", submit: "Submitted", close: "Closed", return: "Rectifying", reopen: "Rectifying" };
    item.status = to[one[2]]!;
    item.revision++;
    if (item.status === "Closed") item.closedAt = "2027-04-10T03:00:00Z";
    if (one[2] === "submit") {
      const files = body instanceof FormData ? (body.getAll("files") as File[]).map((f, i) => ({ id: `f${i}`, name: f.name, size: f.size, contentType: f.type })) : [];
      item.evidence = [...item.evidence, { description: text ?? "", files, submittedAt: "2027-04-10T03:00:00Z", submittedBy: "u" }];
    }
    return this.tagged(item);
  };

  private count(status: RectificationStatus): number {
    return this.items.filter((i) => i.status === status).length;
  }
}

/** Loads the pane with `server` as its API; the server sees each request's query too. */
function serve(server: LedgerServer, host: "excel" | "word"): FakeRequest[] {
  const requests = loadPane(host, (request) => server.route(request));
  const fetchMock = globalThis.fetch as unknown as ReturnType<typeof vi.fn>;
  const inner = fetchMock.getMockImplementation()!;
  fetchMock.mockImplementation((url: string, init?: RequestInit) => {
    server.query = new URL(url).search;
    return inner(url, init);
  });
  return requests;
}

async function open(host: "excel" | "word", server: LedgerServer): Promise<FakeRequest[]> {
  vi.resetModules();
  sessionStorage.clear();
  localStorage.clear();
  vi.stubGlobal("Office", undefined);
  const requests = serve(server, host);
  if (host === "excel") await import("../../src/excel/taskpane");
  else await import("../../src/word/taskpane");
  await vi.waitFor(() => expect(document.getElementById("signin")!.hidden).toBe(false));
  input("email", "user@demo.local");
  input("password", "secret");
  submit("signin-form");
  await vi.waitFor(() => expect(document.getElementById("workspace")!.hidden).toBe(false));
  const unit = document.getElementById("unit") as HTMLSelectElement;
  await vi.waitFor(() => expect(unit.options.length).toBeGreaterThan(1));
  if (unit.value !== "u1") {
    unit.value = "u1";
    unit.dispatchEvent(new Event("change"));
  }
  await vi.waitFor(() => expect(document.getElementById("ledger-items")).not.toBeNull());
  return requests;
}

const ids = () => [...document.querySelectorAll<HTMLElement>("#ledger-items > li")].map((li) => li.dataset.itemId);
const card = (id: string) => document.querySelector<HTMLElement>(`#ledger-items li[data-item-id="${id}"]`)!;
const button = (id: string, action: string) => card(id).querySelector<HTMLButtonElement>(`button[data-action="${action}"]`);
const actionsOf = (id: string) => [...card(id).querySelectorAll<HTMLButtonElement>("button[data-action]")].map((b) => b.dataset.action).filter((a) => a !== "history");
const status = () => document.getElementById("ledger-status")!.textContent;
function type(element: HTMLTextAreaElement, value: string): void {
  element.value = value;
  element.dispatchEvent(new Event("input"));
}

beforeEach(() => {
  document.body.innerHTML = "";
});

describe("the 整改 section", () => {
  it("unit staff: what is due first, start, a submission checked in the pane, then sent as multipart with If-Match", async () => {
    const server = new LedgerServer("UnitStaff");
    const requests = await open("excel", server);
    expect(document.getElementById("ledger")!.hidden).toBe(false);
    expect(document.getElementById("ledger-status")!.getAttribute("role")).toBe("status");
    expect(ids()).toEqual(["late", "later"]);
    expect(card("late").classList.contains("is-overdue")).toBe(true);
    expect(card("late").querySelector('[data-chip="overdue"]')?.textContent).toBe("逾期 10 天");
    expect(card("late").querySelector('[data-chip="status"]')?.textContent).toBe("待整改");
    expect(document.getElementById("ledger-counts")?.textContent).toBe("共 3 项：待整改 2，整改中 0，待核验 0，已销号 1；逾期 1 项（截至 2027-04-10）。");
    expect(actionsOf("late")).toEqual(["start"]);

    // 开始整改: at once, If-Match on the revision shown, no note.
    button("late", "start")!.click();
    await vi.waitFor(() => expect(status()).toBe("已开始整改：超职数配备科级领导干部 1 名"));
    expect(server.posts.at(-1)).toEqual({ path: "/api/campaigns/c1/units/u1/rectification/late/start", ifMatch: '"1"', body: { note: null } });
    expect(card("late").querySelector('[data-chip="status"]')?.textContent).toBe("整改中");
    expect(actionsOf("late")).toEqual(["submit"]);
    expect(document.activeElement?.id).toBe("ledger-late-title");

    // 提交核验: the form; nothing is sent without a description.
    button("late", "submit")!.click();
    const textarea = () => document.getElementById("ledger-late-submit-text") as HTMLTextAreaElement;
    expect(document.activeElement).toBe(textarea());
    const posted = server.posts.length;
    card("late").querySelector<HTMLButtonElement>("[data-confirm=submit]")!.click();
    await vi.waitFor(() => expect(document.getElementById("ledger-late-submit-text-error")?.textContent).toBe("请填写整改情况说明。"));
    expect(server.posts).toHaveLength(posted);

    // The API's problems by field (description too long, say).
    type(textarea(), "太长的说明");
    card("late").querySelector<HTMLButtonElement>("[data-confirm=submit]")!.click();
    await vi.waitFor(() => expect(document.getElementById("ledger-late-submit-text-error")?.textContent).toBe("内容不能超过 2000 字。"));
    expect(document.getElementById("ledger-late-form-errors")?.textContent).toBe("整改事项有误，请按所列问题修改，未保存任何内容。");
    expect(textarea().value).toBe("太长的说明");

    // With a file: multipart, description and the file in files, If-Match on the current revision.
    type(textarea(), "已按要求消化超配职数，附任免文件。");
    const picker = document.getElementById("ledger-late-files") as HTMLInputElement;
    const pdf = new File([new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d])], "任免文件.pdf", { type: "application/pdf" });
    Object.defineProperty(picker, "files", { value: [pdf], configurable: true });
    card("late").querySelector<HTMLButtonElement>("[data-confirm=submit]")!.click();
    await vi.waitFor(() => expect(status()).toBe("已提交核验：超职数配备科级领导干部 1 名"));
    const sent = server.posts.at(-1)!;
    expect(sent.ifMatch).toBe('"2"');
    expect(sent.body).toBeInstanceOf(FormData);
    expect((sent.body as FormData).get("description")).toBe("已按要求消化超配职数，附任免文件。");
    expect(((sent.body as FormData).getAll("files") as File[]).map((f) => f.name)).toEqual(["任免文件.pdf"]);
    const submitRequest = requests.find((r) => r.path.endsWith("/late/submit") && r.body instanceof FormData)!;
    expect(submitRequest.headers["Content-Type"]).toBeUndefined();
    expect(card("late").querySelector('[data-chip="status"]')?.textContent).toBe("待核验");
    expect(card("late").querySelector("form")).toBeNull();
    expect(actionsOf("late")).toEqual([]);
    expect(card("late").querySelector("button[data-file-id]")?.textContent).toBe("任免文件.pdf");
    expect(document.getElementById("error")!.hidden).toBe(true);
  });

  it("a change meanwhile (412): the item is reloaded, the user told, the buttons follow its new status", async () => {
    const server = new LedgerServer("UnitStaff");
    await open("excel", server);
    server.otherMoves("later", "Rectifying"); // a colleague started it in another pane
    button("later", "start")!.click();
    await vi.waitFor(() => expect(card("later").querySelector('[data-notice="ledger.changed"]')).not.toBeNull());
    expect(card("later").querySelector('[data-notice="ledger.changed"]')?.textContent).toBe("该事项已被他人修改（现为“整改中”），已刷新为最新内容，请确认后再操作。");
    expect(status()).toBe("该事项已被他人修改（现为“整改中”），已刷新为最新内容，请确认后再操作。");
    // Read out, not shown twice: the item says it where the user is.
    expect(document.getElementById("ledger-status")!.classList.contains("visually-hidden")).toBe(true);
    expect(server.posts.at(-1)?.ifMatch).toBe('"1"');
    expect(card("later").querySelector('[data-chip="status"]')?.textContent).toBe("整改中");
    expect(actionsOf("later")).toEqual(["submit"]);

    // The form stays open across the reload while the step is still offered; its text with it.
    button("later", "submit")!.click();
    const textarea = document.getElementById("ledger-later-submit-text") as HTMLTextAreaElement;
    type(textarea, "已在门户网站公开");
    server.otherMoves("later", "Rectifying"); // saved by someone else again: same status, new revision
    card("later").querySelector<HTMLButtonElement>("[data-confirm=submit]")!.click();
    await vi.waitFor(() => expect(server.posts.at(-1)?.ifMatch).toBe('"2"'));
    await vi.waitFor(() => expect(card("later").querySelector('[data-notice="ledger.changed"]')).not.toBeNull());
    expect((document.getElementById("ledger-later-submit-text") as HTMLTextAreaElement).value).toBe("已在门户网站公开");
    card("later").querySelector<HTMLButtonElement>("[data-confirm=submit]")!.click();
    await vi.waitFor(() => expect(status()).toBe("已提交核验：未按规定公开机构职能"));
    expect(document.getElementById("ledger-status")!.classList.contains("visually-hidden")).toBe(false);
    expect(server.posts.at(-1)).toMatchObject({ ifMatch: '"3"', body: { description: "已在门户网站公开" } });
  });

  it("a reviewer in the Word pane: a note required to close, the closed item shown on request, reopened with a note", async () => {
    const server = new LedgerServer("Reviewer");
    server.find("late").status = "Submitted";
    server.find("late").awaitingVerification = true;
    server.find("late").evidence = [{ description: "已整改", files: [], submittedAt: "2027-04-01T02:00:00Z", submittedBy: "u" }];
    await open("word", server);
    expect(actionsOf("late")).toEqual(["close", "return"]);
    expect(actionsOf("later")).toEqual([]); // edit is the office's business elsewhere, not a button here
    expect(card("late").querySelector('[data-note="awaiting"]')?.textContent).toBe("单位已提交，等待核验");

    button("late", "close")!.click();
    expect(button("late", "close")!.getAttribute("aria-expanded")).toBe("true");
    card("late").querySelector<HTMLButtonElement>("[data-confirm=close]")!.click();
    await vi.waitFor(() => expect(document.getElementById("ledger-late-close-text-error")?.textContent).toBe("请填写意见（销号、退回和重新打开都须说明理由）。"));
    type(document.getElementById("ledger-late-close-text") as HTMLTextAreaElement, "经核实，已整改到位。");
    card("late").querySelector<HTMLButtonElement>("[data-confirm=close]")!.click();
    await vi.waitFor(() => expect(status()).toBe("已销号：超职数配备科级领导干部 1 名"));
    expect(server.posts.at(-1)).toEqual({ path: "/api/campaigns/c1/units/u1/rectification/late/close", ifMatch: '"1"', body: { note: "经核实，已整改到位。" } });
    expect(ids()).toEqual(["later"]); // closed: no longer due
    expect(document.activeElement?.id).toBe("ledger-heading");

    const closed = document.getElementById("ledger-closed") as HTMLInputElement;
    closed.checked = true;
    closed.dispatchEvent(new Event("change"));
    await vi.waitFor(() => expect(ids()).toEqual(["later", "late", "done"]));
    expect(server.query).toBe("?closed=true");
    expect(card("late").querySelector('[data-chip="status"]')?.textContent).toBe("已销号");
    expect(actionsOf("late")).toEqual(["reopen"]);

    button("late", "reopen")!.click();
    type(document.getElementById("ledger-late-reopen-text") as HTMLTextAreaElement, "复查发现仍超配");
    // Switching the language keeps what was typed.
    click("lang");
    expect((document.getElementById("ledger-late-reopen-text") as HTMLTextAreaElement).value).toBe("复查发现仍超配");
    expect(document.querySelector("#ledger-late-form label")?.textContent).toBe("Why it is reopened");
    card("late").querySelector<HTMLButtonElement>("[data-confirm=reopen]")!.click();
    await vi.waitFor(() => expect(status()).toBe("Reopened: 超职数配备科级领导干部 1 名"));
    expect(server.posts.at(-1)).toMatchObject({ ifMatch: '"2"', body: { note: "复查发现仍超配" } });
    expect(card("late").querySelector('[data-chip="status"]')?.textContent).toBe("Rectifying");
  });

  it("says in the section, not over the pane, when the list cannot be loaded", async () => {
    const server = new LedgerServer("UnitStaff");
    const route = server.route;
    server.route = (request) =>
      request.path.endsWith("/rectification") ? json({ status: 403, code: "forbidden", messageZh: "没有权限查看该单位的整改事项。" }, 403) : route(request);
    vi.resetModules();
    sessionStorage.clear();
    vi.stubGlobal("Office", undefined);
    serve(server, "excel");
    await import("../../src/excel/taskpane");
    await vi.waitFor(() => expect(document.getElementById("signin")!.hidden).toBe(false));
    input("email", "user@demo.local");
    input("password", "secret");
    submit("signin-form");
    await vi.waitFor(() => expect(document.getElementById("ledger-error")?.textContent).toBe("没有权限查看该单位的整改事项。"));
    expect(document.getElementById("error")!.hidden).toBe(true);
  });
});
