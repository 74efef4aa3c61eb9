// Office.js calls for the live path: read 自评表's used range, mark bad cells, write answers back, find the workbook's
// identity. Each function is one step: loads batched, one context.sync() per step where it can be, none in loops.
import type { AnswerValue, SheetCells } from "../shared/api";

/** Events (and enableEvents) on worksheets arrived in ExcelApi 1.7 / 1.8; triggerSource in 1.14. */
export const EVENTS_SET = { name: "ExcelApi", version: "1.7" } as const;
export const ENABLE_EVENTS_SET = { name: "ExcelApi", version: "1.8" } as const;

/** The fill of a cell the server could not read. */
export const BAD_CELL_FILL = "#FFC7CE";

/** The settings key the pane stores an inserted template's identity under (inserted sheets lose custom XML parts). */
export const IDENTITY_SETTING = "officeeval.identity";

export interface WorkbookIdentity {
  campaignId: string;
  unitId: string;
  frameworkCode?: string;
  frameworkVersion?: string;
  structureHash: string;
  /** Where it was found: the file's custom XML part, or the pane's document settings. */
  source: "customXml" | "settings";
}

/** The sheet's used range (values only), or null when the workbook has no such sheet. */
export async function readCells(context: Excel.RequestContext, sheetName: string): Promise<SheetCells | null> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(sheetName);
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load(["values", "rowIndex", "columnIndex"]);
  await context.sync();
  if (sheet.isNullObject || used.isNullObject) return null;
  return { values: used.values, rowIndex: used.rowIndex, columnIndex: used.columnIndex };
}

/** Row numbers (from 1) of each indicator code, and the column letters of the header texts, found in the cells. */
export interface SheetMap {
  rowOf: Map<string, number>;
  columnOf: Map<string, string>;
}

export function mapSheet(cells: SheetCells): SheetMap {
  const rowOf = new Map<string, number>();
  const columnOf = new Map<string, string>();
  const headerIndex = cells.values.findIndex((row) => row.some((v) => text(v) === "指标编码"));
  if (headerIndex < 0) return { rowOf, columnOf };
  cells.values[headerIndex]!.forEach((v, c) => {
    const header = text(v).normalize("NFKC");
    if (header) columnOf.set(header, columnName(cells.columnIndex + c));
  });
  const codeColumn = cells.values[headerIndex]!.findIndex((v) => text(v) === "指标编码");
  for (let r = headerIndex + 1; r < cells.values.length; r++) {
    const code = text(cells.values[r]![codeColumn]).normalize("NFKC");
    if (code && !rowOf.has(code)) rowOf.set(code, cells.rowIndex + r + 1);
  }
  return { rowOf, columnOf };
}

/** The header texts of the answer columns, as the workbook writes them (NFKC-normalised, as mapSheet keys them). */
export const HEADERS = {
  answer: "自评结果（选项/次数）".normalize("NFKC"),
  selfScore: "自评得分",
  explanation: "情况说明",
} as const;

/**
 * Marks the cells the server could not read and restores the ones marked before. The template's sheets are protected
 * without a password: protection is lifted for the change and put back (checked first: protecting a protected sheet
 * throws). With ExcelApi 1.8 events are off meanwhile, so the pane's own change does not come back as an edit.
 */
export async function markCells(
  context: Excel.RequestContext,
  sheetName: string,
  bad: string[],
  previous: Map<string, string | null>,
  canDisableEvents: boolean,
): Promise<Map<string, string | null>> {
  const sheet = context.workbook.worksheets.getItem(sheetName);
  const added = bad.filter((a) => !previous.has(a));
  const fills = added.map((address) => {
    const fill = sheet.getRange(address).format.fill;
    fill.load("color");
    return fill;
  });
  sheet.protection.load("protected");
  await context.sync();

  if (canDisableEvents) context.runtime.enableEvents = false;
  const wasProtected = sheet.protection.protected;
  if (wasProtected) sheet.protection.unprotect();
  const next = new Map<string, string | null>();
  for (const [address, original] of previous) {
    if (bad.includes(address)) {
      next.set(address, original);
      continue;
    }
    const fill = sheet.getRange(address).format.fill;
    if (original && original !== "#FFFFFF") fill.color = original;
    else fill.clear();
  }
  added.forEach((address, i) => {
    next.set(address, fills[i]!.color ?? null);
    sheet.getRange(address).format.fill.color = BAD_CELL_FILL;
  });
  if (wasProtected) sheet.protection.protect({ allowFormatColumns: true, allowFormatRows: true });
  if (canDisableEvents) context.runtime.enableEvents = true;
  await context.sync();
  return next;
}

