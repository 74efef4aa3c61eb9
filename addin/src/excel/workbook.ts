// Office.js calls for the Excel pane: thin functions over a request context, one context.sync() per step.

/** insertWorksheetsFromBase64 arrived in ExcelApi 1.13 (Office 2021 and later, Microsoft 365, the web). */
export const INSERT_WORKSHEETS_SET = { name: "ExcelApi", version: "1.13" } as const;

export function canInsertWorksheets(requirements: Office.RequirementSetSupport | undefined): boolean {
  return requirements?.isSetSupported(INSERT_WORKSHEETS_SET.name, INSERT_WORKSHEETS_SET.version) ?? false;
}

/** Appends every sheet of the server's template workbook; returns how many sheets were inserted. */
export async function insertTemplate(context: Excel.RequestContext, base64: string): Promise<number> {
  const inserted = context.workbook.insertWorksheetsFromBase64(base64, {
    positionType: Excel.WorksheetPositionType.end,
  });
  await context.sync();
  return inserted.value.length;
}

export async function selectCell(context: Excel.RequestContext, sheet: string, cell: string): Promise<void> {
  const worksheet = context.workbook.worksheets.getItem(sheet);
  worksheet.activate();
  worksheet.getRange(cell).select();
  await context.sync();
}
