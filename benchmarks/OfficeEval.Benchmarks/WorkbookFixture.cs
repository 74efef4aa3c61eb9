using System.Globalization;
using System.IO.Compression;
using DocumentFormat.OpenXml.Packaging;
using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Scoring;
using OfficeEval.Documents.SelfAssessment;
using OfficeEval.Documents.Tests.Support;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace OfficeEval.Benchmarks;

/// <summary>
/// The self-evaluation workbook the workbook benchmarks write and read, built deterministically in memory: the generated
/// 250-leaf framework (<see cref="FrameworkGenerator"/>) with the texts a real framework shows on each row, one campaign
/// and unit, the workbook the writer generates for them, and a copy filled the way a unit fills it in Excel.
/// </summary>
internal sealed class WorkbookFixture
{
    /// <summary>The sheet a unit fills, and the header texts of the columns the filled copy writes to.</summary>
    public const string AssessmentSheet = "自评表";

    private const string CodeHeader = "指标编码";
    private const string AnswerHeader = "自评结果（选项/次数）";
    private const string SelfScoreHeader = "自评得分";
    private const string ExplanationHeader = "情况说明";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static readonly Guid CampaignId = new("0f6c1d52-5a39-4c1e-9a57-2f3c7b1e2026");
    private static readonly Guid UnitId = new("7d2e4b90-13a8-4f0b-8e6d-5c9a1b3f0042");

    // 评估要点, 佐证材料 and 情况说明 in the register of the built-in framework; each row combines them differently.
    private static readonly string[] EvaluationPoints =
    [
        "对照“三定”规定，主要职责履行到位，年度重点工作有部署、有落实。",
        "部门间职责分工明确，无推诿扯皮现象。",
        "机构设置与职责任务相匹配，运行顺畅高效。",
        "严格执行机构编制纪律，未经批准不擅自调整机构职责。",
        "实名制信息及时准确更新，编制使用情况与台账一致。",
        "领导职数按核定数额配备，使用与工作任务相适应。",
        "人员结构合理，业务处室人员占比符合要求。",
        "党委政府部署的重点任务按期完成，成效明显。",
    ];

    private static readonly string[] Evidence =
    [
        "年度工作总结", "重点工作台账", "“三定”规定落实情况报告", "实名制信息", "内设机构设置文件",
        "领导班子分工文件", "自查报告", "工作量测算表", "编制使用情况表", "相关会议纪要",
    ];

    private static readonly string[] Explanations =
    [
        "已按要求完成，相关材料见佐证清单。",
        "年度任务全部落实，台账完整。",
        "经自查未发现问题。",
        "基本完成，个别事项正在整改。",
        "按季度报送，数据与实名制系统一致。",
        "已制定整改方案并按期推进。",
    ];

    private WorkbookFixture(SelfAssessmentTemplate template, byte[] generated, byte[] filled)
    {
        Template = template;
        Generated = generated;
        Filled = filled;
    }

    /// <summary>The campaign, unit and 250-leaf framework the workbook is generated for.</summary>
    public SelfAssessmentTemplate Template { get; }

    /// <summary>The workbook as <see cref="SelfAssessmentWorkbook.Write"/> generates it.</summary>
    public byte[] Generated { get; }

    /// <summary>
    /// The workbook with every leaf's row filled: a valid answer where the sheet reads one, a self-score and a short
    /// explanation. Text is stored in the shared-string table, as Excel saves it.
    /// </summary>
    public byte[] Filled { get; }

    /// <summary>Builds the fixture and checks that the reader accepts the filled copy without a problem.</summary>
    public static WorkbookFixture Create(int seed = CampaignGenerator.DefaultSeed)
    {
        var random = new Random(seed);
        var template = CreateTemplate(random);
        var framework = template.Framework;

        byte[] generated;
        using (var output = new MemoryStream())
        {
            SelfAssessmentWorkbook.Write(template, output);
            generated = output.ToArray();
        }

        var leaves = framework.Leaves().ToArray();
        var rows = leaves.ToDictionary(l => l.Node.Code, l => RowFor(l.Node, random), StringComparer.Ordinal);
        var filled = Fill(generated, rows);

        var read = SelfAssessmentWorkbook.Read(new MemoryStream(filled, writable: false), template);
        // A veto leaf has no self-score: its cell shows “—” and is not read.
        var vetoes = leaves.Where(l => l.Node.Rule is VetoRule).Select(l => l.Node.Code).ToHashSet(StringComparer.Ordinal);
        if (read.Problems.Count > 0 || read.Answers.Count != leaves.Length
            || read.Answers.Values.Any(a => (a.SelfScore is null && !vetoes.Contains(a.IndicatorCode)) || a.Explanation is null))
        {
            throw new InvalidOperationException(string.Create(Inv,
                $"The filled workbook does not read back cleanly: {read.Answers.Count} of {leaves.Length} answers, {read.Problems.Count} problems ({string.Join("; ", read.Problems.Take(3).Select(p => p.Cell + " " + p.MessageEn))})."));
        }

        return new WorkbookFixture(template, generated, filled);
    }

