using OfficeEval.Core.History;
using OfficeEval.Documents.SelfAssessment;

namespace OfficeEval.Documents.History;

/// <summary>
/// The indicator-mapping workbook (指标对应关系表): the office reviews and edits in Excel how one framework version's
/// indicators carry over to the next. 指标对应关系 has one row per old dimension and leaf — its code, name, level and
/// points, the new code (editable: a code of the new version, 撤销 for dropped, blank for no successor), the new
/// name and status as they stood when written, and a note (editable); 新版本指标 lists the new version's dimensions
/// and leaves to pick codes from. Read back, only the old code, the new code and the note count.
/// </summary>
public static class MappingWorkbook
{
    /// <summary>The main sheet's name.</summary>
    public const string SheetName = MappingSheets.MappingSheet;

    /// <summary>What the new-code cell says for an old indicator that was dropped.</summary>
    public const string DroppedMark = MappingSheets.Dropped;

    /// <summary>Writes <paramref name="model"/> as .xlsx to <paramref name="output"/>.</summary>
    public static void Write(MappingWorkbookModel model, Stream output)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(output);
        MappingSheets.Write(model, output);
    }

    /// <summary>
    /// Reads a mapping workbook uploaded by a user, as hostile input, through the upload guard (size, zip bombs,
    /// macros, external links, DTDs …). Never throws for the file's content: a refused file comes back as one problem
    /// with the guard's code; a missing sheet or column, too many rows or an over-long cell as problems with sheet and
    /// cell. Codes are not checked against the frameworks here: the caller validates the links, and places each
    /// problem on the link's cells (<see cref="MappingWorkbookLink"/>).
    /// </summary>
    public static MappingWorkbookReadResult Read(Stream input, UploadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        return MappingSheets.Read(input, limits ?? UploadLimits.Default);
    }
}

/// <summary>What the mapping workbook shows.</summary>
/// <param name="From">The old version, e.g. COMMON 2024.1 机构编制执行情况和使用效益评估指标体系（通用）.</param>
/// <param name="To">The new version, likewise.</param>
/// <param name="Table">The mapping laid out (stored, or suggested when nothing is stored).</param>
/// <param name="NewIndicators">The new version's dimensions and leaves, in its order.</param>
public sealed record MappingWorkbookModel(string From, string To, MappingDescription Table, IReadOnlyList<MappingNode> NewIndicators)
{
    /// <summary>True when the rows are the suggestion (nothing stored): the title says they are to be confirmed.</summary>
    public bool Suggested { get; init; }
}

/// <summary>A link read from the workbook, with the cells it came from (for placing problems).</summary>
/// <param name="Link">The old code, its successor (null when 撤销) and the note.</param>
/// <param name="FromCell">The old code's cell, e.g. A5.</param>
/// <param name="ToCell">The new code's cell.</param>
/// <param name="NoteCell">The note's cell.</param>
public sealed record MappingWorkbookLink(IndicatorLink Link, string FromCell, string ToCell, string NoteCell);

/// <summary>What was read from a mapping workbook.</summary>
/// <param name="Links">One per row with an old code and a new code or 撤销, in sheet order; rows with a blank new code give none.</param>
/// <param name="Problems">Problems with the file or its cells; when any, <paramref name="Links"/> must not be stored.</param>
public sealed record MappingWorkbookReadResult(IReadOnlyList<MappingWorkbookLink> Links, IReadOnlyList<WorkbookProblem> Problems)
{
    /// <summary>The sheet the links were read from.</summary>
    public string Sheet => MappingSheets.MappingSheet;
}
