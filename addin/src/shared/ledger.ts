// The rectification ledger (整改台账) in the task pane, the parts that need no DOM: the order items are shown in,
// what each item's buttons are, the checks made before a request, and the API's problems sorted by field.
import type { ProblemDetails, RectificationAction, RectificationItem } from "./api";
import type { Locale, MessageKey, MessageParams, Translate } from "./i18n";
import { localizedMessage } from "./problems";

/** The workflow's steps the pane offers, in the order their buttons appear. Editing and deleting are the office's, elsewhere. */
export const TRANSITIONS = ["start", "submit", "close", "return", "reopen"] as const;
export type Transition = (typeof TRANSITIONS)[number];

/** The transitions that open a form first: submit (description and files) and the three that need a note. */
export type FormTransition = Exclude<Transition, "start">;

/** The API's limits on a submission's files (docs/rectification.md), checked before uploading anything. */
export const MAX_FILES = 10;
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** What the file picker offers; the API reads the type from the content whatever the name says. */
export const ACCEPTED_FILES = ".pdf,.docx,.xlsx,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png";

/** The item's revision as the ETag the API gave it (`"3"`), for If-Match. */
export function etagOf(item: RectificationItem): string {
  return `"${item.revision}"`;
}

/**
 * What is due first: items not closed by deadline (so the overdue ones come first), then when they were entered;
 * closed items after them, the latest closed first. The API lists them so already; the pane keeps the order when it
 * replaces an item in place.
 */
export function sortItems(items: readonly RectificationItem[]): RectificationItem[] {
  const due = items.filter((i) => i.status !== "Closed");
  const closed = items.filter((i) => i.status === "Closed");
  due.sort((a, b) => compare(a.deadline, b.deadline) || compare(a.createdAt, b.createdAt) || compare(a.id, b.id));
  closed.sort((a, b) => compare(b.closedAt ?? "", a.closedAt ?? "") || compare(a.id, b.id));
  return [...due, ...closed];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** 逾期 N 天, or null when the item is not overdue (closed items never are). */
export function overdueLabel(item: RectificationItem, t: Translate): string | null {
  return item.overdue && item.status !== "Closed" && item.daysOverdue > 0 ? t("ledger.overdue", { days: item.daysOverdue }) : null;
}

/** The transitions the API lets the signed-in user make on the item now, in button order. */
export function transitionsOf(item: RectificationItem): Transition[] {
  const allowed = new Set<RectificationAction>(item.actions);
  return TRANSITIONS.filter((t) => allowed.has(t));
}

export function needsNote(transition: Transition): boolean {
  return transition === "close" || transition === "return" || transition === "reopen";
}

const STATUS_KEYS: Record<string, MessageKey> = {
  Open: "ledger.status.Open",
  Rectifying: "ledger.status.Rectifying",
  Submitted: "ledger.status.Submitted",
  Closed: "ledger.status.Closed",
};

const CATEGORY_KEYS: Record<string, MessageKey> = {
  DutyPerformance: "ledger.category.DutyPerformance",
  Structure: "ledger.category.Structure",
  Staffing: "ledger.category.Staffing",
  Management: "ledger.category.Management",
  Other: "ledger.category.Other",
};

const HISTORY_KEYS: Record<string, MessageKey> = {
  created: "ledger.history.created",
  imported: "ledger.history.imported",
  changed: "ledger.history.changed",
  start: "ledger.history.start",
  submit: "ledger.history.submit",
  close: "ledger.history.close",
  return: "ledger.history.return",
  reopen: "ledger.history.reopen",
};

/** 待整改 / 整改中 / 待核验 / 已销号 in the pane's language; a status the pane does not know as the API named it. */
export function statusText(item: Pick<RectificationItem, "status" | "statusZh">, locale: Locale, t: Translate): string {
  const key = STATUS_KEYS[item.status];
  return key ? t(key) : locale === "zh-CN" ? item.statusZh || item.status : item.status;
}

export function categoryText(item: Pick<RectificationItem, "category" | "categoryZh">, locale: Locale, t: Translate): string {
  const key = CATEGORY_KEYS[item.category];
  return key ? t(key) : locale === "zh-CN" ? item.categoryZh || item.category : item.category;
}

export function historyActionText(action: string, t: Translate): string {
  const key = HISTORY_KEYS[action];
  return key ? t(key) : action;
}

/** A message of the pane's own, by key. */
export interface PaneMessage {
  key: MessageKey;
  params?: MessageParams;
  /** Read out only (not shown) when the item already shows it where the user is. */
  spokenOnly?: boolean;
}

/** Problems with what the user entered, by the field they concern: `text` (description or note) or `files`. */
export interface FieldProblems {
  text: string[];
  files: string[];
  /** Problems that name no field of the form (or any other failure): shown above it. */
  general: string[];
}

export function noProblems(): FieldProblems {
  return { text: [], files: [], general: [] };
}

export function hasProblems(p: FieldProblems): boolean {
  return p.text.length + p.files.length + p.general.length > 0;
}

/** What the pane checks before sending: the description or note required, the files within the API's limits. */
export function checkForm(transition: FormTransition, text: string, files: readonly File[], t: Translate): FieldProblems {
  const problems = noProblems();
  if (text.trim() === "") problems.text.push(t(transition === "submit" ? "ledger.missing.description" : "ledger.missing.note"));
  if (transition !== "submit") return problems;
  if (files.length > MAX_FILES) problems.files.push(t("ledger.files.tooMany", { max: MAX_FILES, count: files.length }));
  for (const file of files) {
    if (file.size === 0) problems.files.push(t("ledger.files.empty", { name: file.name }));
    else if (file.size > MAX_FILE_BYTES) problems.files.push(t("ledger.files.tooLarge", { name: file.name }));
  }
  return problems;
}

/**
 * The API's problem sorted onto the form: items naming `description` or `note` go under the text box, `files` and
 * `files[i]` under the file picker, anything else above the form with the problem's own message.
 */
export function problemsByField(problem: ProblemDetails, locale: Locale, fallback: string): FieldProblems {
  const problems = noProblems();
  for (const item of problem.errors ?? []) {
    const message = localizedMessage(item, locale);
    const field = item.field ?? "";
    if (field === "description" || field === "note") problems.text.push(message);
    else if (field === "files" || field.startsWith("files[")) problems.files.push(message);
    else problems.general.push(message);
  }
  // The headline says what happened ("整改事项有误…"): kept above the form unless the items say it all.
  const headline = localizedMessage(problem, locale) || fallback;
  if (![...problems.text, ...problems.files, ...problems.general].includes(headline)) problems.general.unshift(headline);
  return problems;
}

/** A file's size as people read it: 12 KB, 3.4 MB. */
export function formatSize(bytes: number, locale: Locale): string {
  if (bytes < 1024) return `${bytes} B`;
  const kb = bytes / 1024;
  if (kb < 1024) return `${Math.round(kb).toLocaleString(locale)} KB`;
  return `${(kb / 1024).toLocaleString(locale, { maximumFractionDigits: 1 })} MB`;
}

/** A moment the API gave (ISO 8601) as the pane shows times: local date and time in the pane's language. */
export function formatMoment(iso: string, locale: Locale): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(locale, { dateStyle: "medium", timeStyle: "short" });
}
