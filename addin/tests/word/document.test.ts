import { OfficeMockObject } from "office-addin-mock";
import { beforeEach, describe, expect, it, vi } from "vitest";
import {
  bodyHasText,
  COMMENTS_SET,
  commentOnIndicator,
  INSERT_FILE_SET,
  insertReport,
  isNotAllowed,
  PARENT_CONTROL_SET,
  readComments,
  readIndicators,
  recognise,
  restoreTags,
  selectIndicator,
  supports,
} from "../../src/word/document";

// office-addin-mock gives the context its load/sync bookkeeping: a property read before load + sync is an error
// marker, not the value, so these tests also show each function loads what it reads and syncs before reading it.
// Calls under test are logged with "sync" in between, so the number of round trips is visible.
let log: string[];

beforeEach(() => {
  log = [];
});

function contextWithSyncLog(data: Record<string, unknown>): OfficeMockObject {
  const context = new OfficeMockObject(data);
  const sync = context.sync.bind(context);
  vi.spyOn(context, "sync").mockImplementation(async () => {
    log.push("sync");
    await sync();
  });
  return context;
}

/** A collection whose load is logged and then handed to the mock, which fills `items` at the next sync. */
function collection(name: string, items: unknown[]) {
  return {
    items,
    load(this: OfficeMockObject, spec: string) {
      log.push(`load:${name}:${spec}`);
      return OfficeMockObject.prototype.load.call(this, "items");
    },
  };
}

const known = new Set(["1.1.1", "1.1.2", "2.1.2"]);
const controls = [
  { id: 11, tag: "officeeval:indicator:1.1.2", title: "1.1.2 重点工作任务完成情况", text: "…" },
  { id: 12, tag: "", title: "1.1.1 主责主业履行情况", text: "…" },
  { id: 13, tag: "other:tool", title: "1.1.1 主责主业履行情况", text: "" },
  { id: 14, tag: "", title: "附件 1", text: "" },
  { id: 15, tag: "officeeval:indicator:1.1.2", title: "1.1.2 重复", text: "" },
  { id: 16, tag: "", title: "2.1.2\u3000擅自调整职责", text: "" },
];

describe("recognise", () => {
  it("takes the code from our tag, else from a title whose code is a known leaf; leaves other tools' controls alone", () => {
    expect(recognise("officeeval:indicator:4.1.1", "whatever", known)).toEqual({ code: "4.1.1", by: "tag" });
    expect(recognise("", "1.1.1 主责主业履行情况", known)).toEqual({ code: "1.1.1", by: "title" });
    expect(recognise(null, "2.1.2\u3000擅自调整职责", known)).toEqual({ code: "2.1.2", by: "title" });
    expect(recognise("", "9.9 未知", known)).toBeNull();
    expect(recognise("", "1.1.1", known)).toBeNull(); // a code alone is no "{code} {name}" title
    expect(recognise("other:tool", "1.1.1 主责主业履行情况", known)).toBeNull();
  });
});

describe("supports", () => {
  it("asks Office for the requirement set; outside Office nothing is supported", () => {
    const requirements = {
      isSetSupported: (name: string, version?: string | number) => name === "WordApi" && Number(String(version).split(".")[1]) <= 3,
    } as Office.RequirementSetSupport;
    expect([INSERT_FILE_SET, PARENT_CONTROL_SET, COMMENTS_SET].map((s) => supports(requirements, s))).toEqual([true, true, false]);
    expect(supports(undefined, INSERT_FILE_SET)).toBe(false);
  });
});

