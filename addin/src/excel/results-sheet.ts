// The office's consolidated results as a worksheet: one batch of Office.js commands, one context.sync().
import type { Board, Campaign, CampaignResults, UnitResult } from "../shared/api";
import type { Translate } from "../shared/i18n";
import { PaneError } from "../shared/problems";
import { byRank } from "../shared/views";

/** Fixed, not translated: pulling again must find and replace the same sheet whatever the pane's language. */
export const RESULTS_SHEET_NAME = "评估结果";

/** freezePanes and ChartSeries.setXAxisValues arrived in ExcelApi 1.7; everything else used here is older. */
export const RESULTS_SHEET_SET = { name: "ExcelApi", version: "1.7" } as const;

/** suspendScreenUpdatingUntilNextSync is ExcelApi 1.9: used when present, skipped when not. */
const SCREEN_UPDATING_SET = { name: "ExcelApi", version: "1.9" } as const;

export function canWriteResultsSheet(requirements: Office.RequirementSetSupport | undefined): boolean {
  return requirements?.isSetSupported(RESULTS_SHEET_SET.name, RESULTS_SHEET_SET.version) ?? false;
}

/** Throws the pane's "needs ExcelApi 1.7" message when this Excel cannot write the sheet. */
export function requireResultsSheetSupport(requirements: Office.RequirementSetSupport | undefined): void {
  if (!canWriteResultsSheet(requirements)) throw new PaneError("excel.resultsSheet.unsupported");
}

/** The running Office's requirement sets; undefined outside Office (office.js missing or not initialised). */
function officeRequirements(): Office.RequirementSetSupport | undefined {
  return typeof Office === "undefined" ? undefined : Office.context?.requirements;
}

/** The sheet's texts in the pane's language; the title already names the campaign. */
export interface ResultsSheetLabels {
  title: { final: string; provisional: string };
  rank: string;
  unitCode: string;
  unitName: string;
  category: string;
  dimension: (name: string, maxPoints: number) => string;
  total: string;
  rate: string;
  selfTotal: string;
  deviation: string;
  grade: string;
  board: string;
  boards: Record<Board, string>;
  application: string;
  chartTitle: string;
}

/** The campaign as the picker shows it: the year first unless the name already starts with it. */
export function campaignTitle(campaign: Pick<Campaign, "name" | "year">): string {
  return campaign.name.startsWith(String(campaign.year)) ? campaign.name : `${campaign.year} ${campaign.name}`;
}

export function resultsSheetLabels(t: Translate, campaign: string): ResultsSheetLabels {
  return {
    title: {
      final: t("resultsSheet.title.final", { campaign }),
      provisional: t("resultsSheet.title.provisional", { campaign }),
    },
    rank: t("resultsSheet.rank"),
    unitCode: t("resultsSheet.unitCode"),
    unitName: t("resultsSheet.unitName"),
    category: t("resultsSheet.category"),
    dimension: (name, maxPoints) => t("resultsSheet.dimension", { name, max: maxPoints }),
    total: t("resultsSheet.total"),
    rate: t("resultsSheet.rate"),
    selfTotal: t("resultsSheet.selfTotal"),
    deviation: t("resultsSheet.deviation"),
    grade: t("resultsSheet.grade"),
    board: t("resultsSheet.board"),
    boards: {
      Green: t("resultsSheet.board.Green"),
      Yellow: t("resultsSheet.board.Yellow"),
      Red: t("resultsSheet.board.Red"),
    },
    application: t("resultsSheet.application"),
    chartTitle: t("resultsSheet.chartTitle"),
  };
}

type Cell = string | number;

/** Excel's own Good / Neutral / Bad cell styles: light fill, dark text of the same hue, readable when printed. */
export const BOARD_COLOURS: Record<Board, { fill: string; font: string }> = {
  Green: { fill: "#C6EFCE", font: "#006100" },
  Yellow: { fill: "#FFEB9C", font: "#9C5700" },
  Red: { fill: "#FFC7CE", font: "#9C0006" },
};

const HEADER_FILL = "#D9E1F2";

// Text columns are formatted as text before their values are written, so that a code like 0101 keeps its zero and a
// name starting with "=" is not taken for a formula. Scores and rates are numbers with number formats.
const TEXT = "@";
const INTEGER = "0";
const SCORE = "0.00";
const PERCENT = "0.0%";

