using System.Globalization;
using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Scoring;
using OfficeEval.Documents.SelfAssessment;
using static OfficeEval.Documents.Frameworks.AuthoringLayout;

namespace OfficeEval.Documents.Frameworks;

/// <summary>
/// Reads the 指标 sheet into the indicator tree: columns found by header, one node per non-empty row, the parent of a
/// row being the nearest row above it one level up. Every unreadable cell is reported with its address.
/// </summary>
internal static class IndicatorRowsReader
{
    private static readonly string[] ChineseLevels = ["一", "二", "三", "四", "五", "六"];

    /// <summary>The tree read, where each code's row is, and which rows (by code) already have a problem.</summary>
    public sealed record Tree(
        IReadOnlyList<IndicatorNode> Dimensions,
        IReadOnlyDictionary<string, int> RowByCode,
        IReadOnlySet<string> RowsWithProblems,
        IReadOnlyDictionary<Field, string> Columns,
        bool ShapeUnreliable,
        bool PointsUnreadable)
    {
        public string Letter(Field field) => Columns.GetValueOrDefault(field) ?? ColumnOf(field).Letter;
    }

    private sealed class Draft(IndicatorNode node)
    {
        public IndicatorNode Node { get; } = node;

        public List<Draft> Children { get; } = [];

        public IndicatorNode Build() => Node with { Children = [.. Children.Select(c => c.Build())] };
    }

    /// <summary>The tree, or null when the header row or a required column is missing (reported).</summary>
    public static Tree? Read(SheetRows sheet, UploadLimits limits, List<WorkbookProblem> problems)
    {
        var header = sheet.Find(ColumnOf(Field.Code).Header);
        if (header is null)
        {
            problems.Add(new WorkbookProblem("authoring.header_missing", $"“{IndicatorsSheet}”工作表缺少表头行（“指标编码”）。",
                $"Sheet \"{IndicatorsSheet}\" has no header row (\"指标编码\").", IndicatorsSheet));
            return null;
        }

        var headerRow = sheet.Rows[header.Value.Index];
        var columns = new Dictionary<Field, string>();
        foreach (var column in Columns)
        {
            var letter = headerRow.Cells.FirstOrDefault(kv => SheetRows.Normalize(kv.Value) == SheetRows.Normalize(column.Header)).Key;
            if (letter is not null)
            {
                columns[column.Field] = letter;
            }
            else if (column.Required)
            {
                problems.Add(new WorkbookProblem("authoring.column_missing", $"“{IndicatorsSheet}”工作表缺少“{column.Header}”列。",
                    $"Sheet \"{IndicatorsSheet}\" has no \"{column.Header}\" column.", IndicatorsSheet, SheetRows.Address("A", headerRow.Row)));
            }
        }

        if (Columns.Any(c => c.Required && !columns.ContainsKey(c.Field)))
        {
            return null;
        }

        var state = new State(columns, limits, problems);
        foreach (var (row, cells) in sheet.Rows.Skip(header.Value.Index + 1))
        {
            if (columns.Values.All(letter => string.IsNullOrWhiteSpace(cells.GetValueOrDefault(letter))))
            {
                continue;
            }

            if (++state.Count > FrameworkLimits.MaxIndicators)
            {
                problems.Add(new WorkbookProblem("authoring.too_many_rows",
                    string.Create(CultureInfo.InvariantCulture, $"指标超过 {FrameworkLimits.MaxIndicators} 个，请精简后再导入。"),
                    string.Create(CultureInfo.InvariantCulture, $"There are more than {FrameworkLimits.MaxIndicators} indicators."), IndicatorsSheet, SheetRows.Address("A", row)));
                state.ShapeUnreliable = true;
                break;
            }

            state.ReadRow(row, cells);
        }

        if (state.Roots.Count == 0 && !state.ShapeUnreliable)
        {
            problems.Add(new WorkbookProblem("framework.empty", "指标体系没有任何一级指标。", "The framework has no dimensions.", IndicatorsSheet,
                SheetRows.Address(columns[Field.Code], headerRow.Row + 1)));
            return null;
        }

        return new Tree([.. state.Roots.Select(r => r.Build())], state.RowByCode, state.Bad, columns, state.ShapeUnreliable, state.PointsUnreadable);
    }

    private sealed class State(Dictionary<Field, string> columns, UploadLimits limits, List<WorkbookProblem> problems)
    {
        private readonly List<Draft> _open = [];

        public List<Draft> Roots { get; } = [];