describe("bodyHasText and insertReport", () => {
  it("loads the body's text before reading it", async () => {
    const context = contextWithSyncLog({ document: { body: { text: "  现场记录 " } } });
    expect(await bodyHasText(context as unknown as Word.RequestContext)).toBe(true);
    expect(log).toEqual(["sync"]);
    const empty = contextWithSyncLog({ document: { body: { text: "\r" } } });
    expect(await bodyHasText(empty as unknown as Word.RequestContext)).toBe(false);
  });

  it("replaces the body with the file, then syncs once", async () => {
    const context = contextWithSyncLog({
      document: { body: { insertFileFromBase64: (b64: string, location: string) => log.push(`insert:${b64}:${location}`) } },
    });
    await insertReport(context as unknown as Word.RequestContext, "UEsDBA==");
    expect(log).toEqual(["insert:UEsDBA==:Replace", "sync"]);
  });
});

describe("readIndicators", () => {
  it("loads every control's id, tag, title and text in one sync and recognises indicators in document order", async () => {
    const context = contextWithSyncLog({ document: { contentControls: collection("controls", controls) } });

    const read = await readIndicators(context as unknown as Word.RequestContext, known);

    expect(log).toEqual(["load:controls:items/id,items/tag,items/title,items/text", "sync"]);
    expect(read.controlCount).toBe(6);
    expect(read.indicators.map((i) => [i.controlId, i.code, i.by])).toEqual([
      [11, "1.1.2", "tag"],
      [12, "1.1.1", "title"],
      [16, "2.1.2", "title"],
    ]);
  });
});

describe("restoreTags", () => {
  it("tags the controls recognised by title, in one sync; nothing to do, no sync", async () => {
    const tags = new Map<number, string>();
    const context = contextWithSyncLog({
      document: {
        contentControls: {
          getById: (id: number) => ({
            set tag(value: string) {
              log.push(`tag:${id}`);
              tags.set(id, value);
            },
          }),
        },
      },
    });
    const indicators = [
      { controlId: 11, code: "1.1.2", title: "", text: "", by: "tag" as const },
      { controlId: 12, code: "1.1.1", title: "", text: "", by: "title" as const },
      { controlId: 16, code: "2.1.2", title: "", text: "", by: "title" as const },
    ];
    expect(await restoreTags(context as unknown as Word.RequestContext, indicators)).toBe(2);
    expect(log).toEqual(["tag:12", "tag:16", "sync"]);
    expect([...tags]).toEqual([[12, "officeeval:indicator:1.1.1"], [16, "officeeval:indicator:2.1.2"]]);

    log = [];
    expect(await restoreTags(context as unknown as Word.RequestContext, indicators.slice(0, 1))).toBe(0);
    expect(log).toEqual([]);
  });
});

describe("selectIndicator and commentOnIndicator", () => {
  it("selects the control by id (Word scrolls to it)", async () => {
    const context = contextWithSyncLog({
      document: { contentControls: { getById: (id: number) => ({ select: (mode: string) => log.push(`select:${id}:${mode}`) }) } },
    });
    await selectIndicator(context as unknown as Word.RequestContext, 12);
    expect(log).toEqual(["select:12:Select", "sync"]);
  });

  /** A control whose content range has `existing` comments (content settable, logged) and takes new ones. */
  function commentable(existing: { id: string; content: string }[], inserted: OfficeMockObject) {
    return {
      document: {
        contentControls: {
          getById: (id: number) => ({
            getRange: (location: string) => ({
              getComments: () => ({
                items: existing.map((c) => ({
                  id: c.id,
                  get content() {
                    return c.content;
                  },
                  set content(value: string) {
                    log.push(`content:${c.id}=${value}`);
                    c.content = value;
                  },
                })),
                load: (spec: string) => log.push(`comments:${id}:${location}:${spec}`),
              }),
              insertComment: (text: string) => {
                log.push(`insert:${id}:${location}:${text}`);
                return inserted;
              },
            }),
          }),
        },
      },
    };
  }

  it("adds a comment on the control's content when the pane has none there, and reads its id after the sync", async () => {
    const comment = new OfficeMockObject({ id: "{c-1}" });
    const context = contextWithSyncLog(commentable([{ id: "{u-1}", content: "李四的批注" }], comment));
    const sync = (context.sync as unknown as () => Promise<void>).bind(context);
    vi.spyOn(context, "sync").mockImplementation(async () => {
      await sync();
      await comment.sync();
    });
    const result = await commentOnIndicator(context as unknown as Word.RequestContext, 12, "【评估意见】好", (c) => c.startsWith("【评估意见】"));
    expect(result).toEqual({ id: "{c-1}", updated: false });
    expect(log).toEqual(["comments:12:Content:items/id,items/content", "sync", "insert:12:Content:【评估意见】好", "sync"]);
  });

  it("updates the pane's earlier comment there instead of adding another", async () => {
    const context = contextWithSyncLog(commentable([{ id: "{u-1}", content: "李四的批注" }, { id: "{c-1}", content: "【评估意见】旧" }], new OfficeMockObject({})));
    const result = await commentOnIndicator(context as unknown as Word.RequestContext, 12, "【评估意见】新", (c) => c.startsWith("【评估意见】"));
    expect(result).toEqual({ id: "{c-1}", updated: true });
    expect(log).toEqual(["comments:12:Content:items/id,items/content", "sync", "content:{c-1}=【评估意见】新", "sync"]);
  });

  it("lets Word's NotAllowed through, recognisably", async () => {
    const context = new OfficeMockObject(commentable([], new OfficeMockObject({})));
    vi.spyOn(context, "sync").mockRejectedValue(Object.assign(new Error("NotAllowed"), { code: "NotAllowed" }));
    const failure = await commentOnIndicator(context as unknown as Word.RequestContext, 12, "x", () => false).catch((e: unknown) => e);
    expect(isNotAllowed(failure)).toBe(true);
    expect(isNotAllowed(new Error("GeneralException"))).toBe(false);
  });
});