const TITLE_ROW = 1;
const HEADER_ROW = 2;
const FIRST_BODY_ROW = 3;

/** The sheet as plain data: what writeResultsSheet puts where. Pure, so it is easy to test and to read. */
export interface ResultsSheetLayout {
  title: string;
  header: string[];
  rows: Cell[][];
  numberFormats: string[][];
  /** Per body row, the unit's board (null when it has none). */
  boards: Array<Board | null>;
  /** Zero-based column indexes of the columns the chart, the board fills and the wrapped application text use. */
  columns: { unitName: number; total: number; board: number; application: number };
}

interface DimensionColumn {
  code: string;
  name: string;
  maxPoints: number;
}

/** Every dimension any unit has, in the order the framework lists them (first appearance). */
function dimensionColumns(units: readonly UnitResult[]): DimensionColumn[] {
  const columns = new Map<string, DimensionColumn>();
  for (const unit of units) {
    for (const d of unit.dimensions ?? []) {
      if (!columns.has(d.code)) columns.set(d.code, { code: d.code, name: d.name, maxPoints: d.maxPoints });
    }
  }
  return [...columns.values()];
}

/** Empty cells for missing figures: a blank cell, not a 0 or a dash, so sums and charts stay honest. */
function num(value: number | null | undefined): Cell {
  return value ?? "";
}

export function resultsSheetLayout(results: CampaignResults, labels: ResultsSheetLabels): ResultsSheetLayout {
  const units = [...results.units].sort(byRank);
  const dimensions = dimensionColumns(units);
  const header = [
    labels.rank,
    labels.unitCode,
    labels.unitName,
    labels.category,
    ...dimensions.map((d) => labels.dimension(d.name, d.maxPoints)),
    labels.total,
    labels.rate,
    labels.selfTotal,
    labels.deviation,
    labels.grade,
    labels.board,
    labels.application,
  ];
  const rowFormats = [
    INTEGER,
    TEXT,
    TEXT,
    TEXT,
    ...dimensions.map(() => SCORE),
    SCORE,
    PERCENT,
    SCORE,
    SCORE,
    TEXT,
    TEXT,
    TEXT,
  ];
  const rows = units.map((u): Cell[] => {
    const scores = new Map((u.dimensions ?? []).map((d) => [d.code, d.score]));
    return [
      num(u.rank),
      u.unitCode,
      u.unitName,
      u.category ?? "",
      ...dimensions.map((d) => num(scores.get(d.code))),
      num(u.total),
      // The API sends rates as percentages (87.5); Excel's % format wants the fraction.
      u.scoreRate === null ? "" : u.scoreRate / 100,
      num(u.selfTotal),
      num(u.deviation),
      u.grade ?? "",
      u.board ? labels.boards[u.board] : "",
      // The API's own text (Chinese, as in the reports): one source for the sheet, the pane and the Word reports.
      u.application ?? "",
    ];
  });
  const total = 4 + dimensions.length;
  return {
    title: results.finalizedAt ? labels.title.final : labels.title.provisional,
    header,
    rows,
    numberFormats: rows.map(() => rowFormats),
    boards: units.map((u) => u.board ?? null),
    columns: { unitName: 2, total, board: header.length - 2, application: header.length - 1 },
  };
}

/** A1-style column letters for a zero-based index: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let letters = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

function columnRange(column: number, firstRow: number, lastRow: number): string {
  const letter = columnLetter(column);
  return `${letter}${firstRow}:${letter}${lastRow}`;
}

/** The application text is a sentence or two: a column this wide (points), wrapped, rather than autofitted to one line. */
export const APPLICATION_COLUMN_WIDTH = 320;

/** The chart's size in cells, from the second column right of the table, top aligned with the header. */
const CHART_GAP_COLUMNS = 1;
const CHART_WIDTH_COLUMNS = 8;
const CHART_HEIGHT_ROWS = 18;

