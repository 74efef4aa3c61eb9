using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using OfficeEval.Core;
using OfficeEval.Core.Frameworks;
using OfficeEval.Documents.SelfAssessment;
using static OfficeEval.Documents.Frameworks.AuthoringLayout;

namespace OfficeEval.Documents.Frameworks;

/// <summary>
/// Reads an authoring workbook: the guard first, then 体系设置 and 指标 by their labels and headers, then the tree is
/// validated by the engine and its problems placed on the rows they concern.
/// </summary>
internal static class AuthoringReader
{
    public static FrameworkReadResult Read(Stream input, UploadLimits limits) =>
        UploadedWorkbook.Read(input, limits, workbookPart => ReadDocument(workbookPart, limits));

    private static FrameworkReadResult ReadDocument(WorkbookPart workbookPart, UploadLimits limits)
    {
        var strings = SheetRows.SharedStrings(workbookPart);
        var problems = new List<WorkbookProblem>();
        var settingsSheet = Load(workbookPart, SettingsSheet, strings, problems);
        var indicatorsSheet = Load(workbookPart, IndicatorsSheet, strings, problems);
        if (settingsSheet is null || indicatorsSheet is null)
        {
            return new FrameworkReadResult(null, problems);
        }

        var settings = SettingsReader.Read(settingsSheet, limits, problems);
        var tree = IndicatorRowsReader.Read(indicatorsSheet, limits, problems);
        if (settings is null || tree is null)
        {
            return new FrameworkReadResult(null, problems);
        }

        var framework = new FrameworkDefinition(settings.Code, settings.Name, settings.Version, settings.TotalPoints, settings.Kinds, tree.Dimensions)
        {
            BonusPools = settings.Pools,
            IndividualDimension = settings.IndividualDimension,
        };

        // A tree whose shape could not be read would only repeat the same problems in the engine's words.
        if (!tree.ShapeUnreliable)
        {
            foreach (var problem in FrameworkValidator.Validate(framework))
            {
                if (Locate(problem, settings, tree) is { } located)
                {
                    problems.Add(located);
                }
            }
        }

        return new FrameworkReadResult(problems.Count == 0 ? framework : null, problems);
    }

    private static SheetRows? Load(WorkbookPart workbookPart, string name, string[] strings, List<WorkbookProblem> problems)
    {
        var sheet = SheetRows.Load(workbookPart, name, strings);
        if (sheet is null)
        {
            problems.Add(new WorkbookProblem("authoring.sheet_missing", $"工作簿中找不到“{name}”工作表，请使用系统提供的指标体系编制表。",
                $"The workbook has no sheet named \"{name}\"; use the authoring workbook the system provides.", name));
        }

        return sheet;
    }

    /// <summary>An engine problem placed on its cell; null when the reader already reported the same thing more precisely.</summary>
    private static WorkbookProblem? Locate(EngineProblem problem, SettingsReader.FrameworkSettings settings, IndicatorRowsReader.Tree tree)
    {
        if (problem.IndicatorCode is { } code)
        {
            if (tree.RowsWithProblems.Contains(code))
            {
                return null;
            }

            if (tree.PointsUnreadable && problem.Code == "indicator.points_mismatch")
            {
                return null;
            }

            var field = problem.Code switch
            {
                "indicator.code_missing" or "indicator.code_duplicate" => Field.Code,
                "indicator.name_missing" => Field.Name,
                "indicator.points_negative" or "indicator.points_mismatch" or "rule.veto_points" or "rule.bonus_points" => Field.Points,
                "indicator.rule_missing" or "indicator.rule_on_inner" => Field.RuleType,
                _ when problem.Code.StartsWith("rule.", StringComparison.Ordinal) => Field.RuleParameters,
                _ => Field.Code,
            };
            var cell = tree.RowByCode.TryGetValue(code, out var row) ? tree.Letter(field) + row.ToString(CultureInfo.InvariantCulture) : null;
            return With(problem, IndicatorsSheet, cell);
        }

        switch (problem.Code)
        {
            case "framework.total_mismatch" when tree.PointsUnreadable:
            case "framework.bonus_pool_code" or "framework.bonus_pool_cap":
                // The settings reader checks each pool row itself and names its cell.
                return null;
            case "framework.empty":
                return With(problem, IndicatorsSheet, "A2");
            default:
                var label = problem.Code switch
                {
                    "framework.code_missing" => Settings.Code,
                    "framework.total_mismatch" => Settings.TotalPoints,
                    "framework.unit_kind_invalid" => Settings.ApplicableKinds,
                    _ => null,
                };
                return With(problem, SettingsSheet, label is not null ? settings.Cells.GetValueOrDefault(label) : null);
        }
    }

    private static WorkbookProblem With(EngineProblem problem, string sheet, string? cell) =>
        new(problem.Code, problem.MessageZh, problem.MessageEn, sheet, cell) { IndicatorCode = problem.IndicatorCode, Field = problem.Field };
}
