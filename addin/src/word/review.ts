// The field review's pure logic: checking a verified score, the PUT body of an item, filing Word comments under
// their indicators (appended to the item's comment once each, recognised by a marker), problems from comments.
import type { ReviewItem, ReviewItemChange, ReviewProblem } from "../shared/api";
import type { MessageKey, MessageParams } from "../shared/i18n";
import { recognise, type DocumentComment, type DocumentIndicator } from "./document";

export type ScoreCheck = { ok: true; value: number | null } | { ok: false; key: MessageKey; params?: MessageParams };

/** The verified score typed in the pane: blank clears it; otherwise 0 to the leaf's points, at most two decimals (as the API checks). */
export function parseVerifiedScore(input: string, points: number): ScoreCheck {
  const text = input.normalize("NFKC").trim();
  if (text === "") return { ok: true, value: null };
  if (!/^\d+(\.\d+)?$/.test(text)) return { ok: false, key: "review.score.notNumber" };
  const value = Number(text);
  if (value < 0 || value > points) return { ok: false, key: "review.score.range", params: { points } };
  if (!/^\d+(\.\d{1,2})?$/.test(text)) return { ok: false, key: "review.score.decimals" };
  return { ok: true, value };
}

export function isVeto(item: Pick<ReviewItem, "role">): boolean {
  return item.role === "Veto";
}

/** What the API holds for the item, as a PUT body (a PUT replaces the whole item). */
export function changeOf(item: ReviewItem): ReviewItemChange {
  return {
    verifiedScore: item.verifiedScore,
    verifiedFinding: item.verifiedFinding,
    comment: item.comment,
    problems: item.problems.map((p) => ({ ...p })),
  };
}

export function hasProblem(item: ReviewItem, description: string): boolean {
  const wanted = clean(description);
  return item.problems.some((p) => clean(p.description) === wanted);
}

/** The item with one more problem (none added when one with that description is already recorded). */
export function withProblem(item: ReviewItem, problem: ReviewProblem): ReviewItemChange {
  const change = changeOf(item);
  if (!hasProblem(item, problem.description)) change.problems.push(problem);
  return change;
}

/**
 * The pane's own Word comments (the saved 评估意见 of an indicator) start with this, so that syncing does not file
 * them back into the comment they came from; a reader of the document also sees where they come from.
 */
export const PANE_COMMENT_PREFIX = "【评估意见】";

export function paneCommentText(comment: string): string {
  return PANE_COMMENT_PREFIX + comment;
}

export function isPaneComment(content: string): boolean {
  return content.trimStart().startsWith(PANE_COMMENT_PREFIX);
}

/**
 * Marks a Word comment filed into an item's comment, from the Word comment's id (FNV-1a, 8 hex digits): syncing
 * again finds it and does not append the comment twice. Language-neutral, as it is stored.
 */
export function commentMarker(commentId: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < commentId.length; i++) {
    hash ^= commentId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `[Word#${hash.toString(16).padStart(8, "0")}]`;
}

/** One line per comment: marker, author, text on one line. */
export function filedLine(comment: Pick<DocumentComment, "id" | "authorName" | "content">): string {
  const author = clean(comment.authorName);
  return `${commentMarker(comment.id)} ${author ? `${author}：` : ""}${clean(comment.content)}`;
}

/** The item's comment with the Word comments not filed yet appended, one line each; `added` says which were new. */
export function appendComments(existing: string | null, comments: readonly DocumentComment[]): { comment: string | null; added: DocumentComment[] } {
  let comment = existing ?? "";
  const added: DocumentComment[] = [];
  for (const c of comments) {
    if (!clean(c.content) || comment.includes(commentMarker(c.id))) continue;
    comment = comment ? `${comment}\n${filedLine(c)}` : filedLine(c);
    added.push(c);
  }
  return { comment: comment || null, added };
}

export interface FiledComments {
  /** Per indicator code, the document's comments in it (the pane's own left out). */
  byCode: Map<string, DocumentComment[]>;
  /** Comments outside any indicator's content control. */
  outside: DocumentComment[];
  /** How many were the pane's own 评估意见. */
  fromPane: number;
}

/**
 * Files each comment under the indicator whose content control encloses it: by the control's id among the indicators
 * found in the document, else by its tag or title (a control the navigator did not list).
 */
export function fileComments(
  comments: readonly DocumentComment[],
  indicators: readonly DocumentIndicator[],
  knownCodes: ReadonlySet<string>,
): FiledComments {
  const byControl = new Map(indicators.map((i) => [i.controlId, i.code]));
  const byCode = new Map<string, DocumentComment[]>();
  const outside: DocumentComment[] = [];
  let fromPane = 0;
  for (const comment of comments) {
    if (isPaneComment(comment.content)) {
      fromPane++;
      continue;
    }
    const control = comment.control;
    const code = control ? (byControl.get(control.id) ?? recognise(control.tag, control.title, knownCodes)?.code) : undefined;
    if (!code) {
      outside.push(comment);
      continue;
    }
    const list = byCode.get(code) ?? [];
    list.push(comment);
    byCode.set(code, list);
  }
  return { byCode, outside, fromPane };
}

/** Comment text on one line, trimmed (Word separates paragraphs with \r). */
export function clean(text: string | null | undefined): string {
  return (text ?? "").replace(/\s+/g, " ").trim();
}
