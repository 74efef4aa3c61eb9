// The rectification ledger's pieces as DOM: the counts, one item with its chips, fields, evidence, buttons, the form
// of the transition being made and its history. Pure functions of the state they are given; LedgerController owns
// the state and the requests.
import type { EvidenceFile, RectificationCounts, RectificationEvent, RectificationItem } from "./api";
import { h } from "./dom";
import type { Locale, MessageKey, Translate } from "./i18n";
import {
  ACCEPTED_FILES,
  categoryText,
  formatMoment,
  formatSize,
  historyActionText,
  overdueLabel,
  statusText,
  transitionsOf,
  type FieldProblems,
  type FormTransition,
  type PaneMessage,
  type Transition,
} from "./ledger";

/** The transition being made on an item: what the user typed, kept across re-renders, and the problems found. */
export interface LedgerForm {
  transition: FormTransition;
  text: string;
  /** The file picker itself (submit only), kept across re-renders so that the chosen files stay chosen. */
  files: HTMLInputElement | null;
  problems: FieldProblems | null;
}

/** What the pane holds for one item besides the item itself. */
export interface ItemState {
  form: LedgerForm | null;
  /** The last action's failure when there is no form to show it in (start). */
  errors: string[] | null;
  /** Said beside the item: it changed meanwhile, or it was reloaded. */
  notice: PaneMessage | null;
  /** The item's history once asked for (null: hidden). */
  history: RectificationEvent[] | null;
  busy: boolean;
}

export function emptyState(): ItemState {
  return { form: null, errors: null, notice: null, history: null, busy: false };
}

export interface ItemHandlers {
  /** A button of the workflow: start is made at once, the others open their form. */
  act(transition: Transition, button: HTMLButtonElement): void;
  text(value: string): void;
  send(button: HTMLButtonElement): void;
  cancel(): void;
  toggleHistory(button: HTMLButtonElement): void;
  download(file: EvidenceFile, button: HTMLButtonElement): void;
}

const ACTION_KEYS: Record<Transition, MessageKey> = {
  start: "ledger.action.start",
  submit: "ledger.action.submit",
  close: "ledger.action.close",
  return: "ledger.action.return",
  reopen: "ledger.action.reopen",
};

const FORM_LABELS: Record<FormTransition, MessageKey> = {
  submit: "ledger.form.submit",
  close: "ledger.form.close",
  return: "ledger.form.return",
  reopen: "ledger.form.reopen",
};

const CONFIRM_KEYS: Record<FormTransition, MessageKey> = {
  submit: "ledger.confirm.submit",
  close: "ledger.confirm.close",
  return: "ledger.confirm.return",
  reopen: "ledger.confirm.reopen",
};

/** An item named in a few characters, for buttons' accessible names and the pane's messages. */
export function itemLabel(item: RectificationItem): string {
  const text = item.description.replace(/\s+/g, " ").trim();
  return text.length > 24 ? `${text.slice(0, 24)}…` : text;
}

export function actionText(transition: Transition, t: Translate): string {
  return t(ACTION_KEYS[transition]);
}

/** 共 N 项：待整改 a，整改中 b… ; the counts are of all the unit's items, closed ones included. */
export function ledgerCounts(counts: RectificationCounts, asOf: string, t: Translate): HTMLElement {
  return h("p", { class: "muted", id: "ledger-counts" }, t("ledger.counts", { ...counts, asOf }));
}

/** A status chip (待整改 / 整改中 / 待核验 / 已销号) and, when overdue, 逾期 N 天. */
export function itemChips(item: RectificationItem, locale: Locale, t: Translate): HTMLElement {
  const overdue = overdueLabel(item, t);
  return h(
    "span",
    { class: "badges" },
    h("span", { class: `chip status-${item.status}`, "data-chip": "status" }, statusText(item, locale, t)),
    overdue ? h("span", { class: "chip overdue", "data-chip": "overdue" }, overdue) : null,
    h("span", { class: "chip", "data-chip": "category" }, categoryText(item, locale, t)),
  );
}

