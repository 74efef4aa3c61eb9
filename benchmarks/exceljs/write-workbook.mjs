// Writes the self-evaluation workbook described by workbook.json with exceljs, and times it.
//
//   node write-workbook.mjs <dir> [--iterations 50] [--warmup 10]
//
// <dir> holds workbook.json, exported by `dotnet run -c Release --project benchmarks/OfficeEval.Benchmarks --
// --export-workbook <dir>`: a description of the workbook OfficeEval writes, read back from its package. Each
// iteration builds an exceljs workbook from the parsed description (sheets, columns, rows, cells with their styles,
// merges, data validations, protection, frozen panes, print setup, custom XML parts) and calls writeBuffer(), with
// DEFLATE at zlib level 6, the level of OfficeEval's package. The last buffer is written to <dir>/exceljs.xlsx, which
// `--check-workbook <dir>` compares with the description.
//
// exceljs cannot express three things the description holds; they are added to the XML exceljs generates, as it
// generates it, at no measurable cost: workbook protection (lockStructure), the custom XML parts, and the default
// font (exceljs always makes Calibri 11 the default; the description says which font it is).

import {readFileSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import {performance} from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const ExcelJS = require('exceljs');
const StylesXform = require('exceljs/lib/xlsx/xform/style/styles-xform.js');
const excelJsVersion = require('exceljs/package.json').version;

const ZIP_OPTIONS = {compression: 'DEFLATE', compressionOptions: {level: 6}};
const CUSTOM_XML_PROPS_TYPE = 'application/vnd.openxmlformats-officedocument.customXmlProperties+xml';
const REL_CUSTOM_XML = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml';
const REL_CUSTOM_XML_PROPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps';

function parseArgs(argv) {
  const options = {dir: undefined, iterations: 50, warmup: 10};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--iterations' || arg === '--warmup') {
      const value = Number.parseInt(argv[++i], 10);
      if (!Number.isInteger(value) || value < (arg === '--iterations' ? 1 : 0)) {
        throw new Error(`${arg} needs a whole number`);
      }
      options[arg.slice(2)] = value;
    } else if (options.dir === undefined) {
      options.dir = arg;
    } else {
      throw new Error(`Unexpected argument: ${arg}`);
    }
  }
  if (options.dir === undefined) {
    throw new Error('Usage: node write-workbook.mjs <dir> [--iterations 50] [--warmup 10]');
  }
  return options;
}

// ---------------------------------------------------------------------------------------------------------------
// Description → exceljs

function color(c) {
  if (!c) return undefined;
  if (c.argb) return {argb: c.argb};
  if (c.theme !== undefined) return c.tint !== undefined ? {theme: c.theme, tint: c.tint} : {theme: c.theme};
  if (c.indexed !== undefined) return {indexed: c.indexed};
  return {}; // automatic
}

function font(f) {
  const result = {name: f.name, size: f.size, family: f.family, charset: f.charset, scheme: f.scheme, color: color(f.color)};
  if (f.bold) result.bold = true;
  if (f.italic) result.italic = true;
  if (f.strike) result.strike = true;
  if (f.underline) result.underline = f.underline;
  for (const key of Object.keys(result)) if (result[key] === undefined) delete result[key];
  return result;
}

function edge(e) {
  return e ? {style: e.style, color: color(e.color)} : undefined;
}

function style(s) {
  const result = {font: font(s.font), numFmt: s.numberFormat, protection: {locked: s.locked, hidden: s.hidden}};
  if (s.fill) {
    result.fill = s.fill.pattern === 'gradient'
      ? undefined
      : {type: 'pattern', pattern: s.fill.pattern, fgColor: color(s.fill.foreground), bgColor: color(s.fill.background)};
  }
  if (s.border) {
    result.border = {left: edge(s.border.left), right: edge(s.border.right), top: edge(s.border.top), bottom: edge(s.border.bottom)};
  }
  if (s.alignment) {
    const a = s.alignment;
    result.alignment = {horizontal: a.horizontal, vertical: a.vertical === 'center' ? 'middle' : a.vertical};
    if (a.wrapText) result.alignment.wrapText = true;
    if (a.shrinkToFit) result.alignment.shrinkToFit = true;
    if (a.indent) result.alignment.indent = a.indent;
    if (a.textRotation) result.alignment.textRotation = a.textRotation;
  }
  return result;
}

function typed(type, value) {
  switch (type) {
    case 's': return value;
    case 'n': return Number(value);
    case 'b': return value === '1' || value === 'true';
    case 'e': return {error: value};
    case 'd': return new Date(value);
    default: return null;
  }
}

