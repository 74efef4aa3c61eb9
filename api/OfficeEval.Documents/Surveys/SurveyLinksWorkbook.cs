namespace OfficeEval.Documents.Surveys;

/// <summary>
/// The distribution workbook (问卷链接分发清单): one sheet, 分发清单, with a title, the group and the expiry, then one row
/// per link — its number, the unit evaluated (and in mutual evaluation the unit answering), the group, the link (a
/// clickable HYPERLINK) and its QR code (a PNG in the row). Rows are sorted by the unit the links are handed to: the
/// unit evaluated, or in mutual evaluation the unit answering; each such unit starts a new printed page. Printed on A4
/// portrait, fitted to the page width, the header repeated on every page.
/// <para>
/// Written by streaming: the sheet, its drawing and each QR image go into the zip one after the other, so memory
/// holds one image at a time however many links there are. The output receives synchronous writes.
/// </para>
/// </summary>
public static class SurveyLinksWorkbook
{
    /// <summary>The sheet's name.</summary>
    public const string SheetName = SurveyLinksSheet.Name;

    /// <summary>Writes <paramref name="document"/> to <paramref name="output"/>.</summary>
    public static void Write(SurveyLinksDocument document, Stream output)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(output);
        SurveyLinksSheet.Write(document, output);
    }
}

/// <summary>A batch of links to hand out.</summary>
/// <param name="Title">The questionnaire's title.</param>
/// <param name="Group">The respondent group the links are for.</param>
/// <param name="Mutual">True for a group of units evaluating units: each row names the unit answering.</param>
/// <param name="ExpiresAt">When the links stop working; null when they work until the questionnaire closes.</param>
/// <param name="Rows">The links, in any order.</param>
public sealed record SurveyLinksDocument(string Title, string Group, bool Mutual, DateTimeOffset? ExpiresAt, IReadOnlyList<SurveyLinkRow> Rows);

/// <summary>One link.</summary>
/// <param name="UnitCode">The evaluated unit's code.</param>
/// <param name="UnitName">The evaluated unit's name.</param>
/// <param name="RespondentUnitCode">The answering unit's code (mutual evaluation only).</param>
/// <param name="RespondentUnitName">The answering unit's name (mutual evaluation only).</param>
/// <param name="Code">The token or open-link code.</param>
/// <param name="Url">The page's address, encoded in the QR code.</param>
public sealed record SurveyLinkRow(string UnitCode, string UnitName, string? RespondentUnitCode, string? RespondentUnitName, string Code, string Url);
