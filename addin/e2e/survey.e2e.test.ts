// Questionnaires end to end: the office authors and opens a questionnaire over the real API, issues single-use links,
// respondents answer on their phones through the real page (/s/{code}) in Chromium, a replayed link is refused, and
// the linked indicator's score in the unit's results moves to what the answers imply.
//
// The demo campaign's common framework scores 服务对象满意度 (1.2.1) as a qualitative grade, not from a
// questionnaire; so the test gives 市政务服务中心 (SY-ZXZX, which no other e2e test touches) an individual indicator
// scored by questionnaire (6.3) and links the items to it. Reruns against the same database reuse the open
// questionnaire and add to its responses: the expected score is computed from every stored response.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BASE_URL, TIMEOUT, adminToken, apiCall, apiJson, closeChromium, launchChromium, text } from "./harness";
import {
  PAGE_HEADERS,
  checkedLabels,
  openSurvey,
  pageScreenshot,
  screenScreenshot,
  tapOption,
  unexpectedConsoleErrors,
  withSurveySession,
  type SurveySession,
} from "./survey-page";

const CAMPAIGN = "2026年度机构编制执行情况和使用效益评估";
const UNIT_CODE = "SY-ZXZX";
const UNIT_NAME = "市政务服务中心";
const LEAF = "6.3";
const GROUP = "服务对象";
const poll = { timeout: TIMEOUT.action, interval: 100 };

/** The individual indicator scored by questionnaire: all 5 points of the common framework's 个性指标. */
const INDIVIDUAL = [
  {
    code: LEAF,
    name: "政务服务满意度",
    points: 5,
    children: [],
    rule: { kind: "survey", questionnaire: "政务服务满意度调查" },
    evaluationPoints: ["办事群众和企业对政务服务的评价"],
    scoringStandard: "按问卷满意度折算：分值 × 满意度。",
    evidenceChecklist: [],
  },
];

const AGREE = ["非常不同意", "不同意", "说不清", "同意", "非常同意"];
const Q1 = "窗口工作人员服务热情、耐心";
const Q2 = "办事需要多次往返、重复提交材料";
const Q3 = "您对该单位政务服务的总体评价";
const FORM = {
  title: "2026年度政务服务满意度调查",
  introduction: "为改进政务服务，请根据您最近一次办事的感受作答。\n问卷约需 1 分钟。",
  groups: [{ name: GROUP, weight: 1, minimumResponses: 3, expectedSampleSize: 0, respondent: "Person" }],
  items: [
    { code: "Q1", text: Q1, scale: "Likert5", groups: [], indicatorCode: LEAF, reverse: false, required: true, section: "服务体验" },
    // Reverse-worded: agreeing is the worse answer, so the engine scores 6 − x.
    { code: "Q2", text: Q2, scale: "Likert5", groups: [], indicatorCode: LEAF, reverse: true, required: true, section: "服务体验" },
    { code: "Q3", text: Q3, scale: "ThreePoint", groups: [], indicatorCode: null, reverse: false, required: false, section: "总体评价" },
  ],
  choices: { likert5: AGREE, threePoint: ["不满意", "基本满意", "满意"] },
  belowMinimum: "Exclude",
};

type Answers = Partial<Record<"Q1" | "Q2" | "Q3", string>>;
/** Three respondents who like the service, and three who do not; a run uses whichever moves the score. */
const PLEASED: Answers[] = [
  { Q1: "非常同意", Q2: "非常不同意", Q3: "满意" },
  { Q1: "同意", Q2: "不同意" },
  { Q1: "同意", Q2: "说不清", Q3: "基本满意" },
];
const DISPLEASED: Answers[] = [
  { Q1: "非常不同意", Q2: "非常同意", Q3: "不满意" },
  { Q1: "不同意", Q2: "同意" },
  { Q1: "说不清", Q2: "同意", Q3: "基本满意" },
];
const TEXTS = { Q1, Q2, Q3 } as const;