// exceljs's sheetProtection model says what is allowed where OOXML says what is protected.
function protection(p) {
  const allowed = flag => (p[flag] ? undefined : true);
  return {
    sheet: p.sheet,
    objects: p.objects ? false : undefined,
    scenarios: p.scenarios ? false : undefined,
    selectLockedCells: p.selectLockedCells ? false : undefined,
    selectUnlockedCells: p.selectUnlockedCells ? false : undefined,
    formatCells: allowed('formatCells'),
    formatColumns: allowed('formatColumns'),
    formatRows: allowed('formatRows'),
    insertColumns: allowed('insertColumns'),
    insertRows: allowed('insertRows'),
    insertHyperlinks: allowed('insertHyperlinks'),
    deleteColumns: allowed('deleteColumns'),
    deleteRows: allowed('deleteRows'),
    sort: allowed('sort'),
    autoFilter: allowed('autoFilter'),
    pivotTables: allowed('pivotTables'),
  };
}

function view(v) {
  if (!v) return [];
  const result = {showGridLines: v.showGridLines, tabSelected: v.tabSelected, activeCell: v.activeCell};
  if (v.zoomScale) result.zoomScale = v.zoomScale;
  if (v.freeze) Object.assign(result, {state: 'frozen', xSplit: v.freeze.xSplit, ySplit: v.freeze.ySplit, topLeftCell: v.freeze.topLeftCell});
  return [result];
}

function pageSetup(p) {
  const result = {
    paperSize: p.paperSize,
    orientation: p.orientation === 'default' ? undefined : p.orientation,
    fitToPage: p.fitToPage,
    fitToWidth: p.fitToWidth,
    fitToHeight: p.fitToHeight,
    scale: p.scale,
    horizontalCentered: p.horizontalCentered,
    verticalCentered: p.verticalCentered,
  };
  if (p.margins) result.margins = {...p.margins};
  if (p.titleRows) result.printTitlesRow = p.titleRows;
  if (p.titleColumns) result.printTitlesColumn = p.titleColumns;
  if (p.area) result.printArea = p.area.split(',').join('&&');
  return result;
}

/** Builds the exceljs workbook for a parsed description; `styles` are the description's styles as exceljs styles. */
function build(description, styles) {
  const workbook = new ExcelJS.Workbook();
  workbook.calcProperties.fullCalcOnLoad = description.workbook.fullCalcOnLoad;
  for (const name of description.workbook.definedNames) {
    workbook.definedNames.add(name.value, name.name);
  }

  for (const sheet of description.sheets) {
    const properties = {};
    if (sheet.defaultRowHeight) properties.defaultRowHeight = sheet.defaultRowHeight;
    if (sheet.defaultColumnWidth) properties.defaultColWidth = sheet.defaultColumnWidth;
    if (sheet.tabColor) properties.tabColor = {argb: sheet.tabColor};
    const worksheet = workbook.addWorksheet(sheet.name, {
      state: sheet.state,
      properties,
      views: view(sheet.view),
      pageSetup: pageSetup(sheet.print),
      headerFooter: {oddHeader: sheet.print.oddHeader, oddFooter: sheet.print.oddFooter},
    });

    for (const column of sheet.columns) {
      for (let c = column.min; c <= column.max; c++) {
        const target = worksheet.getColumn(c);
        if (column.width !== undefined) target.width = column.width;
        if (column.hidden) target.hidden = true;
      }
    }

    for (const row of sheet.rows) {
      const target = worksheet.getRow(row.index);
      if (row.height !== undefined) target.height = row.height;
      if (row.hidden) target.hidden = true;
    }

    for (const cell of sheet.cells) {
      const target = worksheet.getCell(cell.ref);
      if (cell.formula !== undefined) {
        target.value = {formula: cell.formula, result: typed(cell.type, cell.value)};
      } else if (cell.type !== undefined) {
        target.value = typed(cell.type, cell.value);
      }
      target.style = styles[cell.style];
    }

    for (const range of sheet.merges) {
      worksheet.mergeCellsWithoutStyle(range);
    }

    const fromSerial = (serial) => new Date(Date.UTC(1899, 11, 30) + Number(serial) * 86400000);
    for (const v of sheet.dataValidations) {
      const validation = {
        type: v.type,
        allowBlank: v.allowBlank,
        showInputMessage: v.showInputMessage,
        showErrorMessage: v.showErrorMessage,
        formulae: v.formula2 !== undefined ? [v.formula1, v.formula2] : [v.formula1],
      };
      // exceljs takes the bounds of a date validation as Date objects and writes them back as serials.
      if (v.type === 'date') validation.formulae = validation.formulae.map(fromSerial);
      if (v.operator) validation.operator = v.operator;
      if (v.errorStyle !== 'stop') validation.errorStyle = v.errorStyle;
      if (v.promptTitle !== undefined) validation.promptTitle = v.promptTitle;
      if (v.prompt !== undefined) validation.prompt = v.prompt;
      if (v.errorTitle !== undefined) validation.errorTitle = v.errorTitle;
      if (v.error !== undefined) validation.error = v.error;
      for (const ref of v.ref.split(' ')) {
        worksheet.dataValidations.add(ref, validation);
      }
    }

    if (sheet.protection) {
      worksheet.sheetProtection = protection(sheet.protection);
    }
  }

  addPackageExtras(workbook, description);
  return workbook;
}

// ---------------------------------------------------------------------------------------------------------------
// What exceljs cannot express, added to the XML it generates.

