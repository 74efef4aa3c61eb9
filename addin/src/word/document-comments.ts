// The document's own comments in the field review: read from Word with the content control each sits in, filed under
// their indicators (appended to the item's comment once each), listed, and recorded as problems on request.
import type { ReviewItem, ReviewItemChange } from "../shared/api";
import { replaceChildren, setVisible } from "../shared/dom";
import type { MessageKey } from "../shared/i18n";
import type { Pane } from "../shared/pane";
import { readComments, type DocumentComment, type DocumentIndicator } from "./document";
import { appendComments, changeOf, clean, fileComments, withProblem, type FiledComments } from "./review";
import { commentsSection, type Notice } from "./review-views";

/** What the comments need of the review they belong to (the ReviewController). */
export interface ReviewAccess {
  readonly pane: Pane;
  readonly editable: boolean;
  /** Whether this Word reads comments and their enclosing controls (WordApi 1.4 and 1.3). */
  readonly canComment: boolean;
  indicators(): readonly DocumentIndicator[];
  knownCodes(): ReadonlySet<string>;
  item(code: string): ReviewItem | undefined;
  /** Saves an additive change of an item (made again on the current item after a 412). */
  amend(code: string, change: (item: ReviewItem) => ReviewItemChange, appended?: readonly DocumentComment[]): Promise<void>;
  say(key: MessageKey, params?: Notice["params"], kind?: Notice["kind"]): void;
  act(work: () => Promise<void>): void;
  render(): void;
}

export class DocumentComments {
  private filed: FiledComments | null = null;
  private form: { code: string; commentId: string; description: string; requirement: string } | null = null;

  constructor(private readonly review: ReviewAccess) {}

  reset(): void {
    this.filed = null;
    this.form = null;
  }

  /** Reads the document's comments and appends the new ones to their indicators' comments, one PUT per indicator. */
  async sync(): Promise<void> {
    const { review } = this;
    if (!review.canComment) {
      review.say("word.sync.unsupported", undefined, "warning");
      return;
    }
    review.pane.setStatus("word.sync.busy");
    const comments = await Word.run((context) => readComments(context));
    const filed = fileComments(comments, review.indicators(), review.knownCodes());
    // A control tagged with a code this review does not have (another unit's report) is outside any indicator here.
    for (const [code, list] of [...filed.byCode]) {
      if (review.item(code)) continue;
      filed.byCode.delete(code);
      filed.outside.push(...list);
    }
    this.filed = filed;
    let added = 0;
    let indicators = 0;
    for (const [code, list] of filed.byCode) {
      const fresh = appendComments(review.item(code)?.comment ?? null, list).added.length;
      if (fresh === 0 || !review.editable) continue;
      await review.amend(code, (item) => ({ ...changeOf(item), comment: appendComments(item.comment, list).comment }), list);
      added += fresh;
      indicators++;
    }
    review.pane.clearMessages();
    if (added > 0) review.say("word.sync.done", { filed: added, indicators, outside: filed.outside.length });
    else review.say("word.sync.none", { outside: filed.outside.length }, "muted");
  }

  private open(code: string, comment: DocumentComment): void {
    this.form = { code, commentId: comment.id, description: clean(comment.content), requirement: "" };
    this.review.render();
  }

  private async record(): Promise<void> {
    const form = this.form;
    if (!form) return;
    const description = form.description.trim();
    if (!description) return this.review.say("review.problem.missing", undefined, "warning");
    const requirement = form.requirement.trim() || null;
    await this.review.amend(form.code, (item) => withProblem(item, { description, requirement }));
    this.form = null;
    this.review.say("review.problem.added", { code: form.code });
  }

  render(area: HTMLElement): void {
    const filed = this.filed;
    setVisible(area, filed !== null && (filed.byCode.size > 0 || filed.outside.length > 0));
    if (!filed) return replaceChildren(area);
    const form = this.form;
    replaceChildren(area, ...commentsSection(filed.byCode, filed.outside, {
      item: (code) => this.review.item(code),
      editable: this.review.editable,
      openForm: form,
      toProblem: (code, comment) => this.open(code, comment),
      formChanged: (field, value) => { if (form) form[field] = value; },
      confirm: () => this.review.act(() => this.record()),
      cancel: () => {
        this.form = null;
        this.review.render();
      },
    }, this.review.pane.i18n.t));
  }
}
