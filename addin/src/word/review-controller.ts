// The Word pane's field review: the unit's review from the API, the 自评报告 put into the document, the navigator
// between the review's leaves and the document's indicator content controls, one indicator's verification saved with
// If-Match (a conflict is shown with the current value, never settled silently) and echoed as a Word comment, the
// overall opinion and completion. The document's own comments are DocumentComments' business.
import type { Campaign, Review, ReviewItem, ReviewItemChange, Tagged, Unit } from "../shared/api";
import { ApiError } from "../shared/api";
import { bytesToBase64 } from "../shared/base64";
import { byId, h, replaceChildren, setVisible } from "../shared/dom";
import type { MessageKey } from "../shared/i18n";
import type { Pane } from "../shared/pane";
import {
  bodyHasText,
  commentOnIndicator,
  COMMENTS_SET,
  INSERT_FILE_SET,
  insertReport,
  isNotAllowed,
  PARENT_CONTROL_SET,
  readIndicators,
  restoreTags,
  selectIndicator,
  supports,
  type DocumentComment,
  type DocumentIndicator,
  type DocumentIndicators,
} from "./document";
import { DocumentComments, type ReviewAccess } from "./document-comments";
import { appendComments, changeOf, isPaneComment, isVeto, paneCommentText, parseVerifiedScore } from "./review";
import {
  confirmBox,
  editorView,
  navigatorList,
  notice,
  summaryView,
  type EditorDraft,
  type NavigatorRow,
  type Notice,
} from "./review-views";

/** Roles that see the review section; of them, Viewers only read. */
const REVIEW_ROLES = ["Admin", "Reviewer", "Viewer"];
const EDIT_ROLES = ["Admin", "Reviewer"];

/** A save that met someone else's: their review as it is now, to show and to build on. */
interface Conflict {
  code: string;
  current: Review;
  currentETag: string;
}

export class ReviewController implements ReviewAccess {
  private campaign: Campaign | null = null;
  private unit: Unit | null = null;
  private review: Review | null = null;
  private etag = "";
  private doc: DocumentIndicators | null = null;
  private selected: string | null = null;
  private draft: EditorDraft | null = null;
  private conflict: Conflict | null = null;
  private readonly comments: DocumentComments = new DocumentComments(this);
  private confirmingInsert = false;
  private confirmingComplete = false;
  private summaryDraft: string | null = null;
  private download: { url: string; fileName: string; unsupported: boolean } | null = null;
  private notices: Notice[] = [];
  private generation = 0;

  constructor(readonly pane: Pane, private readonly inWord: boolean) {
    byId("report-insert").addEventListener("click", () => this.act(() => this.insert(false), byId<HTMLButtonElement>("report-insert")));
    byId("comments-sync").addEventListener("click", () => this.act(() => this.comments.sync(), byId<HTMLButtonElement>("comments-sync")));
  }

  private get requirements(): Office.RequirementSetSupport | undefined {
    return this.inWord ? Office.context.requirements : undefined;
  }

  get canComment(): boolean {
    return supports(this.requirements, COMMENTS_SET) && supports(this.requirements, PARENT_CONTROL_SET);
  }

  private get visible(): boolean {
    return this.pane.me?.roles.some((r) => REVIEW_ROLES.includes(r)) === true;
  }

  /** Whether this user may change the review now. */
  get editable(): boolean {
    return this.pane.me?.roles.some((r) => EDIT_ROLES.includes(r)) === true && this.review?.isOpen === true;
  }

  knownCodes(): Set<string> {
    return new Set(this.review?.items.map((i) => i.indicatorCode) ?? []);
  }

  indicators(): readonly DocumentIndicator[] {
    return this.doc?.indicators ?? [];
  }

  item(code: string): ReviewItem | undefined {
    return this.review?.items.find((i) => i.indicatorCode === code);
  }

  private located(code: string) {
    return this.doc?.indicators.find((i) => i.code === code) ?? null;
  }

