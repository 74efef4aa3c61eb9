// The respondent page's pure logic (the API serves the page from api/…/Features/Surveys/Page/; it has no build step,
// so the tests import the same file the browser runs). The page itself is driven in Chromium by e2e/survey.e2e.test.ts.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  answersBody,
  describeProblem,
  formatClosesAt,
  isAnswered,
  itemErrors,
  missingMessage,
  missingRequired,
  parseLocation,
  progress,
  responsesUrl,
  restoreAnswers,
  retryAfterSeconds,
  storageKey,
  surveyUrl,
  type SurveyItem,
} from "../../../api/OfficeEval.Api/Features/Surveys/Page/survey-core.js";

const likert = ["非常不满意", "不满意", "一般", "满意", "非常满意"].map((label, i) => ({ value: i + 1, label }));
const three = ["不满意", "基本满意", "满意"].map((label, i) => ({ value: i + 1, label }));
const items: SurveyItem[] = [
  { code: "Q1", text: "办事流程清晰", section: "服务质量", required: true, scale: "Likert5", options: likert },
  { code: "Q2", text: "工作人员态度", section: "服务质量", required: true, scale: "Likert5", options: likert },
  { code: "Q3", text: "总体评价", section: null, required: false, scale: "ThreePoint", options: three },
  { code: "Q4", text: "办理时限", section: null, required: true, scale: "ThreePoint", options: three },
];
const TOKEN = "kQ3v9Xw0Tz1Yb2Cc3Dd4Ee";

describe("parseLocation", () => {
  it("takes the code after /s/ and the path before it as the API's base", () => {
    expect(parseLocation(`/s/${TOKEN}`)).toEqual({ base: "", code: TOKEN });
    expect(parseLocation(`/eval/s/${TOKEN}`)).toEqual({ base: "/eval", code: TOKEN });
    expect(parseLocation("/s/oAbCdEfGhIjKlMnOp")).toEqual({ base: "", code: "oAbCdEfGhIjKlMnOp" });
  });

  it("gives no code for anything that cannot be one, so no request is made for it", () => {
    for (const path of ["/", "/s/", "/s/abc", `/s/${TOKEN}/x`, "/s/%E4%BD%A0%E5%A5%BD%E4%BD%A0%E5%A5%BD", "/s/%zz", `/s/${"a".repeat(65)}`, "/s/<script>1234"]) {
      expect(parseLocation(path).code, path).toBeNull();
    }
  });

  it("builds the API's URLs from the base and the escaped code", () => {
    expect(surveyUrl("/eval", TOKEN)).toBe(`/eval/api/public/surveys/${TOKEN}`);
    expect(responsesUrl("", TOKEN)).toBe(`/api/public/surveys/${TOKEN}/responses`);
    expect(storageKey(TOKEN)).toBe(`officeeval.survey.${TOKEN}`);
  });
});

describe("progress and required items", () => {
  it("counts only answers that are options of their item", () => {
    expect(progress(items, {})).toEqual({ answered: 0, total: 4, text: "已答 0 / 共 4 题" });
    expect(progress(items, { Q1: 5, Q3: 2, Q4: 4, Q9: 1 })).toEqual({ answered: 2, total: 4, text: "已答 2 / 共 4 题" });
    expect(isAnswered(items[3]!, { Q4: 3 })).toBe(true);
    expect(isAnswered(items[3]!, { Q4: 4 })).toBe(false);
  });

  it("lists the required items without an answer in page order, an optional one never", () => {
    expect(missingRequired(items, {})).toEqual(["Q1", "Q2", "Q4"]);
    expect(missingRequired(items, { Q2: 3, Q3: 1 })).toEqual(["Q1", "Q4"]);
    expect(missingRequired(items, { Q1: 1, Q2: 3, Q4: 2 })).toEqual([]);
  });

  it("names the missing items by their numbers on the page", () => {
    expect(missingMessage(items, ["Q1", "Q4"])).toBe("还有 2 道必答题未作答（第 1、4 题），请完成后再提交。");
    const many = Array.from({ length: 12 }, (_, i) => ({ ...items[0]!, code: `M${i}` }));
    expect(missingMessage(many, many.map((i) => i.code))).toBe("还有 12 道必答题未作答（第 1、2、3、4、5、6、7、8、9、10 题等），请完成后再提交。");
  });

  it("sends the answered items in page order, nothing else", () => {
    expect(answersBody(items, { Q4: 1, Q1: 4, Q9: 2, Q2: 7 })).toEqual({
      answers: [
        { item: "Q1", value: 4 },
        { item: "Q4", value: 1 },
      ],
    });
  });
});

