using System.Globalization;
using OfficeEval.Api.Infrastructure;
using OfficeEval.Core;
using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Scoring;
using OfficeEval.Documents.Frameworks;

namespace OfficeEval.Api.Features.Frameworks;

/// <summary>
/// Checks a framework given as JSON (or about to be published) before it is stored: nulls where the model needs values,
/// sizes (<see cref="FrameworkLimits"/>), texts the authoring workbook could not write back, then the engine's
/// <see cref="FrameworkValidator"/>. Every problem names its place as a JSON path (<c>$.dimensions[0].children[1].points</c>),
/// the form System.Text.Json uses for syntax errors, so both kinds of error read alike.
/// </summary>
public static class FrameworkCheck
{
    private static readonly char[] Separators = ['=', '＝', ':', '：', ';', '；', '\n', '\r'];

    /// <summary>The framework with absent lists made empty, and every problem found; store it only when there are none.</summary>
    public static (FrameworkDefinition Framework, IReadOnlyList<ProblemItem> Problems) Check(FrameworkDefinition input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var walk = new Walk();
        walk.Text(input.Code, "$.code", FrameworkLimits.CodeLength, required: false);
        walk.Text(input.Name, "$.name", FrameworkLimits.NameLength, required: true);
        walk.Text(input.Version, "$.version", FrameworkLimits.VersionLength, required: true);
        walk.Text(input.IndividualDimension, "$.individualDimension", FrameworkLimits.IndicatorCodeLength, required: false);
        var framework = input with
        {
            ApplicableKinds = input.ApplicableKinds ?? [],
            BonusPools = input.BonusPools ?? [],
            Dimensions = [.. (input.Dimensions ?? []).Select((d, i) => walk.Node(d, $"$.dimensions[{i}]", 1)).OfType<IndicatorNode>()],
        };
        if (walk.Problems.Count > 0)
        {
            return (framework, walk.Problems);
        }

        foreach (var problem in FrameworkValidator.Validate(framework))
        {
            walk.Problems.Add(Item(problem, walk.Paths));
        }

        return (framework, walk.Problems);
    }

    private static ProblemItem Item(EngineProblem problem, IReadOnlyDictionary<string, string> paths)
    {
        string? field;
        if (problem.IndicatorCode is { } code && paths.TryGetValue(code, out var path))
        {
            field = path + problem.Code switch
            {
                "indicator.name_missing" => ".name",
                "indicator.points_negative" or "indicator.points_mismatch" or "rule.veto_points" or "rule.bonus_points" => ".points",
                "indicator.rule_missing" or "indicator.rule_on_inner" => ".rule",
                _ when problem.Code.StartsWith("rule.", StringComparison.Ordinal) => problem.Field is { } f ? ".rule." + f : ".rule",
                _ => "",
            };
        }
        else
        {
            field = problem.Code switch
            {
                "framework.code_missing" => "$.code",
                "framework.total_mismatch" => "$.totalPoints",
                "framework.unit_kind_invalid" => "$.applicableKinds",
                "framework.bonus_pool_code" or "framework.bonus_pool_cap" => "$.bonusPools",
                "framework.empty" => "$.dimensions",
                _ => null,
            };
        }

        return new ProblemItem(problem.Code, problem.MessageZh, problem.MessageEn) { Field = field, IndicatorCode = problem.IndicatorCode };
    }

    private sealed class Walk
    {
        private int _count;

        public List<ProblemItem> Problems { get; } = [];

        public Dictionary<string, string> Paths { get; } = new(StringComparer.Ordinal);

        public void Add(string code, string zh, string en, string field, string? indicator = null) =>
            Problems.Add(new ProblemItem(code, zh, en) { Field = field, IndicatorCode = indicator });

        public void Text(string? value, string field, int max, bool required)
        {
            if (required && string.IsNullOrWhiteSpace(value))
            {
                Add("framework.required", $"缺少 {field}。", $"{field} is missing.", field);
            }
            else if (value is not null && value.Length > max)
            {
                Add("framework.too_long", string.Create(CultureInfo.InvariantCulture, $"{field} 不能超过 {max} 个字符。"),
                    string.Create(CultureInfo.InvariantCulture, $"{field} may not exceed {max} characters."), field);
            }
        }

