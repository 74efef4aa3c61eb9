using OfficeEval.Core.Surveys;
using OfficeEval.Documents.SelfAssessment;

namespace OfficeEval.Documents.Surveys;

/// <summary>
/// The questionnaire authoring workbook (问卷编制表), in the spirit of XLSForm: <c>survey</c> (one row per item:
/// type, name, label, groups, indicator, reverse, required, section), <c>choices</c> (the labels of the two scales),
/// <c>settings</c> (form_title, introduction, below_minimum), <c>groups</c> (respondent groups with weight, minimum,
/// expected sample size and respondent kind) and 填写说明. A form written and read back is equal to the original.
/// </summary>
public static class SurveyFormWorkbook
{
    /// <summary>
    /// Writes <paramref name="form"/>; null writes the blank template: no items, the five usual respondent groups as
    /// examples, the default choices, and the example in 填写说明.
    /// </summary>
    public static void Write(SurveyForm? form, Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        SurveyFormWriter.Write(form, output);
    }

    /// <summary>
    /// Reads a questionnaire workbook uploaded by a user, as hostile input, through the upload guard (size, zip bombs,
    /// macros, external links, DTDs …). Never throws for the file's content: a refused file comes back as one problem
    /// with the guard's code (<c>upload.not_xlsx</c>, <c>upload.too_large</c> …) and no sheet; everything else as
    /// problems with sheet and cell — unreadable cells, missing sheets or columns, too many rows, and the
    /// <see cref="SurveyFormValidator"/> findings placed on the cell each field was read from. Indicator codes are not
    /// checked against a framework here (the caller validates the form again with its framework).
    /// </summary>
    public static SurveyFormReadResult Read(Stream input, UploadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        return SurveyFormReader.Read(input, limits ?? UploadLimits.Default);
    }
}

/// <summary>What was read from a questionnaire workbook.</summary>
/// <param name="Form">The form, when no problem was found; otherwise null.</param>
/// <param name="Problems">Every problem found, each with its sheet and, where it sits in one, its cell and the form field.</param>
public sealed record SurveyFormReadResult(SurveyForm? Form, IReadOnlyList<WorkbookProblem> Problems)
{
    /// <summary>True when the form was read without a problem.</summary>
    public bool IsValid => Form is not null && Problems.Count == 0;
}
