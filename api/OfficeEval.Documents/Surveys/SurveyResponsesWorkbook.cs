using OfficeEval.Core.Surveys;
using OfficeEval.Documents.Results;

namespace OfficeEval.Documents.Surveys;

/// <summary>
/// The anonymised raw responses (问卷原始答卷): 答卷, one row per response — the evaluated unit's code and name, the
/// group, the submission date, then one column per item (its code over its question) holding the raw value as
/// answered (1–5 or 1–3, before reverse coding), blank when skipped and grey when the item is not asked of the
/// group; and 说明, which explains the values, lists the reverse-coded items and states that nothing identifies a
/// respondent. Rows are written in the order given (the API sorts by unit, group and random response id).
/// <para>
/// Written by streaming, as the consolidated workbook is: rows go into the zip as they are enumerated, once, and are
/// never held, so 10,000 responses or 1,000,000 take the same memory. The output receives synchronous writes.
/// </para>
/// </summary>
public static class SurveyResponsesWorkbook
{
    /// <summary>The responses sheet's name.</summary>
    public const string ResponsesSheetName = SurveyResponsesSheets.ResponsesName;

    /// <summary>The explanations sheet's name.</summary>
    public const string NotesSheetName = SurveyResponsesSheets.NotesName;

    /// <summary>Writes the responses of <paramref name="form"/> in the order of <paramref name="rows"/>.</summary>
    public static void Write(SurveyForm form, IEnumerable<SurveyRawResponse> rows, Stream output)
    {
        ArgumentNullException.ThrowIfNull(rows);
        RowSink.Write(new SurveyResponsesSheets(form, output), rows);
    }

    /// <summary>Writes the responses as they arrive (a database reader).</summary>
    public static Task WriteAsync(SurveyForm form, IAsyncEnumerable<SurveyRawResponse> rows, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return RowSink.WriteAsync(new SurveyResponsesSheets(form, output), rows, cancellationToken);
    }
}

/// <summary>One response as stored: nothing about who answered.</summary>
/// <param name="UnitCode">The evaluated unit's code.</param>
/// <param name="UnitName">The evaluated unit's name.</param>
/// <param name="Group">The respondent group.</param>
/// <param name="SubmittedOn">The day it was submitted (China Standard Time).</param>
/// <param name="Answers">Raw values (before reverse coding) by form item code.</param>
public sealed record SurveyRawResponse(string UnitCode, string UnitName, string Group, DateOnly SubmittedOn, IReadOnlyDictionary<string, int> Answers);