describe("restoreAnswers", () => {
  it("keeps the stored answers that are still options of the items shown", () => {
    expect(restoreAnswers(items, { answers: { Q1: 2, Q2: "3", Q3: 4, Q4: 3, Q9: 1 } })).toEqual({ Q1: 2, Q4: 3 });
  });

  it("ignores whatever else sessionStorage held", () => {
    for (const stored of [null, undefined, 7, "x", [], { answers: null }, { answers: "Q1" }]) {
      expect(restoreAnswers(items, stored)).toEqual({});
    }
  });
});

describe("retryAfterSeconds", () => {
  it("reads delta seconds and HTTP dates", () => {
    expect(retryAfterSeconds("42")).toBe(42);
    expect(retryAfterSeconds(" 0 ")).toBe(1);
    const now = Date.parse("2026-11-21T10:00:00Z");
    expect(retryAfterSeconds("Sat, 21 Nov 2026 10:01:30 GMT", now)).toBe(90);
    expect(retryAfterSeconds(null)).toBeNull();
    expect(retryAfterSeconds("soon")).toBeNull();
  });
});

describe("formatClosesAt", () => {
  it("shows the closing time in China Standard Time", () => {
    expect(formatClosesAt("2026-12-31T10:00:00Z")).toBe("2026年12月31日 18:00");
    expect(formatClosesAt("2026-12-31T16:30:00+00:00")).toBe("2027年1月1日 00:30");
    expect(formatClosesAt(null)).toBeNull();
    expect(formatClosesAt("not a date")).toBeNull();
  });
});

describe("describeProblem", () => {
  const problem = (status: number, code: string, messageZh?: string) => ({ status, code, messageZh, messageEn: "x" });

  it("says an unknown code is an invalid link, with the server's words", () => {
    const view = describeProblem({ phase: "load", status: 404, problem: problem(404, "survey.code_unknown", "问卷链接无效。") });
    expect(view).toMatchObject({ kind: "fatal", title: "链接无效", message: "问卷链接无效。" });
    expect(view.hint).toContain("重新扫描二维码");
    expect(describeProblem({ phase: "load", status: 404 }).message).toBe("问卷链接无效，请核对链接是否完整。");
  });

  it.each([
    ["survey.token_used", "该链接已使用", "无需再次填写"],
    ["survey.token_expired", "链接已过期", "联系发放问卷的单位"],
    ["survey.token_revoked", "链接已作废", "新的链接"],
    ["survey.closed", "问卷不在填写时间内", "开放期间"],
    ["survey.link_disabled", "链接已停用", "联系发放问卷的单位"],
  ])("explains 410 %s", (code, title, hint) => {
    const view = describeProblem({ phase: "load", status: 410, problem: problem(410, code, "服务器的说明。") });
    expect(view).toMatchObject({ kind: "fatal", title, message: "服务器的说明。", used: code === "survey.token_used" });
    expect(view.hint).toContain(hint);
    expect(describeProblem({ phase: "submit", status: 410, problem: problem(410, code) }).message).not.toBe("");
  });

  it("after a lost submission, a used token most likely means the answers arrived", () => {
    const view = describeProblem({ phase: "submit", status: 410, problem: problem(410, "survey.token_used"), afterNetworkFailure: true });
    expect(view).toMatchObject({ kind: "fatal", used: true, title: "该链接已提交过答卷" });
    expect(view.hint).toContain("无需再次填写");
  });

  it("an unknown 410 still stops the page, with the server's message", () => {
    expect(describeProblem({ phase: "load", status: 410, problem: problem(410, "survey.something_new", "新的原因。") })).toMatchObject({
      kind: "fatal",
      title: "问卷无法填写",
      message: "新的原因。",
    });
  });

  it("429 asks to wait the Retry-After seconds", () => {
    expect(describeProblem({ phase: "submit", status: 429, problem: problem(429, "rate_limited"), retryAfter: 37 })).toMatchObject({
      kind: "wait",
      retryAfter: 37,
      message: "提交过于频繁，请 37 秒后再试。",
    });
    expect(describeProblem({ phase: "load", status: 429 })).toMatchObject({ kind: "wait", retryAfter: 60, message: "访问过于频繁，请 60 秒后再试。" });
  });

  it("a refused submission is invalid; a network failure or server error keeps the answers for a retry", () => {
    expect(describeProblem({ phase: "submit", status: 422, problem: problem(422, "survey.answers_invalid", "答案有误。") })).toMatchObject({ kind: "invalid", message: "答案有误。" });
    expect(describeProblem({ phase: "submit", status: 413 })).toMatchObject({ kind: "invalid" });
    const network = describeProblem({ phase: "submit", network: true });
    expect(network).toMatchObject({ kind: "retry", title: "网络连接失败" });
    expect(network.hint).toContain("答案仍保留");
    expect(describeProblem({ phase: "submit", status: 503 })).toMatchObject({ kind: "retry", title: "服务暂时不可用" });
    expect(describeProblem({ phase: "load", network: true })).toMatchObject({ kind: "retry", message: "无法连接到服务器，问卷未能加载。" });
  });
});

