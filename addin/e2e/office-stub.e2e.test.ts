// The Office stub itself (office-stub.js) on a blank page: its in-memory workbook, loaded from the unit's real
// template as the API serves it, driven through the Excel API as a pane would, and through the test hooks as a user.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BASE_URL,
  TIMEOUT,
  apiBytes,
  apiJson,
  closeChromium,
  demoUserToken,
  launchChromium,
  officeCalls,
  withBlankPage,
  type OfficeStubConfig,
} from "./harness";
import { readZip, xlsxSheetNames } from "./xlsx";

const CAMPAIGN = "2026年度机构编制执行情况和使用效益评估";
const UNIT_CODE = "ZF-FGW";
/**
 * Reads every unit (docs/identity.md) and no other e2e test signs in as it: getting its token through the API leaves
 * the staff's and the admin's first sign-in, through the panes' form, to the pane tests whatever the file order.
 */
const VIEWER = "viewer@demo.local";
const SHEET = "自评表";
const IDENTITY_NS = "urn:officeeval:self-assessment:v1";
const EXCEL: OfficeStubConfig = { host: "Excel", platform: "OfficeOnline", requirementSets: { ExcelApi: "1.17" } };
const poll = { timeout: TIMEOUT.action, interval: 50 };

interface ScoreResponse {
  total: number;
  maxTotal: number;
  leaves: { code: string; score: number; selfScore: number | null }[];
  problems: { code: string; indicatorCode?: string | null; sheet?: string | null; cell?: string | null }[];
}

/** Runs in the page: the error code an Office.js promise rejected with, or "ok". */
type Outcome = string;

