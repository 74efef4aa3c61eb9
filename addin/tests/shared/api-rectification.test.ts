import { describe, expect, it, vi } from "vitest";
import { ApiClient, ApiError, type RectificationItem } from "../../src/shared/api";

const BASE = "https://eval.example.gov.cn/api/";
const UNIT = `${BASE}campaigns/c%201/units/u1/rectification`;

function client(fetchMock: ReturnType<typeof vi.fn>): ApiClient {
  return new ApiClient({ baseUrl: BASE, getToken: () => "tok", getLocale: () => "zh-CN", fetch: fetchMock as unknown as typeof fetch });
}

function item(revision: number, status: RectificationItem["status"] = "Open"): Partial<RectificationItem> {
  return { id: "i1", status, revision, actions: [] };
}

function tagged(body: unknown, etag: string | null, status = 200): Response {
  const headers: Record<string, string> = { "Content-Type": status >= 400 ? "application/problem+json" : "application/json" };
  if (etag) headers.ETag = etag;
  return new Response(JSON.stringify(body), { status, headers });
}

function call(fetchMock: ReturnType<typeof vi.fn>): { url: string; init: RequestInit; headers: Record<string, string> } {
  const [url, init] = fetchMock.mock.calls.at(-1) as [string, RequestInit];
  return { url, init, headers: init.headers as Record<string, string> };
}

describe("ApiClient: the rectification ledger", () => {
  it("lists the unit's items, adding the closed ones only when asked", async () => {
    const list = { campaignId: "c 1", asOf: "2027-04-10", counts: { total: 0, open: 0, rectifying: 0, submitted: 0, closed: 0, overdue: 0 }, items: [] };
    const fetchMock = vi.fn().mockImplementation(() => Promise.resolve(tagged(list, null)));
    const api = client(fetchMock);
    await expect(api.rectificationItems("c 1", "u1")).resolves.toEqual(list);
    expect(call(fetchMock).url).toBe(UNIT);
    expect(call(fetchMock).init.method).toBe("GET");
    await api.rectificationItems("c 1", "u1", { closed: true });
    expect(call(fetchMock).url).toBe(`${UNIT}?closed=true`);
    expect(call(fetchMock).headers.Authorization).toBe("Bearer tok");
  });

  it("reads one item with its ETag", async () => {
    const fetchMock = vi.fn().mockResolvedValue(tagged(item(4), '"4"'));
    const got = await client(fetchMock).rectificationItem("c 1", "u1", "i/1");
    expect(got).toEqual({ value: item(4), etag: '"4"' });
    expect(call(fetchMock).url).toBe(`${UNIT}/i%2F1`);
  });

  it.each(["start", "close", "return", "reopen"] as const)("posts %s with the note as JSON and If-Match", async (transition) => {
    const fetchMock = vi.fn().mockResolvedValue(tagged(item(5), '"5"'));
    const moved = await client(fetchMock).moveRectification("c 1", "u1", "i1", transition, '"4"', "已核实");
    expect(moved.etag).toBe('"5"');
    const { url, init, headers } = call(fetchMock);
    expect(url).toBe(`${UNIT}/i1/${transition}`);
    expect(init.method).toBe("POST");
    expect(headers["If-Match"]).toBe('"4"');
    expect(headers["Content-Type"]).toBe("application/json");
    expect(JSON.parse(init.body as string)).toEqual({ note: "已核实" });
  });

  it("starts without a note as { note: null }", async () => {
    const fetchMock = vi.fn().mockResolvedValue(tagged(item(2, "Rectifying"), '"2"'));
    await client(fetchMock).moveRectification("c 1", "u1", "i1", "start", '"1"', null);
    expect(JSON.parse(call(fetchMock).init.body as string)).toEqual({ note: null });
  });

  it("submits without files as JSON { description }", async () => {
    const fetchMock = vi.fn().mockResolvedValue(tagged(item(3, "Submitted"), '"3"'));
    await client(fetchMock).submitRectification("c 1", "u1", "i1", '"2"', "已制定三定方案");
    const { url, init, headers } = call(fetchMock);
    expect(url).toBe(`${UNIT}/i1/submit`);
    expect(headers["If-Match"]).toBe('"2"');
    expect(headers["Content-Type"]).toBe("application/json");
    expect(JSON.parse(init.body as string)).toEqual({ description: "已制定三定方案" });
  });

  it("submits with files as multipart: description and each file in files, the boundary left to the browser", async () => {
    const fetchMock = vi.fn().mockResolvedValue(tagged(item(3, "Submitted"), '"3"'));
    const pdf = new File([new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d])], "整改报告.pdf", { type: "application/pdf" });
    const png = new File([new Uint8Array([0x89, 0x50])], "照片.png", { type: "image/png" });
    await client(fetchMock).submitRectification("c 1", "u1", "i1", '"2"', "已整改", [pdf, png]);
    const { init, headers } = call(fetchMock);
    expect(headers["If-Match"]).toBe('"2"');
    expect(headers["Content-Type"]).toBeUndefined();
    const form = init.body as FormData;
    expect(form).toBeInstanceOf(FormData);
    expect(form.get("description")).toBe("已整改");
    const files = form.getAll("files") as File[];
    expect(files.map((f) => f.name)).toEqual(["整改报告.pdf", "照片.png"]);
    expect(new Uint8Array(await files[0]!.arrayBuffer())).toEqual(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]));
  });

  it("hands a 412 back with the current item and its ETag", async () => {
    const problem = { status: 412, code: "precondition.failed", messageZh: "内容已被他人修改，请查看最新内容后重新提交。", current: item(6, "Submitted"), currentETag: '"6"' };
    const fetchMock = vi.fn().mockResolvedValue(tagged(problem, null, 412));
    const error = (await client(fetchMock).moveRectification("c 1", "u1", "i1", "close", '"5"', "ok").catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(412);
    expect(error.problem.current).toEqual(item(6, "Submitted"));
    expect(error.problem.currentETag).toBe('"6"');
  });

  it("keeps the fields a 422 names", async () => {
    const problem = {
      status: 422,
      code: "rectification.invalid",
      messageZh: "整改事项有误，请按所列问题修改，未保存任何内容。",
      errors: [{ code: "rectification.note_missing", field: "description", messageZh: "请填写整改情况说明。", messageEn: "Describe what was done." }],
    };
    const fetchMock = vi.fn().mockResolvedValue(tagged(problem, null, 422));
    const error = (await client(fetchMock).submitRectification("c 1", "u1", "i1", '"2"', " ").catch((e: unknown) => e)) as ApiError;
    expect(error.problem.errors?.map((e) => e.field)).toEqual(["description"]);
  });

  it("downloads an evidence file as a blob of its type", async () => {
    const fetchMock = vi.fn().mockResolvedValue(new Response(new Uint8Array([1, 2, 3]), { headers: { "Content-Type": "application/pdf" } }));
    const blob = await client(fetchMock).downloadRectificationFile("c 1", "u1", "i1", "f1");
    expect(call(fetchMock).url).toBe(`${UNIT}/i1/files/f1`);
    expect(call(fetchMock).headers.Authorization).toBe("Bearer tok");
    expect(blob.type).toBe("application/pdf");
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
  });
});
