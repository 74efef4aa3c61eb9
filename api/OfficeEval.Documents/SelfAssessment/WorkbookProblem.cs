namespace OfficeEval.Documents.SelfAssessment;

/// <summary>A problem found in an uploaded workbook, with the sheet and cell it comes from when known.</summary>
/// <param name="Code">Stable code, e.g. <c>cell.not_a_number</c>.</param>
/// <param name="MessageZh">Message in zh-CN.</param>
/// <param name="MessageEn">Message in en-US.</param>
/// <param name="Sheet">Sheet name, when the problem sits in a cell.</param>
/// <param name="Cell">A1-style cell address, when the problem sits in a cell.</param>
public sealed record WorkbookProblem(string Code, string MessageZh, string MessageEn, string? Sheet = null, string? Cell = null)
{
    /// <summary>A warning is shown but does not stop the answers from being saved (e.g. counts that do not add up).</summary>
    public bool IsWarning { get; init; }

    /// <summary>The leaf the problem concerns, for engine problems.</summary>
    public string? IndicatorCode { get; init; }

    /// <summary>The answer field the problem concerns, for engine problems.</summary>
    public string? Field { get; init; }
}

/// <summary>
/// The whole upload is refused (not a workbook, too large, macro-enabled, another campaign's template, …).
/// Nothing from it may be stored.
/// </summary>
public sealed class WorkbookRejectedException : Exception
{
    /// <summary>Creates the exception with a stable code and both messages.</summary>
    public WorkbookRejectedException(string code, string messageZh, string messageEn)
        : base(messageEn)
    {
        Code = code;
        MessageZh = messageZh;
    }

    /// <summary>Stable code, e.g. <c>upload.too_large</c>.</summary>
    public string Code { get; }

    /// <summary>Message in zh-CN (the English one is <see cref="Exception.Message"/>).</summary>
    public string MessageZh { get; }
}
