// @ts-check
// The respondent's page: loads the questionnaire for the code in the address, draws it, keeps the answers in
// progress in sessionStorage (this tab only) and submits them once. No cookies, no third-party requests, no
// analytics; every text from the server is set as text, never as HTML.
import {
  answersBody,
  describeProblem,
  formatClosesAt,
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
} from "./survey-core.js";

/** @typedef {import("./survey-core.js").Survey} Survey */
/** @typedef {import("./survey-core.js").SurveyItem} SurveyItem */
/** @typedef {import("./survey-core.js").Answers} Answers */
/** @typedef {import("./survey-core.js").Problem} Problem */
/** @typedef {import("./survey-core.js").ProblemView} ProblemView */

/**
 * @template {HTMLElement} T
 * @param {string} id
 * @param {new () => T} type
 * @returns {T}
 */
function byId(id, type) {
  const element = document.getElementById(id);
  if (!(element instanceof type)) throw new Error(`#${id} is missing`);
  return element;
}

const ui = {
  app: byId("app", HTMLElement),
  loading: byId("loading", HTMLElement),
  notice: byId("notice", HTMLElement),
  noticeTitle: byId("notice-title", HTMLElement),
  noticeMessage: byId("notice-message", HTMLElement),
  noticeHint: byId("notice-hint", HTMLElement),
  noticeRetry: byId("notice-retry", HTMLButtonElement),
  form: byId("survey", HTMLFormElement),
  title: byId("survey-title", HTMLElement),
  unit: byId("survey-unit", HTMLElement),
  group: byId("survey-group", HTMLElement),
  closes: byId("survey-closes", HTMLElement),
  intro: byId("survey-intro", HTMLElement),
  progressText: byId("progress-text", HTMLElement),
  progress: byId("progress", HTMLProgressElement),
  items: byId("items", HTMLElement),
  formErrors: byId("form-errors", HTMLElement),
  status: byId("status", HTMLElement),
  submit: byId("submit", HTMLButtonElement),
  done: byId("done", HTMLElement),
  doneTitle: byId("done-title", HTMLElement),
};

const { base, code } = parseLocation(location.pathname);

const state = {
  /** @type {SurveyItem[]} */
  items: [],
  /** @type {Answers} */
  answers: {},
  sending: false,
  /** A submission was lost on the network: a 410 token_used now most likely means it did arrive. */
  networkFailed: false,
  /** @type {number | undefined} */
  waitTimer: undefined,
};

const storage = {
  /** @returns {unknown} */
  read() {
    if (!code) return null;
    try {
      const text = sessionStorage.getItem(storageKey(code));
      return text ? JSON.parse(text) : null;
    } catch {
      return null;
    }
  },
  save() {
    if (!code) return;
    try {
      sessionStorage.setItem(storageKey(code), JSON.stringify({ answers: state.answers }));
    } catch {
      // Storage off or full: the answers stay on the page, only a reload would lose them.
    }
  },
  clear() {
    if (!code) return;
    try {
      sessionStorage.removeItem(storageKey(code));
    } catch {
      // Nothing kept, nothing to clear.
    }
  },
};

/** @param {"loading" | "notice" | "form" | "done"} view */
function show(view) {
  ui.loading.hidden = view !== "loading";
  ui.notice.hidden = view !== "notice";
  ui.form.hidden = view !== "form";
  ui.done.hidden = view !== "done";
  ui.app.setAttribute("aria-busy", String(view === "loading"));
}

/**
 * A whole-page message instead of the form; `retry` adds a button that runs it.
 * @param {ProblemView} view
 * @param {(() => void) | null} retry
 */
function showNotice(view, retry) {
  document.title = view.title;
  ui.noticeTitle.textContent = view.title;
  ui.noticeMessage.textContent = view.message;
  ui.noticeHint.textContent = view.hint;
  ui.noticeHint.hidden = view.hint === "";
  ui.notice.dataset.kind = view.used ? "used" : view.kind;
  ui.noticeRetry.hidden = retry === null;
  ui.noticeRetry.onclick = retry;
  // Without a retry nothing more can be done with this link: the form goes for good.
  if (retry === null && ui.form.isConnected) ui.form.remove();
  show("notice");
  ui.noticeTitle.focus();
  if (retry !== null && view.kind === "wait" && view.retryAfter) holdButton(ui.noticeRetry, view.retryAfter);
}

/**
 * The problem details of a failed response; an empty object when the body is not JSON.
 * @param {Response} response
 * @returns {Promise<Problem>}
 */
async function readProblem(response) {
  try {
    const body = await response.json();
    return body !== null && typeof body === "object" ? body : {};
  } catch {
    return {};
  }
}

