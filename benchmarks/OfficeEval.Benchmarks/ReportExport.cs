using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using OfficeEval.Documents.Reports;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace OfficeEval.Benchmarks;

/// <summary>
/// The two ends of the docx (npm) comparison in <c>benchmarks/docx-js</c>: <c>--export-report &lt;dir&gt;</c> writes the
/// benchmarks' evaluation report and a JSON description of it, read back from its package (page, styles, footers, and
/// the body block by block: paragraphs with their runs, tables, content controls, the chart's data), for the docx
/// package to rebuild; <c>--check-report &lt;dir&gt;</c> reads the rebuilt document back the same way and lists what
/// differs, with its schema errors.
/// </summary>
internal static class ReportExport
{
    public const string ReportFile = "evaluation.docx";
    public const string DescriptionFile = "report.json";
    public const string DocxJsFile = "docx-js.docx";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
    };

    public static void Export(string directory)
    {
        Directory.CreateDirectory(directory);
        var fixture = ReportFixture.Create();
        Console.WriteLine(fixture.Describe());

        // The first write in this process (JIT included), then a few more, as a rough guide; BenchmarkDotNet measures.
        var watch = Stopwatch.StartNew();
        var report = ReportBenchmarks.Write(s => EvaluationReport.Write(fixture.Evaluation, s));
        Console.WriteLine(string.Create(Inv, $"First EvaluationReport.Write in this process (JIT included): {watch.Elapsed.TotalMilliseconds:0} ms"));
        var times = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            watch.Restart();
            ReportBenchmarks.Write(s => EvaluationReport.Write(fixture.Evaluation, s));
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine(string.Create(Inv, $"Next 20 writes: median {times[10]:0.0} ms, min {times[0]:0.0} ms"));

        File.WriteAllBytes(Path.Combine(directory, ReportFile), report);
        var description = Describe(report);
        File.WriteAllText(Path.Combine(directory, DescriptionFile), description.ToJsonString(Json));
        Console.WriteLine(string.Create(Inv, $"{ReportFile}: {report.Length:N0} bytes; {DescriptionFile}: {description["blocks"]!.AsArray().Count} top-level blocks"));
    }

    public static int Check(string directory)
    {
        var ours = Describe(File.ReadAllBytes(Path.Combine(directory, ReportFile)));
        var path = Path.Combine(directory, DocxJsFile);
        var theirs = File.ReadAllBytes(path);
        var description = Describe(theirs);

        using (var document = WordprocessingDocument.Open(new MemoryStream(theirs, writable: false), false))
        {
            var errors = new OpenXmlValidator(FileFormatVersions.Office2016).Validate(document).ToList();
            Console.WriteLine(string.Create(Inv, $"{DocxJsFile}: {theirs.Length:N0} bytes, {errors.Count} schema errors (Office 2016)"));
            foreach (var error in errors.Take(10))
            {
                Console.WriteLine($"  {error.Part?.Uri} {error.Path?.XPath}: {error.Description}");
            }
        }

        var ourText = Texts(ours["blocks"]!.AsArray());
        var theirText = Texts(description["blocks"]!.AsArray());
        var differences = ourText.Zip(theirText).Count(p => p.First != p.Second) + Math.Abs(ourText.Count - theirText.Count);
        Console.WriteLine(string.Create(Inv, $"Paragraph texts: {ourText.Count} in OfficeEval's, {theirText.Count} in docx's, {differences} differ"));
        Console.WriteLine(string.Create(Inv, $"Content controls: {Count(ours, "sdt")} / {Count(description, "sdt")}; tables: {Count(ours, "table")} / {Count(description, "table")}; charts: {Count(ours, "chart")} / {Count(description, "chart")}"));
        // docx cannot write w:mirrorMargins: that difference is reported, not counted.
        Console.WriteLine("Document defaults (fonts, size, line) " + (JsonNode.DeepEquals(ours["defaults"], description["defaults"]) ? "identical" : "differ: " + description["defaults"]!.ToJsonString()));
        var ourPage = ours["page"]!.AsObject().DeepClone().AsObject();
        var theirPage = description["page"]!.AsObject().DeepClone().AsObject();
        Console.WriteLine(string.Create(Inv, $"Mirrored margins: {ourPage["mirrored"]} / {theirPage["mirrored"]} (docx has no option for w:mirrorMargins)"));
        ourPage.Remove("mirrored");
        theirPage.Remove("mirrored");
        var samePage = JsonNode.DeepEquals(ourPage, theirPage);
        Console.WriteLine("Page setup (size, margins, footers, grid) " + (samePage ? "identical" : "differs: " + theirPage.ToJsonString()));
        var sameBlocks = Count(ours, "sdt") == Count(description, "sdt") && Count(ours, "table") == Count(description, "table") && Count(ours, "chart") == Count(description, "chart");
        return differences == 0 && samePage && sameBlocks ? 0 : 1;
    }

    /// <summary>The document as the comparison needs it; the same for OfficeEval's package and docx's.</summary>
    public static JsonObject Describe(byte[] docx)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(docx, writable: false), false);
        var main = document.MainDocumentPart!;
        var body = main.Document.Body!;
        var section = body.Elements<W.SectionProperties>().Single();
        var size = section.GetFirstChild<W.PageSize>()!;
        var margin = section.GetFirstChild<W.PageMargin>()!;
        var grid = section.GetFirstChild<W.DocGrid>();
        var page = new JsonObject
        {
            ["width"] = (int)size.Width!.Value,
            ["height"] = (int)size.Height!.Value,
            ["top"] = margin.Top!.Value,
            ["bottom"] = (int)margin.Bottom!.Value,
            ["left"] = (int)margin.Left!.Value,
            ["right"] = (int)margin.Right!.Value,
            ["header"] = (int)margin.Header!.Value,
            ["footer"] = (int)margin.Footer!.Value,
            ["mirrored"] = main.DocumentSettingsPart?.Settings.GetFirstChild<W.MirrorMargins>() is not null,
            ["evenAndOddFooters"] = main.DocumentSettingsPart?.Settings.GetFirstChild<W.EvenAndOddHeaders>() is not null,
            ["gridType"] = grid?.Type?.InnerText,
            ["linePitch"] = grid?.LinePitch?.Value,
            ["charSpace"] = grid?.CharacterSpace?.Value,
        };

        var docDefaults = main.StyleDefinitionsPart!.Styles!.DocDefaults;
        var defaultRun = docDefaults?.RunPropertiesDefault?.RunPropertiesBaseStyle;
        var defaultLine = docDefaults?.ParagraphPropertiesDefault?.Descendants<W.SpacingBetweenLines>().FirstOrDefault();
        var defaults = new JsonObject
        {
            ["eastAsia"] = defaultRun?.RunFonts?.EastAsia?.Value,
            ["ascii"] = defaultRun?.RunFonts?.Ascii?.Value,
            ["size"] = defaultRun?.FontSize?.Val?.Value is { } defaultSize ? int.Parse(defaultSize, Inv) : null,
            ["line"] = defaultLine?.Line?.Value is { } dl ? int.Parse(dl, Inv) : null,
            ["lineRule"] = defaultLine?.LineRule?.InnerText,
        };

        var styles = new JsonArray();
        foreach (var style in main.StyleDefinitionsPart!.Styles!.Elements<W.Style>().Where(s => s.Type?.Value == W.StyleValues.Paragraph))
        {
            var run = style.StyleRunProperties;
            var paragraph = style.StyleParagraphProperties;
            styles.Add(new JsonObject
            {
                ["id"] = style.StyleId!.Value,
                ["name"] = style.StyleName?.Val?.Value,
                ["basedOn"] = style.BasedOn?.Val?.Value,
                ["eastAsia"] = run?.RunFonts?.EastAsia?.Value,
                ["ascii"] = run?.RunFonts?.Ascii?.Value,
                ["size"] = run?.FontSize?.Val?.Value is { } sz ? int.Parse(sz, Inv) : null,
                ["bold"] = run?.Bold is not null,
                ["spacing"] = run?.Spacing?.Val?.Value,
                ["line"] = paragraph?.SpacingBetweenLines?.Line?.Value is { } line ? int.Parse(line, Inv) : null,
                ["lineRule"] = paragraph?.SpacingBetweenLines?.LineRule?.InnerText,
                ["firstLine"] = paragraph?.Indentation?.FirstLine?.Value is { } first ? int.Parse(first, Inv) : null,
                ["alignment"] = paragraph?.Justification?.Val?.InnerText,
                ["outlineLevel"] = paragraph?.OutlineLevel?.Val?.Value,
                ["keepNext"] = paragraph?.KeepNext is not null,
                ["snapToGrid"] = paragraph?.SnapToGrid?.Val?.Value,
            });
        }

        var footers = new JsonObject();
        foreach (var reference in section.Elements<W.FooterReference>())
        {
            var footer = ((FooterPart)main.GetPartById(reference.Id!.Value!)).Footer.Elements<W.Paragraph>().First();
            footers[reference.Type?.InnerText ?? "default"] = new JsonObject
            {
                ["alignment"] = footer.ParagraphProperties?.Justification?.Val?.InnerText,
                ["text"] = string.Concat(footer.Descendants<W.Text>().Select(t => t.Text)),
            };
        }

        return new JsonObject
        {
            ["page"] = page,
            ["defaults"] = defaults,
            ["styles"] = styles,
            ["footers"] = footers,
            ["blocks"] = Blocks(main, body.ChildElements),
        };
    }

    private static JsonArray Blocks(MainDocumentPart main, IEnumerable<OpenXmlElement> elements)
    {
        var blocks = new JsonArray();
        foreach (var element in elements)
        {
            switch (element)
            {
                case W.Paragraph paragraph when paragraph.Descendants<C.ChartReference>().FirstOrDefault() is { } chart:
                    blocks.Add(Chart(main, paragraph, chart));
                    break;
                case W.Paragraph paragraph:
                    blocks.Add(Paragraph(paragraph));
                    break;
                case W.Table table:
                    blocks.Add(Table(table));
                    break;
                case W.SdtBlock sdt:
                    blocks.Add(new JsonObject
                    {
                        ["type"] = "sdt",
                        ["tag"] = sdt.SdtProperties?.GetFirstChild<W.Tag>()?.Val?.Value,
                        ["alias"] = sdt.SdtProperties?.GetFirstChild<W.SdtAlias>()?.Val?.Value,
                        ["id"] = sdt.SdtProperties?.GetFirstChild<W.SdtId>()?.Val?.Value,
                        ["lock"] = sdt.SdtProperties?.GetFirstChild<W.Lock>()?.Val?.InnerText,
                        ["blocks"] = Blocks(main, sdt.SdtContentBlock?.ChildElements ?? Enumerable.Empty<OpenXmlElement>()),
                    });
                    break;
            }
        }

        return blocks;
    }

    private static JsonObject Paragraph(W.Paragraph paragraph)
    {
        var properties = paragraph.ParagraphProperties;
        var runs = new JsonArray();
        foreach (var run in paragraph.Elements<W.Run>())
        {
            var lines = run.ChildElements.Where(c => c is W.Text or W.Break).Select(c => c is W.Text t ? t.Text : "\n");
            var text = string.Concat(lines);
            if (text.Length > 0)
            {
                runs.Add(new JsonObject { ["text"] = text, ["bold"] = run.RunProperties?.Bold is not null });
            }
        }

        return new JsonObject
        {
            ["type"] = "paragraph",
            ["style"] = properties?.ParagraphStyleId?.Val?.Value ?? "Normal",
            ["alignment"] = properties?.Justification?.Val?.InnerText,
            ["indentRight"] = properties?.Indentation?.Right?.Value is { } right ? int.Parse(right, Inv) : null,
            ["runs"] = runs,
        };
    }

    private static JsonObject Table(W.Table table) => new()
    {
        ["type"] = "table",
        ["widths"] = new JsonArray([.. table.GetFirstChild<W.TableGrid>()!.Elements<W.GridColumn>().Select(c => (JsonNode)int.Parse(c.Width!.Value!, Inv))]),
        ["rows"] = new JsonArray([.. table.Elements<W.TableRow>().Select(row => (JsonNode)new JsonObject
        {
            ["header"] = row.TableRowProperties?.GetFirstChild<W.TableHeader>() is not null,
            ["cells"] = new JsonArray([.. row.Elements<W.TableCell>().Select(cell => (JsonNode)new JsonObject
            {
                ["text"] = string.Join("\n", cell.Elements<W.Paragraph>().Select(p => p.InnerText)),
                ["style"] = cell.Elements<W.Paragraph>().First().ParagraphProperties?.ParagraphStyleId?.Val?.Value,
                ["center"] = cell.Elements<W.Paragraph>().First().ParagraphProperties?.Justification?.Val?.Value == W.JustificationValues.Center,
                ["bold"] = cell.Descendants<W.Bold>().Any(),
                ["fill"] = cell.TableCellProperties?.Shading?.Fill?.Value,
            })]),
        })]),
    };

    private static JsonObject Chart(MainDocumentPart main, W.Paragraph paragraph, C.ChartReference reference)
    {
        var chart = ((ChartPart)main.GetPartById(reference.Id!.Value!)).ChartSpace;
        var extent = paragraph.Descendants<DocumentFormat.OpenXml.Drawing.Wordprocessing.Extent>().First();
        var series = chart.Descendants<C.RadarChartSeries>().ToList();
        return new JsonObject
        {
            ["type"] = "chart",
            ["kind"] = chart.Descendants<C.RadarChart>().Any() ? "radar" : "other",
            ["widthEmu"] = extent.Cx!.Value,
            ["heightEmu"] = extent.Cy!.Value,
            ["max"] = chart.Descendants<C.ValueAxis>().FirstOrDefault()?.Scaling?.GetFirstChild<C.MaxAxisValue>()?.Val?.Value,
            ["categories"] = new JsonArray([.. series.FirstOrDefault()?.GetFirstChild<C.CategoryAxisData>()?.Descendants<C.StringPoint>().Select(p => (JsonNode)p.NumericValue!.Text) ?? []]),
            ["series"] = new JsonArray([.. series.Select(s => (JsonNode)new JsonObject
            {
                ["name"] = s.SeriesText?.Descendants<C.NumericValue>().FirstOrDefault()?.Text,
                ["values"] = new JsonArray([.. s.GetFirstChild<C.Values>()!.Descendants<C.NumericPoint>().Select(p => (JsonNode)decimal.Parse(p.NumericValue!.Text, Inv))]),
                ["colour"] = s.ChartShapeProperties?.Descendants<DocumentFormat.OpenXml.Drawing.RgbColorModelHex>().FirstOrDefault()?.Val?.Value,
            })]),
        };
    }

    /// <summary>Every paragraph's and cell's text, in order, content controls opened.</summary>
    private static List<string> Texts(JsonArray blocks)
    {
        var texts = new List<string>();
        foreach (var block in blocks.OfType<JsonObject>())
        {
            switch (block["type"]!.GetValue<string>())
            {
                case "paragraph":
                    texts.Add(string.Concat(block["runs"]!.AsArray().Select(r => r!["text"]!.GetValue<string>())));
                    break;
                case "table":
                    texts.AddRange(block["rows"]!.AsArray().SelectMany(r => r!["cells"]!.AsArray().Select(c => c!["text"]!.GetValue<string>())));
                    break;
                case "sdt":
                    texts.AddRange(Texts(block["blocks"]!.AsArray()));
                    break;
            }
        }

        return texts;
    }

    private static int Count(JsonObject description, string type)
    {
        static int In(JsonArray blocks, string type) => blocks.OfType<JsonObject>().Sum(b =>
            (b["type"]!.GetValue<string>() == type ? 1 : 0) + (b["blocks"] is JsonArray inner ? In(inner, type) : 0));
        return In(description["blocks"]!.AsArray(), type);
    }
}
