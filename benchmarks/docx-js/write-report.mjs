// Writes the evaluation report described by report.json with the docx package, and times it.
//
//   node write-report.mjs <dir> [--iterations 50] [--warmup 10]
//
// <dir> holds report.json, exported by `dotnet run -c Release --project benchmarks/OfficeEval.Benchmarks --
// --export-report <dir>`: the evaluation report OfficeEval writes (250 indicators), read back from its package — page,
// styles, footers and the body block by block. Each iteration builds a docx Document from the parsed description
// (styles, the A4 section with its margins and document grid, odd and even page-number footers, paragraphs, tables,
// the indicators' content controls and the radar chart) and calls Packer.toBuffer(). The last buffer is written to
// <dir>/docx-js.docx, which `--check-report <dir>` compares with the description.
//
// docx has no block-level content control of its own: the indicators' w:sdt elements are built from its XmlComponent
// classes (BuilderElement, StringValueElement), which it serializes like its own. It cannot write w:mirrorMargins, nor
// a paragraph style's w:snapToGrid (only the run's): --check-report reports the first; the second makes LibreOffice
// snap docx's body text to the character grid and spread it (56 pages become 71), while Word lays both out alike.

import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {
  AlignmentType, BorderStyle, BuilderElement, Document, FileChild, Footer, LineRuleType, NumberValueElement, Packer,
  PageNumber, Paragraph, ShadingType, StringValueElement, Table, TableCell, TableLayoutType, TableRow, TextRun,
  VerticalAlign, WidthType,
} from 'docx';
import {ChartRun} from 'docx/charts';

const docxVersion = JSON.parse(readFileSync(new URL('./node_modules/docx/package.json', import.meta.url), 'utf8')).version;

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
    throw new Error('Usage: node write-report.mjs <dir> [--iterations 50] [--warmup 10]');
  }
  return options;
}

const ALIGNMENT = {both: AlignmentType.BOTH, center: AlignmentType.CENTER, right: AlignmentType.RIGHT, left: AlignmentType.LEFT};
const LINE_RULE = {exact: LineRuleType.EXACT, auto: LineRuleType.AUTO, atLeast: LineRuleType.AT_LEAST};
const BORDER = {style: BorderStyle.SINGLE, size: 4, color: '000000'};
const EMU_PER_PIXEL = 9525;

/** A paragraph style of the description as docx's style options. */
function style(s) {
  const run = {};
  if (s.eastAsia || s.ascii) {
    run.font = {ascii: s.ascii ?? undefined, hAnsi: s.ascii ?? undefined, eastAsia: s.eastAsia ?? undefined};
  }
  if (s.size) run.size = s.size;
  if (s.bold) run.bold = true;
  if (s.spacing !== null && s.spacing !== undefined) run.characterSpacing = s.spacing;
  const paragraph = {};
  if (s.line) paragraph.spacing = {line: s.line, lineRule: LINE_RULE[s.lineRule] ?? LineRuleType.AUTO, before: 0, after: 0};
  if (s.firstLine !== null && s.firstLine !== undefined) paragraph.indent = {firstLine: s.firstLine};
  if (s.alignment) paragraph.alignment = ALIGNMENT[s.alignment];
  if (s.outlineLevel !== null && s.outlineLevel !== undefined) paragraph.outlineLevel = s.outlineLevel;
  if (s.keepNext) paragraph.keepNext = true;
  if (s.snapToGrid === false) paragraph.snapToGrid = false;
  return {id: s.id, name: s.name ?? s.id, basedOn: s.basedOn ?? undefined, quickFormat: true, run, paragraph};
}

/** A block-level content control (w:sdt) from docx's own XML components. */
class ContentControl extends FileChild {
  constructor({tag, alias, id, lock, children}) {
    super('w:sdt');
    this.root.push(new BuilderElement({
      name: 'w:sdtPr',
      children: [
        new StringValueElement('w:alias', alias),
        new StringValueElement('w:tag', tag),
        new NumberValueElement('w:id', id),
        new StringValueElement('w:lock', lock ?? 'sdtLocked'),
      ],
    }));
    this.root.push(new BuilderElement({name: 'w:sdtContent', children}));
  }
}

function runs(block) {
  const children = [];
  for (const run of block.runs) {
    run.text.split('\n').forEach((line, i) => children.push(new TextRun({text: line, bold: run.bold || undefined, break: i > 0 ? 1 : undefined})));
  }
  return children;
}

function paragraph(block) {
  return new Paragraph({
    style: block.style,
    alignment: block.alignment ? ALIGNMENT[block.alignment] : undefined,
    indent: block.indentRight ? {right: block.indentRight} : undefined,
    children: runs(block),
  });
}