    /// <summary>The template alone: the framework drawn from <paramref name="random"/>, with the fixture's campaign and unit.</summary>
    public static SelfAssessmentTemplate CreateTemplate(Random random)
    {
        var framework = WithTexts(FrameworkGenerator.Generate(random));
        var identity = new WorkbookIdentity(CampaignId, UnitId, framework.Code, framework.Version, SelfAssessmentWorkbook.StructureHash(framework));
        return new SelfAssessmentTemplate(identity, "2026年度机构编制执行情况和使用效益评估", "示范市发展和改革委员会", framework);
    }

    /// <summary>
    /// Every part of a package, in package order, with its uncompressed bytes and whether it is stored rather than
    /// deflated (its compressed size equals its size; System.IO.Packaging stores <c>_rels/.rels</c>).
    /// </summary>
    public static (string Name, byte[] Content, bool Stored)[] Parts(byte[] package)
    {
        using var zip = new ZipArchive(new MemoryStream(package, writable: false), ZipArchiveMode.Read);
        return [.. zip.Entries.Select(entry =>
        {
            using var stream = entry.Open();
            using var content = new MemoryStream();
            stream.CopyTo(content);
            return (entry.FullName, content.ToArray(), entry.CompressedLength == entry.Length);
        })];
    }

    /// <summary>The framework with an 评估要点, a 评分标准 per rule kind and one or two 佐证材料 on every leaf.</summary>
    internal static FrameworkDefinition WithTexts(FrameworkDefinition framework)
    {
        var index = 0;
        IndicatorNode Texts(IndicatorNode node)
        {
            if (!node.IsLeaf)
            {
                return node with { Children = [.. node.Children.Select(Texts)] };
            }

            var i = index++;
            return node with
            {
                EvaluationPoints = [node.Name + "：" + EvaluationPoints[i % EvaluationPoints.Length]],
                ScoringStandard = Standard(node.Rule),
                EvidenceChecklist = i % 3 == 0
                    ? [Evidence[i % Evidence.Length], Evidence[(i + 3) % Evidence.Length]]
                    : [Evidence[i % Evidence.Length]],
            };
        }

        return framework with { Dimensions = [.. framework.Dimensions.Select(Texts)] };
    }

    private static string Standard(ScoringRule? rule) => rule switch
    {
        QualitativeScaleRule scale => string.Join("、", scale.Options.Select(o => o.Label)) + "分别得满分、80%、60%、0。",
        DeductionRule { Cap: { } cap } deduction => string.Create(Inv, $"每发现1次扣{deduction.PerOccurrence}分，最多扣{cap}分。"),
        DeductionRule deduction => string.Create(Inv, $"每发现1次扣{deduction.PerOccurrence}分，扣完为止。"),
        BandsRule => "为0得满分；每超过10个百分点递减20%，超过30%不得分。",
        LinearRule => "60%及以下不得分，达到100%得满分，其间按比例计分。",
        RatioRule { Direction: RatioDirection.Positive } => "实际值与目标值之比计分，最高得满分。",
        RatioRule => "目标值与实际值之比计分，最高得满分。",
        ShortfallRule => "每偏离目标1个百分点扣相应分值，扣完为止。",
        ShareRule => "按各年龄段人员占比加权计分。",
        SurveyRule => "按满意度问卷结果折算。",
        MetricRule => "根据单位机构编制数据自动计算。",
        BonusRule => "每项加0.1分，加分项合计不超过1分。",
        VetoRule { Effect: VetoEffect.ZeroTotal } => "发现该情形的，评估总分记为0。",
        VetoRule => "发现该情形的，评估等次不得评为优秀。",
        _ => "按评分规则计分。",
    };

    /// <summary>What a unit enters on a leaf's row: an answer valid for its rule, a self-score within its points, an explanation.</summary>
    private static FilledRow RowFor(IndicatorNode leaf, Random random)
    {
        // Cells of rules scored from data tables or questionnaires are not read; the unit leaves them empty.
        object? answer = leaf.Rule switch
        {
            QualitativeScaleRule scale => scale.Options[random.Next(0, 3)].Label,
            DeductionRule => (decimal)random.Next(0, 3),
            BonusRule => (decimal)random.Next(0, 2),
            BandsRule => random.Next(0, 400) / 10m,
            LinearRule => random.Next(600, 1001) / 10m,
            RatioRule { Direction: RatioDirection.Positive } => random.Next(950, 1201) / 10m,
            RatioRule => random.Next(30, 101) / 10m,
            ShortfallRule { Direction: ShortfallDirection.Below } => random.Next(900, 1001) / 10m,
            ShortfallRule => random.Next(0, 121) / 10m,
            VetoRule => "否",
            _ => null,
        };
        var selfScore = Math.Round(leaf.Points * random.Next(70, 101) / 100m, 2, MidpointRounding.AwayFromZero);
        return new FilledRow(answer, selfScore, Explanations[random.Next(Explanations.Length)]);
    }

