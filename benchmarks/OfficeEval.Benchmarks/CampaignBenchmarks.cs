using BenchmarkDotNet.Attributes;
using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Results;
using OfficeEval.Core.Scoring;
using OfficeEval.Core.Surveys;

namespace OfficeEval.Benchmarks;

/// <summary>
/// The targets on a generated campaign of 3,000 units × 250 leaves with 150,000 survey answers:
/// consolidating the campaign (≤ 250 ms) and recomputing one unit after an answer changed (≤ 5 ms).
/// </summary>
/// <remarks>
/// The consolidation and its steps run with explanations off (<see cref="ScoringPolicy.Explain"/>, and
/// <c>explain: false</c> for the surveys), as a campaign's results are computed: ranking, grades, boards and
/// statistics show no per-leaf text. <see cref="ConsolidateCampaignExplained"/> shows what the explanations cost.
/// Recomputing one unit keeps them on: that unit's detail view shows them.
/// </remarks>
[Config(typeof(BenchmarkConfig))]
[MemoryDiagnoser]
public class CampaignBenchmarks
{
    /// <summary>The unit whose answer changes in <see cref="RecomputeOneUnit"/>.</summary>
    private const int ChangedUnit = 1500;

    private Campaign campaign = null!;
    private CompiledFramework framework = null!;
    private SurveyAggregator aggregator = null!;
    private SurveyResult[] surveys = [];
    private UnitInput[] inputs = [];
    private UnitScore[] scores = [];
    private UnitInput changed = null!;
    private ScoringPolicy noExplanations = null!;

    [GlobalSetup]
    public void Setup()
    {
        campaign = CampaignGenerator.Generate();
        framework = CompiledFramework.For(campaign.Framework);

        // The benchmarks of one step start from the previous step's results.
        aggregator = SurveyAggregator.Create(campaign.Survey);
        noExplanations = ScoringPolicy.Default with { Explain = false };
        surveys = AggregateAllSurveys();
        inputs = [.. campaign.Units.Select((unit, i) => unit.Input with { SurveyFractions = surveys[i].FractionsByIndicator() })];
        scores = ScoreAllUnitsSequential();

        // One answer changed, as when a unit edits one cell of its self-assessment: another option on a qualitative leaf.
        var input = inputs[ChangedUnit];
        var leaf = framework.Leaves.First(l => l.Node.Rule is QualitativeScaleRule).Node;
        var answers = new Dictionary<string, Answer>(input.Answers, StringComparer.Ordinal);
        answers[leaf.Code] = answers[leaf.Code] with { Option = answers[leaf.Code].Option == "一般" ? "好" : "一般" };
        changed = input with { Answers = answers };
    }

    /// <summary>Aggregate every unit's survey, score every unit in parallel, rank, grade, place on boards, compute statistics.</summary>
    [Benchmark]
    public CampaignOutcome ConsolidateCampaign() => Consolidation.Run(campaign);

    /// <summary>The same consolidation on one thread, to show what the parallel loop buys.</summary>
    [Benchmark]
    public CampaignOutcome ConsolidateCampaignSequential() => Consolidation.Run(campaign, parallel: false);

    /// <summary>The same parallel consolidation with every explanation built, as before the switch existed.</summary>
    [Benchmark]
    public CampaignOutcome ConsolidateCampaignExplained() => Consolidation.Run(campaign, explain: true);

    /// <summary>Step 1 of the consolidation alone: every unit's questionnaires aggregated, one unit after another.</summary>
    [Benchmark]
    public SurveyResult[] AggregateAllSurveys()
    {
        var results = new SurveyResult[campaign.Units.Count];
        for (var i = 0; i < results.Length; i++)
        {
            results[i] = aggregator.Aggregate(campaign.Units[i].Responses, campaign.Units[i].ExpectedSampleSizes, explain: false);
        }

        return results;
    }

    /// <summary>Step 2 alone: scoring (survey fractions already aggregated), one unit after another.</summary>
    [Benchmark]
    public UnitScore[] ScoreAllUnitsSequential()
    {
        var results = new UnitScore[inputs.Length];
        for (var i = 0; i < inputs.Length; i++)
        {
            results[i] = UnitScorer.Score(framework, inputs[i], noExplanations);
        }

        return results;
    }

    /// <summary>Step 3 alone: ranking, grades, boards and statistics of the scored units.</summary>
    [Benchmark]
    public CampaignOutcome RankGradeBoardsStatistics() => Consolidation.Summarise(campaign, scores, surveys);

    /// <summary>One unit rescored after one answer changed, against the cached compiled framework, with its explanations.</summary>
    [Benchmark]
    public UnitScore RecomputeOneUnit() => UnitScorer.Score(framework, changed);
}
