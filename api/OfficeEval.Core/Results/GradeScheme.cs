using System.Globalization;
using System.Text.Json.Serialization;
using OfficeEval.Core.Scoring;

namespace OfficeEval.Core.Results;

/// <summary>
/// How units are graded (评定等次): by score-rate thresholds, or by forced shares of the ranked units.
/// <see cref="Levels"/> run from the best grade to the worst; labels are free (A/B/C, 优/良/中/差, 好/较好/一般/差).
/// </summary>
/// <param name="Method">Thresholds or forced shares.</param>
/// <param name="Levels">Grades, best first. Every level but the last carries a threshold (<see cref="GradeLevel.MinScoreRate"/>)
/// or a share (<see cref="GradeLevel.SharePercent"/>), as <paramref name="Method"/> says; the last takes everyone else.</param>
public sealed record GradeScheme(GradingMethod Method, IReadOnlyList<GradeLevel> Levels)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>For forced shares: how a share becomes a number of units (default: rounded down).</summary>
    public QuotaRounding Rounding { get; init; } = QuotaRounding.Down;

    /// <summary>A threshold scheme: each grade from its minimum score rate (inclusive), the lowest for the rest.</summary>
    public static GradeScheme Thresholds(IEnumerable<(string Label, decimal MinScoreRate)> levels, string lowest) =>
        new(GradingMethod.Thresholds, [.. levels.Select(l => new GradeLevel(l.Label, MinScoreRate: l.MinScoreRate)), new GradeLevel(lowest)]);

    /// <summary>A forced-share scheme: each grade for the next share (percent) of the ranked units, the lowest for the rest.</summary>
    public static GradeScheme ForcedShares(IEnumerable<(string Label, decimal SharePercent)> levels, string lowest, QuotaRounding rounding = QuotaRounding.Down) =>
        new(GradingMethod.ForcedShares, [.. levels.Select(l => new GradeLevel(l.Label, SharePercent: l.SharePercent)), new GradeLevel(lowest)])
        {
            Rounding = rounding,
        };

    /// <summary>Returns the scheme's problems; an empty list means it can grade.</summary>
    public IReadOnlyList<EngineProblem> Validate()
    {
        var problems = new List<EngineProblem>();
        if (!Enum.IsDefined(Method) || !Enum.IsDefined(Rounding))
        {
            problems.Add(Problem("grade.method_invalid", "等次评定方式无效。", "The grading method or quota rounding is not defined."));
            return problems;
        }

        if (Levels is null || Levels.Count < 2 || Levels.Any(l => l is null))
        {
            problems.Add(Problem("grade.levels_too_few", "等次至少应有两个。", "A grading scheme needs at least two grades."));
            return problems;
        }

        var labels = new HashSet<string>(StringComparer.Ordinal);
        foreach (var level in Levels)
        {
            if (string.IsNullOrWhiteSpace(level.Label) || !labels.Add(level.Label.Trim()))
            {
                problems.Add(Problem("grade.label", $"等次名称“{level.Label}”为空或重复。", $"Grade label \"{level.Label}\" is empty or repeated."));
            }
        }

        var last = Levels[^1];
        if (last.MinScoreRate is not null || last.SharePercent is not null)
        {
            problems.Add(Problem("grade.lowest_bounded", $"最低等次“{last.Label}”包含其余所有单位，不应设置分数线或比例。",
                $"The lowest grade \"{last.Label}\" takes everyone else and carries no threshold or share."));
        }

        return Method == GradingMethod.Thresholds ? ValidateThresholds(problems) : ValidateShares(problems);
    }

    private List<EngineProblem> ValidateThresholds(List<EngineProblem> problems)
    {
        decimal? previous = null;
        for (var i = 0; i < Levels.Count - 1; i++)
        {
            var level = Levels[i];
            if (level.MinScoreRate is not { } min)
            {
                problems.Add(Problem("grade.threshold_missing", $"等次“{level.Label}”未设置得分率分数线。", $"Grade \"{level.Label}\" has no score-rate threshold."));
                continue;
            }

            if (min < 0)
            {
                problems.Add(Problem("grade.threshold_range", string.Create(Inv, $"等次“{level.Label}”的分数线 {min}% 不能为负数。"),
                    string.Create(Inv, $"Grade \"{level.Label}\": the threshold {min}% cannot be negative.")));
            }

            if (previous is { } higher && min >= higher)
            {
                problems.Add(Problem("grade.thresholds_order",
                    string.Create(Inv, $"等次“{level.Label}”的分数线 {min}% 应低于上一等次的 {higher}%。"),
                    string.Create(Inv, $"Grade \"{level.Label}\": its threshold {min}% must be below the better grade's {higher}%.")));
            }

            previous = min;
        }

        return problems;
    }

    private List<EngineProblem> ValidateShares(List<EngineProblem> problems)
    {
        var sum = 0m;
        for (var i = 0; i < Levels.Count - 1; i++)
        {
            var level = Levels[i];
            if (level.SharePercent is not { } share || share <= 0 || share > 100)
            {
                problems.Add(Problem("grade.share_range",
                    string.Create(Inv, $"等次“{level.Label}”的比例 {level.SharePercent}% 应大于 0 且不超过 100%。"),
                    string.Create(Inv, $"Grade \"{level.Label}\": its share {level.SharePercent}% must be above 0 and at most 100%.")));
                continue;
            }

            sum += share;
        }

        if (sum > 100)
        {
            problems.Add(Problem("grade.shares_sum", string.Create(Inv, $"各等次比例合计 {sum}%，超过 100%。"),
                string.Create(Inv, $"The grade shares add up to {sum}%, more than 100%.")));
        }

        return problems;
    }

    private static EngineProblem Problem(string code, string zh, string en) => new(code, zh, en) { Field = "grades" };
}

/// <summary>One grade of a <see cref="GradeScheme"/>.</summary>
/// <param name="Label">The grade's label, e.g. A or 优.</param>
/// <param name="MinScoreRate">For thresholds: the lowest score rate (percent, inclusive) earning this grade.</param>
/// <param name="SharePercent">For forced shares: the percentage of units this grade takes, after the better grades.</param>
public sealed record GradeLevel(string Label, decimal? MinScoreRate = null, decimal? SharePercent = null);

/// <summary>How grades are assigned.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GradingMethod>))]
public enum GradingMethod
{
    /// <summary>By score-rate thresholds: ≥ a grade's line earns it.</summary>
    Thresholds,
    /// <summary>By forced shares of the ranked units: the top x% get the best grade, the next y% the second, ….</summary>
    ForcedShares,
}
