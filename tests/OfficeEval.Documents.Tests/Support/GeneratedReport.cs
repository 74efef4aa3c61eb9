using DocumentFormat.OpenXml.Packaging;
using OfficeEval.Documents.Reports;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace OfficeEval.Documents.Tests.Support;

/// <summary>A report written to memory and opened read-only with the Open XML SDK, for tests to read back.</summary>
internal sealed class GeneratedReport : IDisposable
{
    public GeneratedReport(byte[] bytes)
    {
        Bytes = bytes;
        Document = WordprocessingDocument.Open(new MemoryStream(bytes, writable: false), isEditable: false);
    }

    public byte[] Bytes { get; }

    public WordprocessingDocument Document { get; }

    public MainDocumentPart Main => Document.MainDocumentPart!;

    public W.Body Body => Main.Document.Body!;

    public W.SectionProperties Section => Body.Elements<W.SectionProperties>().Single();

    /// <summary>The body's text, one line per paragraph (tables' cells included, in order).</summary>
    public string Text => string.Join("\n", Body.Descendants<W.Paragraph>().Select(p => p.InnerText));

    public W.Style Style(string id) => Main.StyleDefinitionsPart!.Styles!.Elements<W.Style>().Single(s => s.StyleId == id);

    public static byte[] SelfAssessment(SelfAssessmentReportModel model) => Write(s => SelfAssessmentReport.Write(model, s));

    public static byte[] Evaluation(EvaluationReportModel model) => Write(s => EvaluationReport.Write(model, s));

    public static byte[] Summary(SummaryReportModel model) => Write(s => SummaryReport.Write(model, s));

    public static byte[] Write(Action<Stream> write)
    {
        using var stream = new MemoryStream();
        write(stream);
        return stream.ToArray();
    }

    public void Dispose() => Document.Dispose();
}
