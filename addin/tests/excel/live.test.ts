import { OfficeMockObject } from "office-addin-mock";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { addIdentityPart, answerText, BAD_CELL_FILL, columnName, mapSheet, markCells, parseIdentityXml, readCells, writeAnswers } from "../../src/excel/live";

// office-addin-mock keeps load/sync bookkeeping: a property read before load + sync throws, so these tests also
// prove each function loads what it reads and syncs before reading it.
let log: string[];

beforeEach(() => {
  log = [];
});

/** A proxy object whose load() is recorded (the tests check it comes before the sync that fills it). */
function loadable<T extends object>(object: T, name: string): T & { load(props: unknown): void } {
  return Object.assign(object, { load: (props: unknown) => log.push(`load:${name}:${JSON.stringify(props)}`) });
}

function withSyncLog(data: Record<string, unknown>) {
  const context = new OfficeMockObject(data);
  const sync = context.sync.bind(context);
  vi.spyOn(context, "sync").mockImplementation(async () => {
    log.push("sync");
    await sync();
  });
  return context as unknown as Excel.RequestContext;
}

const header = ["指标编码", "一级指标", "二级指标", "三级指标", "评估要点", "评分标准", "分值", "自评结果（选项/次数）", "自评得分", "情况说明", "佐证材料"];
const cells = {
  values: [["2026年度自评表"], ["单位"], header, ["1.1.1", "", "", "", "", "", 8, "较好", 6.4, "", ""], ["2.1.2", "", "", "", "", "", 5, "两次", "", "", ""]],
  rowIndex: 0,
  columnIndex: 0,
};

describe("readCells", () => {
  it("loads the used range's values and position in one sync", async () => {
    const context = withSyncLog({
      workbook: {
        worksheets: {
          getItemOrNullObject: (name: string) => {
            log.push(`sheet:${name}`);
            return { isNullObject: false, getUsedRangeOrNullObject: (valuesOnly: boolean) => loadable({ isNullObject: false, values: cells.values, rowIndex: 0, columnIndex: 0 }, `used:${valuesOnly}`) };
          },
        },
      },
    });

    const read = await readCells(context, "自评表");

    expect(read).toEqual(cells);
    expect(log).toEqual(["sheet:自评表", 'load:used:true:["values","rowIndex","columnIndex"]', "sync"]);
  });

  it("says null when the workbook has no such sheet", async () => {
    const context = withSyncLog({
      workbook: { worksheets: { getItemOrNullObject: () => ({ isNullObject: true, getUsedRangeOrNullObject: () => loadable({ isNullObject: true }, "used") }) } },
    });
    expect(await readCells(context, "自评表")).toBeNull();
  });
});

describe("mapSheet", () => {
  it("finds each code's row and each header's column, wherever the range starts", () => {
    const shifted = { ...cells, rowIndex: 4, columnIndex: 2 };
    const map = mapSheet(shifted);
    expect([...map.rowOf]).toEqual([["1.1.1", 8], ["2.1.2", 9]]);
    expect(map.columnOf.get("自评结果(选项/次数)")).toBe("J");
    expect(map.columnOf.get("自评得分")).toBe("K");
  });

  it("names columns past Z", () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnName)).toEqual(["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA"]);
  });
});

