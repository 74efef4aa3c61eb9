// The review section's pieces as DOM: the indicator navigator, one indicator's editor, the synced comments. Pure
// functions of the state they are given; the controller owns the state and the actions.
import type { Review, ReviewItem, ReviewProblem } from "../shared/api";
import { h } from "../shared/dom";
import type { Locale, MessageKey, MessageParams, Translate } from "../shared/i18n";
import { formatScore } from "../shared/problems";
import type { DocumentComment, DocumentIndicator } from "./document";
import { hasProblem, isVeto } from "./review";

export interface Notice {
  key: MessageKey;
  params?: MessageParams;
  kind: "ok" | "warning" | "muted";
}

export function notice(n: Notice, t: Translate): HTMLElement {
  return h("p", { class: n.kind, "data-notice": n.key }, t(n.key, n.params));
}

/** A question with two buttons (ids `${id}-confirm`, `${id}-cancel`), for what cannot be undone. */
export function confirmBox(id: string, question: string, confirmLabel: string, t: Translate, onConfirm: () => void, onCancel: () => void): HTMLElement {
  return h("div", { class: "conflict", "data-confirm": id },
    h("p", {}, question),
    h("div", { class: "actions" },
      h("button", { type: "button", id: `${id}-confirm`, class: "primary", onclick: onConfirm }, confirmLabel),
      h("button", { type: "button", id: `${id}-cancel`, onclick: onCancel }, t("word.cancel"))));
}

function findingText(finding: boolean | null, t: Translate): string {
  return t(finding === null ? "review.finding.none" : finding ? "review.finding.true" : "review.finding.false");
}

/** An item's state in a few words: verified score (or finding), comment, problems. */
export function itemBadges(item: ReviewItem, locale: Locale, t: Translate): HTMLElement[] {
  const badges: HTMLElement[] = [];
  if (isVeto(item)) {
    badges.push(item.verifiedFinding === null
      ? h("span", { class: "badge" }, t("review.notVerified"))
      : h("span", { class: "badge ok" }, findingText(item.verifiedFinding, t)));
  } else {
    badges.push(item.verifiedScore === null
      ? h("span", { class: "badge" }, t("review.notVerified"))
      : h("span", { class: "badge ok", "data-badge": "verified" },
          t("review.verified", { score: formatScore(item.verifiedScore, locale), points: formatScore(item.points, locale) })));
  }
  if (item.comment) badges.push(h("span", { class: "badge", "data-badge": "comment" }, t("review.hasComment")));
  if (item.problems.length > 0) badges.push(h("span", { class: "badge warning", "data-badge": "problems" }, t("review.problemsCount", { count: item.problems.length })));
  return badges;
}

export interface NavigatorRow {
  item: ReviewItem;
  located: DocumentIndicator | null;
}

/** The indicators: those in the document in its order, then the review's others; the selected one marked. */
export function navigatorList(
  rows: readonly NavigatorRow[],
  selected: string | null,
  markMissing: boolean,
  locale: Locale,
  t: Translate,
  onSelect: (code: string) => void,
): HTMLElement {
  return h(
    "ul",
    { class: "indicators", id: "indicators" },
    ...rows.map(({ item, located }) =>
      h(
        "li",
        { "data-code": item.indicatorCode, class: item.indicatorCode === selected ? "selected" : null },
        h(
          "button",
          { type: "button", class: "indicator-row", "aria-current": item.indicatorCode === selected ? "true" : null, onclick: () => onSelect(item.indicatorCode) },
          h("span", { class: "indicator-name" }, `${item.indicatorCode} ${item.name}`),
          h("span", { class: "badges" }, ...itemBadges(item, locale, t),
            markMissing && !located ? h("span", { class: "badge muted", "data-badge": "missing" }, t("review.notInDocument")) : null),
        ),
      ),
    ),
  );
}

/** What the editor holds while the user types: kept across re-renders (a language switch, a notice). */
export interface EditorDraft {
  code: string;
  score: string;
  /** "", "true" or "false" for a veto item's finding. */
  finding: string;
  comment: string;
  error: Notice | null;
}

export interface EditorHandlers {
  save(button: HTMLButtonElement): void;
  keepMine(): void;
  takeTheirs(): void;
}

