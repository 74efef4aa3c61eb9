using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using OfficeEval.Api.Features.Identity;
using OfficeEval.Api.Infrastructure;
using OfficeEval.Core;
using OfficeEval.Core.Ahp;

namespace OfficeEval.Api.Features.Ahp;

/// <summary>
/// The AHP calculator (层次分析法) for setting weights: weights, λmax, CI, CR and the consistency verdict of a judgement
/// matrix or of several experts' matrices merged, and optionally points distributed over the criteria.
/// Everything is computed by <see cref="AhpCalculator"/> and <see cref="PointAllocation"/>.
/// </summary>
public static class AhpEndpoints
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static IEndpointRouteBuilder MapAhp(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/ahp", Calculate).WithTags("Frameworks").WithName("CalculateAhpWeights")
            .WithSummary("AHP weights from a pairwise comparison matrix (or several experts' merged): λmax, CI, CR, consistency, and points over the criteria.")
            .RequireAccess(Access.Admin);
        return endpoints;
    }

    internal static Results<Ok<AhpResponse>, ProblemHttpResult> Calculate(AhpRequest request)
    {
        var problems = new List<ProblemItem>();
        var method = request.Method?.Trim().ToUpperInvariant() switch
        {
            null or "" or "EIGENVECTOR" or "特征向量法" => AhpWeightMethod.Eigenvector,
            "GEOMETRICMEAN" or "方根法" => AhpWeightMethod.GeometricMean,
            _ => (AhpWeightMethod?)null,
        };
        if (method is null)
        {
            problems.Add(new ProblemItem("ahp.method", $"计算方法“{request.Method}”无效，应为 eigenvector（特征向量法）或 geometricMean（方根法）。",
                $"Method \"{request.Method}\" is not known; use eigenvector or geometricMean.") { Field = "method" });
        }

        var step = request.PointStep ?? 0.5m;
        if (request.TotalPoints is { } total)
        {
            problems.AddRange(PointAllocation.Distribute([1m], total, step).Problems.Select(p => Item(p, "")));
        }

        var experts = request.Experts ?? [];
        if ((request.Matrix is null) == (experts.Count == 0))
        {
            problems.Add(new ProblemItem("ahp.matrix_or_experts", "请给出一个判断矩阵（matrix），或多位专家的判断矩阵（experts），二者选一。",
                "Give either one matrix (\"matrix\") or several experts' matrices (\"experts\").") { Field = "matrix" });
        }

        if (problems.Count > 0)
        {
            return Invalid(problems);
        }

        var comparisons = experts.Count == 0
            ? [Comparison(request.Criteria, request.Matrix, "", problems)]
            : experts.Select((e, k) => Comparison(e?.Criteria ?? request.Criteria, e?.Matrix, string.Create(Inv, $"experts[{k}]."), problems)).ToList();
        for (var k = 1; k < comparisons.Count && problems.Count == 0; k++)
        {
            if (!comparisons[k].Criteria.SequenceEqual(comparisons[0].Criteria, StringComparer.Ordinal))
            {
                problems.Add(new ProblemItem("ahp.merge_mismatch",
                    string.Create(Inv, $"专家 {k + 1} 的准则与专家 1 不一致，无法合并。"), string.Create(Inv, $"Expert {k + 1}'s criteria differ from expert 1's; they cannot be merged."))
                { Field = string.Create(Inv, $"experts[{k}].criteria") });
            }
        }

        if (problems.Count > 0)
        {
            return Invalid(problems);
        }

        var merged = comparisons.Count == 1 ? comparisons[0] : AhpCalculator.Merge(comparisons).Merged!;
        var result = AhpCalculator.Calculate(merged, method!.Value);
        IReadOnlyList<decimal>? points = null;
        if (request.TotalPoints is { } totalPoints && result.IsAccepted)
        {
            points = PointAllocation.Distribute([.. result.Weights.Select(w => w.Weight)], totalPoints, step).Points;
        }

        return TypedResults.Ok(new AhpResponse(
            method.Value.ToString(),
            [.. result.Weights.Select((w, i) => new AhpWeight(w.Criterion, w.Weight, points?[i]))],
            result.LambdaMax,
            result.ConsistencyIndex,
            result.RandomIndex,
            result.ConsistencyRatio,
            result.IsAccepted,
            [.. result.InconsistentComparisons.Take(3).Select(c => new AhpComparison(c.Row, c.Column, string.Create(Inv, $"matrix[{c.Row}][{c.Column}]"),
                c.RowCriterion, c.ColumnCriterion, c.Entered, c.Implied, c.Deviation))],
            result.Explanation,
            [.. result.Problems.Select(p => Item(p, ""))],
            request.TotalPoints,
            request.TotalPoints is null ? null : step,
            Rounding(request.TotalPoints, step, points is not null),
            comparisons.Count == 1 ? null : [.. comparisons.Select((c, k) => Expert(k, c, method.Value))],
            comparisons.Count == 1 ? null : merged.Matrix));
    }

    private static AhpExpertConsistency Expert(int index, PairwiseComparison comparison, AhpWeightMethod method)
    {
        var result = AhpCalculator.Calculate(comparison, method);
        return new AhpExpertConsistency(index + 1, result.ConsistencyRatio, result.IsAccepted);
    }

    private static AhpRounding? Rounding(decimal? total, decimal step, bool distributed)
    {
        if (total is not { } t)
        {
            return null;
        }

        if (!distributed)
        {
            return new AhpRounding("判断矩阵未通过一致性检验，权重不可采用，未折算分值。",
                "The matrix fails the consistency test, so its weights are not to be used and no points were distributed.");
        }

        var units = (long)(t / step);
        return new AhpRounding(
            string.Create(Inv, $"分值按最大余数法取整：总分 {t} 分按 {step} 分为单位共 {units} 份，各准则先取权重×{units} 的整数部分，剩余份数依次分给小数部分最大的准则（相同时给权重大的），因此各项均为 {step} 的整数倍且合计恰为 {t} 分。"),
            string.Create(Inv, $"Points rounded by the largest-remainder method: the total {t} is {units} units of {step}; each criterion first gets the whole part of weight × {units}, and the units left go one each to the largest fractional parts (ties to the larger weight), so every figure is a multiple of {step} and they add up to exactly {t}."));
    }

    /// <summary>Reads a request matrix; entries may be numbers or strings such as "1/3". Problems name the entry.</summary>
    private static PairwiseComparison Comparison(List<string>? criteria, List<List<JsonElement>>? matrix, string prefix, List<ProblemItem> problems)
    {
        var before = problems.Count;
        var rows = new List<IReadOnlyList<double>>();
        if (matrix is null)
        {
            problems.Add(new ProblemItem("ahp.order", "缺少判断矩阵。", "The matrix is missing.") { Field = prefix + "matrix" });
        }

        for (var i = 0; i < (matrix?.Count ?? 0); i++)
        {
            var row = matrix![i];
            if (row is null)
            {
                problems.Add(new ProblemItem("ahp.not_square", string.Create(Inv, $"判断矩阵第 {i + 1} 行为空。"), string.Create(Inv, $"Row {i + 1} of the matrix is null."))
                { Field = string.Create(Inv, $"{prefix}matrix[{i}]") });
                continue;
            }

            var values = new List<double>(row.Count);
            for (var j = 0; j < row.Count; j++)
            {
                if (Entry(row[j]) is { } value)
                {
                    values.Add(value);
                    continue;
                }

                problems.Add(new ProblemItem("ahp.entry_not_a_number",
                    string.Create(Inv, $"判断矩阵第 {i + 1} 行第 {j + 1} 列“{row[j].GetRawText()}”不是数字或分数（如 3、0.2、\"1/5\"）。"),
                    string.Create(Inv, $"Row {i + 1}, column {j + 1} ({row[j].GetRawText()}) is not a number or a fraction (3, 0.2, \"1/5\").")) { Field = string.Create(Inv, $"{prefix}matrix[{i}][{j}]") });
            }

            rows.Add(values);
        }

        var comparison = new PairwiseComparison([.. (criteria ?? []).Select(c => c?.Trim() ?? "")], rows);
        if (problems.Count == before)
        {
            problems.AddRange(AhpCalculator.Validate(comparison).Select(p => Item(p, prefix)));
        }

        return comparison;
    }

    private static double? Entry(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out var number))
        {
            return number;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var text = element.GetString()!.Trim();
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        return slash < 0
            ? Parse(text)
            : Parse(text[..slash]) is { } numerator && Parse(text[(slash + 1)..]) is { } denominator && denominator != 0 ? numerator / denominator : null;
    }

    private static double? Parse(string text) =>
        double.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, Inv, out var value) && double.IsFinite(value) ? value : null;

    private static ProblemItem Item(EngineProblem problem, string prefix) =>
        new(problem.Code, problem.MessageZh, problem.MessageEn) { Field = problem.Field is { } field ? prefix + field : null };

    private static ProblemHttpResult Invalid(IReadOnlyList<ProblemItem> problems) =>
        ApiProblem.Create(422, "ahp.invalid", "判断矩阵或参数有误，未计算权重。", "The matrix or the parameters are invalid; no weights were computed.", problems);
}
