using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Validation;
using OfficeEval.Core.Surveys;
using OfficeEval.Documents.Tests.Support;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace OfficeEval.Documents.Tests.Surveys;

public class SurveyFormWorkbookTests
{
    [Fact]
    public void Read_WrittenFormWithEveryFeature_EqualsTheForm()
    {
        var form = SurveySamples.EveryFeature();

        var read = SurveySamples.Read(SurveySamples.Write(form));

        Assert.Empty(read.Problems);
        Assert.True(read.IsValid);
        Assert.Equal(SurveySamples.Canonical(form), SurveySamples.Canonical(read.Form!));
    }

    [Fact]
    public void Read_WrittenMinimalForm_EqualsTheForm()
    {
        var form = SurveySamples.Minimal();

        var read = SurveySamples.Read(SurveySamples.Write(form));

        Assert.Equal(SurveySamples.Canonical(form), SurveySamples.Canonical(read.Form!));
    }

    [Fact]
    public void Write_Template_StandardGroupsDefaultChoicesAndOnlyTitleAndItemsMissing()
    {
        var xlsx = SurveySamples.Write(null);

        var read = SurveySamples.Read(xlsx);

        Assert.Null(read.Form);
        Assert.Equal([("survey.title", "settings", "B2"), ("survey.no_items", "survey", null)], SurveySamples.Places(read));
        using var groups = new GeneratedWorkbook(xlsx, "groups");
        Assert.Equal(RespondentGroups.Standard, Enumerable.Range(2, 5).Select(r => groups.Text("A" + r)));
        Assert.Equal("unit", groups.Text("E5"));
        using var choices = new GeneratedWorkbook(xlsx, "choices");
        Assert.Equal([.. SurveyScales.LikertLabels, .. SurveyScales.ThreePointLabels], Enumerable.Range(2, 8).Select(r => choices.Text("C" + r)));
        using var instructions = new GeneratedWorkbook(xlsx, "填写说明");
        Assert.Equal("问卷编制表填写说明", instructions.Text("A1"));
        Assert.Contains(instructions.Sheet.Descendants<S.Cell>(), c => instructions.Text(c.CellReference!.Value!) == "到该单位办事需要多次往返、重复提交材料。");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Write_FormOrTemplate_PassesTheOpenXmlValidator(bool template)
    {
        using var workbook = new GeneratedWorkbook(SurveySamples.Write(template ? null : SurveySamples.EveryFeature()), "survey");

        foreach (var version in new[] { FileFormatVersions.Office2010, FileFormatVersions.Office2016 })
        {
            var errors = new OpenXmlValidator(version).Validate(workbook.Document).ToList();
            Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}")));
        }

        Assert.Equal(["填写说明", "survey", "choices", "settings", "groups"], workbook.SheetNames);
    }

    [Fact]
    public void Write_SurveySheet_FrozenEnglishHeaderDropDownsAndCodesKeptAsText()
    {
        using var workbook = new GeneratedWorkbook(SurveySamples.Write(SurveySamples.EveryFeature()), "survey");
        var sheet = workbook.Sheet;

        Assert.Equal(["type", "name", "label", "groups", "indicator", "reverse", "required", "section"], "ABCDEFGH".Select(c => workbook.Text(c + "1")));
        Assert.Equal(["select_one likert5", "Q1", "1.10", "否", "是"], new[] { "A2", "B2", "E2", "F2", "G2" }.Select(workbook.Text));
        Assert.Equal("内部人员、乡镇（街道）", workbook.Text("D4"));
        Assert.Equal(S.PaneStateValues.Frozen, sheet.Descendants<S.Pane>().Single().State!.Value);
        var lists = sheet.Descendants<S.DataValidation>().Where(v => v.Type?.Value == S.DataValidationValues.List).ToDictionary(v => v.SequenceOfReferences!.InnerText!, v => v.Formula1!.Text);
        Assert.Equal("\"select_one likert5,select_one satisfaction3\"", lists["A2:A205"]);
        Assert.Equal("\"是,否\"", lists["F2:F205"]);
        Assert.Equal("\"是,否\"", lists["G2:G205"]);
        // Codes typed later stay text (1.10 is not 1.1): the name and indicator columns are text-formatted.
        var textFormatted = workbook.WorkbookPart.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<S.CellFormat>().ToList();
        Assert.All(sheet.Descendants<S.Column>().Where(c => c.Min!.Value is 2 or 5), c => Assert.Equal(49U, textFormatted[(int)c.Style!.Value].NumberFormatId!.Value));
        using var groups = new GeneratedWorkbook(SurveySamples.Write(SurveySamples.EveryFeature()), "groups");
        Assert.Contains(groups.Sheet.Descendants<S.DataValidation>(), v => v.Formula1?.Text == "\"person,unit\"");
    }

