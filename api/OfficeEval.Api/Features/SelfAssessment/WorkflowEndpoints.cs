using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Audit;
using OfficeEval.Api.Features.Identity;
using OfficeEval.Api.Infrastructure;
using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Results;
using OfficeEval.Documents.SelfAssessment;

namespace OfficeEval.Api.Features.SelfAssessment;

/// <summary>
/// Submission and initial review (初审): submit freezes the draft as a numbered version; a reviewer returns it with
/// comments (the unit edits and resubmits: a new version) or accepts it. Every version is kept and can be compared.
/// </summary>
public static class WorkflowEndpoints
{
    public const int MaxComment = 2000;
    public const int MaxIndicatorComment = 1000;

    public sealed record ReturnRequest(string? Comment, IReadOnlyList<IndicatorComment>? Indicators, int? Version);

    public sealed record AcceptRequest(string? Comment, int? Version);

    public sealed record VersionResponse(int Number, int Revision, DateTimeOffset SubmittedAt, Guid SubmittedBy, decimal Total, string Outcome,
        DateTimeOffset? DecidedAt, Guid? DecidedBy, string? Comment, IReadOnlyList<IndicatorComment> IndicatorComments,
        IReadOnlyList<AnswerValue> Answers, UnitDataTables? DataTables);

    public sealed record LeafChange(string Code, string Name, IReadOnlyList<string> Fields, AnswerValue? From, AnswerValue? To, decimal FromScore, decimal ToScore);

    public sealed record Comparison(string From, string To, decimal FromTotal, decimal ToTotal, bool DataTablesChanged, IReadOnlyList<LeafChange> Changes);

    public static IEndpointRouteBuilder MapSelfAssessmentWorkflow(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/campaigns/{campaignId:guid}/units/{unitId:guid}/self-assessment").WithTags("Self-assessment");
        group.MapPost("/submit", Submit)
            .WithName("SubmitSelfAssessment")
            .WithSummary("Submits the draft (If-Match): refused while answers or evidence are missing or errors remain; freezes it as the next version.")
            .RequireAccess(Access.UnitEdit);
        group.MapPost("/return", Return)
            .WithName("ReturnSelfAssessment")
            .WithSummary("初审退回: returns the submitted version to the unit with an overall comment and comments per indicator.")
            .RequireAccess(Access.UnitReview);
        group.MapPost("/accept", Accept)
            .WithName("AcceptSelfAssessment")
            .WithSummary("初审通过: accepts the submitted version; the field review can start.")
            .RequireAccess(Access.UnitReview);
        group.MapGet("/versions", Versions)
            .WithName("ListSelfAssessmentVersions")
            .WithSummary("Every submitted version, oldest first, with what the initial review decided.")
            .RequireAccess(Access.UnitRead);
        group.MapGet("/versions/{number:int}", Version)
            .WithName("GetSelfAssessmentVersion")
            .WithSummary("One submitted version as frozen: answers, data tables, total, decision and comments.")
            .RequireAccess(Access.UnitRead);
        group.MapGet("/versions/compare", Compare)
            .WithName("CompareSelfAssessmentVersions")
            .WithSummary("What changed between two versions (from, to: a version number or \"draft\"): fields and scores per leaf, totals.")
            .RequireAccess(Access.UnitRead);
        return endpoints;
    }