        public IndicatorNode? Node(IndicatorNode? node, string path, int depth)
        {
            if (node is null)
            {
                Add("framework.node_null", $"{path} 为空，应为一个指标。", $"{path} is null; an indicator is expected.", path);
                return null;
            }

            if (++_count == FrameworkLimits.MaxIndicators + 1)
            {
                Add("framework.too_many_indicators", string.Create(CultureInfo.InvariantCulture, $"指标超过 {FrameworkLimits.MaxIndicators} 个。"),
                    string.Create(CultureInfo.InvariantCulture, $"There are more than {FrameworkLimits.MaxIndicators} indicators."), "$.dimensions");
            }

            if (depth == FrameworkLimits.MaxLevel + 1)
            {
                Add("framework.too_deep", string.Create(CultureInfo.InvariantCulture, $"指标层级超过 {FrameworkLimits.MaxLevel} 级。"),
                    string.Create(CultureInfo.InvariantCulture, $"Indicators are nested more than {FrameworkLimits.MaxLevel} levels deep."), path, node.Code);
            }

            if (string.IsNullOrWhiteSpace(node.Code))
            {
                Add("indicator.code_missing", $"指标“{node.Name}”缺少编码。", $"Indicator \"{node.Name}\" has no code.", path + ".code");
            }
            else if (!Paths.TryAdd(node.Code, path))
            {
                Add("indicator.code_duplicate", $"指标编码 {node.Code} 重复（已用于 {Paths[node.Code]}）。",
                    $"Indicator code {node.Code} is already used by {Paths[node.Code]}.", path + ".code", node.Code);
            }

            Text(node.Code, path + ".code", FrameworkLimits.IndicatorCodeLength, required: false);
            Text(node.Name, path + ".name", FrameworkLimits.TextLength, required: false);
            Text(node.NameEn, path + ".nameEn", FrameworkLimits.TextLength, required: false);
            Text(node.ScoringStandard, path + ".scoringStandard", FrameworkLimits.TextLength, required: false);
            var points = Lines(node.EvaluationPoints, path + ".evaluationPoints");
            var evidence = Lines(node.EvidenceChecklist, path + ".evidenceChecklist");
            if (node.Rule is { } rule)
            {
                RuleTexts(rule, path + ".rule");
            }

            return node with
            {
                Name = node.Name ?? "",
                ScoringStandard = node.ScoringStandard ?? "",
                EvaluationPoints = points,
                EvidenceChecklist = evidence,
                Children = [.. (node.Children ?? []).Select((c, i) => Node(c, $"{path}.children[{i}]", depth + 1)).OfType<IndicatorNode>()],
            };
        }

        /// <summary>One entry per line in the authoring workbook: no nulls, no line breaks inside an entry.</summary>
        private List<string> Lines(IReadOnlyList<string>? items, string path)
        {
            var list = items ?? [];
            for (var i = 0; i < list.Count; i++)
            {
                var field = string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]");
                if (list[i] is null || list[i].Contains('\n', StringComparison.Ordinal) || list[i].Contains('\r', StringComparison.Ordinal))
                {
                    Add("framework.text_invalid", $"{field} 为空或含有换行；每条应为一行文字。", $"{field} is null or holds a line break; each entry is one line.", field);
                }
                else
                {
                    Text(list[i], field, FrameworkLimits.TextLength, required: false);
                }
            }

            return [.. list.Where(i => i is not null)];
        }

        /// <summary>Names inside rule parameters must not hold the characters that separate parameters in the workbook.</summary>
        private void RuleTexts(ScoringRule rule, string path)
        {
            void Name(string? text, string field)
            {
                if (text is not null && text.IndexOfAny(Separators) >= 0)
                {
                    Add("framework.text_unrepresentable", $"{field}“{text}”含有“=”“：”“；”或换行，无法写入指标体系编制表，请改用其他字符。",
                        $"{field} \"{text}\" holds =, :, ; or a line break, which the authoring workbook cannot write; use other characters.", field);
                }
            }

            switch (rule)
            {
                case QualitativeScaleRule scale:
                    for (var i = 0; i < (scale.Options?.Count ?? 0); i++)
                    {
                        Name(scale.Options![i]?.Label, string.Create(CultureInfo.InvariantCulture, $"{path}.options[{i}].label"));
                    }

                    break;
                case ShareRule share:
                    for (var i = 0; i < (share.Factors?.Count ?? 0); i++)
                    {
                        Name(share.Factors![i]?.Label, string.Create(CultureInfo.InvariantCulture, $"{path}.factors[{i}].label"));
                    }

                    break;
                case BonusRule bonus:
                    Name(bonus.Pool, path + ".pool");
                    break;
                case VetoRule veto:
                    Name(veto.MaxGrade, path + ".maxGrade");
                    break;
                case SurveyRule survey:
                    Name(survey.Questionnaire, path + ".questionnaire");
                    break;
                case MetricRule { Scoring: { } inner }:
                    RuleTexts(inner, path + ".scoring");
                    break;
            }
        }
    }
}
