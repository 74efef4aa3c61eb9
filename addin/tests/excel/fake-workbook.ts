// A small in-memory Excel workbook behind office-addin-mock's context, for the Office.js calls the results sheet makes.
// office-addin-mock supplies load()/sync() bookkeeping; this supplies what Excel would refuse: a 2-D array whose shape
// does not match its range, a sheet name already taken, deleting the workbook's last sheet. Every call is logged in
// order, with "sync" where context.sync() ran, so tests can see what was batched and what was read.
import { OfficeMockObject } from "office-addin-mock";
import { vi } from "vitest";

export class FakeRange {
  readonly writes: string[] = [];
  readonly format = {
    font: {} as { bold?: boolean; size?: number; color?: string },
    fill: {} as { color?: string },
    autofitted: false,
    rowsAutofitted: false,
    columnWidth: undefined as number | undefined,
    wrapText: undefined as boolean | undefined,
    autofitColumns: () => {
      this.format.autofitted = true;
      this.log(`${this.address}.autofitColumns`);
    },
    autofitRows: () => {
      this.format.rowsAutofitted = true;
      this.log(`${this.address}.autofitRows`);
    },
  };
  private valuesWritten: unknown[][] | undefined;
  private formatsWritten: unknown[][] | undefined;

  constructor(
    readonly address: string,
    private readonly log: (entry: string) => void,
  ) {}

  set values(matrix: unknown[][]) {
    this.checkShape(matrix);
    this.valuesWritten = matrix;
    this.writes.push("values");
    this.log(`${this.address}.values`);
  }

  get values(): unknown[][] {
    if (!this.valuesWritten) throw new Error(`${this.address}.values read but never written or loaded`);
    return this.valuesWritten;
  }

  set numberFormat(matrix: unknown[][]) {
    this.checkShape(matrix);
    this.formatsWritten = matrix;
    this.writes.push("numberFormat");
    this.log(`${this.address}.numberFormat`);
  }

  get numberFormat(): unknown[][] {
    if (!this.formatsWritten) throw new Error(`${this.address}.numberFormat read but never written or loaded`);
    return this.formatsWritten;
  }

  load(): this {
    this.log(`${this.address}.load`);
    return this;
  }

  /** Excel answers a mismatched array with InvalidArgument; so does the fake. */
  private checkShape(matrix: unknown[][]): void {
    const [rows, columns] = rangeShape(this.address);
    if (matrix.length !== rows || matrix.some((row) => row.length !== columns)) {
      throw new Error(`InvalidArgument: ${matrix.length}×${matrix[0]?.length ?? 0} array for ${this.address}`);
    }
  }
}

export interface FakeChart {
  type: string;
  source: string;
  seriesBy: string;
  title: { text?: string };
  legend: { visible?: boolean };
  series: { name?: string; xAxisValues?: string };
  position?: [string, string];
}

export class FakeSheet {
  readonly ranges: FakeRange[] = [];
  readonly chartsAdded: FakeChart[] = [];
  frozenRows: number | undefined;
  readonly freezePanes = {
    freezeRows: (count: number) => {
      this.frozenRows = count;
      this.workbook.log(`${this.name}.freezeRows:${count}`);
    },
  };
  readonly charts = {
    add: (type: string, source: FakeRange, seriesBy: string) => {
      const chart: FakeChart = { type, source: source.address, seriesBy, title: {}, legend: {}, series: {} };
      this.chartsAdded.push(chart);
      this.workbook.log(`${this.name}.charts.add`);
      return {
        title: chart.title,
        legend: chart.legend,
        series: {
          getItemAt: (index: number) => {
            if (index !== 0) throw new Error(`ItemNotFound: series ${index}`);
            return {
              set name(name: string) {
                chart.series.name = name;
              },
              setXAxisValues: (range: FakeRange) => {
                chart.series.xAxisValues = range.address;
              },
            };
          },
        },
        setPosition: (start: string, end: string) => {
          chart.position = [start, end];
        },
        load: () => this.workbook.log("chart.load"),
      };
    },
  };

