using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Globalization;
using System.Text.Json.Nodes;
using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Results;
using OfficeEval.Core.Scoring;

namespace OfficeEval.Documents.SelfAssessment;

/// <summary>
/// The self-evaluation workbook (自评表): generated per campaign and unit, filled by the unit in Excel,
/// read back into the engine's answers.
/// </summary>
public static class SelfAssessmentWorkbook
{
    /// <summary>Writes the workbook for <paramref name="template"/> to <paramref name="output"/>.</summary>
    public static void Write(SelfAssessmentTemplate template, Stream output)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(output);
        WorkbookWriter.Write(template, output);
    }

    /// <summary>
    /// Reads a filled workbook uploaded for <paramref name="expected"/>. Throws
    /// <see cref="WorkbookRejectedException"/> when the file as a whole is refused; cell-level problems are returned.
    /// </summary>
    public static WorkbookReadResult Read(Stream input, SelfAssessmentTemplate expected, UploadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(expected);
        return WorkbookReader.Read(input, expected, limits ?? UploadLimits.Default);
    }

    /// <summary>
    /// Scores what was read with the engine, as the unit would be scored now: answers and data tables, plus
    /// <paramref name="surveyFractions"/> when questionnaire results exist. Engine problems that belong to a leaf are
    /// placed on that leaf's cell; the read problems come first.
    /// </summary>
    public static WorkbookEvaluation Evaluate(WorkbookReadResult read, FrameworkDefinition framework, IReadOnlyDictionary<string, decimal>? surveyFractions = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(framework);
        var input = new UnitInput(read.Answers) { Facts = read.DataTables.Facts };
        if (surveyFractions is not null)
        {
            input = input with { SurveyFractions = surveyFractions };
        }

        var score = UnitScorer.Score(framework, input);
        var problems = new List<WorkbookProblem>(read.Problems);
        foreach (var problem in score.Problems)
        {
            var (sheet, cell) = problem.IndicatorCode is { } code ? read.Cells.LocateProblem(code, problem.Field) : (null, null);
            problems.Add(new WorkbookProblem(problem.Code, problem.MessageZh, problem.MessageEn, sheet, cell)
            {
                IndicatorCode = problem.IndicatorCode,
                Field = problem.Field,
            });
        }

        return new WorkbookEvaluation(score, problems);
    }

    /// <summary>
    /// A short hash of what the template's structure depends on: the layout version, framework code and version, and
    /// each leaf's code, points, rule and whether it is an individual indicator. Two workbooks with the same hash have
    /// the same sheets, rows and rules. Numbers are hashed in a canonical form (1.0 and 1 are the same).
    /// </summary>
    /// <summary>The sheet the task pane reads answers from, as the workbook names it.</summary>
    public const string AssessmentSheetName = WorkbookLayout.AssessmentSheet;

    /// <summary>The custom XML namespace of the workbook's identity part.</summary>
    public const string IdentityNamespace = WorkbookLayout.IdentityNamespace;

    /// <summary>
    /// Reads 自评表's answers from cell texts as the spreadsheet host gives them (the task pane sends the sheet's used
    /// range): the same reading as an uploaded workbook's — columns by header, rows by indicator code — with every
    /// problem located by cell. <paramref name="firstRow"/> and <paramref name="firstColumn"/> (from 1) place the grid.
    /// A sheet without the 指标编码 header or one of the read columns is refused (<see cref="WorkbookRejectedException"/>).
    /// </summary>
    public static AssessmentCellsRead ReadAssessmentCells(IReadOnlyList<IReadOnlyList<string>> values, int firstRow, int firstColumn, FrameworkDefinition framework, UploadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        var rows = SheetRows.FromGrid(WorkbookLayout.AssessmentSheet, values, firstRow, firstColumn);
        var (answers, _, problems) = AssessmentReader.Read(rows, framework, limits ?? UploadLimits.Default);
        return new AssessmentCellsRead(answers, problems);
    }

    /// <summary>
    /// The identity part's XML for a template: what the task pane adds to a workbook it inserted the template's sheets
    /// into (inserting sheets does not carry a file's custom XML parts), so an upload of that workbook is recognised.
    /// </summary>
    public static string IdentityXml(SelfAssessmentTemplate template) =>
        WorkbookWriter.IdentityParts.Xml(template).ToString(System.Xml.Linq.SaveOptions.DisableFormatting);

    public static string StructureHash(FrameworkDefinition framework)
    {
        ArgumentNullException.ThrowIfNull(framework);
        var text = new StringBuilder();
        text.Append(WorkbookLayout.LayoutVersion).Append('\n').Append(framework.Code).Append('\n').Append(framework.Version).Append('\n');
        foreach (var leaf in framework.Leaves())
        {
            text.Append(leaf.Node.Code).Append('|')
                .Append(Canonical(leaf.Node.Points)).Append('|')
                .Append(leaf.Node.IsIndividual ? "个性" : "").Append('|')
                .Append(leaf.Node.Rule is null ? "" : CanonicalJson(JsonSerializer.SerializeToNode(leaf.Node.Rule))).Append('\n');
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return Convert.ToHexStringLower(hash.AsSpan(0, 8));
    }

    private static string Canonical(decimal value) => (value / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    /// <summary>JSON with every number in canonical form, so a rule stored and read back hashes the same.</summary>
    private static string CanonicalJson(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject obj => "{" + string.Join(",", obj.Select(p => JsonSerializer.Serialize(p.Key) + ":" + CanonicalJson(p.Value))) + "}",
        JsonArray array => "[" + string.Join(",", array.Select(CanonicalJson)) + "]",
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => Canonical(value.GetValue<decimal>()),
        _ => node.ToJsonString(),
    };
}

/// <summary>The engine's scores for a read workbook, with every problem (read and engine) located where possible.</summary>
/// <param name="Score">The unit's scores, subtotals, total and explanations.</param>
/// <param name="Problems">Read problems, then engine problems.</param>
public sealed record WorkbookEvaluation(UnitScore Score, IReadOnlyList<WorkbookProblem> Problems)
{
    /// <summary>True when no problem is an error (warnings allowed).</summary>
    public bool IsValid => Problems.All(p => p.IsWarning);
}

/// <summary>Limits applied to an uploaded workbook before and while it is parsed.</summary>
/// <param name="MaxFileBytes">Largest accepted upload.</param>
/// <param name="MaxZipEntries">Most entries in the package.</param>
/// <param name="MaxUncompressedBytes">Most bytes all entries may expand to.</param>
/// <param name="MaxCellText">Longest text accepted in one cell.</param>
public sealed record UploadLimits(long MaxFileBytes, int MaxZipEntries, long MaxUncompressedBytes, int MaxCellText)
{
    /// <summary>10 MB file, 200 entries, 100 MB expanded, 4,000 characters per cell.</summary>
    public static UploadLimits Default { get; } = new(10 * 1024 * 1024, 200, 100L * 1024 * 1024, 4000);
}

/// <summary>What was read from a workbook.</summary>
/// <param name="Identity">The identity found in the workbook's custom XML part.</param>
/// <param name="Answers">Answers keyed by leaf code.</param>
/// <param name="Problems">Cell-level problems, with sheet and cell.</param>
/// <param name="Cells">Where each leaf's fields sit, to point engine problems at cells.</param>
public sealed record WorkbookReadResult(
    WorkbookIdentity Identity,
    IReadOnlyDictionary<string, Core.Scoring.Answer> Answers,
    IReadOnlyList<WorkbookProblem> Problems,
    CellLocator Cells)
{
    /// <summary>The data-table sheets as filled.</summary>
    public UnitDataTables DataTables { get; init; } = new();

    /// <summary>True when no read problem is an error (warnings allowed).</summary>
    public bool IsValid => Problems.All(p => p.IsWarning);
}

/// <summary>Maps a leaf code and answer field to the cell it was read from.</summary>
public sealed class CellLocator
{
    private readonly IReadOnlyDictionary<string, int> _rowByCode;
    private readonly IReadOnlyDictionary<string, string> _columnByField;
    private readonly Dictionary<string, (string Sheet, string Cell)> _fieldCells = new(StringComparer.Ordinal);

    internal CellLocator(string sheet, IReadOnlyDictionary<string, int> rowByCode, IReadOnlyDictionary<string, string> columnByField)
    {
        Sheet = sheet;
        _rowByCode = rowByCode;
        _columnByField = columnByField;
    }

    /// <summary>The sheet answers were read from.</summary>
    public string Sheet { get; }

    /// <summary>
    /// The A1 address of <paramref name="field"/> (<c>option</c>, <c>number</c>, <c>selfScore</c>, <c>explanation</c>)
    /// of leaf <paramref name="code"/>, or the leaf's code cell when the field is unknown; null when the leaf has no row.
    /// </summary>
    public string? Locate(string code, string? field)
    {
        if (!_rowByCode.TryGetValue(code, out var row))
        {
            return null;
        }

        var column = field is not null && _columnByField.TryGetValue(field, out var c) ? c : _columnByField["code"];
        return column + row.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Where a problem about <paramref name="field"/> of leaf <paramref name="code"/> should point: the data-table cell
    /// for a unit fact the leaf needs (e.g. <c>actualStaff</c> → 编制与人员!B6), else the leaf's cell in this sheet.
    /// </summary>
    public (string? Sheet, string? Cell) LocateProblem(string code, string? field)
    {
        if (field is not null && _fieldCells.TryGetValue(field, out var place))
        {
            return place;
        }

        return Locate(code, field) is { } cell ? (Sheet, cell) : (null, null);
    }

    internal void AddSheetFields(string sheet, IReadOnlyDictionary<string, string> cells)
    {
        foreach (var (field, cell) in cells)
        {
            _fieldCells[field] = (sheet, cell);
        }
    }
}

/// <summary>Answers read from 自评表's cells, and the problems found, each with its cell.</summary>
public sealed record AssessmentCellsRead(IReadOnlyDictionary<string, Answer> Answers, IReadOnlyList<WorkbookProblem> Problems)
{
    public bool IsValid => Problems.All(p => p.IsWarning);
}
