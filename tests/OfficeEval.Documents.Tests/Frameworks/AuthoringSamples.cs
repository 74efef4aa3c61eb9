using System.Text.Json;
using System.Text.Json.Serialization;
using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Scoring;
using OfficeEval.Documents.Frameworks;

namespace OfficeEval.Documents.Tests.Frameworks;

/// <summary>Frameworks for the authoring workbook's tests, and how to write, read and compare them.</summary>
internal static class AuthoringSamples
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>
    /// Every rule kind and every variant of its parameters: scales with labels holding （）, deductions with and
    /// without a cap, bands as fractions and as points, with a point band, with a gap, unbounded; linear; both ratio
    /// directions; shortfall below and above with a cap and whole points; age-band shares with plain and named bands;
    /// answered shares; surveys with and without a name; metrics over every numeric rule; a bonus; every veto form.
    /// </summary>
    public static FrameworkDefinition EveryRule() => new(
        "ALL-RULES",
        "全部规则测试指标体系",
        "2026.10",
        120m,
        [UnitKind.Party, UnitKind.Township],
        [
            new IndicatorNode("1", "定性与扣分", 30m,
            [
                new IndicatorNode("1.1", "定性", 10m, [], new QualitativeScaleRule([new("全部完成（100%）", 1m), new("部分完成", 0.50m), new("未完成", 0m)]))
                {
                    EvaluationPoints = ["要点一", "要点二：含冒号；含分号"],
                    ScoringStandard = "全部完成得满分，部分完成得 50%，未完成不得分。",
                    EvidenceChecklist = ["材料甲", "材料乙"],
                    NameEn = "Qualitative",
                },
                new IndicatorNode("1.2", "扣分", 10m, [], new DeductionRule(0.5m)),
                new IndicatorNode("1.3", "扣分有上限", 10m, [], new DeductionRule(2m, 6m)) { IsIndividual = true },
            ]),
            new IndicatorNode("2", "数值规则", 48m,
            [
                new IndicatorNode("2.1", "区间比例", 5m, [], new BandsRule([new(null, null, 80m, false, 0m), new(80m, true, 90m, false, 0.8m), new(90m, true, null, null, 1m)])),
                new IndicatorNode("2.2", "区间分值", 5m, [], new BandsRule([new(0m, true, 0m, true, 5m), new(0m, false, 10.5m, true, 4m), new(10.5m, false, null, null, 0m)], BandScoreKind.Points)),
                new IndicatorNode("2.3", "区间间断", 5m, [], new BandsRule([new(null, null, 60m, true, 0m), new(70m, true, null, null, 1m)], Contiguous: false)),
                new IndicatorNode("2.4", "任意值", 2m, [], new BandsRule([new(null, null, null, null, 1m)])),
                new IndicatorNode("2.5", "线性", 5m, [], new LinearRule(new Anchor(60m, 0m), new Anchor(100m, 1m))),
                new IndicatorNode("2.6", "正向比率", 3m, [], new RatioRule(RatioDirection.Positive, 100m)),
                new IndicatorNode("2.7", "反向比率", 3m, [], new RatioRule(RatioDirection.Negative, 5.5m)),
                new IndicatorNode("2.8", "差距低于", 4m, [], new ShortfallRule(95m, 0.1m)),
                new IndicatorNode("2.9", "差距超过", 4m, [], new ShortfallRule(100m, 0.5m, 2m, ShortfallDirection.Above, WholePoints: true)),
                new IndicatorNode("2.10", "年龄结构", 4m, [], new ShareRule(
                    [new("35岁及以下", 1m, AgeBand.UpTo35), new("36–50岁", 0.8m, AgeBand.From36To50), new("中年（含）", 0.5m, AgeBand.From51To60), new("60岁以上", 0.2m, AgeBand.Over60)],
                    ShareSource.AgeBands)),
                new IndicatorNode("2.11", "学历构成", 8m, [], new ShareRule([new("研究生", 1m), new("本科", 0.8m), new("其他", 0.5m)])),
            ]),
            new IndicatorNode("3", "个性指标", 42m,
            [
                new IndicatorNode("3.1", "问卷", 5m, [], new SurveyRule("服务对象满意度问卷")),
                new IndicatorNode("3.2", "问卷未命名", 5m, [], new SurveyRule()),
                new IndicatorNode("3.3", "计算扣分", 6m, [], new MetricRule(UnitMetric.OverEstablishment, new DeductionRule(2.5m))),
                new IndicatorNode("3.4", "计算区间", 6m, [], new MetricRule(UnitMetric.EstablishmentUseRate,
                    new BandsRule([new(null, null, 90m, false, 0.6m), new(90m, true, 100m, true, 1m), new(100m, false, null, null, 0m)]))),
                new IndicatorNode("3.5", "计算差距", 5m, [], new MetricRule(UnitMetric.BusinessDivisionStaffShare, new ShortfallRule(60m, 0.2m, 5m))),
                new IndicatorNode("3.6", "计算线性", 5m, [], new MetricRule(UnitMetric.PeerRankLowFirst, new LinearRule(new Anchor(1m, 1m), new Anchor(10m, 0.5m)))),
                new IndicatorNode("3.7", "计算比率", 5m, [], new MetricRule(UnitMetric.Vacancies, new RatioRule(RatioDirection.Negative, 2m))),
                new IndicatorNode("3.8", "超职数", 5m, [], new MetricRule(UnitMetric.LeadershipPostsOverQuota, new DeductionRule(2m, 4m))),
                new IndicatorNode("3.9", "基层编制加分", 0.5m, [], new BonusRule(0.05m, "JC")),
                new IndicatorNode("3.10", "否优", 0m, [], new VetoRule(VetoEffect.CapGrade)),
                new IndicatorNode("3.11", "否优限等次", 0m, [], new VetoRule(VetoEffect.CapGrade, "B")),
                new IndicatorNode("3.12", "否决", 0m, [], new VetoRule(VetoEffect.ZeroTotal)),
            ]),
        ])
    {
        BonusPools = [new BonusPool("JC", "基层编制加分", 0.5m), new BonusPool("QT", "其他加分", 1.0m)],
        IndividualDimension = "3",
    };

    public static byte[] Write(FrameworkDefinition framework)
    {
        using var stream = new MemoryStream();
        FrameworkWorkbook.Write(framework, stream);
        return stream.ToArray();
    }

    public static byte[] Template()
    {
        using var stream = new MemoryStream();
        FrameworkWorkbook.WriteTemplate(stream);
        return stream.ToArray();
    }

    public static FrameworkReadResult Read(byte[] xlsx)
    {
        using var stream = new MemoryStream(xlsx);
        return FrameworkWorkbook.Read(stream);
    }

    /// <summary>The framework as stored (JSON), numbers with their decimals: two frameworks are equal when these are.</summary>
    public static string Canonical(FrameworkDefinition framework) => JsonSerializer.Serialize(framework, Json);
}
