using System.Globalization;
using DocumentFormat.OpenXml;
using OfficeEval.Documents.Results;
using QRCoder;
using A = DocumentFormat.OpenXml.Drawing;
using S = DocumentFormat.OpenXml.Spreadsheet;
using Xdr = DocumentFormat.OpenXml.Drawing.Spreadsheet;

namespace OfficeEval.Documents.Surveys;

/// <summary>Writes the distribution workbook: the 分发清单 sheet, its drawing with one picture per row, and the QR images.</summary>
internal static class SurveyLinksSheet
{
    public const string Name = "分发清单";
    public const int HeaderRow = 3;

    /// <summary>Pixels per QR module: about 250 px for a link's usual 33 modules and quiet zone, sharp when printed 3 cm wide.</summary>
    public const int PixelsPerModule = 6;

    private const string DrawingPath = "xl/drawings/drawing1.xml";
    private const double RowHeight = 100;
    private const double QrColumnWidth = 20;

    /// <summary>A HYPERLINK formula's text may hold 255 characters; a longer address is written as plain text.</summary>
    private const int MaxFormulaText = 255;

    /// <summary>Excel keeps at most 1,026 manual page breaks a sheet.</summary>
    private const int MaxPageBreaks = 1000;

    private const long EmuPerPoint = 12700;
    private const long ImageSize = 90 * EmuPerPoint;

    /// <summary>Creation time in the package: fixed, so one batch always gives the same bytes and the file tells nothing of when it was made.</summary>
    private static readonly DateTimeOffset Timestamp = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    public static void Write(SurveyLinksDocument document, Stream output)
    {
        var rows = Sorted(document);
        var columns = Columns(document.Mutual);
        var qr = columns.Count - 1;
        var images = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            images.TryAdd(row.Url, images.Count + 1);
        }

        using var workbook = new StreamedWorkbook(output, Timestamp);
        var writer = workbook.StartSheet(Name);
        var cells = new CellWriter(writer, columns.Count);
        WriteStart(writer, columns);
        cells.StartRow(1, 30);
        cells.Text(0, document.Title + " 问卷链接分发清单", SurveyStyles.Title);
        cells.EndRow();
        cells.StartRow(2, 36);
        cells.Text(0, InfoLine(document, rows), SurveyStyles.Info);
        cells.EndRow();
        cells.StartRow(HeaderRow, 32);
        for (var c = 0; c < columns.Count; c++)
        {
            cells.Text(c, columns[c].Header, SurveyStyles.Header);
        }

        cells.EndRow();
        var breaks = new List<int>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var number = HeaderRow + 1 + i;
            if (i > 0 && DistributedTo(rows[i - 1], document.Mutual) != DistributedTo(row, document.Mutual))
            {
                breaks.Add(number - 1);
            }

            cells.StartRow(number, RowHeight);
            var c = 0;
            cells.Number(c++, i + 1, SurveyStyles.Centered);
            cells.Text(c++, row.UnitCode, SurveyStyles.Code);
            cells.Text(c++, row.UnitName, SurveyStyles.Text);
            if (document.Mutual)
            {
                cells.Text(c++, row.RespondentUnitCode, SurveyStyles.Code);
                cells.Text(c++, row.RespondentUnitName, SurveyStyles.Text);
            }

            cells.Text(c++, document.Group, SurveyStyles.Centered);
            if (row.Url.Length + 13 <= MaxFormulaText)
            {
                cells.Formula(c++, "HYPERLINK(\"" + row.Url.Replace("\"", "\"\"", StringComparison.Ordinal) + "\")", row.Url, SurveyStyles.Link);
            }
            else
            {
                cells.Text(c++, row.Url, SurveyStyles.Link);
            }