describe("office-stub.js: the in-memory workbook", () => {
  let browser: Browser | undefined;
  let token = "";
  let unitPath = "";
  let template = "";
  let templateBytes: Buffer = Buffer.alloc(0);
  let templateSheets: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    token = await demoUserToken(VIEWER);
    const campaign = (await apiJson<{ id: string; name: string }[]>("GET", "campaigns", token)).find((c) => c.name === CAMPAIGN);
    expect(campaign, "the seeded campaign").toBeDefined();
    const unit = (await apiJson<{ id: string; code: string }[]>("GET", `campaigns/${campaign!.id}/units`, token)).find(
      (u) => u.code === UNIT_CODE,
    );
    expect(unit, "the demo staff's unit").toBeDefined();
    unitPath = `campaigns/${campaign!.id}/units/${unit!.id}/self-assessment`;
    templateBytes = await apiBytes(`${unitPath}/workbook`, token);
    template = templateBytes.toString("base64");
    templateSheets = xlsxSheetNames(templateBytes);
  });
  afterAll(async () => {
    await closeChromium(browser);
  });

  it("inserts the unit's real template: sheets by name, 自评表's used range as Excel gives it, protection, no custom XML parts", async () => {
    await withBlankPage(browser!, "stub-insert", EXCEL, async ({ page, pageErrors, blocked }) => {
      const read = await page.evaluate(
        ({ base64, ns }) =>
          Excel.run(async (context) => {
            const inserted = context.workbook.insertWorksheetsFromBase64(base64, { positionType: Excel.WorksheetPositionType.end });
            await context.sync();
            const sheets = context.workbook.worksheets.load("items/name,items/id,items/position");
            const sheet = context.workbook.worksheets.getItem("自评表");
            const used = sheet.getUsedRange().load("address,values,rowIndex,columnIndex,rowCount,columnCount");
            const usedValues = sheet.getUsedRange(true).load("address");
            const protection = sheet.protection.load("protected,options");
            const identity = context.workbook.customXmlParts.getByNamespace(ns).getOnlyItemOrNullObject();
            await context.sync();
            return {
              ids: inserted.value,
              sheets: sheets.items.map((s) => ({ name: s.name, id: s.id, position: s.position })),
              address: used.address,
              valuesOnlyAddress: usedValues.address,
              values: used.values,
              origin: [used.rowIndex, used.columnIndex, used.rowCount, used.columnCount],
              protected: protection.protected,
              options: protection.options,
              identityIsNull: identity.isNullObject,
            };
          }),
        { base64: template, ns: IDENTITY_NS },
      );

      // Appended after the new workbook's Sheet1, named as in the file; the result is the new sheets' IDs.
      expect(read.sheets.map((s) => s.name)).toEqual(["Sheet1", ...templateSheets]);
      expect(read.ids).toEqual(read.sheets.slice(1).map((s) => s.id));
      expect(read.sheets.map((s) => s.position)).toEqual(read.sheets.map((_s, i) => i));
      // The used range counts formatted cells (the hidden L:M columns, the blank input cells); values only: less.
      expect(read.address).toBe(`${SHEET}!A1:M30`);
      expect(read.origin).toEqual([0, 0, 30, 13]);
      expect(read.valuesOnlyAddress).toMatch(/^自评表!A1:M\d+$/);
      // Row 3 is the header, indicator codes from row 4: shared strings resolved, numbers as numbers.
      expect(read.values[2]!.slice(0, 3)).toEqual(["指标编码", "一级指标", "二级指标"]);
      const codes = read.values.slice(3).map((row) => row[0]).filter((v) => /^\d+(\.\d+)+$/.test(String(v)));
      expect(codes.length).toBeGreaterThan(10);
      expect(codes[0]).toBe("1.1.1");
      expect(read.values[3]![6]).toBe(8); // 分值 of 1.1.1
      expect(read.values[3]![7]).toBe(""); // its answer cell, blank
      expect(read.protected).toBe(true);
      expect(read.options).toMatchObject({ allowFormatCells: false, allowFormatColumns: true, allowEditObjects: false });
      // The template carries its identity as a custom XML part, but Excel does not insert parts with the sheets.
      expect(read.identityIsNull).toBe(true);

      // The hooks see the same cells, plus what the file's styles say.
      const hooks = await page.evaluate(() => ({
        a3: window.__officeStub.cells("自评表").A3,
        h4: window.__officeStub.cell("自评表", "H4"),
        a4: window.__officeStub.cell("自评表", "A4"),
        fill: window.__officeStub.fills("自评表").H4,
        formula: window.__officeStub.formulas("自评表").H23,
        frozen: window.__officeStub.sheets().find((s) => s.name === "自评表")!.frozenRows,
        runs: window.__officeStub.runs,
      }));
      expect(hooks.a3).toBe("指标编码");
      expect(hooks.h4).toMatchObject({ value: "", locked: false, fill: "#FFF2CC" });
      expect(hooks.a4).toMatchObject({ value: "1.1.1", locked: true });
      expect(hooks.fill).toBe("#FFF2CC");
      expect(hooks.formula).toBe("=IF(G23>0,I23/G23,0)");
      expect(hooks.frozen).toBe(3);
      expect(hooks.runs).toEqual([{ index: 0, syncs: 2, errors: [], done: true }]);

      // The API reads the stub's used range (the pane's live path) as it reads the file itself: same leaves, same
      // problems on 自评表's cells.
      const fromFile = await validateWorkbook(unitPath, token, templateBytes);
      const fromSheet = await apiJson<ScoreResponse>("POST", `${unitPath}/sheet/validate`, token, {
        values: read.values,
        rowIndex: read.origin[0],
        columnIndex: read.origin[1],
      });
      expect(fromSheet.maxTotal).toBe(fromFile.maxTotal);
      expect(fromSheet.leaves).toEqual(fromFile.leaves);
      // The reader found no cell it could not read, and the same indicators unanswered (the file's reader reports
      // them by cell, the sheet's checklist by indicator).
      expect(fromSheet.problems.filter((p) => p.cell)).toEqual([]);
      expect(unanswered(fromSheet, "submit.answer_missing")).toEqual(unanswered(fromFile, "answer.missing"));
      expect(unanswered(fromFile, "answer.missing").length).toBeGreaterThan(10);

      // A user answers 1.1.1 (a choice and a self-score): the API now reads that answer from the used range.
      await page.evaluate(() => window.__officeStub.edit("自评表", "H4:I4", [["好", "8"]]));
      const edited = await usedRangeValues(page, SHEET);
      expect(edited[3]!.slice(7, 9)).toEqual(["好", 8]);
      const scored = await apiJson<ScoreResponse>("POST", `${unitPath}/sheet/validate`, token, {
        values: edited,
        rowIndex: 0,
        columnIndex: 0,
      });
      expect(scored.leaves.find((l) => l.code === "1.1.1")).toMatchObject({ score: 8, selfScore: 8 });

      // The stub cannot write its workbook back to .xlsx: after an edit, getFileAsync says so rather than serve the
      // inserted file's stale bytes.
      const file = await page.evaluate(
        () =>
          new Promise<string>((resolve) =>
            Office.context.document.getFileAsync(Office.FileType.Compressed, (r) => resolve(`${r.status}: ${r.error?.message ?? ""}`)),
          ),
      );
      expect(file).toMatch(/^failed: stub: cell values changed after the file was inserted/);

      // Inserting again: names clash, so Excel appends " (2)"; sheetNamesToInsert picks sheets.
      const again = await page.evaluate(
        (base64) =>
          Excel.run(async (context) => {
            const inserted = context.workbook.insertWorksheetsFromBase64(base64, {
              sheetNamesToInsert: ["自评表"],
              positionType: Excel.WorksheetPositionType.beginning,
            });
            const sheets = context.workbook.worksheets.load("items/name");
            await context.sync();
            return { count: inserted.value.length, names: sheets.items.map((s) => s.name) };
          }),
        template,
      );
      expect(again).toEqual({ count: 1, names: ["自评表 (2)", "Sheet1", ...templateSheets] });

      // Calls are recorded as before: the insert with its base64 and options.
      const inserts = (await officeCalls(page)).filter((c) => c.api === "insertWorksheetsFromBase64");
      expect(inserts.map((c) => [c.options, c.sheetParts])).toEqual([
        [{ positionType: "End" }, templateSheets.length],
        [{ sheetNamesToInsert: ["自评表"], positionType: "Beginning" }, templateSheets.length],
      ]);
      expect(pageErrors).toEqual([]);
      expect(blocked).toEqual([]);
    });
  });

  it("fileFromModel: getFileAsync serves the edited workbook, whose identity part is missing until the pane adds it, as in Excel", async () => {
    const identity = [...readZip(templateBytes).values()].map((b) => b.toString("utf8")).find((x) => x.includes(IDENTITY_NS));
    expect(identity, "the template's identity part").toBeDefined();
    await withBlankPage(browser!, "stub-file", { ...EXCEL, fileFromModel: true }, async ({ page, pageErrors, blocked }) => {
      await page.evaluate(
        (base64) =>
          Excel.run(async (context) => {
            context.workbook.insertWorksheetsFromBase64(base64);
            await context.sync();
          }),
        template,
      );
      await page.evaluate(() => window.__officeStub.edit("自评表", "H4:I4", [["好", "8"]]));

      // The user's workbook: Sheet1 and the inserted sheets, the edit, but no identity part: the API refuses it.
      const withoutIdentity = await documentFile(page);
      expect(xlsxSheetNames(withoutIdentity)).toEqual(["Sheet1", ...templateSheets]);
      const refused = await postWorkbook(unitPath, token, withoutIdentity);
      expect([refused.status, (refused.body as { code?: string }).code]).toEqual([400, "upload.not_template"]);

      // A pane that adds the identity part after inserting gets the edit scored from the file.
      await page.evaluate(
        (xml) =>
          Excel.run(async (context) => {
            context.workbook.customXmlParts.add(xml);
            await context.sync();
          }),
        identity!,
      );
      const scored = await validateWorkbook(unitPath, token, await documentFile(page));
      expect(scored.leaves.find((l) => l.code === "1.1.1")).toMatchObject({ score: 8, selfScore: 8 });
      // The rest reads as the template did: the same unanswered indicators, bar 1.1.1.
      const fromTemplate = await validateWorkbook(unitPath, token, templateBytes);
      expect(unanswered(scored, "answer.missing")).toEqual(unanswered(fromTemplate, "answer.missing").filter((c) => c !== "1.1.1"));
      // What the stub wrote reads back into the same model.
      const reread = await page.evaluate(
        (base64) =>
          Excel.run(async (context) => {
            const inserted = context.workbook.insertWorksheetsFromBase64(base64, { sheetNamesToInsert: ["自评表"] });
            await context.sync();
            const sheet = context.workbook.worksheets.getItem(inserted.value[0]!);
            const used = sheet.getUsedRange().load("address,values");
            const protection = sheet.protection.load("protected,options");
            await context.sync();
            return { address: used.address, h4: used.values[3]!.slice(7, 9), protected: protection.protected, options: protection.options };
          }),
        (await documentFile(page)).toString("base64"),
      );
      expect(reread).toMatchObject({ address: "'自评表 (2)'!A1:M30", h4: ["好", 8], protected: true });
      expect(reread.options).toMatchObject({ allowFormatCells: false, allowFormatColumns: true });
      expect(await page.evaluate(() => window.__officeStub.cell("自评表 (2)", "H4"))).toMatchObject({ locked: false, fill: "#FFF2CC" });
      expect(pageErrors).toEqual([]);
      expect(blocked).toEqual([]);
    });
  });

  it("values: written and read back as Excel stores them; proxies need load and sync; errors reject the sync with Excel's codes", async () => {
    const config: OfficeStubConfig = {
      ...EXCEL,
      sheets: [{ name: "数据", cells: { A1: "编码", B1: "数量", C3: "保留", D2: { value: "", numberFormat: "@" } } }],
    };
    await withBlankPage(browser!, "stub-values", config, async ({ page, pageErrors, blocked }) => {
      const out = await page.evaluate(() =>
        Excel.run(async (context) => {
          const sheet = context.workbook.worksheets.getItem("数据");
          const range = sheet.getRange("A2:D3");
          // Typed as a user would: numeric text becomes a number except in a text-formatted cell, TRUE a boolean,
          // an apostrophe keeps text; null leaves a cell as it is.
          range.values = [
            ["12", "'007", "TRUE", "001"],
            ["文字", 3.5, null, "=A2*2"],
          ];
          sheet.getRange("F1").values = [["12.5%"]];
          await context.sync();
          const back = sheet.getRange("A1:D3").load("values,formulas,numberFormat,address,rowCount,columnCount");
          const percent = sheet.getRange("F1").load("values");
          await context.sync();

          // Reading a property that was not loaded throws, as in Office.js.
          let notLoaded = "ok";
          try {
            void sheet.getRange("A1").values;
          } catch (e) {
            notLoaded = (e as OfficeExtension.Error).code;
          }
          // isNullObject is known only after a sync.
          const missing = context.workbook.worksheets.getItemOrNullObject("没有这张表");
          let nullBeforeSync = "ok";
          try {
            void missing.isNullObject;
          } catch (e) {
            nullBeforeSync = (e as OfficeExtension.Error).code;
          }
          await context.sync();
          return {
            values: back.values,
            formulas: back.formulas,
            numberFormat: back.numberFormat,
            address: back.address,
            size: [back.rowCount, back.columnCount],
            notLoaded,
            nullBeforeSync,
            missingIsNull: missing.isNullObject,
            percent: percent.values[0]![0],
          };
        }),
      );
      expect(out.values).toEqual([
        ["编码", "数量", "", ""],
        [12, "007", true, "001"],
        ["文字", 3.5, "保留", ""], // a formula is kept, not calculated
      ]);
      expect(out.formulas[2]![3]).toBe("=A2*2");
      expect(out.numberFormat[1]).toEqual(["General", "General", "General", "@"]);
      expect(out.address).toBe("数据!A1:D3");
      expect(out.size).toEqual([3, 4]);
      expect(out.notLoaded).toBe("PropertyNotLoaded");
      expect(out.nullBeforeSync).toBe("PropertyNotLoaded");
      expect(out.missingIsNull).toBe(true);
      expect(out.percent).toBe(0.125);
      expect(await page.evaluate(() => window.__officeStub.cells("数据"))).toEqual({
        A1: "编码", B1: "数量", F1: 0.125, A2: 12, B2: "007", C2: true, D2: "001", A3: "文字", B3: 3.5, C3: "保留",
      });

      // Errors surface at sync with Excel's codes; operations after the failing one do not run.
      const errors = await page.evaluate(async () => {
        const code = (p: Promise<unknown>): Promise<Outcome> =>
          p.then(() => "ok", (e: OfficeExtension.Error) => `${e.code}`);
        return {
          missingSheet: await code(Excel.run(async (context) => {
            context.workbook.worksheets.getItem("没有这张表").getRange("A1").values = [[1]];
            await context.sync();
          })),
          wrongShape: await code(Excel.run(async (context) => {
            context.workbook.worksheets.getItem("数据").getRange("A1:B2").values = [[1, 2]];
            context.workbook.worksheets.getItem("数据").getRange("E1").values = [["不应写入"]];
            await context.sync();
          })),
          badAddress: await code(Excel.run(async (context) => {
            context.workbook.worksheets.getItem("数据").getRange("A1:ZZZZ9").load("values");
            await context.sync();
          })),
          duplicate: await code(Excel.run(async (context) => {
            context.workbook.worksheets.add("数据");
            await context.sync();
          })),
          lastSheet: await code(Excel.run(async (context) => {
            context.workbook.worksheets.getItem("数据").delete();
            await context.sync();
          })),
          noPromise: await code(Excel.run(() => undefined as unknown as Promise<void>)),
        };
      });
      expect(errors).toEqual({
        missingSheet: "ItemNotFound",
        wrongShape: "InvalidArgument",
        badAddress: "InvalidArgument",
        duplicate: "ItemAlreadyExists",
        lastSheet: "InvalidOperation",
        noPromise: "RunMustReturnPromise",
      });
      expect(await page.evaluate(() => window.__officeStub.cells("数据").E1)).toBeUndefined();

      // Sheets: add, rename, activate, select, delete; a renamed sheet keeps its proxies; getItem takes an ID too.
      const sheets = await page.evaluate(() =>
        Excel.run(async (context) => {
          const added = context.workbook.worksheets.add("新表");
          added.load("id");
          await context.sync();
          added.name = "改名";
          added.activate();
          context.workbook.worksheets.getItem(added.id).getRange("b2").select();
          context.workbook.worksheets.add();
          const all = context.workbook.worksheets.load("items/name");
          await context.sync();
          const names = all.items.map((s) => s.name);
          context.workbook.worksheets.getItem("Sheet3").delete();
          await context.sync();
          return names;
        }),
      );
      expect(sheets).toEqual(["数据", "改名", "Sheet3"]);
      expect(await page.evaluate(() => window.__officeStub.selection())).toEqual({ sheet: "改名", address: "B2" });
      expect(await page.evaluate(() => window.__officeStub.sheets().map((s) => [s.name, s.active]))).toEqual([
        ["数据", false],
        ["改名", true],
      ]);
      const recorded = (await officeCalls(page)).filter((c) => c.api === "worksheet.activate" || c.api === "range.select");
      expect(recorded).toEqual([
        { api: "worksheet.activate", sheet: "改名" },
        { api: "range.select", sheet: "改名", address: "B2" },
      ]);

      // Syncs are counted per Excel.run (the closing flush of Excel.run is not one).
      const runs = await page.evaluate(() => window.__officeStub.runs.map((r) => [r.syncs, r.errors]));
      expect(runs).toEqual([
        [3, []],
        [1, ["ItemNotFound"]],
        [1, ["InvalidArgument"]],
        [1, ["InvalidArgument"]],
        [1, ["ItemAlreadyExists"]],
        [1, ["InvalidOperation"]],
        [0, []],
        [3, []],
      ]);
      expect(pageErrors).toEqual([]);
      expect(blocked).toEqual([]);
    });
  });

  it("events: a user's edit() fires onChanged; the pane's writes fire with ThisLocalAddin, and not at all while enableEvents is off", async () => {
    const config: OfficeStubConfig = { ...EXCEL, sheets: [{ name: "数据" }, { name: "其他" }] };
    await withBlankPage(browser!, "stub-events", config, async ({ page, pageErrors, blocked }) => {
      const sheetId = await page.evaluate(() =>
        Excel.run(async (context) => {
          const sheet = context.workbook.worksheets.getItem("数据").load("id");
          const w = window as unknown as { received: unknown[]; handler: OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs> };
          w.received = [];
          w.handler = sheet.onChanged.add(async (event) => {
            const { address, changeType, source, worksheetId, triggerSource, details } = event;
            w.received.push({ address, changeType, source, worksheetId, triggerSource, details: details ?? null });
          });
          // The collection's handler hears every sheet.
          const all = window as unknown as { anySheet: string[] };
          all.anySheet = [];
          context.workbook.worksheets.onChanged.add(async (event) => {
            all.anySheet.push(event.address);
          });
          await context.sync();
          return sheet.id;
        }),
      );
      const received = () => page.evaluate(() => (window as unknown as { received: unknown[] }).received);

      // A user types 5 into B2: delivered asynchronously, after edit() returned.
      expect(await page.evaluate(() => {
        window.__officeStub.edit("数据", "B2", [["5"]]);
        return (window as unknown as { received: unknown[] }).received.length;
      })).toBe(0);
      await expect.poll(received, poll).toEqual([
        {
          address: "B2", changeType: "RangeEdited", source: "Local", worksheetId: sheetId, triggerSource: "Unknown",
          details: { valueBefore: "", valueAfter: 5, valueTypeBefore: "Empty", valueTypeAfter: "Double" },
        },
      ]);

      // The pane's own write: the same event, from ThisLocalAddin. With events off: nothing; other sheets: nothing.
      await page.evaluate(() =>
        Excel.run(async (context) => {
          const sheet = context.workbook.worksheets.getItem("数据");
          sheet.getRange("A1:B1").values = [["x", "y"]];
          await context.sync();
          context.runtime.enableEvents = false;
          sheet.getRange("C1").values = [["不触发"]];
          await context.sync();
          context.runtime.enableEvents = true;
          context.workbook.worksheets.getItem("其他").getRange("A1").values = [["别的表"]];
          await context.sync();
        }),
      );
      await page.evaluate(() => window.__officeStub.edit("数据", "D4:E4", [["co", "author"]], { source: "Remote" }));
      await expect.poll(async () => (await received()).length, poll).toBe(3);
      expect((await received()).slice(1)).toEqual([
        { address: "A1:B1", changeType: "RangeEdited", source: "Local", worksheetId: sheetId, triggerSource: "ThisLocalAddin", details: null },
        { address: "D4:E4", changeType: "RangeEdited", source: "Remote", worksheetId: sheetId, triggerSource: "Unknown", details: null },
      ]);
      expect(await page.evaluate(() => (window as unknown as { anySheet: string[] }).anySheet)).toEqual(["B2", "A1:B1", "A1", "D4:E4"]);
      expect(await page.evaluate(() => window.__officeStub.events.map((e) => [e.sheet, e.address, e.delivered]))).toEqual([
        ["数据", "B2", true],
        ["数据", "A1:B1", true],
        ["数据", "C1", false],
        ["其他", "A1", true],
        ["数据", "D4:E4", true],
      ]);

      // A user's edits while the add-in has events off reach no handler either.
      await page.evaluate(() =>
        Excel.run(async (context) => {
          context.runtime.enableEvents = false;
          await context.sync();
        }),
      );
      await page.evaluate(() => window.__officeStub.edit("数据", "F1", [["静默"]]));
      expect(await page.evaluate(() => window.__officeStub.enableEvents())).toBe(false);

      // remove() detaches the handler, in its own context (Excel.run(handlerResult.context, …)).
      await page.evaluate(async () => {
        const w = window as unknown as { handler: OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs> };
        await Excel.run(async (context) => {
          context.runtime.enableEvents = true;
          await context.sync();
        });
        await Excel.run(w.handler.context, async (context) => {
          w.handler.remove();
          await context.sync();
        });
        window.__officeStub.edit("数据", "G1", [["无人接收"]]);
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect((await received()).length).toBe(3);
      expect(await page.evaluate(() => window.__officeStub.sheets()[0]!.onChangedHandlers)).toBe(0);
      expect(pageErrors).toEqual([]);
      expect(blocked).toEqual([]);
    });
  });

  it("protection: locked cells refuse writes and typing, formats need allowFormatCells, protect/unprotect throw AccessDenied when already so", async () => {
    await withBlankPage(browser!, "stub-protection", EXCEL, async ({ page, pageErrors, blocked }) => {
      await page.evaluate(
        (base64) =>
          Excel.run(async (context) => {
            context.workbook.insertWorksheetsFromBase64(base64);
            await context.sync();
          }),
        template,
      );
      const protectedSheet = await page.evaluate(async () => {
        const code = (p: Promise<unknown>): Promise<Outcome> =>
          p.then(() => "ok", (e: OfficeExtension.Error) => `${e.code}`);
        const on = (fn: (sheet: Excel.Worksheet, context: Excel.RequestContext) => void) =>
          code(Excel.run(async (context) => {
            fn(context.workbook.worksheets.getItem("自评表"), context);
            await context.sync();
          }));
        return {
          lockedWrite: await on((s) => { s.getRange("A4").values = [["改编码"]]; }),
          // One locked cell in the range refuses the whole write.
          mixedWrite: await on((s) => { s.getRange("G4:H4").values = [[9, "好"]]; }),
          inputWrite: await on((s) => { s.getRange("H4").values = [["较好"]]; }),
          fill: await on((s) => { s.getRange("H4").format.fill.color = "#FF0000"; }),
          fillClear: await on((s) => { s.getRange("H4").format.fill.clear(); }),
          bold: await on((s) => { s.getRange("H4").format.font.bold = true; }),
          numberFormat: await on((s) => { s.getRange("H4").numberFormat = [["0.00"]]; }),
          unlock: await on((s) => { s.getRange("A4").format.protection.locked = false; }),
          autofit: await on((s) => { s.getRange("A1:M30").format.autofitColumns(); }),
          chart: await on((s) => { s.charts.add(Excel.ChartType.columnClustered, s.getRange("G4:G10")); }),
          protectAgain: await on((s) => { s.protection.protect(); }),
          freeze: await on((s) => { s.freezePanes.freezeRows(2); }),
        };
      });
      expect(protectedSheet).toEqual({
        lockedWrite: "AccessDenied",
        mixedWrite: "AccessDenied",
        inputWrite: "ok",
        fill: "AccessDenied",
        fillClear: "AccessDenied",
        bold: "AccessDenied",
        numberFormat: "AccessDenied",
        unlock: "AccessDenied",
        autofit: "ok", // the template leaves column formatting allowed
        chart: "AccessDenied",
        protectAgain: "AccessDenied",
        freeze: "ok",
      });
      expect(await page.evaluate(() => window.__officeStub.cells("自评表").H4)).toBe("较好");
      expect(await page.evaluate(() => window.__officeStub.cells("自评表").G4)).toBe(8);
      const denied = (await officeCalls(page)).filter((c) => c.api === "range.values" && c.error === "AccessDenied");
      expect(denied.map((c) => c.address)).toEqual(["A4", "G4:H4"]);

      // A user cannot type into a locked cell either; an unlocked one takes the input.
      const typed = await page.evaluate(() => {
        let refused = "";
        try {
          window.__officeStub.edit("自评表", "A4", [["x"]]);
        } catch (e) {
          refused = `${(e as { code?: string }).code}: ${(e as Error).message}`;
        }
        window.__officeStub.edit("自评表", "I4", [["6"]]);
        return { refused, i4: window.__officeStub.cells("自评表").I4 };
      });
      expect(typed).toEqual({
        refused: "AccessDenied: office-stub: 自评表!A4 is locked on a protected sheet; a user cannot type there",
        i4: 6,
      });

      // Unprotect (check first: a second unprotect throws), format and write, protect again allowing formats.
      const cycle = await page.evaluate(() =>
        Excel.run(async (context) => {
          const sheet = context.workbook.worksheets.getItem("自评表");
          sheet.protection.load("protected");
          await context.sync();
          const wasProtected = sheet.protection.protected;
          if (wasProtected) sheet.protection.unprotect();
          sheet.getRange("A4").values = [["1.1.1"]];
          sheet.getRange("H4:I4").format.fill.color = "red";
          sheet.getRange("H4").format.font.bold = true;
          await context.sync();
          let unprotectAgain = "ok";
          sheet.protection.unprotect();
          await context.sync().catch((e: OfficeExtension.Error) => { unprotectAgain = e.code; });
          sheet.protection.protect({ allowFormatCells: true });
          sheet.getRange("J4").format.fill.color = "#00B050";
          sheet.protection.load("protected,options");
          const fill = sheet.getRange("H4:I4").format.fill.load("color");
          const mixed = sheet.getRange("H4:J4").format.fill.load("color");
          const bold = sheet.getRange("H4").format.font.load("bold");
          await context.sync();
          let lockedAgain = "ok";
          sheet.getRange("A4").values = [["x"]];
          await context.sync().catch((e: OfficeExtension.Error) => { lockedAgain = e.code; });
          return {
            wasProtected,
            unprotectAgain,
            isProtected: sheet.protection.protected,
            allowFormatCells: sheet.protection.options.allowFormatCells,
            fill: fill.color,
            mixed: mixed.color,
            bold: bold.bold,
            lockedAgain,
          };
        }),
      );
      expect(cycle).toEqual({
        wasProtected: true,
        unprotectAgain: "AccessDenied",
        isProtected: true,
        allowFormatCells: true,
        fill: "#FF0000",
        mixed: null, // cells disagree
        bold: true,
        lockedAgain: "AccessDenied",
      });
      const fills = await page.evaluate(() => window.__officeStub.fills("自评表"));
      expect([fills.H4, fills.I4, fills.J4, fills.H5]).toEqual(["#FF0000", "#FF0000", "#00B050", "#FFF2CC"]);
      expect(pageErrors).toEqual([]);
      expect(blocked).toEqual([]);
    });
  });

  it("fills, charts, freeze panes, used ranges, settings and custom XML parts from the configuration", async () => {
    const identity = `<selfAssessment xmlns="${IDENTITY_NS}"><unitId>u-1</unitId></selfAssessment>`;
    const config: OfficeStubConfig = {
      ...EXCEL,
      sheets: [
        {
          name: "汇总",
          cells: { B2: "维度", C2: "得分", B3: "履职", C3: 80, B4: "效益", C4: 90, E7: { value: "", fill: "#FFFF00" } },
        },
        { name: "空表" },
      ],
      customXmlParts: [identity],
      settings: { "officeeval.unit": "ZF-FGW" },
    };
    await withBlankPage(browser!, "stub-formats", config, async ({ page, pageErrors, blocked }) => {
      const out = await page.evaluate((ns) =>
        Excel.run(async (context) => {
          const sheet = context.workbook.worksheets.getItem("汇总");
          const header = sheet.getRange("B2:C2");
          header.format.fill.color = "yellow";
          header.format.font.bold = true;
          sheet.getRange("C3:C4").numberFormat = [["0.0"], ["0.0"]];
          sheet.getRange("E7").format.fill.clear();
          sheet.getRange("B2:C4").format.autofitColumns();
          sheet.freezePanes.freezeRows(2);
          const chart = sheet.charts.add(Excel.ChartType.columnClustered, sheet.getRange("B2:C4"), Excel.ChartSeriesBy.columns);
          chart.title.text = "各维度得分";
          chart.setPosition("E2", "L15");
          chart.load("name,id");
          const used = sheet.getUsedRange().load("address");
          const usedValues = sheet.getUsedRange(true).load("address");
          const empty = context.workbook.worksheets.getItem("空表").getUsedRange().load("address");
          const emptyOrNull = context.workbook.worksheets.getItem("空表").getUsedRangeOrNullObject();
          const part = context.workbook.customXmlParts.getByNamespace(ns).getOnlyItemOrNullObject();
          part.load("id,namespaceUri");
          const xml = part.getXml();
          const other = context.workbook.customXmlParts.getByNamespace("urn:other").getOnlyItemOrNullObject();
          await context.sync();
          return {
            chart: [chart.name, chart.id],
            used: used.address,
            usedValues: usedValues.address,
            empty: empty.address,
            emptyIsNull: emptyOrNull.isNullObject,
            part: [part.isNullObject, part.namespaceUri],
            xml: xml.value,
            otherIsNull: other.isNullObject,
          };
        }),
      IDENTITY_NS);
      expect(out).toEqual({
        chart: ["Chart 1", expect.stringMatching(/^\{[0-9A-F-]+\}$/)],
        used: "汇总!B2:E7", // E7 had a format: clearing its fill does not take it out of the used range
        usedValues: "汇总!B2:C4",
        empty: "空表!A1",
        emptyIsNull: true,
        part: [false, IDENTITY_NS],
        xml: identity,
        otherIsNull: true,
      });
      const hooks = await page.evaluate(() => ({
        fills: window.__officeStub.fills("汇总"),
        bold: window.__officeStub.cell("汇总", "C2").bold,
        numberFormat: window.__officeStub.cell("汇总", "C4").numberFormat,
        charts: window.__officeStub.charts("汇总"),
        frozen: window.__officeStub.sheets()[0]!.frozenRows,
        parts: window.__officeStub.customXmlParts().map((p) => p.namespaceUri),
      }));
      expect(hooks).toEqual({
        fills: { B2: "#FFFF00", C2: "#FFFF00" },
        bold: true,
        numberFormat: "0.0",
        charts: [
          {
            id: expect.any(String),
            name: "Chart 1",
            type: "ColumnClustered",
            source: "汇总!B2:C4",
            seriesBy: "Columns",
            title: "各维度得分",
            position: { start: "E2", end: "L15" },
          },
        ],
        frozen: 2,
        parts: [IDENTITY_NS],
      });

      // Settings: in memory; saveAsync is what a reopened document would find.
      const settings = await page.evaluate(
        () =>
          new Promise<{ before: unknown; missing: unknown; status: string }>((resolve) => {
            const s = Office.context.document.settings;
            const before = s.get("officeeval.unit");
            const missing = s.get("nothing");
            s.set("officeeval.revision", { revision: 3, etag: 'W/"3"' });
            s.remove("officeeval.unit");
            s.saveAsync((r) => resolve({ before, missing, status: String(r.status) }));
          }),
      );
      expect(settings).toEqual({ before: "ZF-FGW", missing: null, status: "succeeded" });
      expect(await page.evaluate(() => window.__officeStub.settings())).toEqual({
        current: { "officeeval.revision": { revision: 3, etag: 'W/"3"' } },
        saved: { "officeeval.revision": { revision: 3, etag: 'W/"3"' } },
      });
      expect(pageErrors).toEqual([]);
      expect(blocked).toEqual([]);
    });
  });
});

