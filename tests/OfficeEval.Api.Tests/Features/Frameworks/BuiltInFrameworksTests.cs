using System.Globalization;
using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using OfficeEval.Api.Features.Frameworks;
using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Scoring;
using OfficeEval.Documents.Frameworks;
using OfficeEval.Documents.SelfAssessment;
using OfficeEval.Documents.Tests.Support;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace OfficeEval.Api.Tests.Features.Frameworks;

/// <summary>The built-in frameworks: valid, on the six dimensions, and usable end to end in both workbooks.</summary>
public sealed class BuiltInFrameworksTests
{
    private static readonly string[] Dimensions =
        ["履职尽责情况和相关效益", "“三定”规定执行情况", "机构配置效益", "编制和领导职数使用效益", "机构编制管理规范", "个性指标"];

    public static TheoryData<string> Codes() => [.. BuiltInFrameworks.All.Select(f => f.Code)];

    private static FrameworkDefinition Framework(string code) => BuiltInFrameworks.All.Single(f => f.Code == code);

    [Theory]
    [MemberData(nameof(Codes))]
    public void Validate_BuiltIn_NoProblems(string code)
    {
        var framework = Framework(code);

        Assert.Empty(FrameworkValidator.Validate(framework));
        Assert.Equal(100m, framework.TotalPoints);
        Assert.Equal(Dimensions, framework.Dimensions.Select(d => d.Name));
        Assert.Equal("6", IndividualIndicators.DimensionOf(framework)!.Code);
    }

    [Fact]
    public void For_EachUnitKind_ATemplateForThatKindOnly()
    {
        foreach (var kind in Enum.GetValues<UnitKind>())
        {
            Assert.Equal([kind], BuiltInFrameworks.For(kind).ApplicableKinds);
        }

        Assert.Equal(6, BuiltInFrameworks.All.Select(f => (f.Code, f.Version)).Distinct().Count());
    }

    [Fact]
    public void PerKindTemplates_ScoreFromTheDataTablesAndAgeBands()
    {
        foreach (var kind in Enum.GetValues<UnitKind>())
        {
            var rules = BuiltInFrameworks.For(kind).Leaves().Select(l => l.Node.Rule!).ToList();
            var metrics = rules.OfType<MetricRule>().Select(m => m.Metric).ToHashSet();
            Assert.Superset(new HashSet<UnitMetric> { UnitMetric.OverEstablishment, UnitMetric.EstablishmentUseRate, UnitMetric.LeadershipPostsOverQuota, UnitMetric.BusinessDivisionStaffShare }, metrics);
            Assert.Contains(rules, r => r is ShareRule { Source: ShareSource.AgeBands });
            Assert.Contains(rules, r => r is SurveyRule);
            Assert.Contains(rules, r => r is VetoRule);
        }
    }

    [Fact]
    public void KindTemplates_CarryTheirOwnIndicators()
    {
        static IEnumerable<string> Names(UnitKind kind) => BuiltInFrameworks.For(kind).Leaves().Select(l => l.Node.Name);

        Assert.Contains("归口管理和统筹协调作用发挥", Names(UnitKind.Party));
        Assert.Contains("权责清单事项运行情况", Names(UnitKind.Government));
        Assert.Contains("联系服务群众", Names(UnitKind.MassOrganisation));
        Assert.Contains("公益属性", Names(UnitKind.PublicInstitution));
        Assert.Contains("事业编制使用率", Names(UnitKind.PublicInstitution));
        Assert.Contains("基层编制被挤占挪用", Names(UnitKind.Township));
        Assert.Contains("便民服务事项运行情况", Names(UnitKind.Township));
        var bonus = BuiltInFrameworks.Township2026.Leaves().Single(l => l.Node.Rule is BonusRule).Node;
        Assert.Equal((0.5m, "JC"), (bonus.Points, ((BonusRule)bonus.Rule!).Pool));
        Assert.Equal(0.5m, BuiltInFrameworks.Township2026.BonusPools.Single().Cap);
    }