async function load() {
  if (code === null) {
    showNotice(describeProblem({ phase: "load", status: 404 }), null);
    return;
  }
  show("loading");
  /** @type {Response} */
  let response;
  try {
    response = await fetch(surveyUrl(base, code), {
      headers: { Accept: "application/json" },
      cache: "no-store",
      credentials: "omit",
      referrerPolicy: "no-referrer",
    });
  } catch {
    showNotice(describeProblem({ phase: "load", network: true }), () => void load());
    return;
  }
  if (!response.ok) {
    const view = describeProblem({
      phase: "load",
      status: response.status,
      problem: await readProblem(response),
      retryAfter: retryAfterSeconds(response.headers.get("Retry-After")),
    });
    if (view.kind === "fatal") storage.clear();
    showNotice(view, view.kind === "fatal" ? null : () => void load());
    return;
  }
  /** @type {Survey} */
  let survey;
  try {
    survey = await response.json();
  } catch {
    showNotice(describeProblem({ phase: "load", status: response.status }), () => void load());
    return;
  }
  render(survey);
}

/** @param {Survey} survey */
function render(survey) {
  state.items = Array.isArray(survey.items) ? survey.items : [];
  state.answers = restoreAnswers(state.items, storage.read());
  document.title = survey.title;
  ui.title.textContent = survey.title;
  ui.unit.textContent = `您正在评价：${survey.unit?.name ?? ""}`;
  ui.group.textContent = survey.mutual
    ? `评价方：${survey.group}（单位互评，结果中不显示评价单位）`
    : `答题人类别：${survey.group}`;
  const closes = formatClosesAt(survey.closesAt);
  ui.closes.hidden = closes === null;
  ui.closes.textContent = closes === null ? "" : `截止时间：${closes}（北京时间）`;
  ui.intro.replaceChildren(
    ...(survey.introduction ?? "")
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== "")
      .map((line) => paragraph(line)),
  );

  /** @type {Node[]} */
  const nodes = [];
  /** @type {string | null | undefined} */
  let section = null;
  state.items.forEach((item, index) => {
    if (item.section && item.section !== section) {
      const heading = document.createElement("h2");
      heading.className = "section";
      heading.textContent = item.section;
      nodes.push(heading);
    }
    section = item.section;
    nodes.push(itemFieldset(item, index));
  });
  ui.items.replaceChildren(...nodes);
  updateProgress();
  show("form");
}

/** @param {string} text */
function paragraph(text) {
  const p = document.createElement("p");
  p.textContent = text;
  return p;
}

/**
 * One question: a fieldset whose legend is the question, a radio button per option, room for its error.
 * @param {SurveyItem} item
 * @param {number} index
 */
function itemFieldset(item, index) {
  const fieldset = document.createElement("fieldset");
  fieldset.className = "item";
  fieldset.id = `item-${index}`;
  fieldset.dataset.code = item.code;

  const legend = document.createElement("legend");
  const number = document.createElement("span");
  number.className = "number";
  number.textContent = `${index + 1}.`;
  const text = document.createElement("span");
  text.className = "text";
  text.textContent = item.text;
  legend.append(number, " ", text);
  if (item.required) {
    const star = document.createElement("span");
    star.className = "req";
    star.setAttribute("aria-hidden", "true");
    star.textContent = "*";
    const spoken = document.createElement("span");
    spoken.className = "sr-only";
    spoken.textContent = "（必答）";
    legend.append(" ", star, spoken);
  }

  const options = document.createElement("div");
  options.className = `options options-${item.options.length}`;
  for (const option of item.options) {
    const label = document.createElement("label");
    label.className = "option";
    const input = document.createElement("input");
    input.type = "radio";
    input.name = `item-${index}`;
    input.value = String(option.value);
    input.required = item.required;
    input.checked = state.answers[item.code] === option.value;
    const caption = document.createElement("span");
    caption.textContent = option.label;
    label.append(input, caption);
    options.append(label);
  }

  const error = document.createElement("p");
  error.className = "item-error";
  error.id = `item-${index}-error`;
  error.hidden = true;
  fieldset.append(legend, options, error);
  return fieldset;
}

/** @param {string} code */
function fieldsetOf(code) {
  const index = state.items.findIndex((i) => i.code === code);
  return index < 0 ? null : document.getElementById(`item-${index}`);
}

/**
 * Marks an item as needing attention with its messages, or clears it (no messages).
 * @param {string} code
 * @param {string[]} messages
 */
function markItem(code, messages) {
  const fieldset = fieldsetOf(code);
  if (!fieldset) return;
  const error = /** @type {HTMLElement | null} */ (fieldset.querySelector(".item-error"));
  const invalid = messages.length > 0;
  fieldset.classList.toggle("invalid", invalid);
  if (error) {
    error.textContent = messages.join(" ");
    error.hidden = !invalid;
  }
  if (invalid && error) fieldset.setAttribute("aria-describedby", error.id);
  else fieldset.removeAttribute("aria-describedby");
  for (const input of fieldset.querySelectorAll("input")) input.setAttribute("aria-invalid", String(invalid));
}