    internal static async Task<Results<Ok<DraftEndpoints.DraftResponse>, ProblemHttpResult>> Submit(
        Guid campaignId, Guid unitId, HttpContext http, ClaimsPrincipal user, AppDbContext db, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (Preconditions.IfMatch(http.Request) is not { } expected)
        {
            return Preconditions.Required();
        }

        var (context, problem) = await UnitContext.LoadAsync(db, campaignId, unitId, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var record = await DraftEndpoints.LoadAsync(db, campaignId, unitId, tracking: true, cancellationToken);
        if (!expected.Contains(record?.Revision ?? 0))
        {
            return Preconditions.Failed(DraftEndpoints.Draft(context!, record), record?.Revision ?? 0);
        }

        if (record is null)
        {
            return ApiProblem.Create(409, "self_assessment.empty", "尚未填写自评，不能提交。", "Nothing has been filled in yet; there is nothing to submit.");
        }

        if (!SelfAssessmentStatuses.IsEditable(record.Status))
        {
            return DraftEndpoints.Locked(record.Status);
        }

        var answers = record.Answers.Select(AnswerValue.From).ToDictionary(a => a.IndicatorCode, StringComparer.Ordinal);
        var check = DraftEndpoints.Check(context!.Framework, unitId, record.Revision, answers, record.DataTables, await context.SurveyFractionsAsync(db, cancellationToken));
        var blocking = check.Problems.Where(p => !p.IsWarning).ToList();
        if (blocking.Count > 0)
        {
            return ApiProblem.Create(422, "submit.incomplete", "还有未完成的事项，暂不能提交：请补齐答案和佐证材料并修正错误。",
                "The self-evaluation cannot be submitted yet: complete the answers and evidence and correct the errors.", blocking);
        }

        var version = new SelfAssessmentVersion
        {
            SelfAssessmentId = record.Id,
            Number = record.Versions.Count + 1,
            Revision = record.Revision,
            SubmittedAt = clock.GetUtcNow(),
            SubmittedBy = user.UserId(),
            Answers = [.. DraftEndpoints.Draft(context, record).Answers],
            DataTables = record.DataTables,
            Total = check.Total,
            Outcome = VersionOutcome.Pending,
        };
        record.Versions.Add(version);
        db.SelfAssessmentVersions.Add(version);
        record.Status = SelfAssessmentStatus.Submitted;
        record.Revision++;
        record.UpdatedAt = version.SubmittedAt;
        record.UpdatedBy = version.SubmittedBy;
        audit.Add(new AuditEvent(AuditActions.Submitted, $"self-assessment/{record.Id}/versions/{version.Number}")
        {
            CampaignId = campaignId,
            UnitId = unitId,
            After = new { version.Number, version.Revision, version.Total },
        });
        if (await DraftEndpoints.TrySaveAsync(db, cancellationToken) is false)
        {
            var current = await DraftEndpoints.LoadAsync(db, campaignId, unitId, tracking: false, cancellationToken);
            return Preconditions.Failed(DraftEndpoints.Draft(context, current), current?.Revision ?? 0);
        }

        Preconditions.SetETag(http, record.Revision);
        return TypedResults.Ok(DraftEndpoints.Draft(context, record));
    }

    internal static async Task<Results<Ok<DraftEndpoints.DraftResponse>, ProblemHttpResult>> Return(
        Guid campaignId, Guid unitId, ReturnRequest? request, HttpContext http, ClaimsPrincipal user, AppDbContext db, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (context, problem) = await UnitContext.LoadAsync(db, campaignId, unitId, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var comment = request?.Comment?.Trim();
        var indicators = request?.Indicators ?? [];
        var errors = new List<ProblemItem>();
        if (string.IsNullOrEmpty(comment))
        {
            errors.Add(new ProblemItem("return.comment_missing", "请填写退回意见。", "Give the reason for returning (comment).") { Field = "comment" });
        }
        else if (comment.Length > MaxComment)
        {
            errors.Add(new ProblemItem("return.comment_too_long", $"退回意见不能超过 {MaxComment} 字。", $"The comment is longer than {MaxComment} characters.") { Field = "comment" });
        }

        errors.AddRange(CheckIndicatorComments(context!.Framework, indicators));
        if (errors.Count > 0)
        {
            return ApiProblem.Create(422, "return.invalid", "退回意见有误，请按提示修改。", "The return cannot be recorded; correct it as shown.", errors);
        }

        return await DecideAsync(context, request?.Version, VersionOutcome.Returned, comment,
            [.. indicators.Select(i => new IndicatorComment(i.IndicatorCode, i.Comment.Trim()))], http, user, db, audit, clock, cancellationToken);
    }

    internal static async Task<Results<Ok<DraftEndpoints.DraftResponse>, ProblemHttpResult>> Accept(
        Guid campaignId, Guid unitId, AcceptRequest? request, HttpContext http, ClaimsPrincipal user, AppDbContext db, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (context, problem) = await UnitContext.LoadAsync(db, campaignId, unitId, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var comment = request?.Comment?.Trim();
        if (comment?.Length > MaxComment)
        {
            return ApiProblem.Create(422, "accept.invalid", $"初审意见不能超过 {MaxComment} 字。", $"The comment is longer than {MaxComment} characters.",
                [new ProblemItem("accept.comment_too_long", $"初审意见不能超过 {MaxComment} 字。", $"The comment is longer than {MaxComment} characters.") { Field = "comment" }]);
        }

        return await DecideAsync(context!, request?.Version, VersionOutcome.Accepted, string.IsNullOrEmpty(comment) ? null : comment, [], http, user, db, audit, clock, cancellationToken);
    }

    private static async Task<Results<Ok<DraftEndpoints.DraftResponse>, ProblemHttpResult>> DecideAsync(
        UnitContext context, int? versionNumber, VersionOutcome outcome, string? comment, List<IndicatorComment> indicators,
        HttpContext http, ClaimsPrincipal user, AppDbContext db, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (campaignId, unitId) = (context.Campaign.Id, context.Unit.Id);
        var record = await DraftEndpoints.LoadAsync(db, campaignId, unitId, tracking: true, cancellationToken);
        if (record is not { Status: SelfAssessmentStatus.Submitted })
        {
            var status = record?.Status ?? SelfAssessmentStatus.NotStarted;
            return ApiProblem.Create(409, "self_assessment.not_submitted",
                $"自评当前状态为“{SelfAssessmentStatuses.NameZh(status)}”，没有待初审的提交。",
                $"The self-evaluation is {status}: there is no submission awaiting the initial review.");
        }

        var version = record.Versions.OrderBy(v => v.Number).Last();
        if (versionNumber is { } asked && asked != version.Number)
        {
            return ApiProblem.Create(409, "self_assessment.version_outdated",
                $"您审阅的是第 {asked} 版，单位已提交第 {version.Number} 版，请审阅最新版本。",
                $"You reviewed version {asked}, but version {version.Number} has been submitted since; review the latest.");
        }

        version.Outcome = outcome;
        version.DecidedAt = clock.GetUtcNow();
        version.DecidedBy = user.UserId();
        version.Comment = comment;
        version.IndicatorComments = indicators;
        record.Status = outcome == VersionOutcome.Returned ? SelfAssessmentStatus.Returned : SelfAssessmentStatus.Accepted;
        record.Revision++;
        record.UpdatedAt = version.DecidedAt.Value;
        record.UpdatedBy = version.DecidedBy.Value;
        audit.Add(new AuditEvent(outcome == VersionOutcome.Returned ? AuditActions.Returned : AuditActions.Accepted,
            $"self-assessment/{record.Id}/versions/{version.Number}")
        {
            CampaignId = campaignId,
            UnitId = unitId,
            Data = new { version.Number, comment, indicators },
        });
        if (await DraftEndpoints.TrySaveAsync(db, cancellationToken) is false)
        {
            return ApiProblem.Create(409, "self_assessment.changed", "自评刚被他人修改，请刷新后重试。", "The self-evaluation changed meanwhile; reload and try again.");
        }

        Preconditions.SetETag(http, record.Revision);
        return TypedResults.Ok(DraftEndpoints.Draft(context, record));
    }

    private static IEnumerable<ProblemItem> CheckIndicatorComments(FrameworkDefinition framework, IReadOnlyList<IndicatorComment> indicators)
    {
        var leaves = framework.Leaves().Select(l => l.Node.Code).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < indicators.Count; i++)
        {
            var item = indicators[i];
            if (item is null || !leaves.Contains(item.IndicatorCode ?? ""))
            {
                yield return new ProblemItem("return.indicator_unknown", $"第 {i + 1} 条意见的指标编码“{item?.IndicatorCode}”不存在。",
                    $"Comment {i + 1}: indicator \"{item?.IndicatorCode}\" does not exist.") { Field = $"indicators[{i}].indicatorCode" };
            }
            else if (string.IsNullOrWhiteSpace(item.Comment) || item.Comment.Length > MaxIndicatorComment)
            {
                yield return new ProblemItem("return.indicator_comment_invalid", $"指标 {item.IndicatorCode} 的意见不能为空，且不超过 {MaxIndicatorComment} 字。",
                    $"The comment on indicator {item.IndicatorCode} must be 1 to {MaxIndicatorComment} characters.") { Field = $"indicators[{i}].comment", IndicatorCode = item.IndicatorCode };
            }
        }
    }

    internal static async Task<Results<Ok<List<DraftEndpoints.VersionSummary>>, ProblemHttpResult>> Versions(
        Guid campaignId, Guid unitId, AppDbContext db, CancellationToken cancellationToken)
    {
        var (context, problem) = await UnitContext.LoadAsync(db, campaignId, unitId, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var record = await DraftEndpoints.LoadAsync(db, campaignId, unitId, tracking: false, cancellationToken);
        return TypedResults.Ok(DraftEndpoints.Draft(context!, record).Versions.ToList());
    }

    internal static async Task<Results<Ok<VersionResponse>, ProblemHttpResult>> Version(
        Guid campaignId, Guid unitId, int number, AppDbContext db, CancellationToken cancellationToken)
    {
        var record = await DraftEndpoints.LoadAsync(db, campaignId, unitId, tracking: false, cancellationToken);
        var v = record?.Versions.FirstOrDefault(x => x.Number == number);
        return v is null
            ? ApiProblem.NotFound($"第 {number} 版提交", $"submitted version {number}")
            : TypedResults.Ok(new VersionResponse(v.Number, v.Revision, v.SubmittedAt, v.SubmittedBy, v.Total, v.Outcome.ToString(), v.DecidedAt, v.DecidedBy,
                v.Comment, v.IndicatorComments, v.Answers, v.DataTables));
    }

    internal static async Task<Results<Ok<Comparison>, ProblemHttpResult>> Compare(
        Guid campaignId, Guid unitId, string? from, string? to, AppDbContext db, CancellationToken cancellationToken)
    {
        var (context, problem) = await UnitContext.LoadAsync(db, campaignId, unitId, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var record = await DraftEndpoints.LoadAsync(db, campaignId, unitId, tracking: false, cancellationToken);
        var left = Side(record, from, "from");
        var right = Side(record, to ?? "draft", "to");
        if ((left.Problem ?? right.Problem) is { } bad)
        {
            return bad;
        }

        var framework = context!.Framework;
        // Both sides with today's questionnaire results, so their totals differ only by what the unit changed.
        var fractions = await context.SurveyFractionsAsync(db, cancellationToken);
        var leftScore = Score(framework, left.Answers!, left.Tables, fractions);
        var rightScore = Score(framework, right.Answers!, right.Tables, fractions);
        var changes = new List<LeafChange>();
        foreach (var leaf in framework.Leaves())
        {
            var code = leaf.Node.Code;
            left.Answers!.TryGetValue(code, out var a);
            right.Answers!.TryGetValue(code, out var b);
            var fields = AnswerRules.ChangedFields(a, b);
            var (sa, sb) = (ScoreOf(leftScore, code), ScoreOf(rightScore, code));
            if (fields.Count > 0 || sa != sb)
            {
                changes.Add(new LeafChange(code, leaf.Node.Name, fields, a, b, sa, sb));
            }
        }

        var tablesChanged = System.Text.Json.JsonSerializer.Serialize(left.Tables, Frameworks.FrameworkRecord.Json)
            != System.Text.Json.JsonSerializer.Serialize(right.Tables, Frameworks.FrameworkRecord.Json);
        return TypedResults.Ok(new Comparison(left.Label, right.Label, leftScore.Total, rightScore.Total, tablesChanged, changes));
    }

    private sealed record CompareSide(string Label, Dictionary<string, AnswerValue>? Answers, UnitDataTables? Tables, ProblemHttpResult? Problem);

    private static CompareSide Side(SelfAssessmentRecord? record, string? which, string field)
    {
        if (string.Equals(which, "draft", StringComparison.OrdinalIgnoreCase))
        {
            return new("draft", (record?.Answers ?? []).Select(AnswerValue.From).ToDictionary(a => a.IndicatorCode, StringComparer.Ordinal), record?.DataTables, null);
        }

        if (int.TryParse(which, out var number) && record?.Versions.FirstOrDefault(v => v.Number == number) is { } version)
        {
            return new(number.ToString(System.Globalization.CultureInfo.InvariantCulture), version.Answers.ToDictionary(a => a.IndicatorCode, StringComparer.Ordinal), version.DataTables, null);
        }

        return new("", null, null, ApiProblem.Create(400, "compare.version_unknown",
            $"参数 {field} 应为已提交的版本号或 draft（当前草稿），“{which}”不存在。",
            $"Parameter {field} must be a submitted version number or \"draft\"; \"{which}\" does not exist.",
            [new ProblemItem("compare.version_unknown", $"版本“{which}”不存在。", $"Version \"{which}\" does not exist.") { Field = field }]));
    }

    private static UnitScore Score(FrameworkDefinition framework, Dictionary<string, AnswerValue> answers, UnitDataTables? tables, IReadOnlyDictionary<string, decimal> surveyFractions) =>
        UnitScorer.Score(framework, UnitEvaluation.Input(AnswerMapping.ToAnswers(answers.Values), tables?.Facts, surveyFractions), ScoringPolicy.Default with { Explain = false });

    private static decimal ScoreOf(UnitScore score, string code) => score.Leaves.FirstOrDefault(l => l.Code == code)?.Value ?? 0m;
}
