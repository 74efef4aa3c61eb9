// A small in-memory Word document for driving the Word pane in happy-dom: content controls, comments, the selection,
// behind the few Office.js objects the pane uses. Calls are queued and run at context.sync(), so a value is there
// only after the sync that loaded it and an error (NotAllowed) surfaces at the sync, as in Word. Every call is
// logged in order, "sync" included.
import { vi } from "vitest";

export interface FakeControl {
  id: number;
  tag: string;
  title: string;
  text: string;
}

export interface FakeComment {
  id: string;
  content: string;
  authorName: string;
  resolved: boolean;
  /** The content control the comment sits in, or null (body text outside any control). */
  controlId: number | null;
}

export interface FakeWordOptions {
  /** What insertFileFromBase64 makes of a file: its controls (ids are given by the fake). */
  fromFile: (base64: string) => Omit<FakeControl, "id">[];
  /** Highest WordApi version, e.g. "1.4"; "1.3" leaves comments out. */
  wordApi?: string;
  /** insertFileFromBase64 clears the tags of these codes' controls (office-js #1467). */
  resetTags?: string[];
  /** insertComment fails at sync with NotAllowed (office-js #6746). */
  commentsNotAllowed?: boolean;
  bodyText?: string;
}

class FakeError extends Error {
  constructor(readonly code: string) {
    super(`${code}: the fake Word refused the operation`);
  }
}

export class FakeWord {
  controls: FakeControl[] = [];
  comments: FakeComment[] = [];
  bodyText: string;
  selected: number | null = null;
  readonly log: string[] = [];
  private queue: Array<() => void> = [];
  private nextId = 100;

  constructor(private readonly options: FakeWordOptions) {
    this.bodyText = options.bodyText ?? "";
  }

  /** Stubs the Office and Word globals the pane uses. */
  install(): void {
    const wordApi = this.options.wordApi ?? "1.4";
    vi.stubGlobal("Office", {
      onReady: async () => ({ host: "Word", platform: "PC" }),
      context: {
        partitionKey: "word_",
        requirements: {
          isSetSupported: (name: string, version: string) => name === "WordApi" && minor(version) <= minor(wordApi),
        },
      },
    });
    vi.stubGlobal("Word", { run: async <T>(batch: (context: Word.RequestContext) => Promise<T>) => batch(this.context()) });
  }

  /** A user writes a comment in Word: inside the control of `code` (by tag or title), or outside any with null. */
  addComment(code: string | null, content: string, authorName = "李四"): FakeComment {
    const control = code === null ? null : this.controls.find((c) => c.tag.endsWith(`:${code}`) || c.title.startsWith(`${code} `));
    if (code !== null && !control) throw new Error(`no control for ${code}`);
    const comment = { id: `{c-${this.nextId++}}`, content, authorName, resolved: false, controlId: control?.id ?? null };
    this.comments.push(comment);
    return comment;
  }

  private enqueue(entry: string, op: () => void = () => undefined): void {
    this.log.push(entry);
    this.queue.push(op);
  }

  private control(id: number): FakeControl {
    const control = this.controls.find((c) => c.id === id);
    if (!control) throw new FakeError("ItemNotFound");
    return control;
  }

  context(): Word.RequestContext {
    const doc = this;
    const contentControls = {
      items: [] as FakeControl[],
      load(spec: string) {
        doc.enqueue(`controls.load:${spec}`, () => {
          contentControls.items = doc.controls.map((c) => ({ ...c }));
        });
        return contentControls;
      },
      getById(id: number) {
        return {
          select: (mode: string) => doc.enqueue(`select:${id}:${mode}`, () => {
            doc.control(id);
            doc.selected = id;
          }),
          set tag(value: string) {
            doc.enqueue(`tag:${id}=${value}`, () => {
              doc.control(id).tag = value;
            });
          },
          getRange: (location: string) => ({
            getComments() {
              const collection = {
                items: [] as { id: string; content: string }[],
                load(spec: string) {
                  doc.enqueue(`range.comments.load:${id}:${spec}`, () => {
                    collection.items = doc.comments.filter((c) => c.controlId === id).map((c) => ({
                      id: c.id,
                      get content() {
                        return c.content;
                      },
                      set content(value: string) {
                        doc.enqueue(`comment.content:${c.id}=${value}`, () => {
                          if (doc.options.commentsNotAllowed) throw new FakeError("NotAllowed");
                          c.content = value;
                        });
                      },
                    }));
                  });
                  return collection;
                },
              };
              return collection;
            },
            insertComment(text: string) {
              const comment = { id: "", load: (spec: string) => doc.log.push(`comment.load:${spec}`) };
              doc.enqueue(`insertComment:${id}:${location}:${text}`, () => {
                doc.control(id);
                if (doc.options.commentsNotAllowed) throw new FakeError("NotAllowed");
                const added = { id: `{c-${doc.nextId++}}`, content: text, authorName: "评估专员", resolved: false, controlId: id };
                doc.comments.push(added);
                comment.id = added.id;
              });
              return comment;
            },
          }),
        };
      },
    };
    const body = {
      text: "",
      load(spec: string) {
        doc.enqueue(`body.load:${spec}`, () => {
          body.text = doc.bodyText;
        });
        return body;
      },
      insertFileFromBase64(base64: string, location: string) {
        doc.enqueue(`insertFileFromBase64:${location}`, () => {
          const reset = new Set(doc.options.resetTags ?? []);
          doc.controls = doc.options.fromFile(base64).map((c) => ({
            ...c,
            id: doc.nextId++,
            tag: [...reset].some((code) => c.tag.endsWith(`:${code}`)) ? "" : c.tag,
          }));
          doc.bodyText = doc.controls.map((c) => c.text).join("\r");
          doc.comments = [];
        });
      },
      getComments() {
        const collection = {
          items: [] as unknown[],
          load(spec: string) {
            doc.enqueue(`comments.load:${spec}`, () => {
              collection.items = doc.comments.map((c) => ({
                ...c,
                getRange: () => ({ parentContentControlOrNullObject: parentOf(c) }),
              }));
            });
            return collection;
          },
        };
        return collection;
      },
    };
    function parentOf(comment: FakeComment) {
      const parent = { isNullObject: true, id: 0, tag: "", title: "", load: (spec: string) => doc.enqueue(`parent.load:${spec}`, () => {
        const control = doc.controls.find((c) => c.id === comment.controlId);
        Object.assign(parent, control ? { isNullObject: false, id: control.id, tag: control.tag, title: control.title } : { isNullObject: true });
      }) };
      return parent;
    }
    return {
      document: { body, contentControls },
      sync: async () => {
        doc.log.push("sync");
        const ops = doc.queue;
        doc.queue = [];
        for (const op of ops) op();
      },
    } as unknown as Word.RequestContext;
  }
}

function minor(version: string): number {
  return Number(version.split(".")[1] ?? 0);
}