    [Fact]
    public void Common2026_LeavesUnchanged()
    {
        Assert.Equal(["1.1.1", "1.1.2", "1.2.1", "1.2.2", "2.1.1", "2.1.2", "2.2.1", "2.2.2", "3.1", "3.2", "4.1.1", "4.1.2", "4.2.1", "4.2.2", "5.1", "5.2", "6.1"],
            BuiltInFrameworks.Common2026.Leaves().Select(l => l.Node.Code));
        Assert.Equal(("COMMON", "2026.1", 17), (BuiltInFrameworks.Common2026.Code, BuiltInFrameworks.Common2026.Version, BuiltInFrameworks.Common2026.Leaves().Count()));
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void AuthoringWorkbook_BuiltIn_ReadsBackEqual(string code)
    {
        var framework = Framework(code);
        using var stream = new MemoryStream();
        FrameworkWorkbook.Write(framework, stream);
        stream.Position = 0;

        var read = FrameworkWorkbook.Read(stream);

        Assert.Empty(read.Problems);
        Assert.Equal(JsonSerializer.Serialize(framework, FrameworkRecord.Json), JsonSerializer.Serialize(read.Framework, FrameworkRecord.Json));
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void SelfAssessmentWorkbook_BuiltIn_WrittenFilledReadAndScored(string code)
    {
        var framework = Framework(code);
        var identity = new WorkbookIdentity(Guid.NewGuid(), Guid.NewGuid(), framework.Code, framework.Version, SelfAssessmentWorkbook.StructureHash(framework))
        {
            CampaignName = "2026年度评估",
            UnitName = "测试单位",
        };
        var template = new SelfAssessmentTemplate(identity, "2026年度评估", "测试单位", framework)
        {
            Unit = new UnitProfile { Kind = UnitKinds.NameZh(framework.ApplicableKinds.FirstOrDefault()), ApprovedEstablishment = 40, ApprovedLeadershipPosts = 5 },
        };
        using var output = new MemoryStream();
        SelfAssessmentWorkbook.Write(template, output);
        var blank = output.ToArray();
        AssertValidOpenXml(blank);

        var answers = framework.Leaves().Select(l => l.Node).Where(n => Fill(n) is not null).ToDictionary(n => n.Code, n => Fill(n)!);
        var filled = WorkbookFiller.Fill(blank, answers);
        filled = WorkbookFiller.SetCells(filled, "编制与人员", new Dictionary<string, object>
        {
            [Label(filled, "实有人数（名）")] = 38m,
            [Label(filled, "实配领导职数（名）")] = 5m,
            [Label(filled, "业务处室人员（名）")] = 26m,
            [Label(filled, "内设机构人员总数（名）")] = 38m,
            [Label(filled, "35岁及以下（名）")] = 10m,
            [Label(filled, "36–50岁（名）")] = 20m,
            [Label(filled, "51–60岁（名）")] = 8m,
            [Label(filled, "60岁以上（名）")] = 0m,
        });
        using var input = new MemoryStream(filled);
        var read = SelfAssessmentWorkbook.Read(input, template);

        Assert.True(read.IsValid, string.Join("; ", read.Problems.Select(p => $"{p.Code} {p.Cell}")));
        Assert.Equal(framework.Leaves().Select(l => l.Node.Code).Order(StringComparer.Ordinal), read.Answers.Keys.Order(StringComparer.Ordinal));
        foreach (var (leafCode, row) in answers)
        {
            var answer = read.Answers[leafCode];
            Assert.True(row.AnswerText is null ? answer.Number == row.AnswerNumber : answer.Option == row.AnswerText || answer.Finding == false, leafCode);
        }

        var evaluation = SelfAssessmentWorkbook.Evaluate(read, framework);
        // Only the survey-scored leaves wait for questionnaires; every metric was computed from the data tables.
        Assert.All(evaluation.Problems.Where(p => !p.IsWarning), p => Assert.StartsWith("survey.", p.Code, StringComparison.Ordinal));
        if (framework == BuiltInFrameworks.Common2026)
        {
            return; // the common framework counts occurrences typed by the unit; the per-kind ones compute from the data tables
        }

        string CodeOf(string name) => framework.Leaves().Single(l => l.Node.Name == name).Node.Code;
        // 38 staff on 40 posts: no one over establishment, full points.
        var overEstablishment = evaluation.Score.Leaves.Single(l => l.Code == CodeOf("超编进人"));
        Assert.Equal(overEstablishment.Points, overEstablishment.Value);
        var age = evaluation.Score.Leaves.Single(l => l.Code == CodeOf("人员年龄结构"));
        // (10 × 1 + 20 × 0.8 + 8 × 0.5) ÷ 38 = 30 ÷ 38 of the points.
        Assert.Equal(Math.Round(age.Points * 30m / 38m, 2, MidpointRounding.AwayFromZero), age.Value);
    }

    /// <summary>What a unit types for a leaf, by rule; null for leaves scored from data tables or questionnaires.</summary>
    private static FilledRow? Fill(IndicatorNode leaf) => leaf.Rule switch
    {
        QualitativeScaleRule scale => FilledRow.Option(scale.Options[1].Label),
        DeductionRule or BonusRule => FilledRow.Count(1),
        BandsRule or LinearRule or RatioRule or ShortfallRule => FilledRow.Count(85),
        VetoRule => new FilledRow(AnswerText: "否"),
        _ => null,
    };

    /// <summary>The value cell (column B) of the row labelled <paramref name="label"/> in 编制与人员.</summary>
    private static string Label(byte[] xlsx, string label)
    {
        using var stream = new MemoryStream(xlsx);
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<S.Sheet>().Single(s => s.Name == "编制与人员");
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
        var strings = workbook.SharedStringTablePart!.SharedStringTable.Elements<S.SharedStringItem>().Select(i => i.InnerText).ToArray();
        var cell = part.Worksheet.Descendants<S.Cell>().Single(c => c.CellReference!.Value!.StartsWith('A') && c.DataType?.Value == S.CellValues.SharedString
            && strings[int.Parse(c.CellValue!.Text, CultureInfo.InvariantCulture)] == label);
        return "B" + cell.CellReference!.Value![1..];
    }

    private static void AssertValidOpenXml(byte[] xlsx)
    {
        using var stream = new MemoryStream(xlsx);
        using var document = SpreadsheetDocument.Open(stream, false);
        var errors = new OpenXmlValidator(FileFormatVersions.Office2016).Validate(document).ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}")));
    }
}
