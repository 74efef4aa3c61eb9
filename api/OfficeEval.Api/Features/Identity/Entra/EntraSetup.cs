using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace OfficeEval.Api.Features.Identity.Entra;

public static class EntraSetup
{
    /// <summary>The authentication scheme of Entra access tokens.</summary>
    public const string Scheme = "EntraBearer";

    /// <summary>The default scheme while Entra sign-in is enabled: sends each request to the local or the Entra bearer scheme.</summary>
    public const string SelectorScheme = "BearerSelector";

    /// <summary>
    /// <c>HttpContext.Items</c> key of the incoming Entra access token, set once the request is signed in with it
    /// (absent for local sign-ins): what on-behalf-of calls exchange for a downstream token.
    /// </summary>
    public const string AccessTokenItem = "entra.access_token";

    /// <summary>
    /// The <c>OfficeEval:Entra</c> options (checked at start-up), and — only when Entra sign-in is enabled — its
    /// scheme, with a policy scheme as the default that forwards requests whose bearer token has a JWT's shape to it
    /// and every other request to the local bearer scheme. Disabled, the authentication set-up is exactly the local one.
    /// </summary>
    public static IServiceCollection AddEntraSignIn(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(EntraOptions.Section);
        services.AddOptions<EntraOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EntraOptions>, EntraOptionsValidator>();
        if (!section.GetValue<bool>(nameof(EntraOptions.Enabled)))
        {
            return services;
        }

        services.AddHttpClient(EntraSigningKeys.HttpClientName, client =>
            {
                client.Timeout = TimeSpan.FromSeconds(5);
                client.MaxResponseContentBufferSize = EntraSigningKeys.MaxDocumentBytes;
            })
            // The metadata and the keys are where the configured authority says, not wherever a redirect points.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddSingleton<EntraSigningKeys>();
        services.AddSingleton<IEntraTokenValidator, EntraTokenValidator>();
        services.AddSingleton<EntraSignInCache>();
        services.AddScoped<EntraAccounts>();
        services.AddAuthentication(options => options.DefaultScheme = SelectorScheme)
            .AddPolicyScheme(SelectorScheme, "Local or Entra bearer token", options =>
                options.ForwardDefaultSelector = context => CompactJwt.LooksLikeJwt(BearerToken(context.Request)) ? Scheme : IdentityConstants.BearerScheme)
            .AddScheme<AuthenticationSchemeOptions, EntraBearerHandler>(Scheme, "Microsoft Entra ID", null);
        return services;
    }

    /// <summary>The token of an <c>Authorization: Bearer …</c> header, or null.</summary>
    public static string? BearerToken(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        return header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && header[prefix.Length..].Trim() is { Length: > 0 } token ? token : null;
    }
}
