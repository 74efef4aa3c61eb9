import { describe, expect, it, vi } from "vitest";
import { ApiClient, ApiError, XLSX_CONTENT_TYPE, apiBaseFromPage, parseProblem, parseRetryAfter } from "../../src/shared/api";

const BASE = "https://eval.example.gov.cn/api/";

function json(body: unknown, status = 200, contentType = "application/json"): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": contentType } });
}

function client(fetchMock: ReturnType<typeof vi.fn>, token: string | null = "tok-123", locale = "zh-CN") {
  return new ApiClient({
    baseUrl: BASE,
    getToken: () => token,
    getLocale: () => locale,
    fetch: fetchMock as unknown as typeof fetch,
  });
}

function lastRequest(fetchMock: ReturnType<typeof vi.fn>): { url: string; init: RequestInit } {
  const [url, init] = fetchMock.mock.calls.at(-1) as [string, RequestInit];
  return { url, init };
}

function headerOf(init: RequestInit, name: string): string | undefined {
  return (init.headers as Record<string, string>)[name];
}

describe("apiBaseFromPage", () => {
  it("finds the API next to /addin/, also under a path prefix", () => {
    expect(apiBaseFromPage("https://host/addin/excel/taskpane.html")).toBe("https://host/api/");
    expect(apiBaseFromPage("https://host/eval/addin/word/taskpane.html?x=1")).toBe("https://host/eval/api/");
  });
});