    /// <summary>
    /// Returns a copy of <paramref name="xlsx"/> with each leaf's row filled. Rows are found by the code in the
    /// 指标编码 column and columns by their header text, so the copy follows the writer's layout.
    /// </summary>
    private static byte[] Fill(byte[] xlsx, IReadOnlyDictionary<string, FilledRow> rows)
    {
        using var stream = new MemoryStream();
        stream.Write(xlsx);
        using (var document = SpreadsheetDocument.Open(stream, true))
        {
            var workbookPart = document.WorkbookPart ?? throw new InvalidOperationException("The package has no workbook part.");
            var sheet = workbookPart.Workbook.Sheets?.Elements<S.Sheet>().FirstOrDefault(s => s.Name?.Value == AssessmentSheet)
                ?? throw new InvalidOperationException("The workbook has no sheet named " + AssessmentSheet + ".");
            var worksheet = ((WorksheetPart)workbookPart.GetPartById(sheet.Id!.Value!)).Worksheet;
            var table = workbookPart.SharedStringTablePart?.SharedStringTable ?? throw new InvalidOperationException("The workbook has no shared strings.");
            var strings = new SharedStrings(table);

            var sheetRows = worksheet.GetFirstChild<S.SheetData>()!.Elements<S.Row>().ToList();
            var header = sheetRows.FindIndex(r => r.Elements<S.Cell>().Any(c => strings.Text(c) == CodeHeader));
            if (header < 0)
            {
                throw new InvalidOperationException("The sheet has no header row with " + CodeHeader + ".");
            }

            var columns = sheetRows[header].Elements<S.Cell>().ToDictionary(c => strings.Text(c), c => WorkbookFiller.ColumnOf(c.CellReference!.Value!), StringComparer.Ordinal);
            string Column(string text) => columns.TryGetValue(text, out var letter) ? letter : throw new InvalidOperationException("The sheet has no column " + text + ".");
            var (code, answer, selfScore, explanation) = (Column(CodeHeader), Column(AnswerHeader), Column(SelfScoreHeader), Column(ExplanationHeader));

            foreach (var row in sheetRows.Skip(header + 1))
            {
                var codeCell = row.Elements<S.Cell>().FirstOrDefault(c => WorkbookFiller.ColumnOf(c.CellReference?.Value ?? "") == code);
                if (codeCell is null || !rows.TryGetValue(strings.Text(codeCell), out var filled))
                {
                    continue;
                }

                switch (filled.Answer)
                {
                    case string text:
                        strings.Set(WorkbookFiller.CellAt(row, answer), text);
                        break;
                    case decimal number:
                        WorkbookFiller.SetNumber(WorkbookFiller.CellAt(row, answer), number);
                        break;
                }

                WorkbookFiller.SetNumber(WorkbookFiller.CellAt(row, selfScore), filled.SelfScore);
                strings.Set(WorkbookFiller.CellAt(row, explanation), filled.Explanation);
            }

            strings.Save();
            worksheet.Save();
        }

        return stream.ToArray();
    }

    /// <summary>One leaf's row as filled: the answer (an option or a "是/否" as text, a count or value as a number, or none).</summary>
    private sealed record FilledRow(object? Answer, decimal SelfScore, string Explanation);

    /// <summary>The shared-string table, appended to as Excel does: a text already in the table is referenced, not repeated.</summary>
    private sealed class SharedStrings
    {
        private readonly S.SharedStringTable _table;
        private readonly List<string> _items;
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

        public SharedStrings(S.SharedStringTable table)
        {
            _table = table;
            _items = [.. table.Elements<S.SharedStringItem>().Select(i => i.InnerText)];
            for (var i = 0; i < _items.Count; i++)
            {
                _index.TryAdd(_items[i], i);
            }
        }

        public string Text(S.Cell cell)
        {
            var value = cell.CellValue?.Text ?? "";
            return cell.DataType?.Value == S.CellValues.SharedString && int.TryParse(value, NumberStyles.None, Inv, out var i) && i < _items.Count
                ? _items[i]
                : cell.InlineString?.InnerText ?? value;
        }

        public void Set(S.Cell cell, string text)
        {
            if (!_index.TryGetValue(text, out var i))
            {
                i = _items.Count;
                _items.Add(text);
                _index.Add(text, i);
                _table.Append(new S.SharedStringItem(new S.Text(text)));
            }

            cell.RemoveAllChildren();
            cell.DataType = S.CellValues.SharedString;
            cell.Append(new S.CellValue(i.ToString(Inv)));
        }

        public void Save()
        {
            _table.Count = (uint)_items.Count;
            _table.UniqueCount = (uint)_items.Count;
            _table.Save();
        }
    }
}