/**
 * One indicator: its figures, the verified score (a veto item's finding) and comment, and when a save met someone
 * else's, their version with the two ways out; then the problems recorded.
 */
export function editorView(
  item: ReviewItem,
  draft: EditorDraft,
  theirs: { review: Review; item: ReviewItem } | null,
  editable: boolean,
  locale: Locale,
  t: Translate,
  on: EditorHandlers,
): (HTMLElement | null)[] {
  const figures: [string, string][] = [
    [t("review.points"), formatScore(item.points, locale)],
    [t("review.selfScore"), formatScore(item.selfScore, locale)],
    [t("review.computedScore"), formatScore(item.computedScore, locale)],
  ];
  const verified = isVeto(item)
    ? h("label", { class: "field" }, h("span", {}, t("review.verifiedFinding")),
        h("select", { id: "verified-finding", disabled: !editable, onchange: (e: Event) => { draft.finding = (e.target as HTMLSelectElement).value; } },
          ...(["", "true", "false"] as const).map((v) => h("option", { value: v, selected: draft.finding === v }, findingText(v === "" ? null : v === "true", t)))))
    : h("label", { class: "field" }, h("span", {}, t("review.verifiedScoreOf", { points: formatScore(item.points, locale) })),
        h("input", { id: "verified-score", type: "text", inputmode: "decimal", value: draft.score, disabled: !editable,
          oninput: (e: Event) => { draft.score = (e.target as HTMLInputElement).value; } }));
  const conflict = theirs
    ? h("div", { class: "conflict", "data-state": "conflict" },
        h("p", {}, t("review.conflict", { revision: theirs.review.revision, time: theirs.review.updatedAt ? new Date(theirs.review.updatedAt).toLocaleString(locale) : "" })),
        h("p", { id: "conflict-current" }, t("review.conflict.current", {
          score: isVeto(theirs.item) ? findingText(theirs.item.verifiedFinding, t) : formatScore(theirs.item.verifiedScore, locale),
          comment: theirs.item.comment ?? "—",
          count: theirs.item.problems.length,
        })),
        h("div", { class: "actions" },
          h("button", { type: "button", id: "conflict-mine", onclick: () => on.keepMine() }, t("review.conflict.keepMine")),
          h("button", { type: "button", id: "conflict-theirs", onclick: () => on.takeTheirs() }, t("review.conflict.takeTheirs"))))
    : null;
  return [
    h("h2", {}, `${item.indicatorCode} ${item.name}`),
    h("dl", { class: "figures" }, ...figures.flatMap(([label, value]) => [h("dt", {}, label), h("dd", {}, value)])),
    verified,
    draft.error ? h("p", { class: "warning", id: "score-error", role: "alert" }, t(draft.error.key, draft.error.params)) : null,
    h("label", { class: "field" }, h("span", {}, t("review.comment")),
      h("textarea", { id: "review-comment", rows: 4, disabled: !editable, oninput: (e: Event) => { draft.comment = (e.target as HTMLTextAreaElement).value; } }, draft.comment)),
    conflict,
    editable && !theirs
      ? h("div", { class: "actions" },
          h("button", { type: "button", id: "review-save", class: "primary", onclick: (e: Event) => on.save(e.currentTarget as HTMLButtonElement) }, t("review.save")))
      : null,
    item.problems.length > 0 ? h("h3", {}, t("review.problems", { count: item.problems.length })) : null,
    item.problems.length > 0 ? problemsList(item.problems, t) : null,
  ];
}

export interface SummaryHandlers {
  changed(value: string): void;
  save(button: HTMLButtonElement): void;
  complete(button: HTMLButtonElement): void;
  confirmComplete(): void;
  cancelComplete(): void;
}

/** The group's overall opinion (评估意见), and completing the review after a confirmation. */
export function summaryView(value: string, editable: boolean, confirming: boolean, t: Translate, on: SummaryHandlers): (HTMLElement | null)[] {
  return [
    h("h2", {}, t("review.summary.heading")),
    h("textarea", { id: "review-summary", rows: 4, disabled: !editable, "aria-label": t("review.summary.heading"),
      oninput: (e: Event) => on.changed((e.target as HTMLTextAreaElement).value) }, value),
    editable
      ? h("div", { class: "actions" },
          h("button", { type: "button", id: "summary-save", onclick: (e: Event) => on.save(e.currentTarget as HTMLButtonElement) }, t("review.summary.save")),
          h("button", { type: "button", id: "review-complete", onclick: (e: Event) => on.complete(e.currentTarget as HTMLButtonElement) }, t("review.complete")))
      : null,
    confirming ? confirmBox("complete", t("review.complete.confirm"), t("review.complete"), t, on.confirmComplete, on.cancelComplete) : null,
  ];
}

