// A minimal .docx writer for the e2e tests: the shape of the 自评报告 the API will serve (each indicator in a block
// content control, tag `officeeval:indicator:{code}`, title `{code} {name}`), until that endpoint exists. Entries are
// deflated, so the stub reads them through DecompressionStream as it would a real file.
import { crc32, deflateRawSync } from "node:zlib";

export type DocxBlock = string | { tag: string; title: string; paragraphs: string[] };

const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function paragraph(text: string): string {
  return `<w:p><w:r><w:t xml:space="preserve">${escape(text)}</w:t></w:r></w:p>`;
}

let nextId = 1000;

/** word/document.xml with the blocks in order: paragraphs, and block content controls holding paragraphs. */
export function documentXml(blocks: DocxBlock[]): string {
  const body = blocks
    .map((b) =>
      typeof b === "string"
        ? paragraph(b)
        : `<w:sdt><w:sdtPr><w:alias w:val="${escape(b.title)}"/><w:tag w:val="${escape(b.tag)}"/><w:id w:val="${nextId++}"/></w:sdtPr>` +
          `<w:sdtContent>${b.paragraphs.map(paragraph).join("")}</w:sdtContent></w:sdt>`,
    )
    .join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="${W}"><w:body>${body}<w:sectPr/></w:body></w:document>`;
}

/** A .docx (zip, deflated entries) with the document's blocks. */
export function docx(blocks: DocxBlock[]): Buffer {
  return zip({
    "[Content_Types].xml":
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    "_rels/.rels":
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    "word/document.xml": documentXml(blocks),
  });
}

/** The 自评报告's shape for a unit's leaves: a heading, then per indicator a control with its name and self-score. */
export function selfAssessmentReport(unitName: string, leaves: { indicatorCode: string; name: string; points: number; selfScore: number | null }[]): Buffer {
  return docx([
    `${unitName}2026年度自评报告`,
    ...leaves.map((l) => ({
      tag: `officeeval:indicator:${l.indicatorCode}`,
      title: `${l.indicatorCode} ${l.name}`,
      paragraphs: [`${l.indicatorCode} ${l.name}`, `分值：${l.points} 分；自评得分：${l.selfScore ?? "—"} 分`, "情况说明：按要求落实。"],
    })),
    "（报告完）",
  ]);
}

function zip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text, "utf8");
    const packed = deflateRawSync(data);
    const nameBytes = Buffer.from(name, "utf8");
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
