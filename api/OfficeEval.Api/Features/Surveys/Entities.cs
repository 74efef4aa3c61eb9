using OfficeEval.Core.Surveys;

namespace OfficeEval.Api.Features.Surveys;

/// <summary>A campaign's questionnaire (问卷): the authored form, and whether it collects answers.</summary>
public sealed class Survey
{
    public Guid Id { get; set; }

    /// <summary>One questionnaire per campaign.</summary>
    public Guid CampaignId { get; set; }

    public SurveyForm Form { get; set; } = null!;

    public SurveyStatus Status { get; set; }

    /// <summary>When an open questionnaire stops taking answers; null until it is closed by hand.</summary>
    public DateTimeOffset? ClosesAt { get; set; }

    /// <summary>Changes with every change of form or status; the ETag, and the concurrency token.</summary>
    public int Revision { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

public enum SurveyStatus
{
    /// <summary>Being authored: the form may change; no answers are taken.</summary>
    Draft,

    /// <summary>Taking answers (until <see cref="Survey.ClosesAt"/>, when set); results feed the indicators.</summary>
    Open,

    /// <summary>No more answers; results still feed the indicators. May be opened again.</summary>
    Closed,
}

/// <summary>Single-use links issued together for one group and a set of evaluated units.</summary>
public sealed class SurveyTokenBatch
{
    public Guid Id { get; set; }

    public Guid SurveyId { get; set; }

    public string GroupName { get; set; } = "";

    /// <summary>Evaluated units the batch covers.</summary>
    public int UnitCount { get; set; }

    public int TokenCount { get; set; }

    /// <summary>After this the batch's unused links are refused (410 survey.token_expired); null for none.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The office user who issued the batch (never a respondent).</summary>
    public Guid CreatedBy { get; set; }

    /// <summary>Set when the office withdraws the batch; its unused links are refused, and it no longer counts as sent out.</summary>
    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>
/// One single-use link. Only the SHA-256 of its code is stored; nothing records when it was used, and no response
/// refers to it (see docs/surveys.md).
/// </summary>
public sealed class SurveyToken
{
    public Guid Id { get; set; }

    public Guid BatchId { get; set; }

    public Guid SurveyId { get; set; }

    public byte[] TokenHash { get; set; } = [];

    /// <summary>The unit being evaluated.</summary>
    public Guid UnitId { get; set; }

    public string GroupName { get; set; } = "";

    /// <summary>In mutual evaluation (互评), the unit the link was given to; null for people.</summary>
    public Guid? RespondentUnitId { get; set; }

    public bool Used { get; set; }
}

/// <summary>A reusable link anyone may answer through, for a person group and one evaluated unit, rate limited.</summary>
public sealed class SurveyOpenLink
{
    public Guid Id { get; set; }

    public Guid SurveyId { get; set; }

    public Guid UnitId { get; set; }

    public string GroupName { get; set; } = "";

    /// <summary>The public code (<c>o…</c>): an open link is meant to be shared, so it is kept to be listed again.</summary>
    public string Code { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DisabledAt { get; set; }
}

/// <summary>
/// One returned questionnaire, anonymous by construction: a random (version 4) id, the evaluated unit, the group,
/// the China Standard Time day and the answers; no token, respondent, address, agent or time of day.
/// </summary>
public sealed class SurveyResponseRecord
{
    /// <summary>Random (<see cref="Guid.NewGuid"/>), set in code: a time-ordered id would tell the order of submissions.</summary>
    public Guid Id { get; set; }

    public Guid SurveyId { get; set; }

    public Guid UnitId { get; set; }

    public string GroupName { get; set; } = "";

    /// <summary>The day (China Standard Time) it was submitted; the time of day is not kept.</summary>
    public DateOnly SubmittedOn { get; set; }

    /// <summary>The answers as given: form item codes and raw values (before reverse coding).</summary>
    public List<SurveyAnswer> Answers { get; set; } = [];
}

/// <summary>An answer: a form item code and its raw value (Likert 1…5, 3-point 1…3).</summary>
public sealed record SurveyAnswer(string Item, int Value);