    [Fact]
    public void Read_HandMadeWithChineseHeadersAnyOrderAliasesAndBlankRows_ReadsTheForm()
    {
        var xlsx = HandMadeWorkbook.Build(
            ("题目",
            [
                ["问卷题目", null, null],
                ["备注", "题干", "题目编码", "量表", "答卷群体", "反向", "必答", "关联指标"],
                ["不读", "满意吗？", "Q1", "五级满意度", "", "否", "", "3.1"],
                [],
                [null, "跑腿多吗？", " Q2 ", "SELECT_ONE  likert5", "服务对象；内部人员", "yes", false, null],
                [null, "作风？", "Q3", "三级满意度", "内部人员", 1m, "TRUE", null],
            ]),
            ("答卷群体",
            [
                ["群体名称", "权重", "最低份数", "应发放份数", "作答方式"],
                ["服务对象", "40%", 30m, null, "个人"],
                ["内部人员", "０.６", null, 10m, "单位互评"],
            ]),
            ("设置", [["设置项", "内容"], ["问卷标题", "满意度调查"], ["form_id", "ignored"], ["不足最低份数时", "仍计入"]]));

        var read = SurveySamples.Read(xlsx);

        Assert.Empty(read.Problems);
        var expected = new SurveyForm("满意度调查", "",
            [new SurveyFormGroup("服务对象", 0.4m, 30, 0), new SurveyFormGroup("内部人员", 0.6m, 0, 10, RespondentKind.Unit)],
            [
                new SurveyFormItem("Q1", "满意吗？", SurveyScale.Likert5, [], "3.1"),
                new SurveyFormItem("Q2", "跑腿多吗？", SurveyScale.Likert5, ["服务对象", "内部人员"], null, Reverse: true, Required: false),
                new SurveyFormItem("Q3", "作风？", SurveyScale.ThreePoint, ["内部人员"], null, Reverse: true),
            ],
            SurveyChoices.Default,
            GroupFallback.UseAnyway);
        Assert.Equal(SurveySamples.Canonical(expected), SurveySamples.Canonical(read.Form!));
    }

    [Fact]
    public void Read_XlsFormGroupRows_LabelHeadsTheFirstItemInside()
    {
        var xlsx = HandMadeWorkbook.Build(
            ("survey",
            [
                ["type", "name", "label::Chinese (zh)", "hint"],
                ["begin_group", "g1", "服务质量", null],
                ["select_one likert5", "Q1", "满意吗？", "提示"],
                ["select_one likert5", "Q2", "及时吗？", null],
                ["end group", "g1", null, null],
                ["select_one satisfaction3", "Q3", "总体？", null],
            ]),
            ("choices", [["list_name", "name", "label"], ["likert5", 1m, "一星"], ["likert5", 2m, "二星"], ["likert5", 3m, "三星"], ["likert5", 4m, "四星"], ["likert5", 5m, "五星"]]),
            ("settings", [["key", "value"], ["form_title", "调查"]]),
            ("groups", [["name", "weight"], ["公众", 1m]]));

        var read = SurveySamples.Read(xlsx);

        Assert.Empty(read.Problems);
        Assert.Equal(["服务质量", null, null], read.Form!.Items.Select(i => i.Section));
        Assert.Equal(["一星", "二星", "三星", "四星", "五星"], read.Form.Choices.Likert5);
        Assert.Equal(SurveyScales.ThreePointLabels, read.Form.Choices.ThreePoint);
    }

    public static TheoryData<string, string, string, object, string, string> BadCells() => new()
    {
        { "unknown type", "survey", "A3", "select_multiple likert5", "surveyform.type_unknown", "A3" },
        { "blank type", "survey", "A3", "", "surveyform.type_unknown", "A3" },
        { "reverse neither yes nor no", "survey", "F2", "也许", "surveyform.flag_invalid", "F2" },
        { "required neither yes nor no", "survey", "G4", "maybe", "surveyform.flag_invalid", "G4" },
        { "weight not a number", "groups", "B3", "三成", "surveyform.not_a_number", "B3" },
        { "weight blank", "groups", "B3", "", "surveyform.required", "B3" },
        { "minimum not whole", "groups", "C2", 2.5m, "surveyform.not_a_whole_number", "C2" },
        { "unknown respondent", "groups", "E4", "团体", "surveyform.respondent_unknown", "E4" },
        { "unknown fallback", "settings", "B4", "drop", "surveyform.fallback_unknown", "B4" },
        { "unknown setting", "settings", "A5", "form_titel", "surveyform.setting_unknown", "A5" },
        { "repeated setting", "settings", "A5", "问卷标题", "surveyform.setting_duplicate", "A5" },
        { "unknown choice list", "choices", "A3", "likert7", "surveyform.choice_list_unknown", "A3" },
        { "choice value out of range", "choices", "B8", 4m, "surveyform.choice_value_invalid", "B8" },
        { "repeated choice value", "choices", "B3", 1m, "surveyform.choice_duplicate", "B3" },
        { "missing choice value", "choices", "B3", "", "surveyform.choice_value_invalid", "B3" },
        { "a cell over the limit", "survey", "C3", new string('长', 4001), "surveyform.too_long", "C3" },
        { "repeated item code", "survey", "B3", "Q1", "survey.item_code", "B3" },
        { "item code with a space", "survey", "B2", "Q 1", "survey.item_code", "B2" },
        { "blank question", "survey", "C2", "", "survey.item_text", "C2" },
        { "unknown item group", "survey", "D4", "内部人员、游客", "survey.item_group_unknown", "D4" },
        { "long section", "survey", "H2", new string('节', 101), "survey.item_section", "H2" },
        { "negative weight", "groups", "B2", -1m, "survey.group_weight", "B2" },
        { "negative expected sample", "groups", "D2", -5m, "survey.group_expected", "D2" },
        { "repeated group name", "groups", "A3", "服务对象", "survey.group_name", "A3" },
        { "repeated label", "choices", "C4", "很不满意", "survey.choice_label", "C4" },
        { "blank title", "settings", "B2", "", "survey.title", "B2" },
    };

