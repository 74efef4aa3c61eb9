// @vitest-environment happy-dom
// @vitest-environment-options {"url": "https://eval.example.gov.cn/addin/excel/taskpane.html"}
import { OfficeMockObject } from "office-addin-mock";
import { describe, expect, it, vi } from "vitest";
import { click, input, json, loadPane, seed, submit, text, visible } from "../pane-harness";

const workbookBytes = new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]);
const score = {
  unitId: "u1",
  revision: 3,
  total: 72.5,
  maxTotal: 100,
  scoreRate: 72.5,
  dimensions: [{ code: "D1", name: "机构设置", score: 30, maxPoints: 40, scoreRate: 75 }],
  problems: [
    { code: "value.required", messageZh: "必须填写编制数", messageEn: "Quota required", sheet: "自评表", cell: "D12" },
  ],
};

const sheetInfo = { sheet: "自评表", identityNamespace: "urn:officeeval:self-assessment:v1", frameworkCode: "COMMON", frameworkVersion: "2026.1", structureHash: "abc" };
const draftResponse = () => {
  const response = json({ campaignId: "c1", unitId: "u1", status: "Drafting", statusZh: "填报中", revision: 2, updatedAt: null, answers: [], versions: [] });
  response.headers.set("ETag", '"2"');
  return response;
};

function fakeExcel() {
  const log: string[] = [];
  const context = new OfficeMockObject({
    workbook: {
      insertWorksheetsFromBase64: (b64: string) => {
        log.push(`insert:${b64}`);
        return { value: ["s1", "s2"] };
      },
      worksheets: {
        getItem: (name: string) => ({
          activate: () => log.push(`activate:${name}`),
          getRange: (cell: string) => ({ select: () => log.push(`select:${name}!${cell}`) }),
        }),
      },
    },
  });
  const file = {
    sliceCount: 2,
    getSliceAsync: (i: number, cb: (r: unknown) => void) =>
      cb({ status: "succeeded", value: { index: i, data: i === 0 ? [0x50, 0x4b] : [3, 4] } }),
    closeAsync: (cb: (r: unknown) => void) => cb({ status: "succeeded" }),
  };
  vi.stubGlobal("Office", {
    onReady: async () => ({ host: "Excel", platform: "PC" }),
    context: {
      partitionKey: "part1_",
      requirements: { isSetSupported: (name: string, version: string) => name === "ExcelApi" && version === "1.13" },
      document: {
        settings: {
          values: {} as Record<string, unknown>,
          get(key: string) { return this.values[key] ?? null; },
          set(key: string, value: unknown) { this.values[key] = value; },
          saveAsync: (cb: (r: unknown) => void) => cb({ status: "succeeded" }),
        },
        getFileAsync: (_type: string, _opts: unknown, cb: (r: unknown) => void) =>
          cb({ status: "succeeded", value: file }),
      },
    },
    FileType: { Compressed: "compressed" },
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
  });
  vi.stubGlobal("Excel", {
    run: async <T>(batch: (ctx: unknown) => Promise<T>) => batch(context),
    WorksheetPositionType: { end: "End" },
  });
  return log;
}

