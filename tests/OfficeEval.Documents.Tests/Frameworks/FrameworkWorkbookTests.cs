using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Validation;
using OfficeEval.Core.Frameworks;
using OfficeEval.Documents.Tests.Support;

namespace OfficeEval.Documents.Tests.Frameworks;

public class FrameworkWorkbookTests
{
    public static TheoryData<string> Samples() => ["every-rule", "test", "rich"];

    private static FrameworkDefinition Sample(string name) => name switch
    {
        "every-rule" => AuthoringSamples.EveryRule(),
        "test" => TestTemplates.Framework(),
        _ => TestTemplates.RichFramework(),
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void WriteThenRead_Framework_ReadsBackEqual(string name)
    {
        var framework = Sample(name);
        Assert.Empty(FrameworkValidator.Validate(framework));

        var read = AuthoringSamples.Read(AuthoringSamples.Write(framework));

        Assert.Empty(read.Problems);
        Assert.True(read.IsValid);
        Assert.Equal(AuthoringSamples.Canonical(framework), AuthoringSamples.Canonical(read.Framework!));
    }

    [Fact]
    public void WriteThenRead_EveryRule_KeepsDecimalsListsAndFlags()
    {
        var read = AuthoringSamples.Read(AuthoringSamples.Write(AuthoringSamples.EveryRule())).Framework!;

        Assert.Equal("2026.10", read.Version);
        Assert.Equal("1.0", read.BonusPools[1].Cap.ToString(CultureInfo.InvariantCulture));
        var leaf = read.Leaves().First().Node;
        Assert.Equal(["要点一", "要点二：含冒号；含分号"], leaf.EvaluationPoints);
        Assert.Equal(["材料甲", "材料乙"], leaf.EvidenceChecklist);
        Assert.Equal("Qualitative", leaf.NameEn);
        Assert.True(read.Leaves().Single(l => l.Node.Code == "1.3").Node.IsIndividual);
        Assert.Equal("3", read.IndividualDimension);
        Assert.Equal([UnitKind.Party, UnitKind.Township], read.ApplicableKinds);
    }

    [Fact]
    public void Write_EveryRule_ShowsReadableParameters()
    {
        using var workbook = new GeneratedWorkbook(AuthoringSamples.Write(AuthoringSamples.EveryRule()), "指标");
        var texts = workbook.Sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>()
            .Select(c => workbook.Text(c.CellReference!.Value!)).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("全部完成（100%）=1；部分完成=0.50；未完成=0", texts);
        Assert.Contains("每次扣=2；最多扣=6", texts);
        Assert.Contains("值<80：0；80≤值<90：0.8；值≥90：1", texts);
        Assert.Contains("值=0：5分；0<值≤10.5：4分；值>10.5：0分", texts);
        Assert.Contains("值≤60：0；值≥70：1；允许间断", texts);
        Assert.Contains("60=0；100=1", texts);
        Assert.Contains("反向；目标=5.5", texts);
        Assert.Contains("目标=100；每超1个百分点扣=0.5；最多扣=2；按整百分点", texts);
        Assert.Contains("按年龄结构；35岁及以下=1；36–50岁=0.8；中年（含）（51-60岁）=0.5；60岁以上=0.2", texts);
        Assert.Contains("问卷=服务对象满意度问卷", texts);
        Assert.Contains("指标=超编人数；规则=扣分；每次扣=2.5", texts);
        Assert.Contains("每次加=0.05；加分池=JC", texts);
        Assert.Contains("一票否优；最高等次=B", texts);
        Assert.Contains("一票否决", texts);
    }

    [Fact]
    public void Write_FrameworkAndTemplate_AreValidOpenXmlUnderAnyCulture()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            foreach (var bytes in new[] { AuthoringSamples.Write(AuthoringSamples.EveryRule()), AuthoringSamples.Template() })
            {
                using var workbook = new GeneratedWorkbook(bytes, "指标");
                var errors = new OpenXmlValidator(FileFormatVersions.Office2016).Validate(workbook.Document).ToList();
                Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}")));
                Assert.Equal(["填写说明", "体系设置", "指标"], workbook.SheetNames);
            }

            // Decimals are written with a point whatever the culture.
            Assert.Equal("0.5", new GeneratedWorkbook(AuthoringSamples.Write(AuthoringSamples.EveryRule()), "体系设置").Text("C11"));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Template_HasInstructionsForEveryRuleTypeAndAnExample()
    {
        var bytes = AuthoringSamples.Template();
        using var instructions = new GeneratedWorkbook(bytes, "填写说明");
        var texts = instructions.Sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>().Select(c => instructions.Text(c.CellReference!.Value!)).ToList();
        foreach (var type in new[] { "定性", "扣分", "区间", "线性", "比率", "差距", "加分", "否决", "占比", "问卷", "计算" })
        {
            Assert.Contains(type, texts);
        }

        Assert.Contains("好=1；较好=0.8；一般=0.6；差=0", texts);
        using var indicators = new GeneratedWorkbook(bytes, "指标");
        Assert.Equal("1.1", indicators.Text("A3"));
        Assert.Equal("定性", indicators.Text("G3"));
    }

    [Fact]
    public void Read_BlankTemplate_AsksForEachRequiredSettingByCell()
    {
        var read = AuthoringSamples.Read(AuthoringSamples.Template());

        Assert.Null(read.Framework);
        Assert.Equal(
            [("authoring.setting_required", "B2"), ("authoring.setting_required", "B3"), ("authoring.setting_required", "B4"), ("authoring.setting_required", "B5")],
            read.Problems.Select(p => (p.Code, p.Cell!)));
        Assert.All(read.Problems, p => Assert.Equal("体系设置", p.Sheet));
    }

    [Fact]
    public void Read_TemplateWithSettingsFilled_GivesTheExampleFramework()
    {
        var filled = WorkbookFiller.SetCells(AuthoringSamples.Template(), "体系设置",
            new Dictionary<string, object> { ["B2"] = "DEMO", ["B3"] = "示例指标体系", ["B4"] = "1", ["B5"] = 10m, ["B6"] = "政府部门、乡镇（街道）" });

        var read = AuthoringSamples.Read(filled);

        Assert.Empty(read.Problems);
        var framework = read.Framework!;
        Assert.Equal(("DEMO", "示例指标体系", "1", 10m), (framework.Code, framework.Name, framework.Version, framework.TotalPoints));
        Assert.Equal([UnitKind.Government, UnitKind.Township], framework.ApplicableKinds);
        var leaf = Assert.Single(framework.Leaves()).Node;
        Assert.Equal(("1.1", 10m), (leaf.Code, leaf.Points));
        Assert.Equal(["年度工作总结", "重点工作台账"], leaf.EvidenceChecklist);
    }
}
