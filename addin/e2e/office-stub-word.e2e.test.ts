// The Office stub's Word document (office-stub.js) on a blank page: a .docx with indicator content controls inserted
// through the Word API as the pane does it, content controls and comments read back, a user's comments through the
// hooks, and the Word behaviours the configuration can switch on (tags reset, controls unlisted, NotAllowed).
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docx, type DocxBlock } from "./docx";
import { closeChromium, launchChromium, officeCalls, withBlankPage, type OfficeStubConfig } from "./harness";

const WORD: OfficeStubConfig = { host: "Word", platform: "OfficeOnline", requirementSets: { WordApi: "1.4" } };
const REPORT: DocxBlock[] = [
  "市教育局自评报告",
  { tag: "officeeval:indicator:1.1.1", title: "1.1.1 主责主业履行情况", paragraphs: ["1.1.1 主责主业履行情况", "自评得分：8 分"] },
  { tag: "officeeval:indicator:1.1.2", title: "1.1.2 重点工作任务完成情况", paragraphs: ["1.1.2 重点工作任务完成情况", "自评得分：7 分"] },
  "（报告完）",
];
const report = docx(REPORT).toString("base64");

describe("office-stub.js: the in-memory Word document", () => {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await closeChromium(browser);
  });

  it("inserts a .docx's paragraphs and content controls, reads them back, comments on a control and files comments by control", async () => {
    await withBlankPage(browser!, "stub-word", WORD, async ({ page, pageErrors, blocked }) => {
      const read = await page.evaluate((base64) =>
        Word.run(async (context) => {
          context.document.body.insertFileFromBase64(base64, "Replace");
          await context.sync();
          const controls = context.document.contentControls;
          controls.load("items/id,items/tag,items/title,items/text");
          const body = context.document.body.load("text");
          const byTag = context.document.contentControls.getByTag("officeeval:indicator:1.1.2").getFirst();
          byTag.load("title");
          await context.sync();
          let notLoaded = "";
          try {
            void controls.items[0]!.appearance;
          } catch (error) {
            notLoaded = (error as { code: string }).code;
          }
          const first = controls.items[0]!;
          const comment = context.document.contentControls.getById(first.id).getRange("Content").insertComment("【评估意见】好");
          comment.load("id");
          context.document.contentControls.getById(controls.items[1]!.id).select("Select");
          await context.sync();
          return {
            controls: controls.items.map((c) => ({ tag: c.tag, title: c.title, text: c.text })),
            body: body.text,
            byTag: byTag.title,
            notLoaded,
            commentId: comment.id,
          };
        }), report);

      expect(read.controls).toEqual([
        { tag: "officeeval:indicator:1.1.1", title: "1.1.1 主责主业履行情况", text: "1.1.1 主责主业履行情况\r自评得分：8 分" },
        { tag: "officeeval:indicator:1.1.2", title: "1.1.2 重点工作任务完成情况", text: "1.1.2 重点工作任务完成情况\r自评得分：7 分" },
      ]);
      expect(read.body.split("\r")).toEqual(["市教育局自评报告", "1.1.1 主责主业履行情况", "自评得分：8 分", "1.1.2 重点工作任务完成情况", "自评得分：7 分", "（报告完）"]);
      expect(read.byTag).toBe("1.1.2 重点工作任务完成情况");
      expect(read.notLoaded).toBe("PropertyNotLoaded");
      expect(read.commentId).toMatch(/^\{[0-9A-F-]{36}\}$/);
      expect(await page.evaluate(() => window.__officeStub.word.selection())).toMatchObject({ kind: "control", tag: "officeeval:indicator:1.1.2" });

      // A user's comments: one inside 1.1.2, one in the heading outside any control.
      const inside = await page.evaluate(() => window.__officeStub.word.addComment("officeeval:indicator:1.1.2", "现场抽查", { author: "李四" }));
      await page.evaluate(() => window.__officeStub.word.addComment(null, "标题格式"));
      const filed = await page.evaluate(() =>
        Word.run(async (context) => {
          const comments = context.document.body.getComments();
          comments.load("items/id,items/content,items/authorName,items/resolved");
          await context.sync();
          const parents = comments.items.map((c) => c.getRange().parentContentControlOrNullObject.load("tag"));
          await context.sync();
          return comments.items.map((c, i) => ({ id: c.id, content: c.content, author: c.authorName, resolved: c.resolved, in: parents[i]!.isNullObject ? null : parents[i]!.tag }));
        }));
      expect(filed).toEqual([
        { id: expect.any(String), content: "标题格式", author: "审阅人", resolved: false, in: null },
        { id: read.commentId, content: "【评估意见】好", author: "Stub User", resolved: false, in: "officeeval:indicator:1.1.1" },
        { id: inside, content: "现场抽查", author: "李四", resolved: false, in: "officeeval:indicator:1.1.2" },
      ]);
      const hooks = await page.evaluate(() => window.__officeStub.word.comments());
      expect(hooks.map((c) => [c.by, c.control?.tag ?? null, c.text])).toEqual([
        ["user", null, "市教育局自评报告"],
        ["addin", "officeeval:indicator:1.1.1", "1.1.1 主责主业履行情况\r自评得分：8 分"],
        ["user", "officeeval:indicator:1.1.2", "1.1.2 重点工作任务完成情况"],
      ]);

      // Replace: the old content and its comments are gone.
      await page.evaluate((base64) => Word.run(async (context) => {
        context.document.body.insertFileFromBase64(base64, "Replace");
        await context.sync();
      }), report);
      expect(await page.evaluate(() => window.__officeStub.word.comments())).toEqual([]);
      const calls = await officeCalls(page);
      expect(calls.filter((c) => c.api === "body.insertFileFromBase64").map((c) => (c.controls as unknown[]).length)).toEqual([2, 2]);
      expect(calls.find((c) => c.api === "contentControl.select")).toMatchObject({ tag: "officeeval:indicator:1.1.2", mode: "Select" });
      expect(pageErrors).toEqual([]);
      expect(blocked).toEqual([]);
    });
  });

  it("does what Word does on request: tags reset on insert, inserted controls unlisted, comments NotAllowed; a bad file is refused", async () => {
    const config = { ...WORD, word: { insertResetsTags: true, commentsNotAllowed: true } };
    await withBlankPage(browser!, "stub-word-quirks", config, async ({ page }) => {
      const outcome = await page.evaluate((base64) =>
        Word.run(async (context) => {
          context.document.body.insertFileFromBase64(base64, "Replace");
          const controls = context.document.contentControls.load("items/id,items/tag,items/title");
          await context.sync();
          const titles = controls.items.map((c) => [c.tag, c.title]);
          controls.items[0]!.tag = "officeeval:indicator:1.1.1";
          controls.items[1]!.getRange("Content").insertComment("x");
          let code = "ok";
          await context.sync().catch((error: { code: string }) => { code = error.code; });
          const bad = await Word.run(async (ctx) => {
            ctx.document.body.insertFileFromBase64("bm90IGEgemlw", "Replace");
            return ctx.sync().then(() => "ok", (error: { code: string }) => error.code);
          });
          return { titles, code, bad };
        }), report);
      expect(outcome.titles).toEqual([["", "1.1.1 主责主业履行情况"], ["", "1.1.2 重点工作任务完成情况"]]);
      expect(outcome.code).toBe("NotAllowed");
      expect(outcome.bad).toBe("InvalidArgument");
      // The tag set before the failing comment stays set, as Office.js runs a batch up to its first error.
      expect((await page.evaluate(() => window.__officeStub.word.controls())).map((c) => c.tag)).toEqual(["officeeval:indicator:1.1.1", ""]);
    });

    await withBlankPage(browser!, "stub-word-unlisted", { ...WORD, word: { insertedControlsUnlisted: true } }, async ({ page }) => {
      const count = await page.evaluate((base64) =>
        Word.run(async (context) => {
          context.document.body.insertFileFromBase64(base64, "Replace");
          const controls = context.document.contentControls.load("items/id");
          await context.sync();
          return controls.items.length;
        }), report);
      expect(count).toBe(0);
      expect((await page.evaluate(() => window.__officeStub.word.controls())).map((c) => c.unlisted)).toEqual([true, true]);
    });
  });
});
