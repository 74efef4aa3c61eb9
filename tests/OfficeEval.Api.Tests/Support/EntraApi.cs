using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OfficeEval.Api.Features.Identity.Entra;

namespace OfficeEval.Api.Tests.Support;

/// <summary>
/// The API with Entra sign-in enabled against its own stub identity provider (started first, stopped last).
/// <c>GET /test/entra-token</c> answers what later code finds of the incoming token after authentication.
/// </summary>
public class EntraApi : ApiFactory
{
    private bool _disposed;

    public StubIdentityProvider Idp { get; private set; } = null!;

    public EntraTokens Tokens { get; private set; } = null!;

    protected virtual bool AutoProvision => true;

    protected virtual bool GroupRoles => true;

    protected override IReadOnlyDictionary<string, string?> Settings => EntraTest.Settings(Idp.Instance, AutoProvision, GroupRoles);

    public override async Task InitializeAsync()
    {
        Idp = await StubIdentityProvider.StartAsync();
        Tokens = new EntraTokens(Idp);
        await base.InitializeAsync();
    }

    /// <summary>A client sending this bearer token.</summary>
    public HttpClient Client(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (!_disposed && Idp is not null)
        {
            _disposed = true;
            await Idp.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, TokenEcho>());
    }

    private sealed class TokenEcho : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, following) =>
            {
                if (context.Request.Path != "/test/entra-token")
                {
                    await following(context);
                    return;
                }

                var result = await context.AuthenticateAsync();
                await context.Response.WriteAsJsonAsync(new
                {
                    authenticated = result.Succeeded,
                    item = context.Items[EntraSetup.AccessTokenItem] as string,
                    saved = await context.GetTokenAsync("access_token"),
                });
            });
            next(app);
        };
    }
}

/// <summary>Entra sign-in with accounts only by an administrator's link, and the roles administrators set.</summary>
public sealed class EntraLinkedOnlyApi : EntraApi
{
    protected override bool AutoProvision => false;

    protected override bool GroupRoles => false;
}