/**
 * Writes the campaign's consolidated results into the sheet 评估结果 and returns how many units it wrote.
 *
 * An existing 评估结果 is deleted and the sheet added afresh rather than cleared: clearing cells leaves the old chart
 * behind (charts are not in any range), and finding it needs a load and a second sync; so does knowing whether the
 * sheet exists at all, which clearing would need. A new sheet is added first, the old one deleted through
 * getItemOrNullObject (a no-op when there is none, so the batch does not depend on what the workbook holds), then the
 * new one takes the name; adding first also keeps the workbook from ever having no sheet. The cost: formulas in other
 * sheets that pointed into the old 评估结果 turn into #REF!. The sheet is the add-in's output, to be pulled again.
 *
 * One batch: nothing is loaded, each block is one 2-D array assignment, and there is one context.sync() at the end.
 * Throws a PaneError without queuing anything when ExcelApi 1.7 is missing.
 */
export async function writeResultsSheet(
  context: Excel.RequestContext,
  results: CampaignResults,
  labels: ResultsSheetLabels,
  requirements: Office.RequirementSetSupport | undefined = officeRequirements(),
): Promise<number> {
  requireResultsSheetSupport(requirements);
  const layout = resultsSheetLayout(results, labels);
  const count = layout.rows.length;
  const lastColumn = columnLetter(layout.header.length - 1);
  const lastRow = HEADER_ROW + count;

  if (requirements?.isSetSupported(SCREEN_UPDATING_SET.name, SCREEN_UPDATING_SET.version)) {
    context.application.suspendScreenUpdatingUntilNextSync();
  }

  const worksheets = context.workbook.worksheets;
  const sheet = worksheets.add();
  worksheets.getItemOrNullObject(RESULTS_SHEET_NAME).delete();
  sheet.name = RESULTS_SHEET_NAME;

  const title = sheet.getRange(`A${TITLE_ROW}`);
  title.numberFormat = [[TEXT]];
  title.values = [[layout.title]];
  title.format.font.bold = true;
  title.format.font.size = 14;

  const header = sheet.getRange(`A${HEADER_ROW}:${lastColumn}${HEADER_ROW}`);
  header.numberFormat = [layout.header.map(() => TEXT)];
  header.values = [layout.header];
  header.format.font.bold = true;
  header.format.fill.color = HEADER_FILL;

  const body = count > 0 ? sheet.getRange(`A${FIRST_BODY_ROW}:${lastColumn}${lastRow}`) : null;
  if (body) {
    body.numberFormat = layout.numberFormats;
    body.values = layout.rows;

    // A fill per board cell: queued commands, no sync, and the only per-row writes (formats are not 2-D arrays).
    layout.boards.forEach((board, i) => {
      if (!board) return;
      const cell = sheet.getRange(`${columnLetter(layout.columns.board)}${FIRST_BODY_ROW + i}`);
      cell.format.fill.color = BOARD_COLOURS[board].fill;
      cell.format.font.color = BOARD_COLOURS[board].font;
    });
  }

  sheet.freezePanes.freezeRows(HEADER_ROW);
  // From the header down: the long title in A1 would otherwise widen column A.
  sheet.getRange(`A${HEADER_ROW}:${lastColumn}${lastRow}`).format.autofitColumns();
  if (body) {
    // After the autofit, which would stretch the application column to its longest sentence.
    const application = sheet.getRange(columnRange(layout.columns.application, FIRST_BODY_ROW, lastRow));
    application.format.columnWidth = APPLICATION_COLUMN_WIDTH;
    application.format.wrapText = true;
    body.format.autofitRows();
  }

  if (count > 0) {
    const chart = sheet.charts.add(
      "ColumnClustered",
      sheet.getRange(columnRange(layout.columns.total, FIRST_BODY_ROW, lastRow)),
      "Columns",
    );
    chart.title.text = labels.chartTitle;
    chart.legend.visible = false;
    // Unit names and totals are not adjacent columns, so the categories are set on the series.
    const series = chart.series.getItemAt(0);
    series.name = labels.total;
    series.setXAxisValues(sheet.getRange(columnRange(layout.columns.unitName, FIRST_BODY_ROW, lastRow)));
    const firstChartColumn = layout.header.length + CHART_GAP_COLUMNS;
    chart.setPosition(
      `${columnLetter(firstChartColumn)}${HEADER_ROW}`,
      `${columnLetter(firstChartColumn + CHART_WIDTH_COLUMNS - 1)}${HEADER_ROW + CHART_HEIGHT_ROWS - 1}`,
    );
  }

  sheet.activate();
  await context.sync();
  return count;
}
