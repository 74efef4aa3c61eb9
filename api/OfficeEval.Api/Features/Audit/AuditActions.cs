namespace OfficeEval.Api.Features.Audit;

/// <summary>The audited actions. Codes are stable: they are stored, hashed and queried.</summary>
public static class AuditActions
{
    public const string SignIn = "auth.sign_in";
    public const string SignInFailed = "auth.sign_in_failed";
    public const string PasswordChanged = "auth.password_changed";
    public const string PasswordChangeFailed = "auth.password_change_failed";
    public const string RefreshRefused = "auth.refresh_refused";

    public const string UserCreated = "user.created";
    public const string UserChanged = "user.changed";
    public const string UserRolesChanged = "user.roles_changed";
    public const string UserPasswordReset = "user.password_reset";

    public const string FrameworkImported = "framework.imported";
    public const string FrameworkPublished = "framework.published";
    public const string FrameworkDeleted = "framework.deleted";
    public const string FrameworkMappingSaved = "framework.mapping_saved";

    public const string CampaignCreated = "campaign.created";
    public const string CampaignChanged = "campaign.changed";
    public const string CampaignUnitChanged = "campaign.unit_changed";
    public const string UnitChanged = "unit.changed";
    public const string ReviewerGroupChanged = "campaign.reviewer_group_changed";

    public const string AnswersChanged = "self_assessment.answers_changed";
    public const string Submitted = "self_assessment.submitted";
    public const string Returned = "self_assessment.returned";
    public const string Accepted = "self_assessment.accepted";

    public const string ReviewChanged = "review.changed";
    public const string ReviewCompleted = "review.completed";
    public const string ReviewReopened = "review.reopened";
    public const string ResultsFinalized = "results.finalized";

    public const string SurveySaved = "survey.saved";
    public const string SurveyDeleted = "survey.deleted";
    public const string SurveyOpened = "survey.opened";
    public const string SurveyClosed = "survey.closed";
    public const string SurveyTokensIssued = "survey.tokens_issued";
    public const string SurveyTokensRevoked = "survey.tokens_revoked";
    public const string SurveyOpenLinkCreated = "survey.open_link_created";
    public const string SurveyOpenLinkDisabled = "survey.open_link_disabled";

    public const string RectificationCreated = "rectification.created";
    public const string RectificationImported = "rectification.imported";
    public const string RectificationChanged = "rectification.changed";
    public const string RectificationDeleted = "rectification.deleted";
    public const string RectificationStarted = "rectification.started";
    public const string RectificationSubmitted = "rectification.submitted";
    public const string RectificationClosed = "rectification.closed";
    public const string RectificationReturned = "rectification.returned";
    public const string RectificationReopened = "rectification.reopened";

    public const string ReportJobRequested = "report_job.requested";
    public const string ReportJobCancelled = "report_job.cancelled";

    public const string GraphPublishQueued = "graph.publish_queued";
    public const string GraphRemindersQueued = "graph.reminders_queued";
    public const string GraphDeliveryRetried = "graph.delivery_retried";
    public const string GraphDelivered = "graph.delivered";
    public const string GraphDeliveryFailed = "graph.delivery_failed";

    public const string Exported = "export";
    public const string AuditPurged = "audit.purged";
    public const string AuditViewed = "audit.viewed";
    public const string AuditVerified = "audit.verified";
}