/** One item of the list: chips, the problem and what to do, evidence, the buttons the API allows, and its form. */
export function ledgerItem(item: RectificationItem, state: ItemState, locale: Locale, t: Translate, on: ItemHandlers): HTMLLIElement {
  const id = `ledger-${item.id}`;
  const label = itemLabel(item);
  const fields: [string, string][] = [];
  if (item.indicatorCode) fields.push([t("ledger.indicator"), [item.indicatorCode, item.indicatorName].filter(Boolean).join(" ")]);
  fields.push([t("ledger.requirement"), item.requirement]);
  fields.push([t("ledger.deadline"), item.deadline]);
  if (item.responsiblePerson) fields.push([t("ledger.responsible"), item.responsiblePerson]);
  if (item.closedAt) fields.push([t("ledger.closedAt"), formatMoment(item.closedAt, locale)]);

  return h(
    "li",
    { class: `ledger-item${item.overdue && item.status !== "Closed" ? " is-overdue" : ""}`, "data-item-id": item.id, "data-status": item.status },
    h(
      "article",
      { "aria-labelledby": `${id}-title`, "aria-busy": state.busy ? "true" : null },
      itemChips(item, locale, t),
      h("h3", { id: `${id}-title`, class: "ledger-description", tabindex: "-1" }, item.description),
      h("dl", { class: "figures" }, ...fields.flatMap(([name, value]) => [h("dt", {}, name), h("dd", {}, value)])),
      item.awaitingVerification ? h("p", { class: "muted", "data-note": "awaiting" }, t("ledger.awaiting")) : null,
      evidenceList(item, id, locale, t, on),
      state.notice ? h("p", { class: "warning", "data-notice": state.notice.key }, t(state.notice.key, state.notice.params)) : null,
      state.errors && state.errors.length > 0
        ? h("div", { class: "error", role: "alert", id: `${id}-errors` }, ...state.errors.map((m) => h("p", {}, m)))
        : null,
      actionButtons(item, state, label, t, on),
      state.form ? itemForm(state.form, state.busy, id, label, t, on) : null,
      historyView(state.history, id, locale, t),
    ),
  );
}

function actionButtons(item: RectificationItem, state: ItemState, label: string, t: Translate, on: ItemHandlers): HTMLElement {
  const transitions = transitionsOf(item);
  return h(
    "div",
    { class: "actions" },
    ...transitions.map((transition) =>
      h(
        "button",
        {
          type: "button",
          class: transition === "start" || transition === "submit" || transition === "close" ? "primary" : null,
          "data-action": transition,
          "aria-label": t("ledger.action.for", { action: actionText(transition, t), item: label }),
          "aria-expanded": transition === "start" ? null : String(state.form?.transition === transition),
          disabled: state.busy,
          onclick: (event: Event) => on.act(transition, event.currentTarget as HTMLButtonElement),
        },
        actionText(transition, t),
      ),
    ),
    h(
      "button",
      {
        type: "button",
        class: "link",
        "data-action": "history",
        "aria-expanded": String(state.history !== null),
        "aria-controls": `ledger-${item.id}-history`,
        disabled: state.busy,
        onclick: (event: Event) => on.toggleHistory(event.currentTarget as HTMLButtonElement),
      },
      t(state.history ? "ledger.history.hide" : "ledger.history.show"),
    ),
  );
}

function evidenceList(item: RectificationItem, id: string, locale: Locale, t: Translate, on: ItemHandlers): HTMLElement | null {
  if (item.evidence.length === 0) return null;
  return h(
    "details",
    { class: "evidence-list", id: `${id}-evidence`, open: item.status === "Submitted" },
    h("summary", {}, t("ledger.evidence", { count: item.evidence.length })),
    h(
      "ol",
      {},
      ...item.evidence.map((e) =>
        h(
          "li",
          {},
          h("span", { class: "muted" }, t("ledger.evidence.entry", { time: formatMoment(e.submittedAt, locale) })),
          h("p", { class: "evidence-text" }, e.description),
          e.files.length > 0
            ? h(
                "ul",
                { class: "files" },
                ...e.files.map((file) =>
                  h(
                    "li",
                    {},
                    h(
                      "button",
                      {
                        type: "button",
                        class: "link",
                        "data-file-id": file.id,
                        "aria-label": t("ledger.evidence.download", { name: file.name }),
                        onclick: (event: Event) => on.download(file, event.currentTarget as HTMLButtonElement),
                      },
                      file.name,
                    ),
                    h("span", { class: "muted" }, ` ${formatSize(file.size, locale)}`),
                  ),
                ),
              )
            : null,
        ),
      ),
    ),
  );
}