        public Dictionary<string, int> RowByCode { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Bad { get; } = new(StringComparer.Ordinal);

        public int Count { get; set; }

        public bool ShapeUnreliable { get; set; }

        public bool PointsUnreadable { get; private set; }

        public void ReadRow(int row, Dictionary<string, string> cells)
        {
            var before = problems.Count;
            string At(Field field) => SheetRows.Address(columns.GetValueOrDefault(field) ?? ColumnOf(field).Letter, row);
            void Problem(Field field, string code, string zh, string en) => problems.Add(new WorkbookProblem(code, zh, en, IndicatorsSheet, At(field)));
            string Cell(Field field)
            {
                var text = columns.TryGetValue(field, out var letter) ? cells.GetValueOrDefault(letter) ?? "" : "";
                if (text.Length > limits.MaxCellText)
                {
                    Problem(field, "authoring.too_long", string.Create(CultureInfo.InvariantCulture, $"单元格内容超过 {limits.MaxCellText} 个字符。"),
                        string.Create(CultureInfo.InvariantCulture, $"The cell holds more than {limits.MaxCellText} characters."));
                    return "";
                }

                return text.Trim();
            }

            var code = Cell(Field.Code);
            if (code.Length == 0 || code.Length > FrameworkLimits.IndicatorCodeLength)
            {
                ShapeUnreliable = true;
                Problem(Field.Code, "authoring.code_invalid",
                    string.Create(CultureInfo.InvariantCulture, $"请填写指标编码（不超过 {FrameworkLimits.IndicatorCodeLength} 个字符）。"),
                    string.Create(CultureInfo.InvariantCulture, $"Fill in the indicator code (at most {FrameworkLimits.IndicatorCodeLength} characters)."));
            }
            else if (RowByCode.TryGetValue(code, out var first))
            {
                ShapeUnreliable = true;
                Problem(Field.Code, "indicator.code_duplicate", string.Create(CultureInfo.InvariantCulture, $"指标编码 {code} 与第 {first} 行重复。"),
                    string.Create(CultureInfo.InvariantCulture, $"Indicator code {code} is already used on row {first}."));
            }
            else
            {
                RowByCode[code] = row;
            }

            var level = Level(Cell(Field.Level));
            if (level is null)
            {
                ShapeUnreliable = true;
                Problem(Field.Level, "authoring.level_invalid", $"层级应为 1 至 {MaxLevel} 的整数（一级指标填 1）。",
                    $"The level must be a whole number from 1 to {MaxLevel} (1 for a dimension).");
            }
            else if (level > _open.Count + 1)
            {
                ShapeUnreliable = true;
                Problem(Field.Level, "authoring.level_skipped",
                    string.Create(CultureInfo.InvariantCulture, $"第 {row} 行为 {level} 级指标，但上方没有它的 {level - 1} 级上级指标。"),
                    string.Create(CultureInfo.InvariantCulture, $"Row {row} is a level-{level} indicator with no level-{level - 1} parent above it."));
            }

            var pointsText = Cell(Field.Points);
            decimal points = 0;
            if (!SettingsReader.Number(pointsText, out points))
            {
                PointsUnreadable = true;
                Problem(Field.Points, "authoring.not_a_number", pointsText.Length == 0 ? "请填写分值（否决项填 0）。" : $"分值“{pointsText}”不是数字。",
                    pointsText.Length == 0 ? "Fill in the points (0 for a veto item)." : $"The points \"{pointsText}\" are not a number.");
            }

            var rule = Rule(Cell(Field.RuleType), Cell(Field.RuleParameters), Problem);
            var individualText = Cell(Field.Individual);
            var individual = RuleSyntax.Key(individualText) switch
            {
                "" or "否" or "N" or "n" => false,
                "是" or "Y" or "y" => true,
                _ => (bool?)null,
            };
            if (individual is null)
            {
                Problem(Field.Individual, "authoring.flag_invalid", $"“个性指标”应填“是”或不填，现为“{individualText}”。",
                    $"\"个性指标\" must be 是 (yes) or blank, not \"{individualText}\".");
            }

            var nameEn = Cell(Field.NameEn);
            var node = new IndicatorNode(code, Cell(Field.Name), points, [], rule)
            {
                EvaluationPoints = Lines(Cell(Field.EvaluationPoints)),
                ScoringStandard = Cell(Field.ScoringStandard),
                EvidenceChecklist = Lines(Cell(Field.Evidence)),
                IsIndividual = individual == true,
                NameEn = nameEn.Length == 0 ? null : nameEn,
            };

            if (problems.Count > before && code.Length > 0)
            {
                Bad.Add(code);
            }

            if (level is { } depth && depth <= _open.Count + 1)
            {
                var draft = new Draft(node);
                _open.RemoveRange(depth - 1, _open.Count - (depth - 1));
                (depth == 1 ? Roots : _open[^1].Children).Add(draft);
                _open.Add(draft);
            }
        }

        private static ScoringRule? Rule(string type, string parameters, Action<Field, string, string, string> problem)
        {
            if (type.Length == 0)
            {
                if (parameters.Length > 0)
                {
                    problem(Field.RuleType, "authoring.rule_type_missing", "填写了规则参数，请同时选择规则类型。", "Rule parameters are given; choose the rule type too.");
                }

                return null;
            }

            if (RuleSyntax.ParseType(type) is not { } kind)
            {
                var known = string.Join("、", RuleSyntax.Types.Select(t => t.Name));
                problem(Field.RuleType, "authoring.rule_type_unknown", $"规则类型“{type}”无法识别，应为：{known}。", $"Rule type \"{type}\" is not known; use one of: {known}.");
                return null;
            }

            try
            {
                return RuleParser.Parse(kind, parameters);
            }
            catch (RuleSyntaxException e)
            {
                problem(Field.RuleParameters, "authoring.rule_parameters", e.MessageZh, e.Message);
                return null;
            }
        }

        private static int? Level(string text)
        {
            var key = RuleSyntax.Key(text).TrimEnd('级');
            if (decimal.TryParse(key, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return number == decimal.Truncate(number) && number is >= 1 and <= MaxLevel ? (int)number : null;
            }

            var chinese = Array.IndexOf(ChineseLevels, key);
            return chinese >= 0 ? chinese + 1 : null;
        }

        private static List<string> Lines(string text) =>
            [.. text.Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }
}
