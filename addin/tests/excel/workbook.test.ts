import { OfficeMockObject } from "office-addin-mock";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { canInsertWorksheets, insertTemplate, selectCell } from "../../src/excel/workbook";

// office-addin-mock gives the context its load/sync bookkeeping; the methods under test are recorded in `log`
// so the order of calls relative to context.sync() is visible.
let log: string[];

beforeEach(() => {
  log = [];
  vi.stubGlobal("Excel", { WorksheetPositionType: { end: "End" } });
});

function contextWithSyncLog(data: Record<string, unknown>) {
  const context = new OfficeMockObject(data);
  const sync = context.sync.bind(context);
  vi.spyOn(context, "sync").mockImplementation(async () => {
    log.push("sync");
    await sync();
  });
  return context;
}

describe("insertTemplate", () => {
  it("inserts the base64 workbook at the end, then syncs once, then reads the new sheet ids", async () => {
    const context = contextWithSyncLog({
      workbook: {
        insertWorksheetsFromBase64(base64: string, options: Excel.InsertWorksheetOptions) {
          log.push(`insert:${base64}:${JSON.stringify(options)}`);
          // Like a ClientResult: the value exists only after context.sync().
          return {
            get value() {
              if (!log.includes("sync")) throw new Error("ClientResult read before context.sync()");
              return ["{sheet-1}", "{sheet-2}", "{sheet-3}"];
            },
          };
        },
      },
    });

    const count = await insertTemplate(context as unknown as Excel.RequestContext, "UEsDBA==");

    expect(count).toBe(3);
    expect(log).toEqual(['insert:UEsDBA==:{"positionType":"End"}', "sync"]);
  });

  it("propagates Office errors (e.g. a sheet name that already exists)", async () => {
    const context = new OfficeMockObject({ workbook: { insertWorksheetsFromBase64: () => ({ value: [] }) } });
    vi.spyOn(context, "sync").mockRejectedValue(new Error("InvalidOperation: sheet name already exists"));
    await expect(insertTemplate(context as unknown as Excel.RequestContext, "AA==")).rejects.toThrow(
      "sheet name already exists",
    );
  });
});

describe("selectCell", () => {
  function sheet(name: string) {
    return {
      activate: () => log.push(`activate:${name}`),
      getRange: (address: string) => ({ select: () => log.push(`select:${name}!${address}`) }),
    };
  }

  it("activates the sheet and selects the cell in one batch", async () => {
    const sheets: Record<string, ReturnType<typeof sheet>> = { 自评表: sheet("自评表"), 数据表: sheet("数据表") };
    const context = contextWithSyncLog({
      workbook: {
        worksheets: {
          getItem: (name: string) => {
            const found = sheets[name];
            if (!found) throw new Error(`ItemNotFound: ${name}`);
            return found;
          },
        },
      },
    });

    await selectCell(context as unknown as Excel.RequestContext, "数据表", "C5");

    expect(log).toEqual(["activate:数据表", "select:数据表!C5", "sync"]);
  });
});

describe("canInsertWorksheets", () => {
  it("asks for ExcelApi 1.13", () => {
    const isSetSupported = vi.fn(
      (name: string, version?: string | number) => name === "ExcelApi" && version === "1.13",
    );
    expect(canInsertWorksheets({ isSetSupported })).toBe(true);
    expect(isSetSupported).toHaveBeenCalledWith("ExcelApi", "1.13");
    expect(canInsertWorksheets({ isSetSupported: () => false })).toBe(false);
    expect(canInsertWorksheets(undefined)).toBe(false);
  });
});