    [Theory]
    [MemberData(nameof(BadCells))]
    public void Read_BadCell_ReportedOnItsSheetAndCell(string caseName, string sheet, string cell, object value, string code, string expectedCell)
    {
        var xlsx = WorkbookFiller.SetCells(SurveySamples.Write(SurveySamples.EveryFeature()), sheet, new Dictionary<string, object> { [cell] = value });

        var read = SurveySamples.Read(xlsx);

        Assert.Null(read.Form);
        Assert.True(SurveySamples.Places(read).Contains((code, sheet, expectedCell)), caseName + ": " + string.Join("; ", SurveySamples.Places(read)));
        Assert.All(read.Problems, p => Assert.NotNull(p.Sheet));
    }

    [Fact]
    public void Read_BadCell_ProblemCarriesTheFormField()
    {
        var xlsx = WorkbookFiller.SetCells(SurveySamples.Write(SurveySamples.EveryFeature()), "survey", new Dictionary<string, object> { ["D4"] = "内部人员、游客", ["A5"] = "text" });

        var problems = SurveySamples.Read(xlsx).Problems;

        // The reader's own problems first, then the validator's.
        Assert.Equal([("surveyform.type_unknown", "items[3].scale", "A5"), ("survey.item_group_unknown", "items[2].groups[1]", "D4")],
            problems.Select(p => (p.Code, p.Field!, p.Cell!)));
    }

    [Fact]
    public void Read_GroupsAskedNothing_ReportedOnTheirRowsAllAtOnce()
    {
        var xlsx = WorkbookFiller.SetCells(SurveySamples.Write(SurveySamples.EveryFeature()), "survey",
            new Dictionary<string, object> { ["D2"] = RespondentGroups.ServiceUsers, ["D5"] = RespondentGroups.Townships });

        var read = SurveySamples.Read(xlsx);

        Assert.Equal([("survey.group_without_items", "groups", "A4"), ("survey.group_without_items", "groups", "A6")], SurveySamples.Places(read));
    }

    [Fact]
    public void Read_ChoiceValueMissing_ReportedOnTheListAndTheRestStillChecked()
    {
        var xlsx = WorkbookFiller.SetCells(SurveySamples.Write(SurveySamples.EveryFeature()), "choices",
            new Dictionary<string, object> { ["A3"] = "", ["B3"] = "", ["C3"] = "" });

        var read = SurveySamples.Read(xlsx);

        Assert.Equal([("surveyform.choice_missing", "choices", "A2")], SurveySamples.Places(read));
        Assert.Contains("2", read.Problems[0].MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingSheets_EachReportedAndTheOthersStillRead()
    {
        var xlsx = HandMadeWorkbook.Build(("survey", [["type", "name", "label"], ["select_one likert5", "Q1", "满意吗？"], ["nonsense", "Q2", "及时吗？"]]));

        var read = SurveySamples.Read(xlsx);

        Assert.Equal(
            [("surveyform.sheet_missing", "settings", null), ("surveyform.sheet_missing", "groups", null), ("surveyform.type_unknown", "survey", "A3")],
            SurveySamples.Places(read));
    }

    [Fact]
    public void Read_ChoicesSheetLeftOut_DefaultLabels()
    {
        var xlsx = HandMadeWorkbook.Build(
            ("survey", [["type", "name", "label"], ["select_one satisfaction3", "Q1", "满意吗？"]]),
            ("settings", [["key", "value"], ["form_title", "调查"]]),
            ("groups", [["name", "weight"], ["公众", 1m]]));

        var read = SurveySamples.Read(xlsx);

        Assert.Equal(SurveyChoices.Default.Likert5, read.Form!.Choices.Likert5);
        Assert.Equal(SurveyChoices.Default.ThreePoint, read.Form.Choices.ThreePoint);
    }

    [Fact]
    public void Read_HeaderOrRequiredColumnMissing_Reported()
    {
        var xlsx = HandMadeWorkbook.Build(
            ("survey", [["type", "name", "题目说明"], ["select_one likert5", "Q1", "满意吗？"]]),
            ("choices", [["一", "二"]]),
            ("settings", [["key", "value"], ["form_title", "调查"]]),
            ("groups", [["name", "weight"], ["公众", 1m]]));

        var read = SurveySamples.Read(xlsx);

        Assert.Equal([("surveyform.header_missing", "choices", "A1"), ("surveyform.column_missing", "survey", "A1")], SurveySamples.Places(read));
    }
}
