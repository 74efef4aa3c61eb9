#!/usr/bin/env node
// Questionnaire collection under load (docs/performance.md, docs/surveys.md): against a running API with the demo
// seeded, the office issues N single-use links for one unit through the Admin API; then C respondents at a time each
// open the page (/s/{code}), read the questionnaire (GET /api/public/surveys/{code}) and submit their answers (POST
// …/responses). Reports p50/p95/p99 latency per request type, throughput and errors by status; then checks through
// the results API that exactly N responses were stored. Two abuse phases follow: every code submitted again at once
// (all must be refused 410, nothing stored), and R fresh codes each submitted twice at the same moment (exactly one of
// each pair stored). A 503 (database busy, with Retry-After) is counted and the request repeated after the wait, as a
// respondent does with the page's 重新提交 button. Exits 1 on any mismatch or unexpected final status.
//
// Usage: node benchmarks/survey/load.mjs --base http://127.0.0.1:5000 --password '…' [--tokens 1000] [--concurrency 200]
//        [--race 50] [--json out.json]
// Node 20 or later (fetch); no packages. benchmarks/survey/run.sh starts a Release API on a throwaway database and
// runs this.
import { writeFileSync } from "node:fs";
import { availableParallelism, cpus } from "node:os";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({
  options: {
    base: { type: "string", default: process.env.OFFICEEVAL_BASE_URL ?? "http://127.0.0.1:5000" },
    email: { type: "string", default: "admin@demo.local" },
    password: { type: "string", default: process.env.OFFICEEVAL_PASSWORD ?? "" },
    tokens: { type: "string", default: "1000" },
    concurrency: { type: "string", default: "200" },
    race: { type: "string", default: "50" },
    unit: { type: "string", default: "SY-ZXZX" },
    json: { type: "string" },
  },
});
const BASE = args.base.replace(/\/+$/, "");
const N = Number(args.tokens);
const C = Number(args.concurrency);
const RACE = Number(args.race);
if (!Number.isInteger(N) || N < 1 || !Number.isInteger(C) || C < 1 || !Number.isInteger(RACE) || RACE < 0) {
  throw new Error("--tokens and --concurrency must be whole numbers ≥ 1, --race ≥ 0");
}
if (!args.password) throw new Error("--password (the demo admin's) is required");

const CAMPAIGN = "2026年度机构编制执行情况和使用效益评估";
const LEAF = "6.3";
const GROUP = "服务对象";
/** An individual indicator scored by questionnaire, as the e2e test sets it up (addin/e2e/survey.e2e.test.ts). */
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
/** Ten items, as a county's service questionnaire has: eight 5-point (one reverse-worded) and two 3-point, one optional. */
const FORM = {
  title: "2026年度政务服务满意度调查（负载测试）",
  introduction: "负载测试问卷。",
  groups: [{ name: GROUP, weight: 1, minimumResponses: 10, expectedSampleSize: 0, respondent: "Person" }],
  items: [
    ...[
      "办事指南清晰、易懂",
      "窗口工作人员服务热情、耐心",
      "一次告知到位，无需反复补充材料",
      "办理时限符合承诺",
      "线上办理方便、顺畅",
      "收费公开透明",
      "投诉建议渠道畅通、回应及时",
    ].map((text, i) => ({ code: `Q${i + 1}`, text, scale: "Likert5", groups: [], indicatorCode: LEAF, reverse: false, required: true, section: "服务体验" })),
    { code: "Q8", text: "办事需要多次往返、重复提交材料", scale: "Likert5", groups: [], indicatorCode: LEAF, reverse: true, required: true, section: "服务体验" },
    { code: "Q9", text: "您对该单位政务服务的总体评价", scale: "ThreePoint", groups: [], indicatorCode: null, reverse: false, required: true, section: "总体评价" },
    { code: "Q10", text: "与去年相比，服务有所改进", scale: "ThreePoint", groups: [], indicatorCode: null, reverse: false, required: false, section: "总体评价" },
  ],
  belowMinimum: "Exclude",
};

const TIMEOUT_MS = 60_000;
let token = "";

