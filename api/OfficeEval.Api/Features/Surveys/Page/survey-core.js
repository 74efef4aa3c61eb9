// @ts-check
// The respondent page's logic that needs no DOM: where the code is, progress, required items, the request body, and
// what to tell the respondent for each answer of the API. survey.js draws the page with it; the add-in's vitest
// suite imports this module directly (addin/tests/survey-page/).

/**
 * @typedef {{ value: number, label: string }} SurveyOption
 * @typedef {{ code: string, text: string, section?: string | null, required: boolean, scale: string, options: SurveyOption[] }} SurveyItem
 * @typedef {{ title: string, introduction?: string | null, unit: { name: string }, group: string, mutual?: boolean,
 *   closesAt?: string | null, items: SurveyItem[] }} Survey
 * @typedef {Record<string, number>} Answers
 * @typedef {{ answers: { item: string, value: number }[] }} AnswersBody
 * @typedef {{ code?: string, messageZh?: string, messageEn?: string, field?: string | null }} ProblemEntry
 * @typedef {{ status?: number, code?: string, messageZh?: string, title?: string, errors?: ProblemEntry[],
 *   items?: ProblemEntry[] }} Problem
 * @typedef {"fatal" | "retry" | "wait" | "invalid"} ViewKind
 * @typedef {{ kind: ViewKind, title: string, message: string, hint: string, retryAfter?: number, used?: boolean }} ProblemView
 */

/** Single-use tokens are `k` + 22, open links `o` + 16 base64url characters; anything else cannot be a code. */
const CODE = /^[A-Za-z0-9_-]{8,64}$/;

/**
 * The API's base path and the code, from the page's path `…/s/{code}`: the page may be served under a path base
 * (`/eval/s/k…` calls `/eval/api/…`). `code` is null when the path holds nothing that can be a code.
 * @param {string} pathname
 * @returns {{ base: string, code: string | null }}
 */
export function parseLocation(pathname) {
  const at = pathname.lastIndexOf("/s/");
  if (at < 0) return { base: "", code: null };
  const base = pathname.slice(0, at);
  let code;
  try {
    code = decodeURIComponent(pathname.slice(at + 3));
  } catch {
    return { base, code: null };
  }
  return { base, code: CODE.test(code) ? code : null };
}

/** @param {string} base @param {string} code */
export function surveyUrl(base, code) {
  return `${base}/api/public/surveys/${encodeURIComponent(code)}`;
}

/** @param {string} base @param {string} code */
export function responsesUrl(base, code) {
  return `${surveyUrl(base, code)}/responses`;
}

/** Where the answers in progress are kept (sessionStorage: this tab only, gone when it closes). @param {string} code */
export function storageKey(code) {
  return `officeeval.survey.${code}`;
}

/**
 * Whether the item has an answer that is one of its options.
 * @param {SurveyItem} item
 * @param {Answers} answers
 */
export function isAnswered(item, answers) {
  const value = answers[item.code];
  return typeof value === "number" && item.options.some((o) => o.value === value);
}

/**
 * @param {SurveyItem[]} items
 * @param {Answers} answers
 * @returns {{ answered: number, total: number, text: string }}
 */
export function progress(items, answers) {
  const answered = items.filter((i) => isAnswered(i, answers)).length;
  return { answered, total: items.length, text: `已答 ${answered} / 共 ${items.length} 题` };
}

/**
 * The required items still without an answer, in page order.
 * @param {SurveyItem[]} items
 * @param {Answers} answers
 * @returns {string[]}
 */
export function missingRequired(items, answers) {
  return items.filter((i) => i.required && !isAnswered(i, answers)).map((i) => i.code);
}

/**
 * What the page says when required items are unanswered, naming their numbers (1-based, page order).
 * @param {SurveyItem[]} items
 * @param {string[]} missing
 */
