using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Scoring;

namespace OfficeEval.Core.Tests.Support;

/// <summary>Terse builders for frameworks, nodes and rules used across the engine tests.</summary>
internal static class Build
{
    /// <summary>好 / 较好 / 一般 / 差 → 1 / 0.8 / 0.6 / 0.</summary>
    public static QualitativeScaleRule FourLevelScale() =>
        new([new ScaleOption("好", 1m), new ScaleOption("较好", 0.8m), new ScaleOption("一般", 0.6m), new ScaleOption("差", 0m)]);

    public static QualitativeScaleRule Scale(params (string Label, decimal Fraction)[] options) =>
        new([.. options.Select(o => new ScaleOption(o.Label, o.Fraction))]);

    public static IndicatorNode Leaf(string code, decimal points, ScoringRule? rule) =>
        new(code, "指标" + code, points, [], rule);

    public static IndicatorNode Node(string code, decimal points, params IndicatorNode[] children) =>
        new(code, "指标" + code, points, children);

    public static FrameworkDefinition Framework(decimal total, params IndicatorNode[] dimensions) =>
        new("TEST", "测试指标体系", "v1", total, [], dimensions);

    /// <summary>
    /// Two dimensions, both rule kinds, a level-2 leaf and level-3 leaves:
    /// <code>
    /// D1 (40)  ─ 1.1 (10, scale)                       level-2 leaf
    ///          └ 1.2 (30) ─ 1.2.1 (20, −4 each)        level-3 leaves
    ///                     └ 1.2.2 (10, scale)
    /// D2 (60)  ─ 2.1 (60) ─ 2.1.1 (30, −5 each, cap 20)
    ///                     └ 2.1.2 (30, scale)
    /// </code>
    /// </summary>
    public static FrameworkDefinition Sample() => Framework(
        100m,
        Node("D1", 40m,
            Leaf("1.1", 10m, FourLevelScale()),
            Node("1.2", 30m,
                Leaf("1.2.1", 20m, new DeductionRule(4m)),
                Leaf("1.2.2", 10m, FourLevelScale()))),
        Node("D2", 60m,
            Node("2.1", 60m,
                Leaf("2.1.1", 30m, new DeductionRule(5m, 20m)),
                Leaf("2.1.2", 30m, FourLevelScale()))));
}