let defaultFont; // set once from the description; see the StylesXform patch below
const initStyles = StylesXform.prototype.init;
StylesXform.prototype.init = function init() {
  initStyles.call(this);
  if (defaultFont) this._addFont(defaultFont); // font 0: the Normal style's font
};

function partName(uri) {
  return uri.replace(/^\//, '');
}

function addPackageExtras(workbook, description) {
  const {xlsx} = workbook;
  const customXml = description.customXml;
  const edit = (zip, name, change) => ({
    append: (data, options) => zip.append(options.name === name ? change(data) : data, options),
  });
  const insertBefore = (xml, marker, text) => {
    const at = xml.lastIndexOf(marker);
    if (at < 0) throw new Error(`No ${marker} in generated XML`);
    return xml.slice(0, at) + text + xml.slice(at);
  };

  const addContentTypes = xlsx.addContentTypes;
  xlsx.addContentTypes = (zip, model) => addContentTypes.call(xlsx, edit(zip, '[Content_Types].xml', xml => insertBefore(xml, '</Types>',
    customXml.filter(p => p.propertiesUri).map(p => `<Override PartName="${p.propertiesUri}" ContentType="${CUSTOM_XML_PROPS_TYPE}"/>`).join(''))), model);

  const addWorkbookRels = xlsx.addWorkbookRels;
  xlsx.addWorkbookRels = (zip, model) => addWorkbookRels.call(xlsx, edit(zip, 'xl/_rels/workbook.xml.rels', xml => insertBefore(xml, '</Relationships>',
    customXml.map((p, i) => `<Relationship Id="rIdCustomXml${i + 1}" Type="${REL_CUSTOM_XML}" Target="..${p.itemUri}"/>`).join(''))), model);

  const addWorkbook = xlsx.addWorkbook;
  xlsx.addWorkbook = async (zip, model) => {
    const w = description.workbook;
    const lock = w.lockStructure || w.lockWindows
      ? `<workbookProtection${w.lockStructure ? ' lockStructure="1"' : ''}${w.lockWindows ? ' lockWindows="1"' : ''}/>`
      : '';
    // CT_Workbook: workbookProtection comes before bookViews (which exceljs leaves out when empty) and sheets.
    const protect = xml => insertBefore(xml, xml.includes('<bookViews') ? '<bookViews' : '<sheets', lock);
    await addWorkbook.call(xlsx, edit(zip, 'xl/workbook.xml', xml => (lock ? protect(xml) : xml)), model);
    for (const p of customXml) {
      zip.append(p.item, {name: partName(p.itemUri)});
      if (p.propertiesUri) {
        const item = partName(p.itemUri);
        const slash = item.lastIndexOf('/');
        const rels = `${item.slice(0, slash)}/_rels/${item.slice(slash + 1)}.rels`;
        const target = p.propertiesUri.slice(p.propertiesUri.lastIndexOf('/') + 1);
        zip.append(p.properties, {name: partName(p.propertiesUri)});
        zip.append('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
          + `<Relationship Id="rId1" Type="${REL_CUSTOM_XML_PROPS}" Target="${target}"/></Relationships>`, {name: rels});
      }
    }
  };
}

// ---------------------------------------------------------------------------------------------------------------

function stats(times) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = q => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  const mean = times.reduce((s, t) => s + t, 0) / times.length;
  return {min: sorted[0], median: at(0.5), mean, p95: at(0.95), max: sorted[sorted.length - 1]};
}

function format(s) {
  return ['min', 'median', 'mean', 'p95', 'max'].map(k => `${k} ${s[k].toFixed(1)}`).join(', ');
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const description = JSON.parse(readFileSync(path.join(options.dir, 'workbook.json'), 'utf8'));
  defaultFont = font(description.defaultFont);
  const styles = description.styles.map(style);
  const cells = description.sheets.reduce((n, s) => n + s.cells.length, 0);
  const validations = description.sheets.reduce((n, s) => n + s.dataValidations.length, 0);
  console.log(`exceljs ${excelJsVersion}, Node.js ${process.version}: ${description.sheets.length} sheet(s), ${cells} cells, `
    + `${validations} data validations, ${styles.length} styles; ${options.warmup} warm-up + ${options.iterations} measured iterations`);

  const total = [];
  const buildTimes = [];
  const writeTimes = [];
  let buffer;
  for (let i = 0; i < options.warmup + options.iterations; i++) {
    const start = performance.now();
    const workbook = build(description, styles);
    const built = performance.now();
    buffer = await workbook.xlsx.writeBuffer({zip: ZIP_OPTIONS});
    const end = performance.now();
    if (i >= options.warmup) {
      total.push(end - start);
      buildTimes.push(built - start);
      writeTimes.push(end - built);
    }
  }

  const output = path.join(options.dir, 'exceljs.xlsx');
  writeFileSync(output, buffer);
  console.log(`build + writeBuffer (ms): ${format(stats(total))}`);
  console.log(`  build (ms):             ${format(stats(buildTimes))}`);
  console.log(`  writeBuffer (ms):       ${format(stats(writeTimes))}`);
  console.log(`${output}: ${buffer.length} bytes`);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