  /** Runs a user action: the pane's messages and this section's notices cleared first, failures shown. */
  act(work: () => Promise<void>, button?: HTMLButtonElement): void {
    this.notices = [];
    void this.pane.run(work, button).then(() => this.render());
  }

  say(key: MessageKey, params?: Notice["params"], kind: Notice["kind"] = "ok"): void {
    this.notices.push({ key, params, kind });
  }

  /** Follows a newly chosen unit (or none): its review, and the indicators of the open document. */
  async attach(campaign: Campaign | null, unit: Unit | null): Promise<void> {
    const generation = ++this.generation;
    this.campaign = campaign;
    this.unit = unit;
    this.review = null;
    this.doc = null;
    this.selected = null;
    this.draft = null;
    this.conflict = null;
    this.comments.reset();
    this.confirmingInsert = false;
    this.confirmingComplete = false;
    this.summaryDraft = null;
    this.notices = [];
    this.setDownload(null);
    this.render();
    if (!campaign || !unit || !this.visible) return;
    const tagged = await this.pane.api.review(campaign.id, unit.id);
    if (generation !== this.generation) return;
    this.apply(tagged);
    if (this.inWord) await this.readDocument();
    this.render();
  }

  private apply(tagged: Tagged<Review>): void {
    this.review = tagged.value;
    this.etag = tagged.etag;
  }

  private async readDocument(): Promise<void> {
    const known = this.knownCodes();
    this.doc = await Word.run((context) => readIndicators(context, known));
  }

  // ── Putting the 自评报告 into the document ──