async function api(method, path, body, headers = {}) {
  const response = await fetch(`${BASE}/api/${path}`, {
    method,
    headers: {
      Accept: "application/json",
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await response.text();
  return { status: response.status, etag: response.headers.get("ETag"), body: text ? JSON.parse(text) : null };
}

async function must(method, path, body, expected, headers) {
  const result = await api(method, path, body, headers);
  if (!expected.includes(result.status)) throw new Error(`${method} /api/${path}: HTTP ${result.status} ${JSON.stringify(result.body)}`);
  return result;
}

/** The demo campaign, the unit with its survey-scored indicator and started self-evaluation, the questionnaire open. */
async function prepare() {
  token = (await must("POST", "auth/login", { email: args.email, password: args.password }, [200])).body.accessToken;
  const campaign = (await must("GET", "campaigns", undefined, [200])).body.find((c) => c.name === CAMPAIGN);
  if (!campaign) throw new Error(`campaign ${CAMPAIGN} not found: run against an API with the demo seeded`);
  const unit = (await must("GET", `campaigns/${campaign.id}/units`, undefined, [200])).body.find((u) => u.code === args.unit);
  if (!unit) throw new Error(`unit ${args.unit} not in the campaign`);
  const link = (await must("GET", `campaigns/${campaign.id}/units/${unit.id}`, undefined, [200])).body;
  if (!link.individualIndicators.some((i) => i.code === LEAF)) {
    await must("PUT", `campaigns/${campaign.id}/units/${unit.id}/individual-indicators`, INDIVIDUAL, [200]);
  }
  const draftPath = `campaigns/${campaign.id}/units/${unit.id}/self-assessment`;
  const draft = await must("GET", draftPath, undefined, [200]);
  if (draft.body.status === "NotStarted") {
    await must("PATCH", `${draftPath}/answers`, { answers: [{ indicatorCode: "1.1.1", option: "好" }] }, [200], { "If-Match": draft.etag });
  }
  const surveyPath = `campaigns/${campaign.id}/survey`;
  let survey = await api("GET", surveyPath);
  if (survey.status === 404 || survey.body.status === "Draft") {
    await must("PUT", surveyPath, FORM, [200, 201], survey.status === 404 ? {} : { "If-Match": survey.etag });
    survey = await must("GET", surveyPath, undefined, [200]);
  }
  if (survey.body.status !== "Open") await must("POST", `${surveyPath}/open`, {}, [200]);
  return { campaignId: campaign.id, unitId: unit.id };
}

/** Issues `count` links for the unit, in batches of at most 2,000 (the API's limit per unit and request). */
async function issue({ campaignId, unitId }, count) {
  const codes = [];
  while (codes.length < count) {
    const n = Math.min(2000, count - codes.length);
    const batch = await must("POST", `campaigns/${campaignId}/survey/tokens`, { group: GROUP, unitIds: [unitId], count: n }, [201]);
    codes.push(...batch.body.links.map((l) => l.code));
  }
  return codes;
}

/** Responses stored for the unit and group, by the results API. */
async function stored({ campaignId, unitId }) {
  const results = (await must("GET", `campaigns/${campaignId}/units/${unitId}/survey/results`, undefined, [200])).body;
  return results.groups.find((g) => g.group === GROUP)?.responses ?? 0;
}

// ---- measurement ----

const samples = new Map(); // type → latencies (ms)
const statuses = new Map(); // type → Map(status → count)

function record(type, ms, status) {
  if (!samples.has(type)) samples.set(type, []);
  if (!statuses.has(type)) statuses.set(type, new Map());
  samples.get(type).push(ms);
  const byStatus = statuses.get(type);
  byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
}

/** One request, timed to the end of its body; the status, or "network" when it failed. */
async function timed(type, url, init = {}) {
  const started = performance.now();
  let status = "network";
  let body = null;
  let retryAfter = null;
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
    status = response.status;
    retryAfter = response.headers.get("Retry-After");
    const text = await response.text();
    body = text && response.headers.get("content-type")?.includes("json") ? JSON.parse(text) : text;
  } catch (error) {
    body = String(error);
  }
  record(type, performance.now() - started, status);
  return { status, body, retryAfter: retryAfter === null ? null : Number(retryAfter) };
}

const retries = new Map(); // type → requests repeated after a 503
const MAX_TRIES = 4;

/**
 * A request as a respondent makes it on the page: a 503 (database busy) says Retry-After and the page keeps the
 * answers for 重新提交, so the request is repeated after that many seconds, up to MAX_TRIES in all.
 */
async function attempt(type, url, init = {}) {
  for (let tries = 1; ; tries++) {
    const result = await timed(type, url, init);
    if (result.status !== 503 || tries === MAX_TRIES) return { ...result, tries };
    retries.set(type, (retries.get(type) ?? 0) + 1);
    await new Promise((resolve) => setTimeout(resolve, (result.retryAfter || 5) * 1000));
  }
}

/** A deterministic pseudo-random answer for respondent i, item j (values spread over the whole scale). */
function answer(i, j, options) {
  const x = Math.sin(i * 12.9898 + j * 78.233) * 43758.5453;
  return options[Math.floor((x - Math.floor(x)) * options.length)].value;
}

/** A respondent's visit; "stored", "unconfirmed" (a retry found the code used: an earlier try was stored) or "failed". */
async function respondent(code, i) {
  const page = await attempt("page GET /s/{code}", `${BASE}/s/${code}`);
  if (page.status !== 200) return "failed";
  const survey = await attempt("questionnaire GET", `${BASE}/api/public/surveys/${code}`, { headers: { Accept: "application/json" } });
  if (survey.status !== 200) return "failed";
  const answers = survey.body.items
    .filter((item, j) => item.required || (i + j) % 2 === 0)
    .map((item, j) => ({ item: item.code, value: answer(i, j, item.options) }));
  const submit = await attempt("answers POST", `${BASE}/api/public/surveys/${code}/responses`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ answers }),
  });
  if (submit.status === 201) return "stored";
  return submit.tries > 1 && submit.body?.code === "survey.token_used" ? "unconfirmed" : "failed";
}

