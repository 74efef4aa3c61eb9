namespace OfficeEval.Api.Features.Graph;

/// <summary>The Entra access token the caller signed in with, to exchange on their behalf; null for a local sign-in.</summary>
public interface IEntraUserToken
{
    ValueTask<string?> GetAsync(HttpContext context);
}
