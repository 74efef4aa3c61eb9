using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using OfficeEval.Api.Features.Audit;
using OfficeEval.Api.Infrastructure;

namespace OfficeEval.Api.Features.Identity.Entra;

/// <summary>Why the Entra bearer scheme refused a request, kept for its challenge.</summary>
public sealed class EntraSignInRefusedException(EntraError error, TimeSpan? retryAfter) : Exception(error?.MessageEn)
{
    public EntraError Error { get; } = error ?? throw new ArgumentNullException(nameof(error));

    public TimeSpan? RetryAfter { get; } = retryAfter;
}

/// <summary>
/// The <see cref="EntraSetup.Scheme"/> authentication scheme: a request whose bearer token is an Entra access token
/// is signed in as the local account it maps to (<see cref="EntraAccounts"/>), with the same claims a local sign-in
/// gives, so every access policy applies unchanged. The token stays available to later code for on-behalf-of calls:
/// <c>HttpContext.Items[<see cref="EntraSetup.AccessTokenItem"/>]</c>, and <c>GetTokenAsync("access_token")</c>.
/// A refusal answers 401 (token), 403 (no access for this user) or 503 (keys unavailable) with its problem code
/// and, for 401, <c>WWW-Authenticate: Bearer error="invalid_token"</c>.
/// </summary>
public sealed class EntraBearerHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IEntraTokenValidator validator,
    EntraAccounts accounts,
    EntraSignInCache cache,
    AuditTrail audit)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (EntraSetup.BearerToken(Request) is not { } token)
        {
            return AuthenticateResult.NoResult();
        }

        var cancellationToken = Context.RequestAborted;
        var validation = await validator.ValidateAsync(token, cancellationToken);
        if (validation.Identity is not { } identity)
        {
            return await RefuseAsync(token, validation.Error!, null, validation.Seen, validation.RetryAfter);
        }

        var account = cache.Account(identity);
        if (account is null)
        {
            account = await accounts.SignInAsync(identity, cancellationToken);
            if (account.Refusal is null)
            {
                cache.Remember(identity, account);
            }
        }

        if (account.Refusal is { } refusal)
        {
            return await RefuseAsync(token, refusal, account.UserId,
                new EntraClaimsSeen(identity.Username, identity.ObjectId.ToString(), identity.TenantId.ToString()), null);
        }

        if (cache.TryMarkSignIn(identity, out var key))
        {
            try
            {
                await audit.RecordAsync(SignInAudit.EntraSucceeded(account.UserId!.Value, account.AccountName, identity), cancellationToken: cancellationToken);
            }
            catch
            {
                cache.Forget(key);
                throw;
            }
        }

        Context.Items[EntraSetup.AccessTokenItem] = token;
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            account.Claims.Select(c => new Claim(c.Key, c.Value)), Scheme.Name, ClaimTypes.Name, ClaimTypes.Role));
        var properties = new AuthenticationProperties { ExpiresUtc = identity.ExpiresAt };
        properties.StoreTokens([new AuthenticationToken { Name = "access_token", Value = token }]);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, properties, Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var refused = (await HandleAuthenticateOnceSafeAsync()).Failure as EntraSignInRefusedException;
        var error = refused?.Error ?? EntraErrors.Malformed;
        if (error.Status == StatusCodes.Status401Unauthorized)
        {
            Response.Headers.WWWAuthenticate = $"Bearer error=\"invalid_token\", error_description=\"{error.MessageEn.Replace('"', '\'')}\"";
        }

        if (refused?.RetryAfter is { } wait)
        {
            Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        await ApiProblem.Create(error.Status, error.Code, error.MessageZh, error.MessageEn).ExecuteAsync(Context);
    }

    private async Task<AuthenticateResult> RefuseAsync(string token, EntraError error, Guid? userId, EntraClaimsSeen? seen, TimeSpan? retryAfter)
    {
        Logger.LogInformation("Entra sign-in refused: {Code} (tenant {Tenant}, object {ObjectId}).", error.Code, seen?.TenantId, seen?.ObjectId);
        if (cache.TryMarkFailure(token, error.Code, out var key))
        {
            try
            {
                await audit.RecordAsync(SignInAudit.EntraFailed(error.Code, userId, seen), cancellationToken: Context.RequestAborted);
            }
            catch
            {
                cache.Forget(key);
                throw;
            }
        }

        return AuthenticateResult.Fail(new EntraSignInRefusedException(error, retryAfter));
    }
}
