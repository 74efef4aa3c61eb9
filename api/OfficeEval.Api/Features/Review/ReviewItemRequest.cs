using System.Globalization;
using OfficeEval.Api.Infrastructure;
using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Scoring;

namespace OfficeEval.Api.Features.Review;

/// <summary>
/// A reviewer's verification of one leaf, replacing what was saved: the verified score (实地评估核定得分) of a scored
/// or bonus leaf, or the verified finding of a veto item, a comment, and the problems found (发现问题).
/// Null or empty fields clear what was there.
/// </summary>
public sealed record ReviewItemRequest(decimal? VerifiedScore, bool? VerifiedFinding, string? Comment, IReadOnlyList<ReviewProblem>? Problems)
{
    public const int MaxComment = 4000;
    public const int MaxProblems = 50;
    public const int MaxDescription = 2000;
    public const int MaxCategory = 100;
    public const int MaxRequirement = 2000;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The request with texts trimmed and blanks as null.</summary>
    public ReviewItemRequest Normalized() => new(VerifiedScore, VerifiedFinding, Clean(Comment),
        [.. (Problems ?? []).Select(p => new ReviewProblem(Clean(p?.Description) ?? "") { Category = Clean(p?.Category), Requirement = Clean(p?.Requirement) })]);

    /// <summary>Whether nothing is verified, commented or found: the item is then removed.</summary>
    public bool IsEmpty => VerifiedScore is null && VerifiedFinding is null && Comment is null && (Problems is null || Problems.Count == 0);

    /// <summary>Every problem with a normalized request against the leaf it is for, each naming its field.</summary>
    public List<ProblemItem> Validate(string code, IndicatorNode leaf)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        var errors = new List<ProblemItem>();
        var role = leaf.Rule is null ? LeafRole.Regular : RuleScorer.RoleOf(leaf.Rule.Kind);
        if (VerifiedScore is { } score)
        {
            if (role == LeafRole.Veto)
            {
                errors.Add(Error("review.score_not_applicable", "verifiedScore",
                    $"指标 {code} 是否决项，不计分：请核实是否存在否决情形（verifiedFinding），不要填写核定得分。",
                    $"Leaf {code} is a veto item and scores nothing: verify the finding (verifiedFinding), not a score."));
            }
            else if (score < 0 || score > leaf.Points)
            {
                errors.Add(role == LeafRole.Bonus
                    ? Error("review.score_range", "verifiedScore",
                        string.Create(Inv, $"加分指标 {code} 的核定得分 {score} 应在 0 至 {leaf.Points} 分（该项加分上限）之间。"),
                        string.Create(Inv, $"Bonus leaf {code}: the verified score {score} must be between 0 and its cap of {leaf.Points}."))
                    : Error("review.score_range", "verifiedScore",
                        string.Create(Inv, $"指标 {code} 的核定得分 {score} 应在 0 至 {leaf.Points} 分（该项分值）之间。"),
                        string.Create(Inv, $"Leaf {code}: the verified score {score} must be between 0 and its {leaf.Points} points.")));
            }
            else if (decimal.Round(score, Score.Decimals) != score)
            {
                errors.Add(Error("review.score_decimals", "verifiedScore",
                    string.Create(Inv, $"指标 {code} 的核定得分 {score} 最多保留两位小数。"),
                    string.Create(Inv, $"Leaf {code}: the verified score {score} may have at most two decimals.")));
            }
        }

        if (VerifiedFinding is not null && role != LeafRole.Veto)
        {
            errors.Add(Error("review.finding_not_applicable", "verifiedFinding",
                $"指标 {code} 不是否决项，“有/无”核实结论不适用，请填写核定得分。",
                $"Leaf {code} is not a veto item: a finding does not apply; give a verified score."));
        }

        TooLong(errors, "comment", "评估意见", "The comment", Comment, MaxComment);
        var problems = Problems ?? [];
        if (problems.Count > MaxProblems)
        {
            errors.Add(Error("review.too_many_problems", "problems",
                string.Create(Inv, $"每个指标最多记录 {MaxProblems} 个问题，本次提交了 {problems.Count} 个。"),
                string.Create(Inv, $"At most {MaxProblems} problems per leaf; {problems.Count} were sent.")));
        }

        for (var i = 0; i < problems.Count; i++)
        {
            var field = string.Create(Inv, $"problems[{i}]");
            var number = i + 1;
            if (problems[i].Description.Length == 0)
            {
                errors.Add(Error("review.problem_description_missing", field + ".description",
                    string.Create(Inv, $"第 {number} 个问题未填写问题描述。"),
                    string.Create(Inv, $"Problem {number} has no description.")));
            }

            TooLong(errors, field + ".description", string.Create(Inv, $"第 {number} 个问题的描述"), string.Create(Inv, $"Problem {number}'s description"), problems[i].Description, MaxDescription);
            TooLong(errors, field + ".category", string.Create(Inv, $"第 {number} 个问题的类别"), string.Create(Inv, $"Problem {number}'s category"), problems[i].Category, MaxCategory);
            TooLong(errors, field + ".requirement", string.Create(Inv, $"第 {number} 个问题的整改要求"), string.Create(Inv, $"Problem {number}'s requirement"), problems[i].Requirement, MaxRequirement);
        }

        return [.. errors.Select(e => e with { IndicatorCode = code })];
    }

    /// <summary>Refuses a text longer than <paramref name="max"/> characters.</summary>
    internal static void TooLong(List<ProblemItem> errors, string field, string zh, string en, string? text, int max)
    {
        if (text is not null && text.Length > max)
        {
            errors.Add(Error("review.text_too_long", field,
                string.Create(Inv, $"{zh}不能超过 {max} 字（现为 {text.Length} 字）。"),
                string.Create(Inv, $"{en} may have at most {max} characters ({text.Length} sent).")));
        }
    }

    internal static ProblemItem Error(string code, string field, string zh, string en) => new(code, zh, en) { Field = field };

    internal static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>The group's overall opinion (评估意见); null or blank clears it.</summary>
public sealed record ReviewSummaryRequest(string? Summary)
{
    public const int MaxSummary = 4000;
}
