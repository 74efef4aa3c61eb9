// Office.js calls for the Word pane: thin functions over a request context, one context.sync() per step, none in
// loops. The 自评报告 wraps each indicator in a block content control, tag `officeeval:indicator:{code}`, title
// `{code} {name}`; everything here finds indicators through those controls.

export interface RequirementSet {
  name: string;
  version: string;
}

/** body.insertFileFromBase64 and content controls: every Word that runs add-ins. */
export const INSERT_FILE_SET: RequirementSet = { name: "WordApi", version: "1.1" };
/** range.parentContentControlOrNullObject: which indicator a comment sits in. */
export const PARENT_CONTROL_SET: RequirementSet = { name: "WordApi", version: "1.3" };
/** Comments (insertComment, getComments, comment.getRange): Microsoft 365 and the web, not Office 2019/2021. */
export const COMMENTS_SET: RequirementSet = { name: "WordApi", version: "1.4" };

export function supports(requirements: Office.RequirementSetSupport | undefined, set: RequirementSet): boolean {
  return requirements?.isSetSupported(set.name, set.version) ?? false;
}

export const INDICATOR_TAG_PREFIX = "officeeval:indicator:";

export function indicatorTag(code: string): string {
  return INDICATOR_TAG_PREFIX + code;
}

/** How a content control was recognised: by its tag, or by its title where Word had reset the tag (office-js #1467). */
export type RecognisedBy = "tag" | "title";

/**
 * The indicator code a content control stands for, or null. The tag decides when it is ours; a control whose tag
 * was reset is recognised by a title `{code} {name}` whose code is one of `knownCodes` (the review's leaves), so that
 * an unrelated control titled e.g. "附件 1" is not taken for an indicator.
 */
export function recognise(
  tag: string | null | undefined,
  title: string | null | undefined,
  knownCodes: ReadonlySet<string>,
): { code: string; by: RecognisedBy } | null {
  const tagText = (tag ?? "").trim();
  if (tagText.startsWith(INDICATOR_TAG_PREFIX)) {
    const code = tagText.slice(INDICATOR_TAG_PREFIX.length).trim();
    if (code) return { code, by: "tag" };
  }
  if (tagText) return null; // someone else's control
  const first = /^\s*(\S+)[\s\u3000]/u.exec(title ?? "")?.[1];
  return first && knownCodes.has(first) ? { code: first, by: "title" } : null;
}

/** An indicator's content control in the open document. */
export interface DocumentIndicator {
  /** ContentControl.id: stable while the document is open. */
  controlId: number;
  code: string;
  title: string;
  text: string;
  by: RecognisedBy;
}

export interface DocumentIndicators {
  /** In document order, one per code (the first control of a code wins). */
  indicators: DocumentIndicator[];
  /** How many content controls the document has in all. */
  controlCount: number;
}

/** Whether the body has any text: inserting the report replaces the whole body, so the pane asks first. */
export async function bodyHasText(context: Word.RequestContext): Promise<boolean> {
  const body = context.document.body;
  body.load("text");
  await context.sync();
  return body.text.trim().length > 0;
}

/** Replaces the document's body with the .docx given as base64. */
export async function insertReport(context: Word.RequestContext, base64: string): Promise<void> {
  context.document.body.insertFileFromBase64(base64, "Replace");
  await context.sync();
}

/** Every content control's id, tag, title and text in one sync; the indicators among them. */
export async function readIndicators(context: Word.RequestContext, knownCodes: ReadonlySet<string>): Promise<DocumentIndicators> {
  const controls = context.document.contentControls;
  controls.load("items/id,items/tag,items/title,items/text");
  await context.sync();
  const indicators: DocumentIndicator[] = [];
  const seen = new Set<string>();
  for (const control of controls.items) {
    const found = recognise(control.tag, control.title, knownCodes);
    if (!found || seen.has(found.code)) continue;
    seen.add(found.code);
    indicators.push({ controlId: control.id, code: found.code, title: control.title ?? "", text: control.text ?? "", by: found.by });
  }
  return { indicators, controlCount: controls.items.length };
}

/**
 * Puts the tag back on indicators recognised by their title (insertFileFromBase64 resets tags, office-js #1467), so
 * the document identifies them by tag from now on. Returns how many were tagged.
 */
export async function restoreTags(context: Word.RequestContext, indicators: readonly DocumentIndicator[]): Promise<number> {
  const untagged = indicators.filter((i) => i.by === "title");
  if (untagged.length === 0) return 0;
  for (const indicator of untagged) context.document.contentControls.getById(indicator.controlId).tag = indicatorTag(indicator.code);
  await context.sync();
  return untagged.length;
}

/** Selects an indicator's content control; Word scrolls to the selection. */
export async function selectIndicator(context: Word.RequestContext, controlId: number): Promise<void> {
  context.document.contentControls.getById(controlId).select("Select");
  await context.sync();
}

/**
 * Puts a comment on the content of an indicator's control: the pane's earlier comment there (`isOurs`) gets the new
 * text, else a comment is added, so that saving again does not pile comments up. Returns the comment's id and
 * whether it was an update. Fails with the code NotAllowed on some Word on the web tenants (office-js #6746).
 */
export async function commentOnIndicator(
  context: Word.RequestContext,
  controlId: number,
  text: string,
  isOurs: (content: string) => boolean,
): Promise<{ id: string; updated: boolean }> {
  const range = context.document.contentControls.getById(controlId).getRange("Content");
  const existing = range.getComments();
  existing.load("items/id,items/content");
  await context.sync();
  const ours = existing.items.find((c) => isOurs(c.content ?? ""));
  if (ours) {
    ours.content = text;
    await context.sync();
    return { id: ours.id, updated: true };
  }
  const comment = range.insertComment(text);
  comment.load("id");
  await context.sync();
  return { id: comment.id, updated: false };
}

export function isNotAllowed(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "NotAllowed";
}

/** A comment written in the document, with the content control it sits in (innermost), if any. */
export interface DocumentComment {
  id: string;
  content: string;
  authorName: string;
  resolved: boolean;
  /** The enclosing content control: its id, tag and title; null outside any control. */
  control: { id: number; tag: string; title: string } | null;
}

/**
 * The body's comments with the content control each sits in: the comments in one sync, then every comment's range
 * and its parent control in a second (queued for all comments at once).
 */
export async function readComments(context: Word.RequestContext): Promise<DocumentComment[]> {
  const comments = context.document.body.getComments();
  comments.load("items/id,items/content,items/authorName,items/resolved");
  await context.sync();
  const parents = comments.items.map((comment) => {
    const parent = comment.getRange().parentContentControlOrNullObject;
    parent.load("id,tag,title");
    return parent;
  });
  await context.sync();
  return comments.items.map((comment, i) => {
    const parent = parents[i]!;
    return {
      id: comment.id,
      content: comment.content ?? "",
      authorName: comment.authorName ?? "",
      resolved: comment.resolved === true,
      control: parent.isNullObject ? null : { id: parent.id, tag: parent.tag ?? "", title: parent.title ?? "" },
    };
  });
}