describe("itemErrors", () => {
  const sent = answersBody(items, { Q1: 4, Q2: 5, Q4: 2 });

  it("puts answers[i] messages next to the i-th item sent, others in general", () => {
    const placed = itemErrors(
      {
        errors: [
          { code: "survey.value_out_of_scale", messageZh: "答案超出量表范围。", field: "answers[1].value" },
          { code: "survey.item_duplicate", messageZh: "重复作答。", field: "answers[1].item" },
          { code: "survey.item_unknown", messageZh: "题目不存在。", field: "answers[2].item" },
          { code: "survey.required_missing", messageZh: "缺少必答题 Q9。", field: "answers" },
          { code: "x", messageZh: "索引越界。", field: "answers[9].value" },
          { code: "x", messageZh: "", messageEn: "English only.", field: "answers[0].value" },
        ],
      },
      sent,
      items,
    );
    expect([...placed.byItem]).toEqual([
      ["Q2", ["答案超出量表范围。", "重复作答。"]],
      ["Q4", ["题目不存在。"]],
      ["Q1", ["English only."]],
    ]);
    expect(placed.general).toEqual(["缺少必答题 Q9。", "索引越界。"]);
  });

  it("reads `items` as well as `errors`, and nothing from no problem", () => {
    expect([...itemErrors({ items: [{ messageZh: "错误。", field: "answers[0].value" }] }, sent, items).byItem]).toEqual([["Q1", ["错误。"]]]);
    expect(itemErrors(null, sent, items)).toEqual({ byItem: new Map(), general: [] });
  });
});

describe("survey.html", () => {
  const html = readFileSync(new URL("../../../api/OfficeEval.Api/Features/Surveys/Page/survey.html", import.meta.url), "utf8");

  it("has no inline script or style (the CSP allows neither) and loads only its own assets, relatively", () => {
    expect([...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])).toEqual(['<script type="module" src="assets/survey.js">']);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    expect([...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((m) => m[1])).toEqual(["data:,", "assets/survey.css", "assets/survey.js"]);
  });

  it("is zh-CN, sized for phones, and promises anonymity", () => {
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">');
    expect(html).toContain("本问卷不记录您的身份、IP 地址及答题时间，结果仅以统计形式使用");
    expect(html).toMatch(/role="status" aria-live="polite"/);
  });
});
