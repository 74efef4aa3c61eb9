// The respondent page's behaviour in Chromium: the real page, stylesheet and scripts as the API serves them, with the
// public questionnaire API (/api/public/surveys/…) answered by the test, so that every answer the page must handle —
// refusals, rate limits, lost connections, each reason a link stops working — can be produced on demand. The whole
// loop against the real API is survey.e2e.test.ts.
import type { Browser, Page, Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TIMEOUT, closeChromium, launchChromium, screenshot, text } from "./harness";
import {
  PAGE_HEADERS,
  PHONE,
  checkedLabels,
  openSurvey,
  pageScreenshot,
  question,
  screenScreenshot,
  tapOption,
  unexpectedConsoleErrors,
  withSurveySession,
  type SurveySession,
} from "./survey-page";

const poll = { timeout: TIMEOUT.action, interval: 100 };
const CODE = "kStubStubStubStubStub01";
const likert = ["非常不满意", "不满意", "一般", "满意", "非常满意"].map((label, i) => ({ value: i + 1, label }));
const three = ["不满意", "基本满意", "满意"].map((label, i) => ({ value: i + 1, label }));
const SURVEY = {
  title: "2026年度部门履职满意度调查",
  introduction: "为了解部门履职情况，请根据您的实际感受作答。\n问卷约需 3 分钟。",
  unit: { name: "市发展和改革委员会" },
  group: "服务对象",
  mutual: false,
  closesAt: "2026-12-31T10:00:00Z",
  items: [
    { code: "Q1", text: "办事流程清晰、便捷", section: "服务质量", required: true, scale: "Likert5", options: likert },
    { code: "Q2", text: "工作人员服务态度热情、耐心", section: "服务质量", required: true, scale: "Likert5", options: likert },
    { code: "Q3", text: "办理时限符合承诺", section: "工作效率", required: true, scale: "ThreePoint", options: three },
    { code: "Q4", text: "您对该部门的总体评价", section: "工作效率", required: false, scale: "ThreePoint", options: three },
  ],
};

type Answer = { status: number; body?: unknown; headers?: Record<string, string> } | "abort";

/** Answers the public API: GET with `get`, each POST with the next of `posts` (the last one repeats); records the POSTs. */
async function stubApi(page: Page, get: Answer, posts: Answer[] = [{ status: 201, body: { message: "提交成功，感谢您的参与！" } }]) {
  const sent: unknown[] = [];
  const reply = (route: Route, answer: Answer) =>
    answer === "abort"
      ? route.abort("internetdisconnected")
      : route.fulfill({
          status: answer.status,
          contentType: answer.status >= 400 ? "application/problem+json" : "application/json",
          headers: answer.headers,
          body: JSON.stringify(answer.body ?? {}),
        });
  await page.route("**/api/public/surveys/**", (route) => {
    const request = route.request();
    if (request.method() === "GET") return reply(route, get);
    sent.push(JSON.parse(request.postData() ?? "null"));
    return reply(route, posts[Math.min(sent.length - 1, posts.length - 1)]!);
  });
  return sent;
}

const problem = (status: number, code: string, messageZh: string, errors?: unknown[]) => ({
  status,
  body: { status, code, messageZh, messageEn: "…", ...(errors ? { errors } : {}) },
});

async function answerAll(page: Page) {
  await tapOption(page, "办事流程清晰、便捷", "满意");
  await tapOption(page, "工作人员服务态度热情、耐心", "非常满意");
  await tapOption(page, "办理时限符合承诺", "基本满意");
}

function expectClean(session: SurveySession, statuses: number[] = []) {
  expect(session.pageErrors).toEqual([]);
  expect(unexpectedConsoleErrors(session, statuses)).toEqual([]);
  expect(session.blocked).toEqual([]);
}

