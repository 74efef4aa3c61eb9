using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Results;
using OfficeEval.Core.Scoring;

namespace OfficeEval.Core.Tests.Results;

/// <summary>The hand computation is in <see cref="WorkedExample.Input"/>.</summary>
public class WorkedExampleTests
{
    private static readonly UnitScore Result = UnitScorer.Score(WorkedExample.Framework(), WorkedExample.Input());

    [Fact]
    public void Framework_IsValid()
    {
        Assert.Empty(FrameworkValidator.Validate(WorkedExample.Framework()));
    }

    [Fact]
    public void Score_WorkedExample_HasNoProblems()
    {
        Assert.Empty(Result.Problems);
    }

    [Fact]
    public void Score_WorkedExample_LeafValuesSourcesAndDeviations()
    {
        Assert.Equal(
            [
                ("1.1", 15m, ScoreSource.Verified, (decimal?)3m),
                ("1.2", 8.8m, ScoreSource.Computed, null),
                ("1.3", 27.4m, ScoreSource.Computed, null),
                ("1.4", 1m, ScoreSource.Computed, null),
                ("2.1", 6m, ScoreSource.Verified, 4m),
                ("2.2", 7.24m, ScoreSource.Computed, null),
                ("2.3", 12m, ScoreSource.Computed, null),
                ("2.4", 0.2m, ScoreSource.Computed, null),
                ("4.1", 0m, ScoreSource.Computed, null),
                ("4.2", 0m, ScoreSource.Verified, null),
            ],
            Result.Leaves.Select(l => (l.Code, l.Value, l.Source, l.Deviation)));
        Assert.Equal(16m, Result.Leaves[0].Computed);
        Assert.Equal(5m, Result.Leaves[4].Computed);
    }

    [Fact]
    public void Score_WorkedExample_DimensionsExcludeBonusAndVeto()
    {
        Assert.Equal(
            [("D1", 51.2m, 60m, 85.33m), ("D2", 25.24m, 40m, 63.1m), ("D3", 0m, 0m, 0m)],
            Result.Dimensions.Select(d => (d.Code, d.Score, d.MaxPoints, d.ScoreRate)));
    }

    [Fact]
    public void Score_WorkedExample_BonusPoolIsCapped()
    {
        var pool = Assert.Single(Result.BonusPools);

        Assert.Equal(new BonusPoolScore("P", "加分项", 1.2m, 1m, 1m), pool);
        Assert.Equal(1m, Result.Bonus);
    }

    [Fact]
    public void Score_WorkedExample_VerifiedNoFindingOverridesTheAnswer()
    {
        var veto = Assert.Single(Result.Vetoes);

        Assert.Equal(new VetoFinding("4.1", "通报批评", VetoEffect.CapGrade, null), veto);
        Assert.False(Result.Vetoed);
        Assert.Equal([true, false], Result.Leaves.Where(l => l.Role == LeafRole.Veto).Select(l => l.Finding));
        Assert.Equal("实地评估确认未发现否决情形。", Result.Leaves[9].Explanation);
    }

    [Fact]
    public void Score_WorkedExample_TotalIsBasePlusCappedBonus()
    {
        Assert.Equal(76.44m, Result.BaseTotal);
        Assert.Equal(77.44m, Result.Total);
        Assert.Equal(100m, Result.MaxTotal);
        Assert.Equal(77.44m, Result.ScoreRate);
        Assert.Equal("各一级指标合计 76.44 分；加分 1 分（加分项：申报 1.2 分，上限 1 分，计 1 分）；一票否优：4.1 通报批评；总分 77.44 分，得分率 77.44%。", Result.Explanation);
    }

    [Fact]
    public void Score_WorkedExample_ExplanationsShowEverySource()
    {
        Assert.Equal("采用实地评估核定得分 15 分（自评 18 分，偏差 +3 分）。按规则计算：选择“较好”，按 0.8 × 20 分计 16 分。", Result.Leaves[0].Explanation);
        Assert.Equal("问卷“服务对象满意度”得分比例 0.9133，30 × 0.9133 计 27.4 分。", Result.Leaves[2].Explanation);
        Assert.Equal("编制使用率 = 实有人数 52 ÷ 核定编制 50 × 100% = 104%；数值 104，落在区间 值>100，得分比例 0.6，计 12 分。", Result.Leaves[6].Explanation);
    }

    [Fact]
    public void Grade_WorkedExample_VetoCapsTheGradeAfterGrading()
    {
        // 77.44% ≥ 75 would be A; the 否优 finding on 4.1 caps it one below the best: B.
        var scheme = GradeScheme.Thresholds([("A", 75m), ("B", 60m)], "C");

        var grade = Assert.Single(Grading.Assign([Grading.Candidate("unit", Result)], scheme).Grades);

        Assert.Equal(("B", "A"), (grade.Grade, grade.GradeBeforeVeto));
        Assert.Contains("因一票否优（4.1 通报批评）评为“B”", grade.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_WorkedExampleWithZeroTotalVetoConfirmed_ZeroesTotalAndBonus()
    {
        var input = WorkedExample.Input();
        input = input with { Verified = new Dictionary<string, Verification>(input.Verified) { ["4.2"] = new(Finding: true) } };

        var result = UnitScorer.Score(WorkedExample.Framework(), input);

        Assert.True(result.Vetoed);
        Assert.Equal((0m, 0m, 0m), (result.Total, result.ScoreRate, result.Bonus));
        Assert.Equal(76.44m, result.BaseTotal);
        Assert.Equal(["4.1", "4.2"], result.Vetoes.Select(v => v.Code));
        Assert.Contains("一票否决：4.2 严重违规，总分计 0 分", result.Explanation, StringComparison.Ordinal);
    }
}
