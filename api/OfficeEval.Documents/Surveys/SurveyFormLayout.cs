using OfficeEval.Core.Surveys;

namespace OfficeEval.Documents.Surveys;

/// <summary>
/// The questionnaire workbook's sheets, columns and keywords in one place. The writer uses the first spelling of each;
/// the reader also accepts the aliases (Chinese headers, keywords and sheet names), in any case, with full-width
/// characters and spaces folded, so a workbook typed by hand or made from an XLSForm reads too.
/// </summary>
internal static class SurveyFormLayout
{
    public const string InstructionsSheet = "填写说明";

    public static readonly Sheet SurveySheet = new("survey", ["题目", "问卷题目"]);
    public static readonly Sheet ChoicesSheet = new("choices", ["选项"]);
    public static readonly Sheet SettingsSheet = new("settings", ["设置", "问卷设置"]);
    public static readonly Sheet GroupsSheet = new("groups", ["答卷群体", "群体"]);

    /// <summary>A sheet's name as written and the other names it is found by.</summary>
    public sealed record Sheet(string Name, IReadOnlyList<string> Aliases)
    {
        public bool Matches(string name) => Key(name) == Key(Name) || Aliases.Any(a => Key(a) == Key(name));
    }

    /// <summary>One column: its header as written, the other headers it is found by, width and whether the reader needs it.</summary>
    public sealed record Column(string Header, IReadOnlyList<string> Aliases, double Width, bool Required, string Chinese, string Note)
    {
        /// <summary>True for this column's header; XLSForm's language suffix (label::中文) is ignored.</summary>
        public bool Matches(string header)
        {
            var at = header.IndexOf("::", StringComparison.Ordinal);
            var key = Key(at > 0 ? header[..at] : header);
            return key == Key(Header) || Aliases.Any(a => Key(a) == key);
        }
    }

    public static class Survey
    {
        public static readonly Column Type = new("type", ["题型", "类型", "量表"], 24, true, "题型",
            "必填。select_one likert5 为五级满意度（非常不满意 … 非常满意），select_one satisfaction3 为三级满意度（不满意、基本满意、满意）；也可写“五级满意度”“三级满意度”。");
        public static readonly Column Name = new("name", ["编码", "题目编码", "题号"], 10, true, "题目编码",
            "必填，全表唯一。字母、数字和 _ - .，不超过 32 个字符，如 Q1、A1.2。导出答卷时以编码为列名。");
        public static readonly Column Label = new("label", ["题目", "题干", "问题", "题目内容"], 50, true, "题干",
            "必填，答卷人看到的问题，不超过 500 个字符。");
        public static readonly Column Groups = new("groups", ["答卷群体", "群体", "调查对象"], 24, false, "答卷群体",
            "向哪些答卷群体提问，多个用顿号、逗号或分号分隔；不填表示向所有群体提问。群体名称须与 groups 表一致。");
        public static readonly Column Indicator = new("indicator", ["关联指标", "指标编码", "指标"], 12, false, "关联指标",
            "选填。本题计入的末级指标编码（该指标的规则类型须为“问卷”）；不填表示只调查、不计分。");
        public static readonly Column Reverse = new("reverse", ["反向计分", "反向", "反向题"], 9, false, "反向计分",
            "“是”表示反向题（如“办事需要多次跑腿”），计分时把非常满意与非常不满意对调；不填为“否”。");
        public static readonly Column Required = new("required", ["必答", "是否必答"], 9, false, "必答",
            "“否”表示答卷人可以不答；不填为“是”。");
        public static readonly Column Section = new("section", ["分组标题", "栏目", "分组"], 18, false, "分组标题",
            "选填。在本题上方显示的小标题，如“服务质量”；同一部分的后续题目不必重复填写。");

        public static readonly IReadOnlyList<Column> Columns = [Type, Name, Label, Groups, Indicator, Reverse, Required, Section];
    }

    public static class Choices
    {
        public static readonly Column ListName = new("list_name", ["选项列表", "列表名"], 16, true, "选项列表",
            "likert5 或 satisfaction3（也可写“五级满意度”“三级满意度”）。");
        public static readonly Column Name = new("name", ["值", "选项值", "分值"], 8, true, "值",
            "选项的值：likert5 为 1–5，satisfaction3 为 1–3，数值越大越满意。值不能修改。");
        public static readonly Column Label = new("label", ["选项", "选项文字", "标签"], 20, true, "选项文字",
            "答卷人看到的文字，可以修改（不超过 20 个字符，同一列表内不重复）。");

        public static readonly IReadOnlyList<Column> Columns = [ListName, Name, Label];
    }

    public static class Settings
    {
        public static readonly Column KeyColumn = new("key", ["设置项", "项目"], 18, true, "设置项", "");
        public static readonly Column ValueColumn = new("value", ["值", "内容", "设置值"], 60, true, "内容", "");
        public static readonly Column NoteColumn = new("说明", ["note"], 60, false, "说明", "");

        public static readonly IReadOnlyList<Column> Columns = [KeyColumn, ValueColumn, NoteColumn];

        public static readonly Setting Title = new("form_title", ["问卷标题", "标题"],
            "必填。问卷页面顶部的标题，如：2026 年度部门履职满意度调查。");
        public static readonly Setting Introduction = new("introduction", ["问卷说明", "说明", "引导语"],
            "选填。标题下方的说明：调查目的、匿名承诺等，不超过 2000 个字符，可以换行（Alt+Enter）。");
        public static readonly Setting BelowMinimum = new("below_minimum", ["不足最低份数时", "人数不足时"],
            "某答卷群体在某指标上的答卷人数少于最低份数时：exclude（不计入，其余群体按权重重新分配）或 use_anyway（仍计入并标注）。");