describe("questionnaire page in Chromium (public API stubbed)", () => {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await closeChromium(browser);
  });

  it("fits a 360 px phone: one column, options at least 44 px, every question a fieldset with labelled radios", async () => {
    await withSurveySession(
      browser!,
      "survey-page-layout",
      async (session) => {
        const { page } = session;
        await stubApi(page, { status: 200, body: SURVEY });
        const response = await openSurvey(session, CODE);
        expect(response.status()).toBe(200);
        expect(response.headers()).toMatchObject({ ...PAGE_HEADERS, "cache-control": "no-store" });
        await page.locator("#survey").waitFor({ state: "visible" });

        expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN");
        expect(await page.title()).toBe(SURVEY.title);
        expect(await text(page, "#survey-title")).toBe(SURVEY.title);
        expect(await text(page, "#survey-unit")).toBe("您正在评价：市发展和改革委员会");
        expect(await text(page, "#survey-group")).toBe("答题人类别：服务对象");
        expect(await text(page, "#survey-closes")).toBe("截止时间：2026年12月31日 18:00（北京时间）");
        expect(await page.locator("#survey-intro p").allInnerTexts()).toEqual(["为了解部门履职情况，请根据您的实际感受作答。", "问卷约需 3 分钟。"]);
        expect(await text(page, "#anonymity")).toBe("本问卷不记录您的身份、IP 地址及答题时间，结果仅以统计形式使用。");
        expect(await page.locator("h2.section").allInnerTexts()).toEqual(["服务质量", "工作效率"]);
        expect(await text(page, "#progress-text")).toBe("已答 0 / 共 4 题");

        // Each question: a fieldset whose legend is numbered and marks required ones; radios named by their labels.
        expect(await page.locator("fieldset.item legend").allTextContents()).toEqual([
          "1. 办事流程清晰、便捷 *（必答）",
          "2. 工作人员服务态度热情、耐心 *（必答）",
          "3. 办理时限符合承诺 *（必答）",
          "4. 您对该部门的总体评价",
        ]);
        for (const item of SURVEY.items) {
          const radios = question(page, item.text).getByRole("radio");
          expect(await radios.count()).toBe(item.options.length);
          for (const option of item.options) {
            expect(await question(page, item.text).getByRole("radio", { name: option.label, exact: true }).count()).toBe(1);
          }
        }

        // No sideways scrolling; every tap target at least 44 × 44 CSS pixels.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
        const boxes = await page.locator("label.option, #submit").evaluateAll((els) =>
          els.map((e) => e.getBoundingClientRect()).map((r) => ({ width: r.width, height: r.height })),
        );
        expect(boxes).toHaveLength(5 + 5 + 3 + 3 + 1);
        for (const box of boxes) {
          expect(box.height).toBeGreaterThanOrEqual(44);
          expect(box.width).toBeGreaterThanOrEqual(44);
        }
        await pageScreenshot(page, "survey-page-360");
        expectClean(session);
      },
      { ...PHONE, viewport: { width: 360, height: 740 } },
    );
  });

  it("on a desktop the options of a question stand side by side", async () => {
    await withSurveySession(
      browser!,
      "survey-page-desktop",
      async (session) => {
        const { page } = session;
        await stubApi(page, { status: 200, body: SURVEY });
        await openSurvey(session, CODE);
        await page.locator("#survey").waitFor({ state: "visible" });
        const tops = await question(page, "办事流程清晰、便捷")
          .locator("label.option")
          .evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
        expect(new Set(tops).size).toBe(1);
        await screenshot(page, "survey-page-desktop");
        expectClean(session);
      },
      { viewport: { width: 1280, height: 900 } },
    );
  });

  it("checks required questions, keeps answers over a reload, works from the keyboard, and submits once", async () => {
    await withSurveySession(browser!, "survey-page-flow", async (session) => {
      const { page } = session;
      const sent = await stubApi(page, { status: 200, body: SURVEY });
      await openSurvey(session, CODE);
      await page.locator("#survey").waitFor({ state: "visible" });

      await tapOption(page, "办事流程清晰、便捷", "满意");
      expect(await text(page, "#progress-text")).toBe("已答 1 / 共 4 题");
      // The keyboard: the arrow keys move through a question's options and choose as they go.
      await question(page, "工作人员服务态度热情、耐心").getByRole("radio", { name: "一般" }).focus();
      await page.keyboard.press("Space");
      await page.keyboard.press("ArrowDown");
      expect(await checkedLabels(page)).toEqual(["满意", "满意", "", ""]);
      expect(await text(page, "#progress-text")).toBe("已答 2 / 共 4 题");

      // An accidental reload loses nothing (sessionStorage, this tab only).
      await page.reload({ waitUntil: "load" });
      await page.locator("#survey").waitFor({ state: "visible" });
      expect(await checkedLabels(page)).toEqual(["满意", "满意", "", ""]);
      expect(await text(page, "#progress-text")).toBe("已答 2 / 共 4 题");

      // Required question 3 unanswered: nothing is sent; the page scrolls to it, marks it and says why.
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.locator("#submit").tap();
      await expect.poll(() => text(page, "#form-errors"), poll).toBe("还有 1 道必答题未作答（第 3 题），请完成后再提交。");
      const missing = question(page, "办理时限符合承诺");
      expect(await missing.getAttribute("class")).toContain("invalid");
      expect(await missing.locator(".item-error").innerText()).toBe("此题为必答题，请选择一项。");
      expect(await missing.getAttribute("aria-describedby")).toBe(await missing.locator(".item-error").getAttribute("id"));
      await expect
        .poll(() => missing.evaluate((e) => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight; }), poll)
        .toBe(true);
      expect(await page.evaluate(() => document.activeElement?.closest("fieldset")?.querySelector(".text")?.textContent)).toBe("办理时限符合承诺");
      expect(sent).toEqual([]);
      await screenScreenshot(page, "survey-page-missing");

      // Answering it clears the mark; the optional question 4 may stay empty.
      await tapOption(page, "办理时限符合承诺", "满意");
      expect(await missing.getAttribute("class")).not.toContain("invalid");
      await page.locator("#submit").focus();
      await page.keyboard.press("Enter");
      await page.locator("#done").waitFor({ state: "visible" });
      expect(await text(page, "#done-title")).toBe("提交成功，感谢您的参与！");
      expect(await page.locator("#survey").count()).toBe(0);
      expect(sent).toEqual([{ answers: [{ item: "Q1", value: 4 }, { item: "Q2", value: 4 }, { item: "Q3", value: 3 }] }]);
      expect(await page.evaluate((key) => sessionStorage.getItem(key), `officeeval.survey.${CODE}`)).toBeNull();
      expect(await session.context.cookies()).toEqual([]);
      expectClean(session);
    });
  });

  it("a lost connection keeps the answers and offers to send them again", async () => {
    await withSurveySession(browser!, "survey-page-offline", async (session) => {
      const { page } = session;
      const sent = await stubApi(page, { status: 200, body: SURVEY }, ["abort", { status: 201, body: { message: "提交成功，感谢您的参与！" } }]);
      await openSurvey(session, CODE);
      await page.locator("#survey").waitFor({ state: "visible" });
      await answerAll(page);

      await page.locator("#submit").tap();
      await expect.poll(() => page.locator("#form-errors p").allInnerTexts(), poll).toEqual([
        "网络连接失败，答卷未能提交。",
        "您的答案仍保留在本页，请检查网络后点击“重新提交”。",
      ]);
      expect(await text(page, "#submit")).toBe("重新提交");
      expect(await page.locator("#submit").isEnabled()).toBe(true);
      expect(await checkedLabels(page)).toEqual(["满意", "非常满意", "基本满意", ""]);
      await screenScreenshot(page, "survey-page-offline");

      await page.locator("#submit").tap();
      await page.locator("#done").waitFor({ state: "visible" });
      expect(sent).toHaveLength(2);
      expect(sent[1]).toEqual(sent[0]);
      expect(session.pageErrors).toEqual([]);
      expect(session.blocked).toEqual([]);
    });
  });

  it("a lost confirmation met by 'already used' on the retry says the answers most likely arrived", async () => {
    await withSurveySession(browser!, "survey-page-lost-confirmation", async (session) => {
      const { page } = session;
      await stubApi(page, { status: 200, body: SURVEY }, ["abort", problem(410, "survey.token_used", "该问卷链接已使用。")]);
      await openSurvey(session, CODE);
      await page.locator("#survey").waitFor({ state: "visible" });
      await answerAll(page);
      await page.locator("#submit").tap();
      await expect.poll(() => text(page, "#submit"), poll).toBe("重新提交");
      await page.locator("#submit").tap();
      await page.locator("#notice").waitFor({ state: "visible" });
      expect(await text(page, "#notice-title")).toBe("该链接已提交过答卷");
      expect(await text(page, "#notice-hint")).toContain("答卷很可能已经成功送达，无需再次填写");
      expect(await page.locator("#survey").count()).toBe(0);
    });
  });

  it("shows the server's reasons for refused answers next to their questions", async () => {
    await withSurveySession(browser!, "survey-page-422", async (session) => {
      const { page } = session;
      await stubApi(page, { status: 200, body: SURVEY }, [
        problem(422, "survey.answers_invalid", "部分答案有误，请按提示修改后再提交。", [
          { code: "survey.value_out_of_scale", messageZh: "答案不在该题的选项范围内。", messageEn: "…", field: "answers[1].value" },
          { code: "survey.required_missing", messageZh: "缺少必答题：Q9。", messageEn: "…", field: "answers" },
        ]),
      ]);
      await openSurvey(session, CODE);
      await page.locator("#survey").waitFor({ state: "visible" });
      await answerAll(page);
      await page.locator("#submit").tap();
      const second = question(page, "工作人员服务态度热情、耐心");
      await expect.poll(() => second.locator(".item-error").innerText(), poll).toBe("答案不在该题的选项范围内。");
      expect(await page.locator("#form-errors p").allInnerTexts()).toEqual(["部分答案有误，请按提示修改后再提交。", "缺少必答题：Q9。"]);
      expect(await page.locator("fieldset.invalid").count()).toBe(1);
      expect(await checkedLabels(page)).toEqual(["满意", "非常满意", "基本满意", ""]);
      expectClean(session, [422]);
    });
  });

  it("429 says how long to wait and holds the button that long; a server error keeps the answers", async () => {
    await withSurveySession(browser!, "survey-page-429", async (session) => {
      const { page } = session;
      await stubApi(page, { status: 200, body: SURVEY }, [
        { ...problem(429, "rate_limited", "请求过于频繁。"), headers: { "Retry-After": "2" } },
        problem(500, "server.error", "服务器内部错误。"),
        { status: 201, body: { message: "提交成功，感谢您的参与！" } },
      ]);
      await openSurvey(session, CODE);
      await page.locator("#survey").waitFor({ state: "visible" });
      await answerAll(page);

      await page.locator("#submit").tap();
      await expect.poll(() => page.locator("#form-errors p").first().innerText(), poll).toBe("提交过于频繁，请 2 秒后再试。");
      expect(await page.locator("#submit").isDisabled()).toBe(true);
      expect(await text(page, "#submit")).toMatch(/^提交问卷（[12] 秒）$/);
      await page.locator("#submit:enabled").waitFor();
      expect(await text(page, "#submit")).toBe("提交问卷");

      await page.locator("#submit").tap();
      await expect.poll(() => page.locator("#form-errors p").allInnerTexts(), poll).toEqual([
        "服务器内部错误。",
        "您的答案仍保留在本页，请稍后点击“重新提交”。",
      ]);
      expect(await checkedLabels(page)).toEqual(["满意", "非常满意", "基本满意", ""]);
      await page.locator("#submit").tap();
      await page.locator("#done").waitFor({ state: "visible" });
      expectClean(session, [429, 500]);
    });
  });

  it.each([
    [404, "survey.code_unknown", "链接无效", "重新扫描二维码"],
    [410, "survey.token_used", "该链接已使用", "无需再次填写"],
    [410, "survey.token_expired", "链接已过期", "联系发放问卷的单位"],
    [410, "survey.token_revoked", "链接已作废", "新的链接"],
    [410, "survey.closed", "问卷不在填写时间内", "开放期间"],
    [410, "survey.link_disabled", "链接已停用", "联系发放问卷的单位"],
  ])("opening a link answered %i %s says why it cannot be filled in", async (status, code, title, hint) => {
    await withSurveySession(browser!, `survey-page-${code}`, async (session) => {
      const { page } = session;
      await stubApi(page, problem(status, code, `服务器说明：${code}`));
      await openSurvey(session, CODE);
      await page.locator("#notice").waitFor({ state: "visible" });
      expect(await text(page, "#notice-title")).toBe(title);
      expect(await text(page, "#notice-message")).toBe(`服务器说明：${code}`);
      expect(await text(page, "#notice-hint")).toContain(hint);
      expect(await page.locator("#notice-retry").isHidden()).toBe(true);
      expect(await page.locator("#survey").count()).toBe(0);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("notice-title");
      expectClean(session, [status]);
    });
  });

  it("a path that cannot hold a code is an invalid link without asking the API; an unreachable API offers a reload", async () => {
    await withSurveySession(browser!, "survey-page-bad-path", async (session) => {
      const { page } = session;
      let gets = 0;
      await page.route("**/api/public/surveys/**", (route) => {
        gets++;
        return gets === 1 ? route.abort("internetdisconnected") : route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(SURVEY) });
      });
      await openSurvey(session, "/s/abc");
      await page.locator("#notice").waitFor({ state: "visible" });
      expect(await text(page, "#notice-title")).toBe("链接无效");
      expect(gets).toBe(0);

      await openSurvey(session, CODE);
      await page.locator("#notice").waitFor({ state: "visible" });
      expect(await text(page, "#notice-title")).toBe("网络连接失败");
      await page.locator("#notice-retry").tap();
      await page.locator("#survey").waitFor({ state: "visible" });
      expect(await text(page, "#survey-title")).toBe(SURVEY.title);
      expect(session.pageErrors).toEqual([]);
    });
  });
});