function clearErrors() {
  for (const item of state.items) markItem(item.code, []);
  ui.formErrors.hidden = true;
  ui.formErrors.replaceChildren();
}

/** @param {string[]} messages */
function showFormErrors(messages) {
  ui.formErrors.replaceChildren(...messages.map((m) => paragraph(m)));
  ui.formErrors.hidden = messages.length === 0;
}

/** Scrolls to an item and puts the keyboard on its first option. @param {string} code */
function goTo(code) {
  const fieldset = fieldsetOf(code);
  if (!fieldset) return;
  const still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  fieldset.scrollIntoView({ block: "center", behavior: still ? "auto" : "smooth" });
  const input = fieldset.querySelector("input");
  if (input) input.focus({ preventScroll: true });
}

function updateProgress() {
  const p = progress(state.items, state.answers);
  ui.progressText.textContent = p.text;
  ui.progress.max = Math.max(1, p.total);
  ui.progress.value = p.answered;
}

ui.form.addEventListener("change", (event) => {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || input.type !== "radio") return;
  const fieldset = input.closest("fieldset");
  const code = fieldset instanceof HTMLElement ? fieldset.dataset.code : undefined;
  if (code === undefined) return;
  state.answers[code] = Number(input.value);
  storage.save();
  updateProgress();
  if (fieldset?.classList.contains("invalid")) markItem(code, []);
});

ui.form.addEventListener("submit", (event) => {
  event.preventDefault();
  void submit();
});

/**
 * Keeps a button disabled for `seconds`, counting down on it.
 * @param {HTMLButtonElement} button
 * @param {number} seconds
 */
function holdButton(button, seconds) {
  const label = button.textContent ?? "";
  let left = seconds;
  button.disabled = true;
  window.clearInterval(state.waitTimer);
  const tick = () => {
    if (left <= 0) {
      window.clearInterval(state.waitTimer);
      button.disabled = false;
      button.textContent = label;
      return;
    }
    button.textContent = `${label}（${left} 秒）`;
    left -= 1;
  };
  tick();
  state.waitTimer = window.setInterval(tick, 1000);
}

async function submit() {
  if (state.sending || code === null) return;
  clearErrors();
  const missing = missingRequired(state.items, state.answers);
  if (missing.length > 0) {
    for (const item of missing) markItem(item, ["此题为必答题，请选择一项。"]);
    showFormErrors([missingMessage(state.items, missing)]);
    ui.status.textContent = "";
    goTo(missing[0] ?? "");
    return;
  }

  const body = answersBody(state.items, state.answers);
  state.sending = true;
  ui.submit.disabled = true;
  ui.submit.textContent = "正在提交…";
  ui.form.setAttribute("aria-busy", "true");
  ui.status.textContent = "正在提交，请稍候…";
  /** @type {Response | null} */
  let response = null;
  try {
    response = await fetch(responsesUrl(base, code), {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body),
      cache: "no-store",
      credentials: "omit",
      referrerPolicy: "no-referrer",
    });
  } catch {
    response = null;
  }
  state.sending = false;
  ui.form.removeAttribute("aria-busy");
  ui.submit.disabled = false;
  ui.submit.textContent = "提交问卷";
  ui.status.textContent = "";

  if (response?.ok) {
    storage.clear();
    ui.form.remove();
    document.title = ui.doneTitle.textContent ?? document.title;
    show("done");
    ui.doneTitle.focus();
    return;
  }

  const problem = response === null ? null : await readProblem(response);
  const view = response === null
    ? describeProblem({ phase: "submit", network: true })
    : describeProblem({
        phase: "submit",
        status: response.status,
        problem,
        retryAfter: retryAfterSeconds(response.headers.get("Retry-After")),
        afterNetworkFailure: state.networkFailed,
      });
  // Sticky: any attempt lost on the way may have been stored, so a later "used" most likely means it was.
  if (response === null) state.networkFailed = true;
  switch (view.kind) {
    case "fatal":
      storage.clear();
      showNotice(view, null);
      return;
    case "invalid": {
      const placed = itemErrors(problem, body, state.items);
      for (const [item, messages] of placed.byItem) markItem(item, messages);
      showFormErrors([view.message, ...placed.general]);
      const first = state.items.find((i) => placed.byItem.has(i.code));
      if (first) goTo(first.code);
      else ui.formErrors.scrollIntoView({ block: "center" });
      return;
    }
    case "wait":
      showFormErrors([view.message, view.hint].filter((m) => m !== ""));
      holdButton(ui.submit, view.retryAfter ?? 60);
      return;
    case "retry":
      showFormErrors([view.message, view.hint]);
      ui.submit.textContent = "重新提交";
      ui.submit.focus();
      return;
  }
}

void load();