            cells.Blank(c, SurveyStyles.Centered);
            cells.EndRow();
        }

        var last = HeaderRow + rows.Count;
        WriteEnd(writer, cells, columns.Count, breaks.Count <= MaxPageBreaks ? breaks : [], drawing: rows.Count > 0);
        workbook.EndSheet();
        if (rows.Count > 0)
        {
            workbook.Package.Relate(StreamedWorkbook.SheetPath(1), "rIdDrawing1", StreamedWorkbook.RelationshipType + "drawing", "../drawings/drawing1.xml");
            WriteDrawing(workbook.Package, rows, images, qr);
            workbook.Package.Default("png", "image/png");
            foreach (var (url, image) in images)
            {
                using var stream = workbook.Package.CreatePart(ImagePath(image), null);
                stream.Write(Png(url));
            }
        }

        var lastColumn = CellWriter.Column(columns.Count - 1);
        workbook.Finish(SurveyStyles.Stylesheet(), document.Title + " 问卷链接分发清单", Timestamp,
            new S.DefinedName(string.Create(CultureInfo.InvariantCulture, $"'{Name}'!${HeaderRow}:${HeaderRow}")) { Name = "_xlnm.Print_Titles", LocalSheetId = 0U },
            new S.DefinedName(string.Create(CultureInfo.InvariantCulture, $"'{Name}'!$A$1:${lastColumn}${last}")) { Name = "_xlnm.Print_Area", LocalSheetId = 0U });
    }

    /// <summary>The QR code of <paramref name="text"/> as a PNG: error correction level M, black on white, with its quiet zone.</summary>
    public static byte[] Png(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        using var png = new PngByteQRCode(data);
        return png.GetGraphic(PixelsPerModule);
    }

    /// <summary>Rows in the order they are handed out: by the unit that receives them, then the other unit, then as given.</summary>
    private static List<SurveyLinkRow> Sorted(SurveyLinksDocument document) =>
    [
        .. document.Rows
            .OrderBy(r => DistributedTo(r, document.Mutual), StringComparer.Ordinal)
            .ThenBy(r => document.Mutual ? r.UnitCode : "", StringComparer.Ordinal),
    ];

    /// <summary>The unit a link is handed to: the one answering in mutual evaluation, else the one evaluated (whose service users answer).</summary>
    private static string DistributedTo(SurveyLinkRow row, bool mutual) => mutual ? row.RespondentUnitCode ?? "" : row.UnitCode;

    private static List<(string Header, double Width)> Columns(bool mutual) =>
    [
        ("序号", 5),
        ("被评估单位编码", 10),
        ("被评估单位", mutual ? 16 : 20),
        .. mutual ? new[] { ("评价单位编码", 10d), ("评价单位", 16d) } : [],
        ("答卷群体", 10),
        ("链接", mutual ? 24 : 30),
        ("二维码", QrColumnWidth),
    ];

    private static string InfoLine(SurveyLinksDocument document, List<SurveyLinkRow> rows)
    {
        var expiry = document.ExpiresAt is { } at
            ? at.ToOffset(ChinaStandardTime).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + "（北京时间）"
            : "问卷关闭前有效";
        var units = rows.Select(r => DistributedTo(r, document.Mutual)).Distinct(StringComparer.Ordinal).Count();
        var use = document.Mutual
            ? string.Create(CultureInfo.InvariantCulture, $"单位互评：按评价单位分页，共 {units} 个评价单位；每个链接由评价单位对所列被评估单位作答一次")
            : string.Create(CultureInfo.InvariantCulture, $"按被评估单位分页，共 {units} 个被评估单位；每个链接只能提交一次，请分别发给不同的答卷人");
        return string.Create(CultureInfo.InvariantCulture, $"答卷群体：{document.Group}　有效期至：{expiry}　共 {rows.Count} 个链接\n{use}。链接即凭证，请勿公开张贴。");
    }

    private static void WriteStart(OpenXmlWriter w, List<(string Header, double Width)> columns)
    {
        w.WriteStartElement(new S.Worksheet(), [], [new("r", StreamingPackage.RelationshipNamespace)]);
        w.WriteElement(SheetLayout.Properties("FF4472C4"));
        w.WriteElement(SheetLayout.Frozen(0, HeaderRow));
        w.WriteElement(new S.SheetFormatProperties { DefaultRowHeight = 15 });
        w.WriteElement(SheetLayout.Columns(columns.Select(c => c.Width)));
        w.WriteStartElement(new S.SheetData());
    }

    private static void WriteEnd(OpenXmlWriter w, CellWriter cells, int columns, List<int> breaks, bool drawing)
    {
        w.WriteEndElement(); // sheetData
        var last = cells.Letter(columns - 1);
        w.WriteElement(new S.MergeCells(new S.MergeCell { Reference = $"A1:{last}1" }, new S.MergeCell { Reference = $"A2:{last}2" }) { Count = 2U });
        SheetLayout.Page(w, landscape: false, centred: true);
        if (breaks.Count > 0)
        {
            w.WriteElement(new S.RowBreaks(breaks.Select(row => new S.Break { Id = (uint)row, Max = 16383U, ManualPageBreak = true }))
            {
                Count = (uint)breaks.Count,
                ManualBreakCount = (uint)breaks.Count,
            });
        }

        if (drawing)
        {
            w.WriteElement(new S.Drawing { Id = "rIdDrawing1" });
        }

        w.WriteEndElement(); // worksheet
    }

    /// <summary>One picture per row, anchored inside its QR cell (moved, hidden and sorted with the row) and centred in it.</summary>
    private static void WriteDrawing(StreamingPackage package, List<SurveyLinkRow> rows, Dictionary<string, int> images, int column)
    {
        // The column's width in points as Excel lays it out (7-pixel digits at 96 dpi), to centre the picture.
        var columnWidth = (long)Math.Truncate((QrColumnWidth * 7) + 5) * 3 / 4 * EmuPerPoint;
        var left = Math.Max(0, (columnWidth - ImageSize) / 2);
        var top = (((long)RowHeight * EmuPerPoint) - ImageSize) / 2;
        using (var stream = package.CreatePart(DrawingPath, "application/vnd.openxmlformats-officedocument.drawing+xml"))
        using (var w = OpenXmlWriter.Create(stream))
        {
            w.WriteStartDocument(true);
            w.WriteStartElement(new Xdr.WorksheetDrawing(), [],
                [new("xdr", "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"), new("a", "http://schemas.openxmlformats.org/drawingml/2006/main"), new("r", StreamingPackage.RelationshipNamespace)]);
            for (var i = 0; i < rows.Count; i++)
            {
                var row = (HeaderRow + i).ToString(CultureInfo.InvariantCulture); // zero-based: the data row HeaderRow + 1 + i
                var col = column.ToString(CultureInfo.InvariantCulture);
                var image = images[rows[i].Url];
                w.WriteElement(new Xdr.TwoCellAnchor(
                    Marker<Xdr.FromMarker>(col, left, row, top),
                    Marker<Xdr.ToMarker>(col, left + ImageSize, row, top + ImageSize),
                    new Xdr.Picture(
                        new Xdr.NonVisualPictureProperties(
                            new Xdr.NonVisualDrawingProperties { Id = (uint)(i + 2), Name = "二维码 " + (i + 1).ToString(CultureInfo.InvariantCulture), Description = CellWriter.XmlText(rows[i].Url) },
                            new Xdr.NonVisualPictureDrawingProperties(new A.PictureLocks { NoChangeAspect = true })),
                        new Xdr.BlipFill(new A.Blip { Embed = ImageId(image) }, new A.Stretch(new A.FillRectangle())),
                        new Xdr.ShapeProperties(
                            new A.Transform2D(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = ImageSize, Cy = ImageSize }),
                            new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })),
                    new Xdr.ClientData())
                { EditAs = Xdr.EditAsValues.TwoCell });
            }

            w.WriteEndElement();
        }

        foreach (var image in images.Values)
        {
            package.Relate(DrawingPath, ImageId(image), StreamedWorkbook.RelationshipType + "image", "../media/" + ImagePath(image)["xl/media/".Length..]);
        }
    }

    private static T Marker<T>(string column, long columnOffset, string row, long rowOffset)
        where T : OpenXmlCompositeElement, new()
    {
        var marker = new T();
        marker.Append(
            new Xdr.ColumnId(column),
            new Xdr.ColumnOffset(columnOffset.ToString(CultureInfo.InvariantCulture)),
            new Xdr.RowId(row),
            new Xdr.RowOffset(rowOffset.ToString(CultureInfo.InvariantCulture)));
        return marker;
    }

    private static string ImageId(int image) => "rIdQr" + image.ToString(CultureInfo.InvariantCulture);

    private static string ImagePath(int image) => "xl/media/qr" + image.ToString(CultureInfo.InvariantCulture) + ".png";
}
