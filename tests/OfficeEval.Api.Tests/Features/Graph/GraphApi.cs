using System.Net.Http.Json;
using System.Net.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OfficeEval.Api.Features.Graph;
using OfficeEval.Api.Features.Identity.Entra;
using OfficeEval.Api.Tests.Support;

namespace OfficeEval.Api.Tests.Features.Graph;

/// <summary>
/// The API with Entra and Graph configured against <see cref="StubMicrosoft"/> on loopback: the MSAL client trusts the
/// stub identity provider's certificate (and nothing else does), the retry handler waits on a <see cref="RecordingClock"/>,
/// and the delivery worker polls and backs off in fractions of a second (two attempts of three tries each).
/// </summary>
public sealed class GraphApi : ApiFactory
{
    public const string Sender = "bianban@contoso.cn";
    public const string Folder = "评估/公开";

    /// <summary>The Entra group whose members are reviewers (an Office user who may look people up).</summary>
    public const string ReviewerGroup = "a0000000-0000-4000-8000-0000000000a2";

    private bool _stubStopped;

    public StubMicrosoft Stub { get; private set; } = null!;

    public RecordingClock RetryClock { get; } = new();

    /// <summary>The files folder of this instance (report batches, publishing snapshots).</summary>
    public string FilesPath => Database.FilesFolder;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["OfficeEval:Entra:Enabled"] = "true",
        ["OfficeEval:Entra:Instance"] = Stub.Instance,
        ["OfficeEval:Entra:ClientId"] = StubMicrosoft.ClientId,
        ["OfficeEval:Entra:AllowedTenants:0"] = StubMicrosoft.Tenant,
        ["OfficeEval:Entra:ClientSecret"] = StubMicrosoft.ClientSecret,
        ["OfficeEval:Entra:AutoProvision"] = "true",
        [$"OfficeEval:Entra:GroupRoles:{ReviewerGroup}"] = "Reviewer",
        ["OfficeEval:Entra:Graph:BaseUrl"] = Stub.GraphBaseUrl,
        ["OfficeEval:Entra:Graph:InstanceDiscovery"] = "false",
        ["OfficeEval:Entra:Graph:DriveId"] = StubMicrosoft.DriveId,
        ["OfficeEval:Entra:Graph:FolderPath"] = Folder,
        ["OfficeEval:Entra:Graph:MailSender"] = Sender,
        ["OfficeEval:Entra:Graph:PollSeconds"] = "0.1",
        ["OfficeEval:Entra:Graph:DeliveryAttempts"] = "2",
        ["OfficeEval:Entra:Graph:DeliveryRetrySeconds"] = "0.05",
        ["OfficeEval:Entra:Graph:RequestAttempts"] = "3",
        ["OfficeEval:Entra:Graph:RequestRetrySeconds"] = "2",
        ["OfficeEval:Entra:Graph:RequestRetryBudgetSeconds"] = "30",
        ["OfficeEval:Jobs:PollSeconds"] = "0.1",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddKeyedSingleton<TimeProvider>(GraphSetup.RetryClock, RetryClock);
            // The stub's certificate, pinned: trusted by the API's two clients of the identity provider only (MSAL's, and the
            // sign-in's for metadata and keys), never added to a machine store.
            services.AddHttpClient(MsalGraphTokenSource.HttpClientName).ConfigurePrimaryHttpMessageHandler(TrustingTheStub);
            services.AddHttpClient(EntraSigningKeys.HttpClientName).ConfigurePrimaryHttpMessageHandler(TrustingTheStub);
        });
    }

    /// <summary>A client sending an Entra access token for a new user in <paramref name="groups"/>.</summary>
    public HttpClient EntraClient(params string[] groups)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Stub.IssueUserToken(Guid.NewGuid(), groups));
        return client;
    }

    /// <summary>The stub listens before the host starts and reads its addresses.</summary>
    public override async Task InitializeAsync()
    {
        Stub = await StubMicrosoft.StartAsync();
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Stub is not null && !_stubStopped)
        {
            _stubStopped = true;
            await Stub.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    private SocketsHttpHandler TrustingTheStub() => new()
    {
        AllowAutoRedirect = false,
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == Stub.Certificate.GetCertHashString(),
        },
    };

    /// <summary>A Graph client and token source from a fresh scope of the running API.</summary>
    public (IGraphClient Graph, IGraphTokenSource Tokens, IServiceScope Scope) Client()
    {
        var scope = Services.CreateScope();
        return (scope.ServiceProvider.GetRequiredService<IGraphClient>(), scope.ServiceProvider.GetRequiredService<IGraphTokenSource>(), scope);
    }

    public static async Task<DeliveryView> GetDeliveryAsync(HttpClient admin, Guid id)
    {
        var page = (await admin.GetFromJsonAsync<DeliveryPage>("/api/graph/deliveries?pageSize=200"))!;
        return page.Items.Single(d => d.Id == id);
    }

    /// <summary>Polls the list until every one of <paramref name="ids"/> satisfies <paramref name="until"/>; fails with their states after <paramref name="seconds"/>.</summary>
    public static async Task<List<DeliveryView>> WaitForAsync(HttpClient admin, IReadOnlyCollection<Guid> ids, Func<DeliveryView, bool> until, double seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var page = (await admin.GetFromJsonAsync<DeliveryPage>("/api/graph/deliveries?pageSize=200"))!;
            var mine = page.Items.Where(d => ids.Contains(d.Id)).ToList();
            if (mine.Count == ids.Count && mine.All(until))
            {
                return mine;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Not within {seconds} s: {string.Join("; ", mine)}");
            await Task.Delay(50);
        }
    }

    public static Task<List<DeliveryView>> WaitForEndAsync(HttpClient admin, IReadOnlyCollection<Guid> ids) =>
        WaitForAsync(admin, ids, d => d.Status is "Succeeded" or "Failed");
}

public sealed record DeliveryView(
    Guid Id, string Kind, Guid? CampaignId, Guid? UnitId, string Target, string Status, string StatusZh, int Attempts,
    DateTimeOffset NextAttemptAt, string? LastError, string? ResultUrl, DateTimeOffset CreatedAt, Guid CreatedBy, DateTimeOffset? FinishedAt);

public sealed record DeliveryPage(List<DeliveryView> Items, int Total, int Page, int PageSize);