function table(block) {
  const total = block.widths.reduce((a, b) => a + b, 0);
  return new Table({
    width: {size: total, type: WidthType.DXA},
    columnWidths: block.widths,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    borders: {top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER},
    rows: block.rows.map((row) => new TableRow({
      tableHeader: row.header || undefined,
      cantSplit: true,
      children: row.cells.map((cell, i) => new TableCell({
        width: {size: block.widths[i], type: WidthType.DXA},
        verticalAlign: VerticalAlign.CENTER,
        shading: cell.fill ? {type: ShadingType.CLEAR, color: 'auto', fill: cell.fill} : undefined,
        margins: {top: 28, bottom: 28, left: 85, right: 85},
        children: cell.text.split('\n').map((line) => new Paragraph({
          style: cell.style,
          alignment: cell.center ? AlignmentType.CENTER : undefined,
          children: [new TextRun({text: line, bold: cell.bold || undefined})],
        })),
      })),
    })),
  });
}

function chart(block) {
  return new Paragraph({
    style: 'Figure',
    children: [new ChartRun({
      type: 'radar',
      categories: block.categories,
      series: block.series.map((s) => ({name: s.name, values: s.values, color: s.colour ?? undefined})),
      markers: true,
      valueAxis: {min: 0, max: block.max ?? 100, majorUnit: 20},
      legend: {position: 'bottom'},
      chartArea: {border: 'none'},
      font: {name: '仿宋_GB2312'},
      transformation: {width: Math.round(block.widthEmu / EMU_PER_PIXEL), height: Math.round(block.heightEmu / EMU_PER_PIXEL)},
    })],
  });
}

function blocks(list) {
  return list.map((block) => {
    switch (block.type) {
      case 'paragraph': return paragraph(block);
      case 'table': return table(block);
      case 'chart': return chart(block);
      case 'sdt': return new ContentControl({...block, children: blocks(block.blocks)});
      default: throw new Error(`Unknown block ${block.type}`);
    }
  });
}

function footer(spec) {
  return new Footer({
    children: [new Paragraph({
      style: 'Footer',
      alignment: ALIGNMENT[spec.alignment],
      indent: spec.alignment === 'right' ? {right: 280} : {left: 280},
      children: [new TextRun('— '), new TextRun({children: [PageNumber.CURRENT]}), new TextRun(' —')],
    })],
  });
}

/** The document defaults: body fonts and size, and the exact line every paragraph inherits. */
function defaults(d) {
  return {
    run: {font: {ascii: d.ascii ?? undefined, hAnsi: d.ascii ?? undefined, eastAsia: d.eastAsia ?? undefined}, size: d.size ?? undefined},
    paragraph: d.line ? {spacing: {line: d.line, lineRule: LINE_RULE[d.lineRule] ?? LineRuleType.AUTO, before: 0, after: 0}} : undefined,
  };
}

function build(description) {
  const {page, styles, footers} = description;
  return new Document({
    creator: 'OfficeEval',
    title: 'evaluation',
    evenAndOddHeaderAndFooters: page.evenAndOddFooters,
    styles: {default: {document: defaults(description.defaults)}, paragraphStyles: styles.map(style)},
    sections: [{
      properties: {
        page: {
          size: {width: page.width, height: page.height},
          margin: {top: page.top, bottom: page.bottom, left: page.left, right: page.right, header: page.header, footer: page.footer, gutter: 0},
        },
        grid: {type: page.gridType, linePitch: page.linePitch, charSpace: page.charSpace},
      },
      footers: {default: footer(footers.default), even: footer(footers.even)},
      children: blocks(description.blocks),
    }],
  });
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const description = JSON.parse(readFileSync(path.join(options.dir, 'report.json'), 'utf8'));

  let buffer;
  const total = [];
  const building = [];
  for (let i = 0; i < options.warmup + options.iterations; i++) {
    const start = performance.now();
    const document = build(description);
    const built = performance.now();
    buffer = await Packer.toBuffer(document);
    const end = performance.now();
    if (i >= options.warmup) {
      total.push(end - start);
      building.push(built - start);
    }
  }

  writeFileSync(path.join(options.dir, 'docx-js.docx'), buffer);
  total.sort((a, b) => a - b);
  building.sort((a, b) => a - b);
  const mean = total.reduce((a, b) => a + b, 0) / total.length;
  const f = (x) => x.toFixed(1);
  console.log(`docx ${docxVersion}, Node ${process.version}: build + Packer.toBuffer over ${options.iterations} iterations after ${options.warmup} warm-up`);
  console.log(`  median ${f(percentile(total, 50))} ms, p95 ${f(percentile(total, 95))} ms, mean ${f(mean)} ms, min ${f(total[0])} ms`);
  console.log(`  of which building the Document: median ${f(percentile(building, 50))} ms`);
  console.log(`  docx-js.docx: ${buffer.length} bytes`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