/** POST workbook/validate: the file as an upload, scored without saving. */
async function validateWorkbook(unitPath: string, token: string, bytes: Buffer): Promise<ScoreResponse> {
  const { status, body } = await postWorkbook(unitPath, token, bytes);
  if (status !== 200) throw new Error(`POST workbook/validate: HTTP ${status} ${JSON.stringify(body)}`);
  return body as ScoreResponse;
}

async function postWorkbook(unitPath: string, token: string, bytes: Buffer): Promise<{ status: number; body: unknown }> {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(bytes)]), "workbook.xlsx");
  const response = await fetch(`${BASE_URL}/api/${unitPath}/workbook/validate`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, Accept: "application/json" },
    body: form,
    signal: AbortSignal.timeout(TIMEOUT.action),
  });
  return { status: response.status, body: await response.json() };
}

/** The open document through Office.context.document.getFileAsync, slice by slice, as the pane reads it. */
async function documentFile(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        Office.context.document.getFileAsync(Office.FileType.Compressed, { sliceSize: 16384 }, (result) => {
          if (result.status !== Office.AsyncResultStatus.Succeeded) return reject(new Error(result.error.message));
          const file = result.value;
          let binary = "";
          const read = (index: number): void =>
            file.getSliceAsync(index, (slice) => {
              if (slice.status !== Office.AsyncResultStatus.Succeeded) return reject(new Error(slice.error.message));
              for (const byte of slice.value.data as number[]) binary += String.fromCharCode(byte);
              if (index + 1 < file.sliceCount) read(index + 1);
              else file.closeAsync(() => resolve(btoa(binary)));
            });
          read(0);
        });
      }),
  );
  return Buffer.from(base64, "base64");
}

/** The indicators a problem of this code names, sorted. */
function unanswered(score: ScoreResponse, code: string): string[] {
  return score.problems
    .filter((p) => p.code === code)
    .map((p) => p.indicatorCode ?? "")
    .sort();
}

function usedRangeValues(page: Page, sheet: string): Promise<(string | number | boolean)[][]> {
  return page.evaluate(
    (name) =>
      Excel.run(async (context) => {
        const used = context.workbook.worksheets.getItem(name).getUsedRange().load("values");
        await context.sync();
        return used.values as (string | number | boolean)[][];
      }),
    sheet,
  );
}