/** Runs `work` over `items` with at most `limit` at a time. */
async function pool(items, limit, work) {
  let next = 0;
  const results = new Array(items.length);
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summary(types) {
  return types.filter((t) => samples.has(t)).map((type) => {
    const sorted = [...samples.get(type)].sort((a, b) => a - b);
    return {
      type,
      requests: sorted.length,
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      max: sorted.at(-1),
      statuses: Object.fromEntries([...statuses.get(type)].sort()),
    };
  });
}

function print(rows) {
  const f = (ms) => ms.toFixed(1).padStart(8);
  console.log(`  ${"request".padEnd(22)} ${"count".padStart(6)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"max ms".padStart(8)}  statuses`);
  for (const r of rows) {
    console.log(`  ${r.type.padEnd(22)} ${String(r.requests).padStart(6)} ${f(r.p50)} ${f(r.p95)} ${f(r.p99)} ${f(r.max)}  ${JSON.stringify(r.statuses)}`);
  }
}

// ---- run ----

const failures = [];
const target = await prepare();
const before = await stored(target);
const issueStarted = performance.now();
const codes = await issue(target, N);
const issueSeconds = (performance.now() - issueStarted) / 1000;
console.log(`issued ${codes.length} links for ${args.unit} in ${issueSeconds.toFixed(2)} s; ${before} responses stored before`);

// Phase 1: N respondents, C at a time.
const started = performance.now();
const outcomes = await pool(codes, C, respondent);
const seconds = (performance.now() - started) / 1000;
const main = summary(["page GET /s/{code}", "questionnaire GET", "answers POST"]);
const submitted = outcomes.filter((o) => o !== "failed").length;
const unconfirmed = outcomes.filter((o) => o === "unconfirmed").length;
const mainRetries = Object.fromEntries(retries);
console.log(`\n${N} respondents, ${C} concurrent: ${seconds.toFixed(2)} s, ${(submitted / seconds).toFixed(1)} questionnaires/s, ` +
  `${(main.reduce((s, r) => s + r.requests, 0) / seconds).toFixed(1)} requests/s`);
print(main);
console.log(`  repeated after 503 (Retry-After), as the page's 重新提交 does: ${JSON.stringify(mainRetries)}; stored without a 201 seen: ${unconfirmed}`);
if (submitted !== N) failures.push(`${N - submitted} respondents did not get their answers stored`);
const after = await stored(target);
console.log(`responses stored for ${args.unit}: ${after} (${after - before} new, expected ${N})`);
if (after - before !== N) failures.push(`stored ${after - before} responses, expected ${N}`);

// Phase 2: every code replayed at once: all 410 survey.token_used, nothing stored.
samples.clear();
statuses.clear();
retries.clear();
const replayCodes = new Map();
const replayStarted = performance.now();
await pool(codes, C, async (code) => {
  const r = await attempt("replay POST", `${BASE}/api/public/surveys/${code}/responses`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ answers: [{ item: "Q1", value: 5 }] }),
  });
  const key = `${r.status} ${r.body?.code ?? ""}`.trim();
  replayCodes.set(key, (replayCodes.get(key) ?? 0) + 1);
});
const replaySeconds = (performance.now() - replayStarted) / 1000;
const replay = summary(["replay POST"]);
const replayRetries = Object.fromEntries(retries);
console.log(`\nreplay: ${N} used codes submitted again, ${C} concurrent, ${replaySeconds.toFixed(2)} s: ${JSON.stringify(Object.fromEntries(replayCodes))}`);
print(replay);
console.log(`  repeated after 503: ${JSON.stringify(replayRetries)}`);
if (replayCodes.get("410 survey.token_used") !== N) failures.push(`replay: expected ${N} × 410 survey.token_used, got ${JSON.stringify(Object.fromEntries(replayCodes))}`);
const afterReplay = await stored(target);
if (afterReplay !== after) failures.push(`replay changed the stored count: ${after} → ${afterReplay}`);