/** The answer cell's text for a stored answer, as a user would type it (the reader reads it back the same). */
export function answerText(answer: AnswerValue): string | number {
  if (answer.option) return answer.option;
  if (answer.finding !== undefined && answer.finding !== null) return answer.finding ? "是" : "否";
  if (answer.counts && Object.keys(answer.counts).length > 0) {
    return Object.entries(answer.counts).map(([label, count]) => `${label}=${count}`).join("；");
  }
  return answer.number ?? "";
}

/**
 * Writes answers into their rows (answer, self-score, explanation), e.g. a colleague's version the user chose to
 * take. Leaves without a row are skipped; returns the codes written. Events are off meanwhile where supported.
 */
export async function writeAnswers(
  context: Excel.RequestContext,
  sheetName: string,
  map: SheetMap,
  answers: AnswerValue[],
  clear: string[],
  canDisableEvents: boolean,
): Promise<string[]> {
  const sheet = context.workbook.worksheets.getItem(sheetName);
  const answerColumn = map.columnOf.get(HEADERS.answer);
  const selfColumn = map.columnOf.get(HEADERS.selfScore);
  const explanationColumn = map.columnOf.get(HEADERS.explanation);
  if (!answerColumn || !selfColumn || !explanationColumn) return [];
  if (canDisableEvents) context.runtime.enableEvents = false;
  const written: string[] = [];
  const byCode = new Map(answers.map((a) => [a.indicatorCode, a]));
  for (const [code, row] of map.rowOf) {
    const answer = byCode.get(code);
    if (!answer && !clear.includes(code)) continue;
    sheet.getRange(`${answerColumn}${row}`).values = [[answer ? answerText(answer) : ""]];
    sheet.getRange(`${selfColumn}${row}`).values = [[answer?.selfScore ?? ""]];
    sheet.getRange(`${explanationColumn}${row}`).values = [[answer?.explanation ?? ""]];
    written.push(code);
  }
  if (canDisableEvents) context.runtime.enableEvents = true;
  await context.sync();
  return written;
}

/**
 * The identity of a workbook OfficeEval made: its custom XML part when the file itself was downloaded, else what
 * the pane stored in the document's settings when it inserted the template's sheets (inserting drops custom XML).
 */
export async function readIdentity(context: Excel.RequestContext, namespace: string, settings: Office.Settings | null): Promise<WorkbookIdentity | null> {
  try {
    const part = context.workbook.customXmlParts.getByNamespace(namespace).getOnlyItemOrNullObject();
    await context.sync();
    if (!part.isNullObject) {
      const xml = part.getXml();
      await context.sync();
      const parsed = parseIdentityXml(xml.value);
      if (parsed) return parsed;
    }
  } catch {
    // Custom XML parts fail in some hosts (unsaved files on iPad, office-js #3936): fall back to the settings.
  }
  const stored = settings?.get(IDENTITY_SETTING) as Omit<WorkbookIdentity, "source"> | null | undefined;
  return stored?.structureHash ? { ...stored, source: "settings" } : null;
}

export function parseIdentityXml(xml: string): WorkbookIdentity | null {
  const value = (name: string) => new RegExp(`<(?:\\w+:)?${name}>([^<]*)</(?:\\w+:)?${name}>`).exec(xml)?.[1];
  const campaignId = value("campaignId");
  const unitId = value("unitId");
  const structureHash = value("structureHash");
  if (!campaignId || !unitId || !structureHash) return null;
  return { campaignId, unitId, structureHash, frameworkCode: value("frameworkCode"), frameworkVersion: value("frameworkVersion"), source: "customXml" };
}

/** Custom XML parts arrived in ExcelApi 1.5. */
export const CUSTOM_XML_SET = { name: "ExcelApi", version: "1.5" } as const;

/**
 * Puts the template's identity part into the workbook (replacing an older one): inserting the template's sheets does
 * not carry the file's custom XML parts along, and without the part an upload of this workbook is not recognised.
 */
export async function addIdentityPart(context: Excel.RequestContext, namespace: string, xml: string): Promise<void> {
  const existing = context.workbook.customXmlParts.getByNamespace(namespace);
  existing.load("items");
  await context.sync();
  existing.items.forEach((part) => part.delete());
  context.workbook.customXmlParts.add(xml);
  await context.sync();
}

/** Remembers an inserted template's identity in the document's settings (saved with the file). */
export function rememberIdentity(settings: Office.Settings, identity: Omit<WorkbookIdentity, "source">): Promise<void> {
  settings.set(IDENTITY_SETTING, identity);
  return new Promise((resolve, reject) =>
    settings.saveAsync((result) => (result.status === Office.AsyncResultStatus.Succeeded ? resolve() : reject(new Error(result.error?.message)))),
  );
}

function text(value: unknown): string {
  return value === null || value === undefined ? "" : String(value).trim();
}

/** 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}