describe("readComments", () => {
  it("reads the comments, then every comment's enclosing control, in two syncs whatever their number", async () => {
    let context: OfficeMockObject;
    const comment = (id: string, content: string, parent: string) => ({
      id,
      content,
      authorName: "李四",
      resolved: id === "c2",
      getRange: () => {
        log.push(`range:${id}`);
        return { parentContentControlOrNullObject: (context as unknown as { parents: Record<string, OfficeMockObject> }).parents[parent] };
      },
    });
    context = contextWithSyncLog({
      document: {
        body: {
          comments: collection("comments", [comment("c1", "台账不全", "p1"), comment("c2", "已整改", "p1"), comment("c3", "格式", "none")]),
          getComments(this: { comments: unknown }) {
            return this.comments;
          },
        },
      },
      parents: {
        p1: { id: 12, tag: "officeeval:indicator:1.1.1", title: "1.1.1 主责主业履行情况" },
        none: { id: 0, tag: "", title: "" },
      },
    });
    const parents = (context as unknown as { parents: Record<string, { isNullObject: boolean; load: (s: string) => unknown }> }).parents;
    parents.p1!.isNullObject = false;
    parents.none!.isNullObject = true;
    for (const name of ["p1", "none"]) {
      const parent = parents[name]!;
      const load = parent.load.bind(parent);
      parent.load = (spec: string) => {
        log.push(`load:${name}:${spec}`);
        return load(spec);
      };
    }

    const read = await readComments(context as unknown as Word.RequestContext);

    expect(log).toEqual([
      "load:comments:items/id,items/content,items/authorName,items/resolved",
      "sync",
      "range:c1", "load:p1:id,tag,title",
      "range:c2", "load:p1:id,tag,title",
      "range:c3", "load:none:id,tag,title",
      "sync",
    ]);
    expect(read).toEqual([
      { id: "c1", content: "台账不全", authorName: "李四", resolved: false, control: { id: 12, tag: "officeeval:indicator:1.1.1", title: "1.1.1 主责主业履行情况" } },
      { id: "c2", content: "已整改", authorName: "李四", resolved: true, control: { id: 12, tag: "officeeval:indicator:1.1.1", title: "1.1.1 主责主业履行情况" } },
      { id: "c3", content: "格式", authorName: "李四", resolved: false, control: null },
    ]);
  });
});
