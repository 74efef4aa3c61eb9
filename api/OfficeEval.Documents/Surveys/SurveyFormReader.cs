using DocumentFormat.OpenXml.Packaging;
using OfficeEval.Core.Surveys;
using OfficeEval.Documents.SelfAssessment;
using static OfficeEval.Documents.Surveys.SurveyFormLayout;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace OfficeEval.Documents.Surveys;

/// <summary>
/// Reads a questionnaire workbook: the guard first, then settings, groups, choices and survey by their headers, then
/// the form is checked by <see cref="SurveyFormValidator"/> and each of its problems placed on the cell it comes from
/// (<c>items[2].groups[1]</c> → the groups cell of the survey row of the third item). A refused upload comes back as a
/// single problem with the guard's code, never as an exception.
/// </summary>
internal static class SurveyFormReader
{
    public static SurveyFormReadResult Read(Stream input, UploadLimits limits)
    {
        try
        {
            return UploadedWorkbook.Read(input, limits, workbookPart => ReadWorkbook(workbookPart, limits));
        }
        catch (WorkbookRejectedException e)
        {
            return new SurveyFormReadResult(null, [new WorkbookProblem(e.Code, e.MessageZh, e.Message)]);
        }
    }

    private static SurveyFormReadResult ReadWorkbook(WorkbookPart workbookPart, UploadLimits limits)
    {
        var strings = SheetRows.SharedStrings(workbookPart);
        var problems = new List<WorkbookProblem>();
        var places = new SurveyFormPlaces();
        SurveyFormTable? Table(Sheet sheet, IReadOnlyList<Column> columns, bool required)
        {
            var name = workbookPart.Workbook?.Sheets?.Elements<S.Sheet>().Select(s => s.Name?.Value).FirstOrDefault(n => n is not null && sheet.Matches(n));
            var rows = name is null ? null : SheetRows.Load(workbookPart, name, strings);
            if (rows is null)
            {
                if (required)
                {
                    problems.Add(new WorkbookProblem("surveyform.sheet_missing", $"工作簿中找不到“{sheet.Name}”工作表，请使用系统提供的问卷编制表。",
                        $"The workbook has no sheet named \"{sheet.Name}\"; use the questionnaire workbook the system provides.", sheet.Name));
                }

                return null;
            }

            places.Sheet(sheet, rows.Sheet);
            return SurveyFormTable.Read(rows, columns, limits, problems);
        }

        var settingsTable = Table(SettingsSheet, Settings.Columns, required: true);
        var groupsTable = Table(GroupsSheet, Groups.Columns, required: true);
        var choicesTable = Table(ChoicesSheet, Choices.Columns, required: false);
        var surveyTable = Table(SurveySheet, Survey.Columns, required: true);

        // Every sheet that can be read is read, so that one upload shows every problem; the form is checked only when all could.
        var settings = settingsTable is null ? null : SurveyFormSheets.ReadSettings(settingsTable, places);
        var groups = groupsTable is null ? [] : SurveyFormSheets.ReadGroups(groupsTable, places);
        var choices = choicesTable is null ? SurveyChoices.Default : SurveyFormSheets.ReadChoices(choicesTable, places);
        var items = surveyTable is null ? [] : SurveyFormSheets.ReadItems(surveyTable, groups.Select(g => g.Name).ToHashSet(StringComparer.Ordinal), places);
        if (settings is null || groupsTable is null || surveyTable is null || (choicesTable is null && places.HasSheet(ChoicesSheet)))
        {
            return new SurveyFormReadResult(null, problems);
        }

        var form = new SurveyForm(settings.Title, settings.Introduction, groups, items, choices, settings.BelowMinimum);

        foreach (var problem in SurveyFormValidator.Validate(form))
        {
            var (sheet, cell) = places.Locate(problem.Field);
            // A cell the reader already found fault with is not reported twice in the engine's words.
            if (cell is null || !problems.Any(p => p.Sheet == sheet && p.Cell == cell))
            {
                problems.Add(new WorkbookProblem(problem.Code, problem.MessageZh, problem.MessageEn, sheet, cell) { Field = problem.Field });
            }
        }

        return new SurveyFormReadResult(problems.Count == 0 ? form : null, problems);
    }
}
