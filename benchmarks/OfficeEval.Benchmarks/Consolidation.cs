using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Results;
using OfficeEval.Core.Surveys;

namespace OfficeEval.Benchmarks;

/// <summary>
/// A campaign's consolidation (汇总) as the product runs it: every unit's questionnaires aggregated on their own into
/// survey fractions, every unit scored, then ranking, grades by thresholds, boards per category and the statistics.
/// </summary>
/// <remarks>
/// Campaign-wide results (ranking, grades, boards, statistics) show no per-leaf text, so by default the consolidation
/// turns explanations off (<see cref="ScoringPolicy.Explain"/> and the aggregation's <c>explain</c> argument), as the
/// campaign's results endpoint does. One unit's detail view rescores that unit with explanations on.
/// </remarks>
internal static class Consolidation
{
    public static CampaignOutcome Run(Campaign campaign, bool parallel = true, bool explain = false)
    {
        var units = campaign.Units;
        var framework = CompiledFramework.For(campaign.Framework);
        var aggregator = SurveyAggregator.Create(campaign.Survey);
        var policy = ScoringPolicy.Default with { Explain = explain };
        var surveys = new SurveyResult[units.Count];
        var scores = new UnitScore[units.Count];

        // Units are independent and the engine is pure: the compiled framework (cached in a ConditionalWeakTable, which
        // is thread-safe) and the aggregator are only read, so units can be scored on every core.
        void ScoreUnit(int i)
        {
            var unit = units[i];
            var survey = aggregator.Aggregate(unit.Responses, unit.ExpectedSampleSizes, explain);
            surveys[i] = survey;
            scores[i] = UnitScorer.Score(framework, unit.Input with { SurveyFractions = survey.FractionsByIndicator() }, policy);
        }

        if (parallel)
        {
            Parallel.For(0, units.Count, ScoreUnit);
        }
        else
        {
            for (var i = 0; i < units.Count; i++)
            {
                ScoreUnit(i);
            }
        }

        return Summarise(campaign, scores, surveys);
    }

    /// <summary>The campaign-wide steps once every unit is scored: ranking, grades, boards and statistics.</summary>
    public static CampaignOutcome Summarise(Campaign campaign, UnitScore[] scores, SurveyResult[] surveys)
    {
        var units = campaign.Units;
        var ranking = Ranking.Competition(units.Select((unit, i) => (unit.Id, scores[i].Total)));
        var grades = Grading.Assign(units.Select((unit, i) => Grading.Candidate(unit.Id, scores[i])), campaign.Grades);
        var boards = Boards.Assign(
            units.Select((unit, i) => new BoardCandidate<string>(unit.Id, unit.Category, scores[i].ScoreRate) { Previous = unit.PreviousBoard }),
            campaign.BoardPolicy);
        var summary = CampaignStatistics.Compute(scores);
        return new CampaignOutcome(scores, surveys, ranking, grades, boards, summary);
    }
}

/// <summary>What a consolidation produces; returned from the benchmarks so none of it is optimised away.</summary>
public sealed record CampaignOutcome(
    IReadOnlyList<UnitScore> Scores,
    IReadOnlyList<SurveyResult> Surveys,
    IReadOnlyList<(string Key, int Rank)> Ranking,
    GradingResult<string> Grades,
    BoardResult<string> Boards,
    CampaignSummary Summary);