describe("markCells", () => {
  function sheetModel(isProtected: boolean) {
    const fills = new Map<string, string>([["H4", "#FFF2CC"], ["H5", "#FFF2CC"]]);
    const sheet = {
      protection: {
        load: () => log.push("load:protection"),
        protected: isProtected,
        unprotect: () => log.push("unprotect"),
        protect: () => log.push("protect"),
      },
      getRange: (address: string) => ({
        format: {
          fill: {
            load: () => log.push(`load:${address}`),
            get color() {
              return fills.get(address) ?? "#FFFFFF";
            },
            set color(value: string) {
              log.push(`fill:${address}=${value}`);
              fills.set(address, value);
            },
            clear: () => log.push(`clear:${address}`),
          },
        },
      }),
    };
    return { workbook: { worksheets: { getItem: () => sheet } }, runtime: { enableEvents: true } };
  }

  it("marks new bad cells, restores fixed ones to their own colour, with protection lifted and events off in between", async () => {
    const context = withSyncLog(sheetModel(true));
    const previous = new Map<string, string | null>([["H4", "#FFF2CC"]]);

    const next = await markCells(context, "自评表", ["H5"], previous, true);

    expect(log).toEqual(["load:H5", "load:protection", "sync", "unprotect", "fill:H4=#FFF2CC", `fill:H5=${BAD_CELL_FILL}`, "protect", "sync"]);
    expect([...next]).toEqual([["H5", "#FFF2CC"]]);
  });

  it("leaves protection alone on an unprotected sheet (protect/unprotect throw when already in that state)", async () => {
    const context = withSyncLog(sheetModel(false));
    await markCells(context, "自评表", ["H4"], new Map(), false);
    expect(log).not.toContain("unprotect");
    expect(log).not.toContain("protect");
  });
});

describe("writeAnswers", () => {
  it("writes answer, self-score and explanation into each code's row, clears the others, and syncs once", async () => {
    const writes: string[] = [];
    const context = withSyncLog({
      runtime: { enableEvents: true },
      workbook: {
        worksheets: {
          getItem: () => ({
            getRange: (address: string) => ({
              set values(v: unknown[][]) {
                writes.push(`${address}=${JSON.stringify(v)}`);
              },
            }),
          }),
        },
      },
    });

    const written = await writeAnswers(context, "自评表", mapSheet(cells), [{ indicatorCode: "1.1.1", option: "好", selfScore: 8, explanation: "完成" }], ["2.1.2"], true);

    expect(written).toEqual(["1.1.1", "2.1.2"]);
    expect(writes).toEqual(['H4=[["好"]]', "I4=[[8]]", 'J4=[["完成"]]', 'H5=[[""]]', 'I5=[[""]]', 'J5=[[""]]']);
    expect(log).toEqual(["sync"]);
  });
});

describe("answerText", () => {
  it("writes each kind of answer as a user types it", () => {
    expect(answerText({ indicatorCode: "a", option: "较好" })).toBe("较好");
    expect(answerText({ indicatorCode: "a", number: 2 })).toBe(2);
    expect(answerText({ indicatorCode: "a", finding: false })).toBe("否");
    expect(answerText({ indicatorCode: "a", counts: { 硕士: 3, 本科: 10 } })).toBe("硕士=3；本科=10");
    expect(answerText({ indicatorCode: "a" })).toBe("");
  });
});

describe("parseIdentityXml", () => {
  it("reads the identity part the server writes", () => {
    const xml = '<?xml version="1.0"?><selfAssessment xmlns="urn:officeeval:self-assessment:v1"><campaignId>c1</campaignId><unitId>u1</unitId><frameworkCode>COMMON</frameworkCode><frameworkVersion>2026.1</frameworkVersion><structureHash>abc123</structureHash></selfAssessment>';
    expect(parseIdentityXml(xml)).toEqual({ campaignId: "c1", unitId: "u1", frameworkCode: "COMMON", frameworkVersion: "2026.1", structureHash: "abc123", source: "customXml" });
    expect(parseIdentityXml("<other/>")).toBeNull();
  });
});

describe("addIdentityPart", () => {
  it("replaces an older identity part with the template's: delete, add, two syncs", async () => {
    const context = withSyncLog({
      workbook: {
        customXmlParts: {
          getByNamespace: (ns: string) =>
            loadable({ items: [{ delete: () => log.push(`delete:${ns}`) }] }, "parts"),
          add: (xml: string) => log.push(`add:${xml}`),
        },
      },
    });

    await addIdentityPart(context, "urn:x", "<selfAssessment/>");

    expect(log).toEqual(['load:parts:"items"', "sync", "delete:urn:x", "add:<selfAssessment/>", "sync"]);
  });
});