export function missingMessage(items, missing) {
  const numbers = missing.map((code) => items.findIndex((i) => i.code === code) + 1);
  const more = numbers.length > 10 ? "等" : "";
  return `还有 ${missing.length} 道必答题未作答（第 ${numbers.slice(0, 10).join("、")} 题${more}），请完成后再提交。`;
}

/**
 * The request body: the answered items, in page order.
 * @param {SurveyItem[]} items
 * @param {Answers} answers
 * @returns {AnswersBody}
 */
export function answersBody(items, answers) {
  return { answers: items.filter((i) => isAnswered(i, answers)).map((i) => ({ item: i.code, value: answers[i.code] ?? 0 })) };
}

/**
 * The answers kept from before a reload, keeping only those that are still options of the items shown.
 * @param {SurveyItem[]} items
 * @param {unknown} stored what was parsed from sessionStorage
 * @returns {Answers}
 */
export function restoreAnswers(items, stored) {
  /** @type {Answers} */
  const answers = {};
  const saved = stored !== null && typeof stored === "object" ? /** @type {{ answers?: unknown }} */ (stored).answers : null;
  if (saved === null || typeof saved !== "object") return answers;
  const values = /** @type {Record<string, unknown>} */ (saved);
  for (const item of items) {
    const value = values[item.code];
    if (typeof value === "number" && item.options.some((o) => o.value === value)) answers[item.code] = value;
  }
  return answers;
}

/**
 * Seconds to wait from a Retry-After header: delta-seconds, or an HTTP date; null when absent or unreadable.
 * @param {string | null} header
 * @param {number} [now] milliseconds since the epoch
 * @returns {number | null}
 */
export function retryAfterSeconds(header, now = Date.now()) {
  if (header === null) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Math.max(1, Number(text));
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(1, Math.ceil((at - now) / 1000));
}

/**
 * The closing time as shown, in China Standard Time: 2026年12月31日 18:00; null when absent or unreadable.
 * @param {string | null | undefined} iso
 */
