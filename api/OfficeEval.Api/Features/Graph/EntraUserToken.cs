using Microsoft.AspNetCore.Authentication;
using Microsoft.Net.Http.Headers;

namespace OfficeEval.Api.Features.Graph;

/// <summary>
/// The caller's Entra token: the bearer token of a request the <see cref="SchemeName"/> scheme authenticated (its
/// result is the one the request was signed in with; the handler caches it per request, so this validates nothing twice).
/// A local session's token, or an instance without Entra, gives null.
/// </summary>
public sealed class EntraUserToken(IAuthenticationSchemeProvider schemes) : IEntraUserToken
{
    /// <summary>The scheme the Entra sign-in registers (issue 10's shared contract).</summary>
    public const string SchemeName = "EntraBearer";

    public async ValueTask<string?> GetAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.User.Identity?.IsAuthenticated != true || await schemes.GetSchemeAsync(SchemeName) is null)
        {
            return null;
        }

        var result = await context.AuthenticateAsync(SchemeName);
        if (!result.Succeeded)
        {
            return null;
        }

        var header = context.Request.Headers[HeaderNames.Authorization].ToString();
        const string bearer = "Bearer ";
        return header.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) && header.Length > bearer.Length ? header[bearer.Length..].Trim() : null;
    }
}