export function problemsList(problems: readonly ReviewProblem[], t: Translate): HTMLElement {
  return h(
    "ul",
    { class: "problems review-problems" },
    ...problems.map((p) =>
      h("li", {},
        h("span", { class: "problem-message" }, p.category ? `［${p.category}］${p.description}` : p.description),
        p.requirement ? h("span", { class: "muted" }, t("review.problem.requirement", { text: p.requirement })) : null),
    ),
  );
}

export interface CommentActions {
  /** The indicator items by code, to tell whether a comment is already a problem. */
  item(code: string): ReviewItem | undefined;
  editable: boolean;
  /** The comment whose "record as a problem" form is open. */
  openForm: { commentId: string; description: string; requirement: string } | null;
  toProblem(code: string, comment: DocumentComment): void;
  formChanged(field: "description" | "requirement", value: string): void;
  confirm(): void;
  cancel(): void;
}

/** One synced comment: author, text, and (under an indicator) the button that records it as a problem. */
function commentEntry(code: string | null, comment: DocumentComment, actions: CommentActions, t: Translate): HTMLElement {
  const item = code ? actions.item(code) : undefined;
  const recorded = item ? hasProblem(item, comment.content) : false;
  const form = actions.openForm?.commentId === comment.id ? actions.openForm : null;
  return h(
    "li",
    { "data-comment-id": comment.id },
    h("span", { class: "problem-message" }, comment.authorName ? `${comment.authorName}：${comment.content}` : comment.content),
    comment.resolved ? h("span", { class: "muted" }, t("review.comments.resolved")) : null,
    code && item && !form
      ? h("button", { type: "button", class: "link", "data-action": "to-problem", disabled: recorded || !actions.editable,
          onclick: () => actions.toProblem(code, comment) }, t(recorded ? "review.toProblem.done" : "review.toProblem"))
      : null,
    form
      ? h("div", { class: "stack problem-form" },
          h("label", { class: "field" }, h("span", {}, t("review.problem.description")),
            h("textarea", { rows: 3, "data-field": "description", oninput: (e: Event) => actions.formChanged("description", (e.target as HTMLTextAreaElement).value) }, form.description)),
          h("label", { class: "field" }, h("span", {}, t("review.problem.requirementLabel")),
            h("input", { type: "text", "data-field": "requirement", value: form.requirement,
              oninput: (e: Event) => actions.formChanged("requirement", (e.target as HTMLInputElement).value) })),
          h("div", { class: "actions" },
            h("button", { type: "button", class: "primary", "data-action": "confirm-problem", onclick: () => actions.confirm() }, t("review.problem.confirm")),
            h("button", { type: "button", "data-action": "cancel-problem", onclick: () => actions.cancel() }, t("word.cancel"))))
      : null,
  );
}

/** The document's comments filed under their indicators, and those outside any. */
export function commentsSection(
  byCode: ReadonlyMap<string, readonly DocumentComment[]>,
  outside: readonly DocumentComment[],
  actions: CommentActions,
  t: Translate,
): HTMLElement[] {
  const groups: HTMLElement[] = [...byCode].map(([code, comments]) => {
    const item = actions.item(code);
    return h("div", { class: "comment-group", "data-code": code },
      h("h3", {}, item ? `${code} ${item.name}` : code),
      h("ul", { class: "problems" }, ...comments.map((c) => commentEntry(code, c, actions, t))));
  });
  if (outside.length > 0) {
    groups.push(h("div", { class: "comment-group", "data-code": "" },
      h("h3", {}, t("review.comments.outside", { count: outside.length })),
      h("ul", { class: "problems" }, ...outside.map((c) => commentEntry(null, c, actions, t)))));
  }
  return [h("h2", {}, t("review.comments.heading")), ...groups];
}
