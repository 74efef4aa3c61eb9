using OfficeEval.Api.Features.Identity.Entra;

namespace OfficeEval.Api.Features.Graph;

/// <summary>The Entra access token the caller signed in with, to exchange on their behalf for a Graph token.</summary>
public static class EntraUserToken
{
    /// <summary>
    /// The token the <see cref="EntraSetup.Scheme"/> scheme signed this request in with; null for a local sign-in or
    /// while Entra sign-in is off. (With Microsoft.Identity.Web, <c>ITokenAcquisition</c> finds it itself.)
    /// </summary>
    public static string? Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.User.Identity?.IsAuthenticated == true && context.Items[EntraSetup.AccessTokenItem] is string { Length: > 0 } token ? token : null;
    }
}