// Phase 3: R fresh codes, each submitted twice at the same moment: exactly one 201 and one 410 per code.
let race = null;
if (RACE > 0) {
  samples.clear();
  statuses.clear();
  const raceCodes = await issue(target, RACE);
  const pairs = await pool(raceCodes, Math.max(1, Math.floor(C / 2)), async (code, i) => {
    const survey = await attempt("race GET", `${BASE}/api/public/surveys/${code}`);
    const answers = survey.body.items.filter((item) => item.required).map((item, j) => ({ item: item.code, value: answer(i, j, item.options) }));
    const post = () =>
      attempt("race POST", `${BASE}/api/public/surveys/${code}/responses`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ answers }),
      });
    const both = await Promise.all([post(), post()]);
    return both.map((r) => r.status).sort().join("+");
  });
  const outcomes = {};
  for (const p of pairs) outcomes[p] = (outcomes[p] ?? 0) + 1;
  const afterRace = await stored(target);
  race = { codes: RACE, outcomes, stored: afterRace - afterReplay };
  console.log(`\nrace: ${RACE} fresh codes each submitted twice at once: ${JSON.stringify(outcomes)}; ${afterRace - afterReplay} stored`);
  if (outcomes["201+410"] !== RACE) failures.push(`race: expected ${RACE} × (201, 410), got ${JSON.stringify(outcomes)}`);
  if (afterRace - afterReplay !== RACE) failures.push(`race: stored ${afterRace - afterReplay}, expected ${RACE}`);
}

const machine = `${cpus()[0]?.model ?? "unknown CPU"}, ${availableParallelism()} logical CPUs, Node ${process.version}`;
if (args.json) {
  writeFileSync(args.json, JSON.stringify({ base: BASE, tokens: N, concurrency: C, machine, issueSeconds, seconds, submitted, unconfirmed,
    stored: after - before, main, mainRetries, replay, replayRetries, replayCodes: Object.fromEntries(replayCodes), race, failures }, null, 2));
}
console.log(`\n${machine}`);
if (failures.length > 0) {
  console.error(`\nFAILED:\n  ${failures.join("\n  ")}`);
  process.exit(1);
}
console.log("OK: every respondent stored once, every replay refused, nothing lost, nothing twice.");
