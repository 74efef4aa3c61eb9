using OfficeEval.Core.Frameworks;
using OfficeEval.Documents.SelfAssessment;

namespace OfficeEval.Documents.Frameworks;

/// <summary>
/// The framework authoring workbook (指标体系编制表): one row per indicator with its code, level, name, points,
/// 评估要点, 评分标准, rule type and parameters and evidence list, a settings sheet and an instructions sheet.
/// The office writes a framework in Excel and imports it; an exported framework reads back equal, numbers and all.
/// </summary>
public static class FrameworkWorkbook
{
    /// <summary>Writes <paramref name="framework"/> in the authoring format.</summary>
    public static void Write(FrameworkDefinition framework, Stream output)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(output);
        AuthoringWriter.Write(framework, output);
    }

    /// <summary>Writes a blank authoring workbook: the instructions, empty settings and one example dimension with one leaf.</summary>
    public static void WriteTemplate(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        AuthoringWriter.Write(null, output);
    }

    /// <summary>
    /// Reads an authoring workbook uploaded by a user, as hostile input: the file is checked by the upload guard first
    /// (size, zip bombs, macros, external links, DTDs …) and refused with <see cref="WorkbookRejectedException"/> when
    /// it is not an acceptable workbook. Everything else comes back as problems with sheet and cell: unreadable cells,
    /// rule parameters, tree structure, and the engine's <see cref="FrameworkValidator"/> findings placed on the row
    /// of the indicator concerned.
    /// </summary>
    public static FrameworkReadResult Read(Stream input, UploadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        return AuthoringReader.Read(input, limits ?? UploadLimits.Default);
    }
}

/// <summary>What was read from an authoring workbook.</summary>
/// <param name="Framework">The framework, when no problem was found; otherwise null.</param>
/// <param name="Problems">Every problem found, each with its sheet and, where it sits in one, its cell.</param>
public sealed record FrameworkReadResult(FrameworkDefinition? Framework, IReadOnlyList<WorkbookProblem> Problems)
{
    /// <summary>True when the framework was read without a problem.</summary>
    public bool IsValid => Framework is not null && Problems.Count == 0;
}

/// <summary>
/// Sizes a stored framework keeps to, whichever way it arrives (workbook or JSON): they match the database columns
/// (codes, versions, names) and the self-evaluation workbook (indicator codes are stored with each answer).
/// </summary>
public static class FrameworkLimits
{
    /// <summary>Longest framework code.</summary>
    public const int CodeLength = 50;

    /// <summary>Longest version label.</summary>
    public const int VersionLength = 50;

    /// <summary>Longest framework name.</summary>
    public const int NameLength = 200;

    /// <summary>Longest indicator code.</summary>
    public const int IndicatorCodeLength = 50;

    /// <summary>Deepest level of the tree (一级 … 六级).</summary>
    public const int MaxLevel = 6;

    /// <summary>Most indicators (all levels) in one framework.</summary>
    public const int MaxIndicators = 2000;

    /// <summary>Longest free text (names, 评估要点, 评分标准, rule parameters), as for a workbook cell.</summary>
    public const int TextLength = 4000;
}