interface LeafResult {
  code: string;
  points: number;
  computed: number | null;
  selfValue: number | null;
  official: number | null;
  explanation: string;
}
interface RawResponses {
  items: string[];
  responses: { unitId: string; unitCode: string; group: string; submittedOn: string; answers: Record<string, number> }[];
}
interface IssuedBatch {
  batchId: string;
  count: number;
  links: { unitId: string; unitCode: string; unitName: string; group: string; code: string; url: string }[];
}

/** The satisfaction the engine should find: every answer on the leaf's Likert items (x − 1) / 4, reverse (5 − x) / 4, averaged. */
function expectedFraction(responses: RawResponses["responses"]): number {
  const fractions = responses.flatMap((r) => [(r.answers.Q1! - 1) / 4, (5 - r.answers.Q2!) / 4]);
  return fractions.reduce((a, b) => a + b, 0) / fractions.length;
}

describe("questionnaire: links → phones → indicator score", () => {
  let browser: Browser | undefined;
  let admin = "";
  let campaignId = "";
  let unitId = "";
  beforeAll(async () => {
    browser = await launchChromium();
    admin = await adminToken();
    campaignId = (await apiJson<{ id: string; name: string }[]>("GET", "campaigns", admin)).find((c) => c.name === CAMPAIGN)!.id;
    unitId = (await apiJson<{ id: string; code: string }[]>("GET", `campaigns/${campaignId}/units`, admin)).find((u) => u.code === UNIT_CODE)!.id;
  });
  afterAll(async () => {
    await closeChromium(browser);
  });

  /** The unit's leaf as the results API scores it now. */
  async function leaf(): Promise<LeafResult> {
    const detail = await apiJson<{ leaves: LeafResult[] }>("GET", `campaigns/${campaignId}/units/${unitId}/results`, admin);
    return detail.leaves.find((l) => l.code === LEAF)!;
  }

  async function unitResponses(): Promise<RawResponses["responses"]> {
    const raw = await apiJson<RawResponses>("GET", `campaigns/${campaignId}/survey/responses`, admin);
    return raw.responses.filter((r) => r.unitId === unitId && r.group === GROUP);
  }

  /** The unit gets its survey-scored indicator and starts its self-evaluation (a unit that has not started is not scored). */
  async function prepareUnit(): Promise<void> {
    const unit = await apiJson<{ individualIndicators: { code: string }[] }>("GET", `campaigns/${campaignId}/units/${unitId}`, admin);
    if (!unit.individualIndicators.some((i) => i.code === LEAF)) {
      const put = await apiCall("PUT", `campaigns/${campaignId}/units/${unitId}/individual-indicators`, admin, { body: INDIVIDUAL });
      expect(put.status, JSON.stringify(put.body)).toBe(200);
    }
    const path = `campaigns/${campaignId}/units/${unitId}/self-assessment`;
    const draft = await apiCall<{ status: string }>("GET", path, admin);
    if (draft.body.status === "NotStarted") {
      const saved = await apiCall("PATCH", `${path}/answers`, admin, {
        body: { answers: [{ indicatorCode: "1.1.1", option: "好" }] },
        ifMatch: draft.etag!,
      });
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    }
  }

  /** The questionnaire authored (PUT) and opened, or the one a previous run left open. */
  async function prepareSurvey(): Promise<void> {
    const path = `campaigns/${campaignId}/survey`;
    let survey = await apiCall<{ status: string; form: typeof FORM }>("GET", path, admin);
    if (survey.status === 404 || survey.body.status === "Draft") {
      const put = await apiCall("PUT", path, admin, { body: FORM, ifMatch: survey.status === 404 ? undefined : survey.etag! });
      expect([200, 201], JSON.stringify(put.body)).toContain(put.status);
      survey = await apiCall("GET", path, admin);
    }
    expect(survey.body.form.items.map((i) => [i.code, i.indicatorCode, i.reverse])).toEqual(FORM.items.map((i) => [i.code, i.indicatorCode, i.reverse]));
    if (survey.body.status !== "Open") {
      const open = await apiCall("POST", `${path}/open`, admin, { body: {} });
      expect(open.status, JSON.stringify(open.body)).toBe(200);
    }
  }

  async function issue(count: number): Promise<IssuedBatch> {
    const issued = await apiCall<IssuedBatch>("POST", `campaigns/${campaignId}/survey/tokens`, admin, {
      body: { group: GROUP, unitIds: [unitId], count },
    });
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    expect(issued.body.links).toHaveLength(count);
    return issued.body;
  }

  function expectCleanPage(session: SurveySession, statuses: number[] = []): void {
    expect(session.pageErrors).toEqual([]);
    expect(unexpectedConsoleErrors(session, statuses)).toEqual([]);
    expect(session.blocked).toEqual([]);
    // Nothing leaves the API's origin, and no request carries the page's address (with its code) as a referrer.
    for (const request of session.requests) {
      expect(request.url.startsWith(`${BASE_URL}/`), request.url).toBe(true);
      expect(request.referer, request.url).toBeUndefined();
    }
  }

  it("three respondents answer on their phones; a replayed link is refused; the linked indicator's score follows the answers", async () => {
    await prepareUnit();
    const before = await leaf();
    expect(before.points).toBe(5);
    const fractionBefore = (before.computed ?? 0) / before.points;
    await prepareSurvey();
    const storedBefore = await unitResponses();
    // Answers that move the score, whatever earlier runs left: pleased respondents when it is low, else displeased.
    const respondents = fractionBefore < 0.5 ? PLEASED : DISPLEASED;

    const batch = await issue(respondents.length);
    for (const link of batch.links) {
      expect(link).toMatchObject({ unitId, unitCode: UNIT_CODE, unitName: UNIT_NAME, group: GROUP });
      expect(link.code).toMatch(/^k[A-Za-z0-9_-]{22}$/);
      expect(link.url).toBe(`${BASE_URL}/s/${link.code}`);
    }

    for (const [index, answers] of respondents.entries()) {
      const code = batch.links[index]!.code;
      await withSurveySession(browser!, `survey-respondent-${index + 1}`, async (session) => {
        const { page } = session;
        const response = await openSurvey(session, code);
        expect(response.status()).toBe(200);
        expect(response.headers()).toMatchObject({ ...PAGE_HEADERS, "cache-control": "no-store" });
        await page.locator("#survey").waitFor({ state: "visible" });
        expect(await text(page, "#survey-title")).toBe(FORM.title);
        expect(await text(page, "#survey-unit")).toBe(`您正在评价：${UNIT_NAME}`);
        expect(await text(page, "#survey-group")).toBe(`答题人类别：${GROUP}`);
        expect(await text(page, "#anonymity")).toBe("本问卷不记录您的身份、IP 地址及答题时间，结果仅以统计形式使用。");
        expect(await text(page, "#progress-text")).toBe("已答 0 / 共 3 题");

        const order = ["Q1", "Q2", "Q3"] as const;
        for (const item of order) {
          const label = answers[item];
          if (label) await tapOption(page, TEXTS[item], label);
        }
        expect(await checkedLabels(page)).toEqual(order.map((item) => answers[item] ?? ""));
        expect(await text(page, "#progress-text")).toBe(`已答 ${Object.keys(answers).length} / 共 3 题`);
        if (index === 0) {
          await pageScreenshot(page, "survey-phone-form");
          await screenScreenshot(page, "survey-phone-screen");
        }

        await page.locator("#submit").tap();
        await page.locator("#done").waitFor({ state: "visible" });
        expect(await text(page, "#done-title")).toBe("提交成功，感谢您的参与！");
        expect(await page.locator("#survey").count()).toBe(0);
        if (index === 0) await pageScreenshot(page, "survey-phone-success");
        expect(await session.context.cookies()).toEqual([]);
        expectCleanPage(session);

        // Reloading the used link: the API says it is used, and the page says so.
        if (index === 0) {
          await page.reload({ waitUntil: "load" });
          await page.locator("#notice").waitFor({ state: "visible" });
          expect(await text(page, "#notice-title")).toBe("该链接已使用");
          expectCleanPage(session, [410]);
        }
      });
    }

    // Replayed in another browser: refused, and nothing is stored twice.
    const replayed = batch.links[1]!.code;
    await withSurveySession(browser!, "survey-replay", async (session) => {
      const { page } = session;
      await openSurvey(session, replayed);
      await page.locator("#notice").waitFor({ state: "visible" });
      expect(await text(page, "#notice-title")).toBe("该链接已使用");
      expect(await text(page, "#notice-message")).toBe("该问卷链接已提交过答卷，每个链接只能提交一次。感谢您的参与！");
      expect(await text(page, "#notice-hint")).toBe("您无需再次填写，可以直接关闭本页面。");
      await pageScreenshot(page, "survey-phone-used");
      expectCleanPage(session, [410]);
    });
    const post = await fetch(`${BASE_URL}/api/public/surveys/${replayed}/responses`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ answers: [{ item: "Q1", value: 5 }, { item: "Q2", value: 1 }] }),
    });
    expect(post.status).toBe(410);
    expect(((await post.json()) as { code: string }).code).toBe("survey.token_used");

    // Exactly this run's answers were added, as raw values (before reverse coding), nothing twice.
    const stored = await unitResponses();
    expect(stored).toHaveLength(storedBefore.length + respondents.length);
    const value = (item: "Q1" | "Q2" | "Q3", label: string | undefined) =>
      label === undefined ? undefined : item === "Q3" ? FORM.choices.threePoint.indexOf(label) + 1 : AGREE.indexOf(label) + 1;
    const sent = respondents.map((a) =>
      JSON.stringify(Object.fromEntries((["Q1", "Q2", "Q3"] as const).filter((i) => a[i]).map((i) => [i, value(i, a[i])]))),
    );
    const added = [...stored.map((r) => JSON.stringify(r.answers))];
    for (const previous of storedBefore.map((r) => JSON.stringify(r.answers))) added.splice(added.indexOf(previous), 1);
    expect(added.sort()).toEqual(sent.sort());

    // The leaf's score is its points × the satisfaction of every response stored for the unit.
    const fraction = expectedFraction(stored);
    const after = await leaf();
    expect(after.computed).toBeCloseTo(before.points * fraction, 2);
    expect(after.selfValue).toBeCloseTo(before.points * fraction, 2);
    expect(after.computed).not.toBe(before.computed);
    expect(after.explanation).toContain("得分比例");

    const unitSurvey = await apiJson<{ groups: { group: string; issued: number; used: number; responses: number }[] }>(
      "GET",
      `campaigns/${campaignId}/units/${unitId}/survey/results`,
      admin,
    );
    expect(unitSurvey.groups.find((g) => g.group === GROUP)).toMatchObject({ responses: stored.length });
  });

  it("a withdrawn link and a made-up one each say why they cannot be filled in", async () => {
    const batch = await issue(1);
    const revoke = await apiCall("POST", `campaigns/${campaignId}/survey/batches/${batch.batchId}/revoke`, admin, { body: {} });
    expect(revoke.status, JSON.stringify(revoke.body)).toBe(200);
    await withSurveySession(browser!, "survey-revoked", async (session) => {
      await openSurvey(session, batch.links[0]!.code);
      await session.page.locator("#notice").waitFor({ state: "visible" });
      expect(await text(session.page, "#notice-title")).toBe("链接已作废");
      expectCleanPage(session, [410]);
    });

    await withSurveySession(browser!, "survey-unknown", async (session) => {
      await openSurvey(session, "kAAAAAAAAAAAAAAAAAAAAAA");
      await session.page.locator("#notice").waitFor({ state: "visible" });
      expect(await text(session.page, "#notice-title")).toBe("链接无效");
      await expect.poll(() => text(session.page, "#notice-message"), poll).not.toBe("");
      expectCleanPage(session, [404]);
    });
  });
});