describe("Excel task pane", () => {
  it("signs in, inserts the template, uploads the workbook and jumps to a problem's cell", async () => {
    const excelLog = fakeExcel();
    let uploaded: FormData | null = null;
    loadPane("excel", ({ method, path, headers, body }) => {
      if (method === "POST" && path === "/api/auth/login") return json(seed.token);
      if (headers.Authorization !== "Bearer tok-1") return json({ title: "Unauthorized", status: 401 }, 401);
      if (path === "/api/me") return json(seed.me);
      if (path === "/api/campaigns") return json(seed.campaigns);
      if (path === "/api/campaigns/c1/units") return json(seed.units);
      if (path === "/api/campaigns/c1/units/u1/self-assessment/sheet") return json(sheetInfo);
      if (path === "/api/campaigns/c1/units/u1/self-assessment") return draftResponse();
      if (path === "/api/campaigns/c1/units/u1/self-assessment/workbook") {
        if (method === "GET") return new Response(workbookBytes);
        uploaded = body as FormData;
        return json(score);
      }
      return undefined;
    });
    await import("../../src/excel/taskpane");

    await vi.waitFor(() => expect(visible("signin")).toBe(true));
    expect(visible("notice")).toBe(false);
    input("email", "staff@d01.gov.cn");
    input("password", "secret");
    submit("signin-form");

    // The only campaign and the user's own unit are preselected.
    await vi.waitFor(() => expect((document.getElementById("insert") as HTMLButtonElement).disabled).toBe(false));
    expect((document.getElementById("unit") as HTMLSelectElement).value).toBe("u1");
    expect(sessionStorage.getItem("part1_officeeval.auth")).toContain("tok-1");

    click("insert");
    await vi.waitFor(() => expect(text("status")).toBe("已插入 2 个工作表。"));
    expect(excelLog).toEqual([`insert:${Buffer.from(workbookBytes).toString("base64")}`]);

    click("upload");
    await vi.waitFor(() => expect(visible("score")).toBe(true));
    const file = (uploaded as FormData | null)?.get("file") as File;
    expect(Array.from(new Uint8Array(await file.arrayBuffer()))).toEqual([0x50, 0x4b, 3, 4]);
    expect(document.querySelector("#score .total")?.textContent).toBe("总分: 72.5 / 100（得分率 72.5%）");
    const dimension = [...document.querySelectorAll("#score tbody td")].map((td) => td.textContent);
    expect(dimension).toEqual(["机构设置", "30 / 40", "75%"]);

    const goTo = document.querySelector<HTMLButtonElement>("#score .problems button");
    expect(goTo?.textContent).toBe("定位到 自评表!D12");
    goTo?.click();
    await vi.waitFor(() => expect(excelLog.slice(1)).toEqual(["activate:自评表", "select:自评表!D12"]));
  });

  it("offers a download link when Excel lacks ExcelApi 1.13", async () => {
    // A fresh module instance is needed for a second pane.
    vi.resetModules();
    sessionStorage.clear();
    fakeExcel();
    (Office.context.requirements as { isSetSupported: () => boolean }).isSetSupported = () => false;
    loadPane("excel", ({ method, path }) => {
      if (method === "POST" && path === "/api/auth/login") return json(seed.token);
      if (path === "/api/me") return json({ ...seed.me, unitId: null });
      if (path === "/api/campaigns") return json(seed.campaigns);
      if (path === "/api/campaigns/c1/units") return json([seed.units[1]]);
      if (path === "/api/campaigns/c1/units/u2/self-assessment/workbook") return new Response(workbookBytes);
      return undefined;
    });
    vi.stubGlobal("URL", Object.assign(URL, { createObjectURL: () => "blob:template", revokeObjectURL: () => {} }));
    await import("../../src/excel/taskpane");

    await vi.waitFor(() => expect(visible("signin")).toBe(true));
    input("email", "a@b.cn");
    input("password", "x");
    submit("signin-form");
    await vi.waitFor(() => expect((document.getElementById("insert") as HTMLButtonElement).disabled).toBe(false));

    click("insert");
    await vi.waitFor(() => expect(visible("download")).toBe(true));
    const link = document.querySelector<HTMLAnchorElement>("#download a");
    expect(link?.getAttribute("href")).toBe("blob:template");
    expect(link?.getAttribute("download")).toBe("2026-D02-自评表.xlsx");
    expect(text("download")).toContain("ExcelApi 1.13");
  });

  it("shows the staff's own result under the results: grade, board, results application and the previous campaign", async () => {
    vi.resetModules();
    sessionStorage.clear();
    fakeExcel();
    const application = "评估等次为B的部门（单位），对其机构编制事项和用编申请从严审核，督促其对照评估发现的问题限期整改。列入红榜的部门（单位），限期整改，跟踪问效。";
    const results = {
      campaignId: "c1",
      units: [{ ...seed.results.units[1], grade: "B", board: "Red", consecutiveRed: true, application, applicationCode: "grade.middle" }],
    };
    const history = {
      campaignId: "c1",
      unitId: "u1",
      comparison: {
        previousCampaignId: "c0", previousYear: 2024, previousName: "2024年度评估", mappingSource: "Suggested", needsReview: false,
        previousScoreRate: 95, scoreRate: 91.5, scoreRateChange: -3.5,
        dimensions: [{ code: "D1", name: "机构设置", scoreRate: 75, previousScoreRate: null, scoreRateChange: null, status: "Unmapped" }],
        counts: { improved: 0, declined: 2, unchanged: 5, unmapped: 1, dropped: 0 },
      },
    };
    const requests = loadPane("excel", ({ method, path }) => {
      if (method === "POST" && path === "/api/auth/login") return json(seed.token);
      if (path === "/api/me") return json(seed.me);
      if (path === "/api/campaigns") return json(seed.campaigns);
      if (path === "/api/campaigns/c1/units") return json([seed.units[0]]);
      if (path === "/api/campaigns/c1/units/u1/self-assessment/sheet") return json(sheetInfo);
      if (path === "/api/campaigns/c1/units/u1/self-assessment") return draftResponse();
      if (path === "/api/campaigns/c1/results") return json(results);
      if (path === "/api/campaigns/c1/units/u1/history") return json(history);
      return undefined;
    });
    await import("../../src/excel/taskpane");
    await vi.waitFor(() => expect(visible("signin")).toBe(true));
    input("email", "staff@d01.gov.cn");
    input("password", "secret");
    submit("signin-form");
    await vi.waitFor(() => expect((document.getElementById("results-load") as HTMLButtonElement).disabled).toBe(false));
    await vi.waitFor(() => expect((document.getElementById("unit") as HTMLSelectElement).value).toBe("u1"));

    click("results-load");

    await vi.waitFor(() => expect(document.querySelector("#results .outcome-previous")).not.toBeNull());
    expect(document.querySelector("#results .outcome-facts")?.textContent).toBe("等次：B　红黄绿榜：红榜（连续两次红榜）");
    expect(document.querySelector("#results .outcome-application")?.getAttribute("data-code")).toBe("grade.middle");
    const row = [...document.querySelectorAll("#results .outcome-previous tbody td")].map((td) => td.textContent);
    expect(row).toEqual(["机构设置", "新增", "75%", "—"]);
    expect(document.querySelector("#results .outcome-unconfirmed")).not.toBeNull();
    expect(requests.filter((r) => r.path === "/api/campaigns/c1/units/u1/history")).toHaveLength(1);

    click("lang");
    expect(document.querySelector("#results .unit-outcome h3")?.textContent).toBe("Result of 教育局");
  });
});