/** The form of a transition: the description (submit) or note, the file picker (submit), problems by field. */
function itemForm(form: LedgerForm, busy: boolean, id: string, label: string, t: Translate, on: ItemHandlers): HTMLElement {
  const problems = form.problems;
  const textId = `${id}-${form.transition}-text`;
  const textError = problems && problems.text.length > 0 ? `${textId}-error` : null;
  const textarea = h("textarea", {
    id: textId,
    rows: 3,
    required: true,
    maxlength: 2000,
    "aria-invalid": textError ? "true" : null,
    "aria-describedby": textError,
    oninput: (event: Event) => on.text((event.target as HTMLTextAreaElement).value),
  });
  textarea.value = form.text;

  let filesField: HTMLElement | null = null;
  if (form.transition === "submit" && form.files) {
    const picker = form.files;
    picker.id = `${id}-files`;
    picker.type = "file";
    picker.multiple = true;
    picker.accept = ACCEPTED_FILES;
    const filesError = problems && problems.files.length > 0 ? `${picker.id}-error` : null;
    picker.setAttribute("aria-describedby", [`${picker.id}-hint`, filesError].filter(Boolean).join(" "));
    if (filesError) picker.setAttribute("aria-invalid", "true");
    else picker.removeAttribute("aria-invalid");
    filesField = h(
      "div",
      { class: "field" },
      h("label", { for: picker.id }, t("ledger.form.files")),
      picker,
      h("span", { class: "muted hint", id: `${picker.id}-hint` }, t("ledger.form.filesHint")),
      filesError ? fieldErrors(filesError, problems!.files) : null,
    );
  }

  return h(
    "form",
    {
      class: "stack ledger-form",
      id: `${id}-form`,
      "data-form": form.transition,
      "aria-label": t("ledger.action.for", { action: actionText(form.transition, t), item: label }),
      novalidate: true,
      onsubmit: (event: Event) => {
        event.preventDefault();
        const submitter = (event as SubmitEvent).submitter;
        on.send((submitter instanceof HTMLButtonElement ? submitter : (event.currentTarget as HTMLFormElement).querySelector("button[type=submit]"))!);
      },
    },
    problems && problems.general.length > 0
      ? h("div", { class: "error", role: "alert", id: `${id}-form-errors` }, ...problems.general.map((m) => h("p", {}, m)))
      : null,
    h("div", { class: "field" }, h("label", { for: textId }, t(FORM_LABELS[form.transition])), textarea, textError ? fieldErrors(textError, problems!.text) : null),
    filesField,
    h(
      "div",
      { class: "actions" },
      h("button", { type: "submit", class: "primary", "data-confirm": form.transition, disabled: busy }, t(CONFIRM_KEYS[form.transition])),
      h("button", { type: "button", "data-cancel": form.transition, disabled: busy, onclick: () => on.cancel() }, t("ledger.cancel")),
    ),
  );
}

function fieldErrors(id: string, messages: readonly string[]): HTMLElement {
  return h("div", { class: "field-error", id, role: "alert" }, ...messages.map((m) => h("p", {}, m)));
}

function historyView(history: RectificationEvent[] | null, id: string, locale: Locale, t: Translate): HTMLElement | null {
  if (!history) return null;
  return h(
    "section",
    { class: "ledger-history", id: `${id}-history`, "aria-label": t("ledger.history.heading") },
    h(
      "ol",
      {},
      ...history.map((e) =>
        h(
          "li",
          { "data-history-action": e.action },
          h("span", { class: "muted" }, `${formatMoment(e.at, locale)} `),
          `${e.byName ?? ""} ${historyActionText(e.action, t)}`.trim(),
          e.note ? `${locale === "zh-CN" ? "：" : ": "}${e.note}` : null,
        ),
      ),
    ),
  );
}
