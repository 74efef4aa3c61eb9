using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Scoring;
using static OfficeEval.Documents.SelfAssessment.SheetRows;

namespace OfficeEval.Documents.SelfAssessment;

/// <summary>Reads the 自评表 sheet by indicator code: rows may be sorted, hidden, or have rows inserted between them.</summary>
internal static class AssessmentReader
{
    private static readonly WorkbookLayout.Field[] ReadFields =
        [WorkbookLayout.Field.Code, WorkbookLayout.Field.Answer, WorkbookLayout.Field.SelfScore, WorkbookLayout.Field.Explanation];

    private static readonly char[] ItemSeparators = ['；', ';', '，', ',', '、', '\n', '\r'];

    public static (Dictionary<string, Answer> Answers, CellLocator Locator, List<WorkbookProblem> Problems) Read(
        SheetRows sheet, FrameworkDefinition framework, UploadLimits limits)
    {
        var name = sheet.Sheet;
        var header = sheet.Find(Header(WorkbookLayout.Field.Code))
            ?? throw UploadGuard.Reject("upload.header_missing", $"“{name}”工作表缺少“指标编码”表头行。", $"Sheet \"{name}\" has no header row with \"指标编码\".");

        var headerRow = sheet.Rows[header.Index].Cells;
        var columns = new Dictionary<WorkbookLayout.Field, string>();
        foreach (var field in ReadFields)
        {
            // Compare normalized with normalized: NFKC turns the full-width （） of 自评结果（选项/次数） into ASCII.
            var letter = headerRow.FirstOrDefault(kv => Normalize(kv.Value) == Normalize(Header(field))).Key;
            columns[field] = letter ?? throw UploadGuard.Reject("upload.column_missing",
                $"“{name}”工作表缺少“{Header(field)}”列。", $"Sheet \"{name}\" has no \"{Header(field)}\" column.");
        }

        var leaves = framework.Leaves().ToDictionary(l => l.Node.Code, l => l.Node, StringComparer.Ordinal);
        var answers = new Dictionary<string, Answer>(StringComparer.Ordinal);
        var rowByCode = new Dictionary<string, int>(StringComparer.Ordinal);
        var problems = new List<WorkbookProblem>();

        foreach (var (rowNumber, cells) in sheet.Rows.Skip(header.Index + 1))
        {
            string Cell(WorkbookLayout.Field field) => cells.GetValueOrDefault(columns[field]) ?? "";
            string At(WorkbookLayout.Field field) => Address(columns[field], rowNumber);

            var code = Normalize(Cell(WorkbookLayout.Field.Code));
            if (code.Length == 0 || !leaves.TryGetValue(code, out var leaf))
            {
                continue;
            }

            if (!rowByCode.TryAdd(code, rowNumber))
            {
                problems.Add(new WorkbookProblem("cell.code_duplicate", $"指标编码 {code} 出现了多次，只读取第一行。",
                    $"Indicator code {code} appears more than once; only the first row is read.", name, At(WorkbookLayout.Field.Code)));
                continue;
            }

            var answer = new Answer(code);
            var tooLong = false;
            foreach (var field in new[] { WorkbookLayout.Field.Answer, WorkbookLayout.Field.Explanation })
            {
                if (Cell(field).Length > limits.MaxCellText)
                {
                    tooLong = true;
                    problems.Add(new WorkbookProblem("cell.too_long", $"单元格内容超过 {limits.MaxCellText} 个字符。",
                        $"The cell holds more than {limits.MaxCellText} characters.", name, At(field)));
                }
            }

            if (tooLong)
            {
                answers[code] = answer;
                continue;
            }

            var raw = Normalize(Cell(WorkbookLayout.Field.Answer));
            if (raw.Length > 0 && leaf.Rule is not null)
            {
                answer = ReadAnswer(answer, leaf.Rule, raw, problems, name, At(WorkbookLayout.Field.Answer));
            }

            var selfScore = Normalize(Cell(WorkbookLayout.Field.SelfScore));
            var isVeto = leaf.Rule is not null && RuleScorer.RoleOf(leaf.Rule.Kind) == LeafRole.Veto;
            if (selfScore.Length > 0 && !isVeto)
            {
                answer = ParseNumber(selfScore) is { } s
                    ? answer with { SelfScore = s }
                    : Problem(answer, problems, new WorkbookProblem("cell.not_a_number", $"自评得分“{selfScore}”不是数字。",
                        $"Self-score \"{selfScore}\" is not a number.", name, At(WorkbookLayout.Field.SelfScore)));
            }

            var explanation = Cell(WorkbookLayout.Field.Explanation).Trim();
            answers[code] = answer with { Explanation = explanation.Length == 0 ? null : explanation };
        }

        foreach (var missing in leaves.Keys.Where(code => !rowByCode.ContainsKey(code)))
        {
            problems.Add(new WorkbookProblem("row.missing", $"工作表中缺少指标 {missing} 所在的行。", $"The row of indicator {missing} is missing from the sheet.", name));
        }

        var locator = new CellLocator(name, rowByCode, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["code"] = columns[WorkbookLayout.Field.Code],
            ["option"] = columns[WorkbookLayout.Field.Answer],
            ["number"] = columns[WorkbookLayout.Field.Answer],
            ["finding"] = columns[WorkbookLayout.Field.Answer],
            ["counts"] = columns[WorkbookLayout.Field.Answer],
            ["facts"] = columns[WorkbookLayout.Field.Answer],
            ["survey"] = columns[WorkbookLayout.Field.Answer],
            ["metric"] = columns[WorkbookLayout.Field.Answer],
            ["selfScore"] = columns[WorkbookLayout.Field.SelfScore],
            ["explanation"] = columns[WorkbookLayout.Field.Explanation],
        });
        return (answers, locator, problems);
    }

    private static Answer ReadAnswer(Answer answer, ScoringRule rule, string raw, List<WorkbookProblem> problems, string sheet, string cell) => rule switch
    {
        QualitativeScaleRule scale => answer with { Option = OptionLabel(scale, raw) },
        DeductionRule or BonusRule => ParseNumber(raw) is { } n
            ? answer with { Number = n }
            : Problem(answer, problems, new WorkbookProblem("cell.not_a_number", $"“{raw}”不是数字，请填写次数。",
                $"\"{raw}\" is not a number; enter a count.", sheet, cell)),
        BandsRule or LinearRule or RatioRule or ShortfallRule => ParseNumber(raw.TrimEnd('%')) is { } v
            ? answer with { Number = v }
            : Problem(answer, problems, new WorkbookProblem("cell.not_a_number", $"“{raw}”不是数字，请填写数值。",
                $"\"{raw}\" is not a number; enter a value.", sheet, cell)),
        VetoRule => raw switch
        {
            "是" or "有" => answer with { Finding = true },
            "否" or "无" => answer with { Finding = false },
            _ => ParseNumber(raw) is { } c
                ? answer with { Number = c }
                : Problem(answer, problems, new WorkbookProblem("cell.not_a_finding", $"“{raw}”无效，请选择“是”或“否”。",
                    $"\"{raw}\" is not valid; choose 是 (yes) or 否 (no).", sheet, cell)),
        },
        ShareRule { Source: ShareSource.Answer } share => ReadCounts(answer, share, raw, problems, sheet, cell),
        // Scored from the unit's data tables or from questionnaires: the answer cell is not read.
        _ => answer,
    };

    /// <summary>Reads “类别=人数；类别=人数” (also ：/: and ，/,/、/new lines) into the answer's counts.</summary>
    private static Answer ReadCounts(Answer answer, ShareRule share, string raw, List<WorkbookProblem> problems, string sheet, string cell)
    {
        var counts = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var item in raw.Split(ItemSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var separator = item.IndexOfAny(['=', ':', '：']);
            var label = separator > 0 ? item[..separator].Trim() : "";
            var factor = share.Factors.FirstOrDefault(f => Normalize(f.Label) == label);
            if (factor is null)
            {
                var known = string.Join("、", share.Factors.Select(f => f.Label));
                return Problem(answer, problems, new WorkbookProblem("cell.share_label_unknown",
                    $"“{item}”无法识别，请按“类别=人数”填写，类别为：{known}。",
                    $"\"{item}\" cannot be read; write \"category=count\" with one of: {known}.", sheet, cell));
            }

            if (ParseNumber(item[(separator + 1)..].Trim()) is not { } count || count < 0)
            {
                return Problem(answer, problems, new WorkbookProblem("cell.not_a_number", $"“{item}”中的人数不是不小于 0 的数字。",
                    $"The count in \"{item}\" is not a number of at least 0.", sheet, cell));
            }

            counts[factor.Label] = count;
        }

        return answer with { Counts = counts };
    }

    private static Answer Problem(Answer answer, List<WorkbookProblem> problems, WorkbookProblem problem)
    {
        problems.Add(problem);
        return answer;
    }

    private static string Header(WorkbookLayout.Field field) => WorkbookLayout.ColumnOf(field).Header;

    /// <summary>The rule's own label for a normalized answer, so labels with full-width characters (e.g. （）) still match.</summary>
    private static string OptionLabel(QualitativeScaleRule rule, string normalized) =>
        rule.Options.FirstOrDefault(o => Normalize(o.Label) == normalized)?.Label ?? normalized;
}
