namespace OfficeEval.Api.Features.Graph;

/// <summary>
/// Access tokens for Graph: the seam where Microsoft.Identity.Web's <c>ITokenAcquisition</c> would go. Failures are
/// <see cref="GraphException"/>s saying whether a later try may succeed.
/// </summary>
public interface IGraphTokenSource
{
    /// <summary>The application's own token (client credentials), for background work: publishing, mail.</summary>
    Task<string> GetAppTokenAsync(CancellationToken cancellationToken);

    /// <summary>A token to call Graph as the signed-in user (on-behalf-of), from the Entra access token they called the API with.</summary>
    Task<string> GetDelegatedTokenAsync(string userAssertion, CancellationToken cancellationToken);
}