describe("ApiClient", () => {
  it("sends the bearer token and parses the JSON body", async () => {
    const campaigns = [{ id: "c1", year: 2026, name: "2026 年度评估", frameworkName: "F", frameworkVersion: "1" }];
    const fetchMock = vi.fn().mockResolvedValue(json(campaigns));
    await expect(client(fetchMock).campaigns()).resolves.toEqual(campaigns);
    const { url, init } = lastRequest(fetchMock);
    expect(url).toBe(`${BASE}campaigns`);
    expect(init.method).toBe("GET");
    expect(headerOf(init, "Authorization")).toBe("Bearer tok-123");
    expect(headerOf(init, "Accept")).toBe("application/json");
    expect(headerOf(init, "Accept-Language")).toBe("zh-CN");
  });

  it("asks for problem details in the pane's language", async () => {
    const fetchMock = vi.fn().mockResolvedValue(json([]));
    await client(fetchMock, "t", "en-US").units("c1");
    expect(headerOf(lastRequest(fetchMock).init, "Accept-Language")).toBe("en-US");
  });

  it("sends no Authorization header when signed out", async () => {
    const fetchMock = vi.fn().mockResolvedValue(json({ email: "a@b", displayName: "A", roles: [], unitId: null }));
    await client(fetchMock, null).me();
    expect(headerOf(lastRequest(fetchMock).init, "Authorization")).toBeUndefined();
  });

  it("changes the password with the current token and returns the new tokens", async () => {
    const tokens = { tokenType: "Bearer", accessToken: "tok-new", expiresIn: 1800, refreshToken: "r" };
    const fetchMock = vi.fn().mockResolvedValue(json(tokens));
    await expect(client(fetchMock).changePassword("Init#Pass1", "Fresh#Pass2027")).resolves.toEqual(tokens);
    const { url, init } = lastRequest(fetchMock);
    expect(url).toBe(`${BASE}auth/change-password`);
    expect(init.method).toBe("POST");
    expect(headerOf(init, "Authorization")).toBe("Bearer tok-123");
    expect(JSON.parse(init.body as string)).toEqual({ currentPassword: "Init#Pass1", newPassword: "Fresh#Pass2027" });
  });

  it("logs in with a JSON body and without the stale token", async () => {
    const token = { tokenType: "Bearer", accessToken: "new", expiresIn: 3600, refreshToken: "r" };
    const fetchMock = vi.fn().mockResolvedValue(json(token));
    await expect(client(fetchMock, "old").login("staff@unit.cn", "pw")).resolves.toEqual(token);
    const { url, init } = lastRequest(fetchMock);
    expect(url).toBe(`${BASE}auth/login`);
    expect(init.method).toBe("POST");
    expect(JSON.parse(init.body as string)).toEqual({ email: "staff@unit.cn", password: "pw" });
    expect(headerOf(init, "Content-Type")).toBe("application/json");
    expect(headerOf(init, "Authorization")).toBeUndefined();
  });

  it("turns a problem-details response into a typed ApiError", async () => {
    const problem = {
      type: "https://officeeval/problems/invalid-credentials",
      title: "Unauthorized",
      status: 401,
      code: "auth.invalid_credentials",
      messageZh: "邮箱或密码不正确",
      messageEn: "Wrong email or password",
    };
    const fetchMock = vi.fn().mockResolvedValue(json(problem, 401, "application/problem+json"));
    const error = await client(fetchMock, null)
      .login("x@y", "bad")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(401);
    expect(apiError.authenticated).toBe(false);
    expect(apiError.problem.code).toBe("auth.invalid_credentials");
    expect(apiError.problem.messageZh).toBe("邮箱或密码不正确");
    expect(apiError.problem.messageEn).toBe("Wrong email or password");
  });

  it("keeps located items of a rejected upload and marks the request as authenticated", async () => {
    const problem = {
      title: "Invalid workbook",
      status: 422,
      code: "workbook.invalid",
      messageZh: "工作簿无效",
      messageEn: "Invalid workbook",
      errors: [
        {
          code: "sheet.missing",
          messageZh: "缺少工作表",
          messageEn: "Sheet missing",
          indicatorCode: "A.1",
          sheet: "自评表",
          cell: "A1",
        },
      ],
    };
    const fetchMock = vi.fn().mockResolvedValue(json(problem, 422, "application/problem+json"));
    const error = (await client(fetchMock)
      .uploadWorkbook("c1", "u1", new Uint8Array([1]))
      .catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(422);
    expect(error.authenticated).toBe(true);
    expect(error.problem.errors).toEqual([
      {
        code: "sheet.missing",
        messageZh: "缺少工作表",
        messageEn: "Sheet missing",
        sheet: "自评表",
        cell: "A1",
        field: null,
        indicatorCode: "A.1",
        isWarning: false,
      },
    ]);
  });

  it("uploads the workbook as multipart field 'file'", async () => {
    const score = { unitId: "u 1", total: 80, maxTotal: 100, problems: [], dimensions: [] };
    const fetchMock = vi.fn().mockResolvedValue(json(score));
    const bytes = new Uint8Array([0x50, 0x4b, 3, 4, 9]);
    await expect(client(fetchMock).uploadWorkbook("c/1", "u 1", bytes, "D01.xlsx")).resolves.toEqual(score);
    const { url, init } = lastRequest(fetchMock);
    expect(url).toBe(`${BASE}campaigns/c%2F1/units/u%201/self-assessment/workbook`);
    expect(init.method).toBe("POST");
    // The browser must set the multipart boundary itself.
    expect(headerOf(init, "Content-Type")).toBeUndefined();
    const file = (init.body as FormData).get("file") as File;
    expect(file.name).toBe("D01.xlsx");
    expect(file.type).toBe(XLSX_CONTENT_TYPE);
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(bytes);
  });

  it("downloads the workbook as bytes", async () => {
    const body = new Uint8Array([0x50, 0x4b, 3, 4, 0xff]);
    const fetchMock = vi
      .fn()
      .mockResolvedValue(new Response(body, { status: 200, headers: { "Content-Type": XLSX_CONTENT_TYPE } }));
    await expect(client(fetchMock).downloadWorkbook("c1", "u1")).resolves.toEqual(body);
    const { url, init } = lastRequest(fetchMock);
    expect(url).toBe(`${BASE}campaigns/c1/units/u1/self-assessment/workbook`);
    expect(headerOf(init, "Accept")).toBe(XLSX_CONTENT_TYPE);
  });

  it("reports an unreachable server as a network error", async () => {
    const fetchMock = vi.fn().mockRejectedValue(new TypeError("fetch failed"));
    const error = (await client(fetchMock)
      .results("c1")
      .catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.isNetworkError).toBe(true);
    expect(error.problem.detail).toBe("fetch failed");
  });

  it("copes with an error body that is not JSON (a proxy's HTML page)", async () => {
    const fetchMock = vi
      .fn()
      .mockResolvedValue(new Response("<html>Bad gateway</html>", { status: 502, statusText: "Bad Gateway" }));
    const error = (await client(fetchMock)
      .units("c1")
      .catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(502);
    expect(error.problem).toEqual({ status: 502, title: "Bad Gateway" });
  });
});

describe("Retry-After", () => {
  it("is kept on the error of a 503, with the problem the API sent", async () => {
    const fetchMock = vi.fn().mockResolvedValue(
      new Response(JSON.stringify({ status: 503, code: "server.database_unavailable", messageZh: "数据库暂时不可用，请稍后重试，您的数据未丢失。", messageEn: "The database is temporarily unavailable; try again shortly. Nothing was lost." }), {
        status: 503,
        headers: { "Content-Type": "application/problem+json", "Retry-After": "5" },
      }),
    );
    const error = (await client(fetchMock)
      .results("c1")
      .catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(503);
    expect(error.retryAfterMs).toBe(5000);
    expect(error.problem.code).toBe("server.database_unavailable");
  });

  it("is null when the server does not say", async () => {
    const fetchMock = vi.fn().mockResolvedValue(new Response("", { status: 503 }));
    const error = (await client(fetchMock)
      .results("c1")
      .catch((e: unknown) => e)) as ApiError;
    expect(error.retryAfterMs).toBeNull();
  });

  it("reads seconds and HTTP dates, and nothing else", () => {
    const now = new Date("2026-11-21T08:00:00Z");
    expect(parseRetryAfter("5", now)).toBe(5000);
    expect(parseRetryAfter(" 120 ", now)).toBe(120_000);
    expect(parseRetryAfter("Sat, 21 Nov 2026 08:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Sat, 21 Nov 2026 07:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(parseRetryAfter("-5", now)).toBeNull();
    expect(parseRetryAfter("", now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});

describe("parseProblem", () => {
  it("turns ASP.NET's validation dictionary into items", () => {
    const problem = parseProblem(
      { title: "One or more validation errors occurred.", errors: { Email: ["Required"] } },
      400,
    );
    expect(problem.status).toBe(400);
    expect(problem.errors).toEqual([
      { code: "validation", messageZh: "Required", messageEn: "Required", field: "Email" },
    ]);
  });
});
