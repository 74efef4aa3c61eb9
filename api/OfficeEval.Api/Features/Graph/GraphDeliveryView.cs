namespace OfficeEval.Api.Features.Graph;

/// <summary>A delivery as the office sees it: what, where, its status, attempts and the last error.</summary>
public sealed record GraphDeliveryView(
    Guid Id, string Kind, Guid? CampaignId, Guid? UnitId, string Target, string Status, string StatusZh, int Attempts,
    DateTimeOffset NextAttemptAt, string? LastError, string? ResultUrl, DateTimeOffset CreatedAt, Guid CreatedBy, DateTimeOffset? FinishedAt)
{
    public static GraphDeliveryView From(GraphDelivery d) => new(
        d.Id, d.Kind, d.CampaignId, d.UnitId, d.Target, d.Status.ToString(), NameZh(d.Status), d.Attempts,
        d.NextAttemptAt, d.LastError, d.ResultUrl, d.CreatedAt, d.CreatedBy, d.FinishedAt);

    /// <summary>The audit target of a delivery.</summary>
    public static string AuditTarget(Guid id) => $"graph-delivery/{id}";

    public static string NameZh(GraphDeliveryStatus status) => status switch
    {
        GraphDeliveryStatus.Pending => "等待发送",
        GraphDeliveryStatus.Running => "发送中",
        GraphDeliveryStatus.Succeeded => "已完成",
        GraphDeliveryStatus.Failed => "失败",
    };
}