  constructor(
    private sheetName: string,
    private readonly workbook: FakeWorkbook,
  ) {}

  get name(): string {
    return this.sheetName;
  }

  set name(next: string) {
    if (this.workbook.sheets.some((s) => s !== this && s.name === next)) {
      throw new Error(`InvalidArgument: a sheet named ${next} already exists`);
    }
    this.workbook.log(`rename:${this.sheetName}→${next}`);
    this.sheetName = next;
  }

  getRange(address: string): FakeRange {
    const range = new FakeRange(address, (entry) => this.workbook.log(`${this.name}!${entry}`));
    this.ranges.push(range);
    return range;
  }

  /** The first range asked for at this address (Office hands out a fresh proxy per getRange call). */
  range(address: string): FakeRange {
    const found = this.ranges.find((r) => r.address === address);
    if (!found) throw new Error(`Nothing was written to ${this.name}!${address}`);
    return found;
  }

  activate(): void {
    this.workbook.active = this;
    this.workbook.log(`${this.name}.activate`);
  }

  load(): this {
    this.workbook.log(`${this.name}.load`);
    return this;
  }
}

export class FakeWorkbook {
  readonly entries: string[] = [];
  readonly sheets: FakeSheet[];
  active: FakeSheet | undefined;

  constructor(sheetNames: string[] = ["Sheet1"]) {
    this.sheets = sheetNames.map((name) => new FakeSheet(name, this));
    this.active = this.sheets[0];
  }

  log(entry: string): void {
    this.entries.push(entry);
  }

  sheet(name: string): FakeSheet {
    const found = this.sheets.find((s) => s.name === name);
    if (!found) throw new Error(`ItemNotFound: ${name}`);
    return found;
  }

  /** office-addin-mock's context over this workbook; context.sync() is logged as "sync". */
  context(): Excel.RequestContext {
    const worksheets = {
      add: () => {
        let n = this.sheets.length + 1;
        while (this.sheets.some((s) => s.name === `Sheet${n}`)) n += 1;
        const sheet = new FakeSheet(`Sheet${n}`, this);
        this.sheets.push(sheet);
        this.log(`add:${sheet.name}`);
        return sheet;
      },
      // Like Excel, calling a method on the null object (no such sheet) does nothing.
      getItemOrNullObject: (name: string) => ({
        delete: () => {
          const index = this.sheets.findIndex((s) => s.name === name);
          if (index < 0) return this.log(`delete:${name}:null-object`);
          if (this.sheets.length === 1) throw new Error("InvalidOperation: a workbook needs at least one sheet");
          this.sheets.splice(index, 1);
          this.log(`delete:${name}`);
        },
      }),
    };
    const context = new OfficeMockObject({
      workbook: { worksheets },
      application: { suspendScreenUpdatingUntilNextSync: () => this.log("suspendScreenUpdatingUntilNextSync") },
    });
    const sync = context.sync.bind(context);
    vi.spyOn(context, "sync").mockImplementation(async () => {
      this.log("sync");
      await sync();
    });
    return context as unknown as Excel.RequestContext;
  }
}

/** Rows × columns of an A1 address such as "A3:L7" or "C5". */
export function rangeShape(address: string): [number, number] {
  const [start, end = start] = address.split(":") as [string, string?];
  const [c1, r1] = cellIndexes(start);
  const [c2, r2] = cellIndexes(end);
  return [r2 - r1 + 1, c2 - c1 + 1];
}

function cellIndexes(cell: string): [number, number] {
  const match = /^([A-Z]+)(\d+)$/.exec(cell);
  if (!match) throw new Error(`Not a cell: ${cell}`);
  const column = [...match[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return [column, Number(match[2])];
}

/** Office.context.requirements for an Excel that supports ExcelApi up to `highest` (e.g. "1.8"). */
export function excelApiUpTo(highest: string): Office.RequirementSetSupport {
  const minor = (version: string | number) => Number(String(version).split(".")[1] ?? 0);
  return {
    isSetSupported: (name: string, version?: string | number) =>
      name === "ExcelApi" && version !== undefined && minor(version) <= minor(highest),
  };
}
