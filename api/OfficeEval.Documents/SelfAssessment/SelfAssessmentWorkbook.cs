using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OfficeEval.Core.Frameworks;

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
    /// A short hash of what the template's structure depends on: framework code and version, and each leaf's code,
    /// points and rule. Two workbooks with the same hash have the same rows and rules.
    /// </summary>
    public static string StructureHash(FrameworkDefinition framework)
    {
        ArgumentNullException.ThrowIfNull(framework);
        var text = new StringBuilder();
        text.Append(framework.Code).Append('\n').Append(framework.Version).Append('\n');
        foreach (var leaf in framework.Leaves())
        {
            text.Append(leaf.Node.Code).Append('|')
                .Append(leaf.Node.Points.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('|')
                .Append(leaf.Node.Rule is null ? "" : JsonSerializer.Serialize(leaf.Node.Rule)).Append('\n');
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return Convert.ToHexStringLower(hash.AsSpan(0, 8));
    }
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
    CellLocator Cells);

/// <summary>Maps a leaf code and answer field to the cell it was read from.</summary>
public sealed class CellLocator
{
    private readonly IReadOnlyDictionary<string, int> _rowByCode;
    private readonly IReadOnlyDictionary<string, string> _columnByField;

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
}
