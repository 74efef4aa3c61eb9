namespace OfficeEval.Core;

/// <summary>
/// A problem the engine found in a framework or in answers: a stable code, a Chinese and an English message,
/// and where it applies.
/// </summary>
/// <param name="Code">Stable machine-readable code, e.g. <c>answer.option_unknown</c>.</param>
/// <param name="MessageZh">Message in zh-CN.</param>
/// <param name="MessageEn">Message in en-US.</param>
public sealed record EngineProblem(string Code, string MessageZh, string MessageEn)
{
    /// <summary>The indicator the problem concerns, if any.</summary>
    public string? IndicatorCode { get; init; }

    /// <summary>The answer field concerned (<c>option</c>, <c>number</c>, <c>selfScore</c>), if any.</summary>
    public string? Field { get; init; }
}