  private async insert(confirmed: boolean): Promise<void> {
    const { campaign, unit } = this;
    if (!campaign || !unit) return;
    if (!this.inWord || !supports(this.requirements, INSERT_FILE_SET)) {
      const bytes = await this.pane.api.downloadSelfAssessmentReport(campaign.id, unit.id);
      const blob = new Blob([new Uint8Array(bytes)], { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" });
      this.setDownload({ url: URL.createObjectURL(blob), fileName: `${campaign.year}-${unit.code}-自评报告.docx`, unsupported: this.inWord });
      return;
    }
    // "Replace" replaces the whole body: ask first when there is something to lose.
    if (!confirmed && (await Word.run((context) => bodyHasText(context)))) {
      this.confirmingInsert = true;
      return;
    }
    this.confirmingInsert = false;
    this.pane.setStatus("word.insert.busy");
    const bytes = await this.pane.api.downloadSelfAssessmentReport(campaign.id, unit.id);
    await Word.run((context) => insertReport(context, bytesToBase64(bytes)));
    // Re-read what Word made of it: tags may have been reset (office-js #1467); titles then identify the indicators.
    await this.readDocument();
    this.pane.clearMessages();
    const found = this.doc?.indicators ?? [];
    this.say("word.insert.done", { count: found.length });
    const byTitle = found.filter((i) => i.by === "title");
    if (byTitle.length > 0) {
      await Word.run((context) => restoreTags(context, byTitle)).catch(() => undefined);
      this.say("word.insert.retagged", { count: byTitle.length }, "muted");
    }
  }

  private setDownload(next: ReviewController["download"]): void {
    if (this.download) URL.revokeObjectURL(this.download.url);
    this.download = next;
  }

  // ── Navigating ──

  private select(code: string): void {
    this.selected = code;
    this.conflict = this.conflict?.code === code ? this.conflict : null;
    this.resetDraft(code);
    this.notices = [];
    this.render();
    const located = this.located(code);
    if (!located || !this.inWord) return;
    Word.run((context) => selectIndicator(context, located.controlId)).catch((error: unknown) => this.pane.showError(error));
  }

  private resetDraft(code: string): void {
    const item = this.item(code);
    if (!item) return;
    this.draft = {
      code,
      score: item.verifiedScore === null ? "" : String(item.verifiedScore),
      finding: item.verifiedFinding === null ? "" : String(item.verifiedFinding),
      comment: item.comment ?? "",
      error: null,
    };
  }

  // ── Saving one indicator ──

  private async save(): Promise<void> {
    const { campaign, unit, draft } = this;
    const item = draft ? this.item(draft.code) : undefined;
    if (!campaign || !unit || !draft || !item) return;
    let change: ReviewItemChange;
    if (isVeto(item)) {
      change = { ...changeOf(item), verifiedScore: null, verifiedFinding: draft.finding === "" ? null : draft.finding === "true" };
    } else {
      const score = parseVerifiedScore(draft.score, item.points);
      if (!score.ok) {
        draft.error = { key: score.key, params: score.params, kind: "warning" };
        return;
      }
      change = { ...changeOf(item), verifiedScore: score.value };
    }
    change.comment = draft.comment.trim() || null;
    draft.error = null;
    await this.put(item, change);
  }

  /** PUTs an editor's change; a 412 becomes a conflict the user settles. */
  private async put(before: ReviewItem, change: ReviewItemChange): Promise<void> {
    const { campaign, unit } = this;
    if (!campaign || !unit) return;
    const code = before.indicatorCode;
    try {
      this.apply(await this.pane.api.saveReviewItem(campaign.id, unit.id, code, change, this.etag));
    } catch (error) {
      const current = conflictOf(error);
      if (!current) throw error;
      this.conflict = { code, current: current.value, currentETag: current.etag };
      return;
    }
    this.conflict = null;
    this.resetDraft(code);
    if (change.comment && change.comment !== before.comment) await this.echoComment(code, change.comment);
    else this.say("review.saved");
  }

  /** The saved comment as a Word comment on the indicator's content; the API save stands whatever Word says. */
  private async echoComment(code: string, comment: string): Promise<void> {
    const located = this.located(code);
    if (!this.inWord) return this.say("review.saved");
    if (!this.canComment) return this.say("word.comment.unsupported", undefined, "warning");
    if (!located) return this.say("word.comment.notInDocument", undefined, "warning");
    try {
      const { updated } = await Word.run((context) => commentOnIndicator(context, located.controlId, paneCommentText(comment), isPaneComment));
      this.say(updated ? "word.comment.updated" : "word.comment.inserted");
    } catch (error) {
      if (isNotAllowed(error)) this.say("word.comment.notAllowed", undefined, "warning");
      else this.say("word.comment.failed", { message: error instanceof Error ? error.message : String(error) }, "warning");
    }
  }

  /** Saves what is in the editor over their version, knowingly: the score and comment typed here, their problems. */
  private async keepMine(): Promise<void> {
    const conflict = this.conflict;
    if (!conflict) return;
    this.apply({ value: conflict.current, etag: conflict.currentETag });
    this.conflict = null;
    await this.save();
  }

  private takeTheirs(): void {
    const conflict = this.conflict;
    if (!conflict) return;
    this.apply({ value: conflict.current, etag: conflict.currentETag });
    this.conflict = null;
    this.resetDraft(conflict.code);
    this.render();
  }

  /**
   * An additive change (a comment appended, a problem added): on 412 it is made again on the current item and
   * saved once more, so nothing of the other person's is lost; the user is told.
   */
  async amend(code: string, change: (item: ReviewItem) => ReviewItemChange, appended?: readonly DocumentComment[]): Promise<void> {
    const { campaign, unit } = this;
    const item = this.item(code);
    if (!campaign || !unit || !item) return;
    try {
      this.apply(await this.pane.api.saveReviewItem(campaign.id, unit.id, code, change(item), this.etag));
    } catch (error) {
      const current = conflictOf(error);
      const theirs = current?.value.items.find((i) => i.indicatorCode === code);
      if (!current || !theirs) throw error;
      this.apply(current);
      this.apply(await this.pane.api.saveReviewItem(campaign.id, unit.id, code, change(theirs), this.etag));
      this.say("review.rebased", { code }, "muted");
    }
    this.refreshDraft(code, item, appended);
  }

  /**
   * After the pane itself changed an item, the editor follows: fields the user has not touched take the saved
   * values; a comment being edited gets the same lines appended, so that saving it later does not drop them.
   */
  private refreshDraft(code: string, before: ReviewItem, appended?: readonly DocumentComment[]): void {
    const draft = this.draft;
    const after = this.item(code);
    if (!draft || draft.code !== code || !after) return;
    const score = (i: ReviewItem) => (i.verifiedScore === null ? "" : String(i.verifiedScore));
    const finding = (i: ReviewItem) => (i.verifiedFinding === null ? "" : String(i.verifiedFinding));
    if (draft.score === score(before)) draft.score = score(after);
    if (draft.finding === finding(before)) draft.finding = finding(after);
    if (draft.comment === (before.comment ?? "")) draft.comment = after.comment ?? "";
    else if (appended) draft.comment = appendComments(draft.comment, appended).comment ?? "";
  }

  // ── Summary and completion ──

  private async saveSummary(): Promise<void> {
    const { campaign, unit } = this;
    if (!campaign || !unit || this.summaryDraft === null) return;
    try {
      this.apply(await this.pane.api.saveReviewSummary(campaign.id, unit.id, this.summaryDraft.trim() || null, this.etag));
    } catch (error) {
      const current = conflictOf(error);
      if (!current) throw error;
      // Shown, not overwritten: their summary goes into the box; saving again puts this one over it knowingly.
      this.apply(current);
      this.say("review.summary.conflict", { summary: current.value.summary ?? "—" }, "warning");
      return;
    }
    this.summaryDraft = null;
    this.say("review.summary.saved");
  }

  private async complete(): Promise<void> {
    const { campaign, unit } = this;
    if (!campaign || !unit) return;
    if (!this.confirmingComplete) {
      this.confirmingComplete = true;
      return;
    }
    this.confirmingComplete = false;
    this.apply(await this.pane.api.completeReview(campaign.id, unit.id, this.etag));
    this.say("review.complete.done");
  }

  // ── Rendering ──

  render(): void {
    const section = byId("review");
    setVisible(section, this.visible && this.unit !== null);
    const { t } = this.pane.i18n;
    const insert = byId<HTMLButtonElement>("report-insert");
    const sync = byId<HTMLButtonElement>("comments-sync");
    insert.disabled = !this.review;
    sync.disabled = !this.review || !this.inWord || !this.canComment || !this.editable;
    setVisible(sync, this.inWord);
    const hint = byId("word-hint");
    const hintKey: MessageKey | null = !this.inWord ? "word.notInWord" : !this.canComment ? "word.commentsUnsupported" : null;
    setVisible(hint, hintKey !== null);
    hint.textContent = hintKey ? t(hintKey) : "";
    this.renderDownload();
    this.renderConfirm();
    this.renderNotes();
    this.renderNavigator();
    this.renderEditor();
    this.comments.render(byId("comments"));
    this.renderSummary();
  }

  private renderDownload(): void {
    const area = byId("report-download");
    setVisible(area, this.download !== null);
    if (!this.download) return replaceChildren(area);
    const { t } = this.pane.i18n;
    replaceChildren(area,
      this.download.unsupported ? h("p", {}, t("word.insert.unsupported")) : null,
      h("a", { href: this.download.url, download: this.download.fileName }, t("word.download")));
  }

  private renderConfirm(): void {
    const area = byId("insert-confirm");
    setVisible(area, this.confirmingInsert);
    const { t } = this.pane.i18n;
    replaceChildren(area, this.confirmingInsert
      ? confirmBox("replace", t("word.insert.confirm"), t("word.insert.replace"), t,
          () => this.act(() => this.insert(true)), () => { this.confirmingInsert = false; this.render(); })
      : null);
  }

  private renderNotes(): void {
    const area = byId("review-note");
    const { t } = this.pane.i18n;
    const notes: Notice[] = [...this.notices];
    const review = this.review;
    if (review && !review.isOpen) {
      notes.push(review.status === "Completed"
        ? { key: "review.completed", kind: "muted" }
        : { key: "review.notOpen", params: { status: statusText(review.selfAssessmentStatus, t) }, kind: "warning" });
    } else if (review && !this.editable) {
      notes.push({ key: "review.readOnly", kind: "muted" });
    }
    if (review && this.inWord && this.doc && this.doc.indicators.length === 0) notes.push({ key: "word.noIndicators", kind: "warning" });
    setVisible(area, notes.length > 0);
    replaceChildren(area, ...notes.map((n) => notice(n, t)));
  }

  private rows(): NavigatorRow[] {
    const items = this.review?.items ?? [];
    const located = (this.doc?.indicators ?? []).flatMap((d) => {
      const item = items.find((i) => i.indicatorCode === d.code);
      return item ? [{ item, located: d }] : [];
    });
    const rest = items.filter((i) => !located.some((r) => r.item === i)).map((item) => ({ item, located: null }));
    return [...located, ...rest];
  }

  private renderNavigator(): void {
    const area = byId("navigator");
    const review = this.review;
    const { t, locale } = this.pane.i18n;
    if (!review) return replaceChildren(area);
    const done = review.items.filter((i) => (isVeto(i) ? i.verifiedFinding !== null : i.verifiedScore !== null)).length;
    const markMissing = (this.doc?.indicators.length ?? 0) > 0;
    replaceChildren(area,
      h("div", { class: "section-head" },
        h("h2", {}, t("review.indicators")),
        h("span", { class: "muted", id: "review-progress" }, t("review.progress", { done, total: review.items.length }))),
      navigatorList(this.rows(), this.selected, markMissing, locale, t, (code) => this.select(code)));
  }

  private renderEditor(): void {
    const area = byId("indicator");
    const item = this.selected ? this.item(this.selected) : undefined;
    const draft = this.draft;
    setVisible(area, !!item && !!draft);
    if (!item || !draft) return replaceChildren(area);
    const { t, locale } = this.pane.i18n;
    const conflict = this.conflict?.code === item.indicatorCode ? this.conflict : null;
    const theirs = conflict?.current.items.find((i) => i.indicatorCode === item.indicatorCode);
    replaceChildren(area, ...editorView(item, draft, conflict && theirs ? { review: conflict.current, item: theirs } : null, this.editable, locale, t, {
      save: (button) => this.act(() => this.save(), button),
      keepMine: () => this.act(() => this.keepMine()),
      takeTheirs: () => this.takeTheirs(),
    }));
  }

  private renderSummary(): void {
    const area = byId("summary-area");
    const review = this.review;
    setVisible(area, !!review);
    if (!review) return replaceChildren(area);
    replaceChildren(area, ...summaryView(this.summaryDraft ?? review.summary ?? "", this.editable, this.confirmingComplete, this.pane.i18n.t, {
      changed: (value) => { this.summaryDraft = value; },
      save: (button) => this.act(() => this.saveSummary(), button),
      complete: (button) => this.act(() => this.complete(), button),
      confirmComplete: () => this.act(() => this.complete()),
      cancelComplete: () => { this.confirmingComplete = false; this.render(); },
    }));
  }
}

/** The review as it is now, from a 412 (precondition.failed carries it in `current`, its ETag in `currentETag`). */
function conflictOf(error: unknown): Tagged<Review> | null {
  if (!(error instanceof ApiError) || error.status !== 412) return null;
  const current = error.problem.current as Review | undefined;
  if (!current || !Array.isArray(current.items)) return null;
  return { value: current, etag: error.problem.currentETag ?? `"${current.revision}"` };
}

function statusText(status: string | undefined, t: (key: MessageKey) => string): string {
  const known = ["NotStarted", "Drafting", "Submitted", "Returned", "Accepted", "FieldReviewed", "Final"];
  return status && known.includes(status) ? t(`status.${status}` as MessageKey) : (status ?? "");
}