export function formatClosesAt(iso) {
  if (!iso) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const parts = new Intl.DateTimeFormat("zh-CN", {
    timeZone: "Asia/Shanghai",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(date);
  /** @param {string} type */
  const part = (type) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}年${part("month")}月${part("day")}日 ${part("hour")}:${part("minute")}`;
}

const CONTACT = "如需参与，请联系发放问卷的单位。";

/** @type {Record<string, { title: string, message: string, hint: string }>} */
const GONE = {
  "survey.token_used": {
    title: "该链接已使用",
    message: "该问卷链接已提交过答卷，每个链接只能提交一次。",
    hint: "您无需再次填写，可以直接关闭本页面。",
  },
  "survey.token_expired": {
    title: "链接已过期",
    message: "该问卷链接已过有效期。",
    hint: `过期的链接不能再填写。${CONTACT}`,
  },
  "survey.token_revoked": {
    title: "链接已作废",
    message: "该问卷链接已被发放单位作废。",
    hint: "作废的链接不能再填写，发放问卷的单位可为您提供新的链接。",
  },
  "survey.closed": {
    title: "问卷不在填写时间内",
    message: "本次问卷调查未开放或已结束。",
    hint: "问卷只在发放单位开放期间接受填写。感谢您的关注！",
  },
  "survey.link_disabled": {
    title: "链接已停用",
    message: "该问卷链接已被发放单位停用。",
    hint: `停用的链接不能再填写。${CONTACT}`,
  },
};

/**
 * What to tell the respondent about a failed request, from its status and problem details (the server's messageZh
 * first, a fallback when it sent none). `kind`: fatal — the page cannot go on (unknown code, used, expired, …);
 * retry — try the same request again (network, server error), the answers are kept; wait — rate limited for
 * `retryAfter` seconds; invalid — the answers were refused (422) or the request was (400, 413, 415).
 * @param {{ phase: "load" | "submit", status?: number, problem?: Problem | null, retryAfter?: number | null,
 *   network?: boolean, afterNetworkFailure?: boolean }} failure
 * @returns {ProblemView}
 */
export function describeProblem({ phase, status = 0, problem = null, retryAfter = null, network = false, afterNetworkFailure = false }) {
  const server = typeof problem?.messageZh === "string" && problem.messageZh.trim() !== "" ? problem.messageZh.trim() : null;
  if (network) {
    return phase === "load"
      ? { kind: "retry", title: "网络连接失败", message: "无法连接到服务器，问卷未能加载。", hint: "请检查网络连接后点击“重新加载”。" }
      : {
          kind: "retry",
          title: "网络连接失败",
          message: "网络连接失败，答卷未能提交。",
          hint: "您的答案仍保留在本页，请检查网络后点击“重新提交”。",
        };
  }
  if (status === 404) {
    return {
      kind: "fatal",
      title: "链接无效",
      message: server ?? "问卷链接无效，请核对链接是否完整。",
      hint: "可重新扫描二维码，或从收到的消息中完整复制链接后再打开；如仍无法打开，请联系发放问卷的单位。",
    };
  }
  if (status === 410) {
    const code = problem?.code ?? "";
    if (code === "survey.token_used" && afterNetworkFailure) {
      return {
        kind: "fatal",
        used: true,
        title: "该链接已提交过答卷",
        message: server ?? GONE[code]?.message ?? "",
        hint: "刚才的提交虽未收到确认，但答卷很可能已经成功送达，无需再次填写。感谢您的参与！",
      };
    }
    const known = GONE[code];
    return {
      kind: "fatal",
      used: code === "survey.token_used",
      title: known?.title ?? "问卷无法填写",
      message: server ?? known?.message ?? "该问卷链接已不能使用。",
      hint: known?.hint ?? CONTACT,
    };
  }
  if (status === 429) {
    const seconds = retryAfter ?? 60;
    return {
      kind: "wait",
      retryAfter: seconds,
      title: "操作过于频繁",
      message: phase === "submit" ? `提交过于频繁，请 ${seconds} 秒后再试。` : `访问过于频繁，请 ${seconds} 秒后再试。`,
      hint: phase === "submit" ? "您的答案仍保留在本页。" : "",
    };
  }
  if (phase === "submit" && (status === 422 || status === 400 || status === 413 || status === 415)) {
    return {
      kind: "invalid",
      title: "答卷未能提交",
      message: server ?? (status === 422 ? "部分答案有误，请按提示修改后再提交。" : "提交的内容无法识别，请刷新页面后重试。"),
      hint: "",
    };
  }
  return {
    kind: "retry",
    title: "服务暂时不可用",
    message: server ?? "服务器暂时无法处理请求。",
    hint: phase === "load" ? "请稍后点击“重新加载”。" : "您的答案仍保留在本页，请稍后点击“重新提交”。",
  };
}

/**
 * A 422's messages placed next to their items: `answers[i].item` and `answers[i].value` name the i-th answer sent;
 * anything else (e.g. `answers` for missing required items) is general.
 * @param {Problem | null} problem
 * @param {AnswersBody} sent
 * @param {SurveyItem[]} items
 * @returns {{ byItem: Map<string, string[]>, general: string[] }}
 */
export function itemErrors(problem, sent, items) {
  /** @type {Map<string, string[]>} */
  const byItem = new Map();
  /** @type {string[]} */
  const general = [];
  const entries = problem?.errors ?? problem?.items ?? [];
  for (const entry of entries) {
    const message = entry?.messageZh?.trim() || entry?.messageEn?.trim() || "";
    if (message === "") continue;
    const match = /^answers\[(\d+)\]/.exec(entry.field ?? "");
    const code = match ? sent.answers[Number(match[1])]?.item : undefined;
    if (code !== undefined && items.some((i) => i.code === code)) {
      byItem.set(code, [...(byItem.get(code) ?? []), message]);
    } else {
      general.push(message);
    }
  }
  return { byItem, general };
}
