namespace OfficeEval.Api.Features.Jobs;

/// <summary>
/// Writes one unit's document for a batch (kind <see cref="ReportJobKinds.EvaluationReports"/>): the seam between the
/// job worker and the document generator. Registered once in Program.cs; resolved from a scope per job, so an
/// implementation may keep what all the job's units share (the campaign scored once) for the scope's lifetime.
/// </summary>
public interface IUnitReportRenderer
{
    /// <summary>
    /// Writes the Word document (.docx) of <paramref name="unitId"/> in <paramref name="campaignId"/> to <paramref name="output"/>,
    /// a writable, seekable stream the worker owns. Throw to fail this unit only (the job goes on and lists it);
    /// honour <paramref name="cancellationToken"/>, which fires when the job is cancelled or the host stops.
    /// </summary>
    Task RenderAsync(Guid campaignId, Guid unitId, Stream output, CancellationToken cancellationToken);
}