        public static readonly IReadOnlyList<Setting> Rows = [Title, Introduction, BelowMinimum];

        /// <summary>XLSForm's own settings, accepted and ignored so that an XLSForm settings sheet reads.</summary>
        public static readonly IReadOnlySet<string> XlsFormKeys = new HashSet<string>(
            ["form_id", "version", "default_language", "style", "instance_name", "public_key", "submission_url", "allow_choice_duplicates", "namespaces", "clean_text_values"],
            StringComparer.Ordinal);
    }

    /// <summary>A row of the settings sheet.</summary>
    public sealed record Setting(string Name, IReadOnlyList<string> Aliases, string Note)
    {
        public bool Matches(string key) => Key(key) == Key(Name) || Aliases.Any(a => Key(a) == Key(key));
    }

    public static class Groups
    {
        public static readonly Column Name = new("name", ["群体名称", "答卷群体", "名称"], 16, true, "群体名称",
            "必填，不重复，不超过 40 个字符，如 服务对象、内部人员、协作单位、乡镇（街道）、公众。");
        public static readonly Column Weight = new("weight", ["权重"], 9, true, "权重",
            "必填，0 到 1000 的数。某指标的满意度是各群体满意度按权重的加权平均（只在有答卷的群体间分配），如 0.4、0.3、0.3。");
        public static readonly Column Minimum = new("minimum_responses", ["最低份数", "最少份数", "最低样本量"], 12, false, "最低份数",
            "每个被评估单位每个指标至少需要的答卷人数，不足时按 settings 表的 below_minimum 处理；不填为 0。");
        public static readonly Column Expected = new("expected_sample_size", ["应发放份数", "计划份数", "样本量"], 12, false, "应发放份数",
            "每个被评估单位计划发放的问卷份数，用于计算回收率；发放链接后按实际发放数计算。不填为 0（未知）。");
        public static readonly Column Respondent = new("respondent", ["作答方式", "答卷方式", "答卷人"], 12, false, "作答方式",
            "person（个人匿名作答）或 unit（单位互评：评价单位对每个被评估单位各答一份，结果中不出现评价单位）；不填为 person。");

        public static readonly IReadOnlyList<Column> Columns = [Name, Weight, Minimum, Expected, Respondent];
    }

    /// <summary>The type cell of an item (XLSForm: select_one and the choice list), of each scale.</summary>
    public static string TypeName(SurveyScale scale) => "select_one " + SurveyChoices.ListName(scale);

    public static string ScaleName(SurveyScale scale) => scale switch
    {
        SurveyScale.Likert5 => "五级满意度",
        SurveyScale.ThreePoint => "三级满意度",
    };

    /// <summary>What a type cell says: an item of a scale, the start or end of an XLSForm group, or nothing known.</summary>
    public enum RowKind { Item, BeginGroup, EndGroup, Unknown }

    public static (RowKind Kind, SurveyScale Scale) ParseType(string text)
    {
        var key = Key(text).Replace("select_one", "", StringComparison.Ordinal);
        foreach (var scale in Enum.GetValues<SurveyScale>())
        {
            if (key == SurveyChoices.ListName(scale) || key == Key(ScaleName(scale)))
            {
                return (RowKind.Item, scale);
            }
        }

        return key switch
        {
            "begingroup" or "begin_group" => (RowKind.BeginGroup, default),
            "endgroup" or "end_group" => (RowKind.EndGroup, default),
            _ => (RowKind.Unknown, default),
        };
    }

    /// <summary>The scale of a choice list name (likert5, satisfaction3 or their Chinese names), or null.</summary>
    public static SurveyScale? ParseList(string text) =>
        Enum.GetValues<SurveyScale>().Select(s => (SurveyScale?)s).FirstOrDefault(s => Key(text) == SurveyChoices.ListName(s!.Value) || Key(text) == Key(ScaleName(s!.Value)));

    public const string Yes = "是";
    public const string No = "否";

    /// <summary>A yes/no cell: 是/否, yes/no, y/n, true/false (also XLSForm's true()), 1/0, or blank for <paramref name="blank"/>.</summary>
    public static bool? ParseFlag(string text, bool blank) => Key(text).Replace("()", "", StringComparison.Ordinal) switch
    {
        "" => blank,
        "是" or "yes" or "y" or "true" or "1" or "√" => true,
        "否" or "no" or "n" or "false" or "0" => false,
        _ => null,
    };

    public static string RespondentName(RespondentKind kind) => kind switch
    {
        RespondentKind.Person => "person",
        RespondentKind.Unit => "unit",
    };

    /// <summary>person/个人, unit/单位/单位互评/互评; blank is person.</summary>
    public static RespondentKind? ParseRespondent(string text) => Key(text) switch
    {
        "" or "person" or "个人" or "个人作答" => RespondentKind.Person,
        "unit" or "单位" or "单位互评" or "互评" => RespondentKind.Unit,
        _ => null,
    };

    public static string FallbackName(GroupFallback fallback) => fallback switch
    {
        GroupFallback.Exclude => "exclude",
        GroupFallback.UseAnyway => "use_anyway",
    };

    /// <summary>exclude/不计入, use_anyway/仍计入; blank is exclude.</summary>
    public static GroupFallback? ParseFallback(string text) => Key(text) switch
    {
        "" or "exclude" or "不计入" => GroupFallback.Exclude,
        "use_anyway" or "useanyway" or "仍计入" => GroupFallback.UseAnyway,
        _ => null,
    };

    /// <summary>A keyword or header as compared: full-width folded (NFKC), no white space, lower case.</summary>
    public static string Key(string text) => Frameworks.RuleSyntax.Key(text).ToLowerInvariant();
}
