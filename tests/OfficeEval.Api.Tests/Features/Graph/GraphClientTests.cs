using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using OfficeEval.Api.Features.Graph;

namespace OfficeEval.Api.Tests.Features.Graph;

/// <summary>
/// The Graph client and its tokens against the stub Microsoft on loopback: what goes over the wire (token forms,
/// upload paths, chunks, the people filter, the mail) and how failures are retried. Waits are read from the retry
/// clock, never measured.
/// </summary>
public sealed class GraphClientTests(GraphApi api) : IClassFixture<GraphApi>
{
    private const string GraphScope = "https://graph.microsoft.com/.default";

    [Fact]
    public async Task AppToken_ClientCredentials_FormAsTheIdentityProviderExpects_ThenFromTheCache()
    {
        var (_, tokens, scope) = Fresh();
        using (scope)
        {
            var token = await tokens.GetAppTokenAsync(CancellationToken.None);
            var requests = api.Stub.TokenRequests.Count;
            var again = await tokens.GetAppTokenAsync(CancellationToken.None);

            Assert.StartsWith("app-token-", token, StringComparison.Ordinal);
            Assert.Equal(token, again);
            Assert.Equal(requests, api.Stub.TokenRequests.Count);
            var request = Assert.Single(api.Stub.TokenRequests, r => r.Form.GetValueOrDefault("grant_type") == "client_credentials");
            Assert.Equal(("POST", $"/{StubMicrosoft.Tenant}/oauth2/v2.0/token"), (request.Method, request.Path));
            Assert.Equal(StubMicrosoft.ClientId, request.Form["client_id"]);
            Assert.Equal(StubMicrosoft.ClientSecret, request.Form["client_secret"]);
            Assert.Equal(GraphScope, request.Form["scope"]);
            Assert.DoesNotContain("assertion", request.Form.Keys);
        }
    }

    [Fact]
    public async Task DelegatedToken_OnBehalfOf_CarriesTheUsersAssertion_CachedPerAssertion()
    {
        var (_, tokens, scope) = Fresh();
        using (scope)
        {
            var assertion = UserAssertion();
            var token = await tokens.GetDelegatedTokenAsync(assertion, CancellationToken.None);
            var cached = await tokens.GetDelegatedTokenAsync(assertion, CancellationToken.None);
            var other = await tokens.GetDelegatedTokenAsync(UserAssertion(), CancellationToken.None);

            Assert.StartsWith("obo-token-", token, StringComparison.Ordinal);
            Assert.Equal(token, cached);
            Assert.NotEqual(token, other);
            var request = Assert.Single(api.Stub.TokenRequests, r => r.Form.GetValueOrDefault("assertion") == assertion);
            Assert.Equal($"/{StubMicrosoft.Tenant}/oauth2/v2.0/token", request.Path);
            Assert.Equal("urn:ietf:params:oauth:grant-type:jwt-bearer", request.Form["grant_type"]);
            Assert.Equal("on_behalf_of", request.Form["requested_token_use"]);
            Assert.Equal((StubMicrosoft.ClientId, StubMicrosoft.ClientSecret), (request.Form["client_id"], request.Form["client_secret"]));
            Assert.Contains(GraphScope, request.Form["scope"].Split(' '));
        }
    }

    [Fact]
    public async Task FindPeople_QuoteAndAmpersandInTheQuery_OneEscapedFilterWithTheDelegatedToken()
    {
        var (graph, _, scope) = Fresh();
        using (scope)
        {
            var people = await graph.FindPeopleAsync(UserAssertion(), "O'Brien & 张", CancellationToken.None);

            var person = Assert.Single(people);
            Assert.Equal(("u-1", "O'Brien 张", "obrien@contoso.cn"), (person.Id, person.DisplayName, person.Mail));
            var request = Assert.Single(api.Stub.GraphRequests, r => r.Path == "/v1.0/users");
            Assert.Equal("GET", request.Method);
            Assert.StartsWith("Bearer obo-token-", request.Authorization, StringComparison.Ordinal);
            // The quote doubled inside the literal, and the ampersand encoded: it neither ends the literal nor starts a parameter.
            Assert.Contains("%27O%27%27Brien%20%26%20%E5%BC%A0%27", request.RawTarget, StringComparison.Ordinal);
            var query = QueryHelpers.ParseQuery(new Uri("http://stub" + request.RawTarget).Query);
            Assert.Equal(["$filter", "$select", "$top"], query.Keys.Order(StringComparer.Ordinal));
            Assert.Equal("startswith(displayName,'O''Brien & 张') or startswith(mail,'O''Brien & 张')", query["$filter"].ToString());
            Assert.Equal(("id,displayName,mail,userPrincipalName", "10"), (query["$select"].ToString(), query["$top"].ToString()));
        }
    }

    [Fact]
    public async Task Upload_SmallFile_OnePutToThePathWithTheAppToken()
    {
        var (graph, _, scope) = Fresh();
        using (scope)
        {
            var bytes = RandomNumberGenerator.GetBytes(1000);

            var item = await graph.UploadAsync("评估/2026 年度", "报告 #1.docx", new MemoryStream(bytes), CancellationToken.None);

            var put = Assert.Single(api.Stub.GraphRequests);
            Assert.Equal("PUT", put.Method);
            Assert.Equal("/v1.0/drives/b%21stub-drive/root:/%E8%AF%84%E4%BC%B0/2026%20%E5%B9%B4%E5%BA%A6/%E6%8A%A5%E5%91%8A%20%231.docx:/content?@microsoft.graph.conflictBehavior=replace",
                put.RawTarget);
            Assert.StartsWith("Bearer app-token-", put.Authorization, StringComparison.Ordinal);
            Assert.Equal("application/octet-stream", put.Headers["Content-Type"]);
            Assert.Equal(bytes, put.Body);
            Assert.Equal(bytes, api.Stub.Files["评估/2026 年度/报告 #1.docx"]);
            Assert.Equal(("报告 #1.docx", 1000L), (item.Name, item.Size));
            Assert.Equal(StubMicrosoft.WebRoot + "/%E8%AF%84%E4%BC%B0/2026%20%E5%B9%B4%E5%BA%A6/%E6%8A%A5%E5%91%8A%20%231.docx", item.WebUrl);
        }
    }

    [Fact]
    public async Task Upload_LargeFile_UploadSessionInChunksWithContentRange()
    {
        var (graph, _, scope) = Fresh();
        using (scope)
        {
            var bytes = RandomNumberGenerator.GetBytes((5 * 1024 * 1024) + 123);

            await graph.UploadAsync("评估", "汇总.xlsx", new MemoryStream(bytes), CancellationToken.None);

            var requests = api.Stub.GraphRequests;
            Assert.Equal(3, requests.Count);
            var create = requests[0];
            Assert.Equal(("POST", "/v1.0/drives/b!stub-drive/root:/评估/汇总.xlsx:/createUploadSession"), (create.Method, create.Path));
            Assert.StartsWith("Bearer app-token-", create.Authorization, StringComparison.Ordinal);
            Assert.Equal("replace", create.Json.GetProperty("item").GetProperty("@microsoft.graph.conflictBehavior").GetString());
            Assert.All(requests.Skip(1), r => Assert.Equal("PUT", r.Method));
            Assert.All(requests.Skip(1), r => Assert.StartsWith("/upload/", r.Path, StringComparison.Ordinal));
            // The upload URL is pre-authorised: a bearer token sent there is refused by Graph.
            Assert.All(requests.Skip(1), r => Assert.Null(r.Authorization));
            Assert.Equal(["bytes 0-3276799/5243003", "bytes 3276800-5243002/5243003"], requests.Skip(1).Select(r => r.Headers["Content-Range"]));
            Assert.Equal([3276800, 1966203], requests.Skip(1).Select(r => r.Body.Length));
            Assert.Equal(bytes, api.Stub.Files["评估/汇总.xlsx"]);
        }
    }

    [Fact]
    public async Task Upload_ChunkAnswerLost_AskedWhereTheSessionStands_NoByteSentTwice()
    {
        var (graph, _, scope) = Fresh();
        using (scope)
        {
            var bytes = RandomNumberGenerator.GetBytes((7 * 1024 * 1024) + 1);
            api.Stub.LoseNextChunkAnswer = true;

            await graph.UploadAsync("评估", "大文件.docx", new MemoryStream(bytes), CancellationToken.None);

            var session = api.Stub.GraphRequests.Skip(1).Select(r => (r.Method, r.Headers.GetValueOrDefault("Content-Range"))).ToList();
            Assert.Equal(
                [("PUT", "bytes 0-3276799/7340033"), ("PUT", "bytes 0-3276799/7340033"), ("GET", null), ("PUT", "bytes 3276800-6553599/7340033"), ("PUT", "bytes 6553600-7340032/7340033")],
                session);
            Assert.Equal(bytes, api.Stub.Files["评估/大文件.docx"]);
            Assert.Single(api.RetryClock.Waits);
        }
    }

    [Fact]
    public async Task SendMail_BodyAsGraphExpects_FromTheSendersMailbox()
    {
        var (graph, _, scope) = Fresh();
        using (scope)
        {
            await graph.SendMailAsync(GraphApi.Sender, ["a@contoso.cn", "b@contoso.cn"], ["office@contoso.cn"], "提醒 <自评>", "<p>请尽快提交</p>", CancellationToken.None);

            var request = Assert.Single(api.Stub.GraphRequests);
            Assert.Equal(("POST", "/v1.0/users/bianban%40contoso.cn/sendMail"), (request.Method, request.RawTarget));
            Assert.StartsWith("Bearer app-token-", request.Authorization, StringComparison.Ordinal);
            Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
            var message = request.Json.GetProperty("message");
            Assert.Equal("提醒 <自评>", message.GetProperty("subject").GetString());
            Assert.Equal(("HTML", "<p>请尽快提交</p>"), (message.GetProperty("body").GetProperty("contentType").GetString(), message.GetProperty("body").GetProperty("content").GetString()));
            Assert.Equal(["a@contoso.cn", "b@contoso.cn"], Addresses(message.GetProperty("toRecipients")));
            Assert.Equal(["office@contoso.cn"], Addresses(message.GetProperty("ccRecipients")));
            Assert.True(request.Json.GetProperty("saveToSentItems").GetBoolean());
        }
    }

    [Fact]
    public async Task Retry_429WithRetryAfterSeconds_AsksTheClockForThatWait_ThenSucceeds()
    {
        var (graph, _, scope) = Fresh();
        using (scope)
        {
            api.Stub.Fault(IsMail, 1, _ => StubMicrosoft.GraphError(429, "TooManyRequests", "Slow down.", retryAfter: "7"));

            await graph.SendMailAsync(GraphApi.Sender, ["a@contoso.cn"], [], "s", "b", CancellationToken.None);

            Assert.Equal(2, api.Stub.GraphRequests.Count(IsMail));
            Assert.Equal([TimeSpan.FromSeconds(7)], api.RetryClock.Waits);
        }
    }

    [Fact]
    public async Task Retry_429WithRetryAfterDate_WaitsUntilThatDate()
    {
        var (graph, _, scope) = Fresh();
        using (scope)
        {
            var now = new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero);
            api.RetryClock.PinnedNow = now;
            api.Stub.Fault(IsMail, 1, _ => StubMicrosoft.GraphError(429, "TooManyRequests", "Slow down.", retryAfter: now.AddSeconds(20).ToString("R", CultureInfo.InvariantCulture)));

            await graph.SendMailAsync(GraphApi.Sender, ["a@contoso.cn"], [], "s", "b", CancellationToken.None);

            Assert.Equal([TimeSpan.FromSeconds(20)], api.RetryClock.Waits);
        }
    }

    [Fact]
    public async Task Retry_503Twice_ExponentialBackoffWithJitter_ThenSucceeds()
    {
        var (graph, _, scope) = Fresh();
        using (scope)
        {
            api.Stub.Fault(IsMail, 2, _ => StubMicrosoft.GraphError(503, "serviceNotAvailable", "Try later."));

            await graph.SendMailAsync(GraphApi.Sender, ["a@contoso.cn"], [], "s", "b", CancellationToken.None);

            Assert.Equal(3, api.Stub.GraphRequests.Count(IsMail));
            var waits = api.RetryClock.Waits.ToList();
            Assert.Equal(2, waits.Count);
            // RequestRetrySeconds 2, doubled per try, half of it random: [1, 2] s, then [2, 4] s.
            Assert.InRange(waits[0], TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
            Assert.InRange(waits[1], TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4));
        }
    }

    [Fact]
    public async Task Retry_ConnectionDropped_TriedAgain()
    {
        var (graph, _, scope) = Fresh();
        using (scope)
        {
            api.Stub.Fault(IsMail, 1, _ => StubMicrosoft.Abort());

            await graph.SendMailAsync(GraphApi.Sender, ["a@contoso.cn"], [], "s", "b", CancellationToken.None);

            Assert.Equal(2, api.Stub.GraphRequests.Count(IsMail));
            Assert.Single(api.RetryClock.Waits);
        }
    }

    [Fact]
    public async Task Retry_503Always_StopsAfterTheConfiguredTries_Transient()
    {
        var (graph, _, scope) = Fresh();
        using (scope)
        {
            api.Stub.Fault(IsMail, -1, _ => StubMicrosoft.GraphError(503, "serviceNotAvailable", "Down for maintenance."));

            var error = await Assert.ThrowsAsync<GraphException>(() => graph.SendMailAsync(GraphApi.Sender, ["a@contoso.cn"], [], "s", "b", CancellationToken.None));

            Assert.Equal((503, "serviceNotAvailable", true), (error.Status, error.Code, error.Transient));
            Assert.Equal("HTTP 503 serviceNotAvailable: Down for maintenance.", error.Describe());
            Assert.Equal(3, api.Stub.GraphRequests.Count(IsMail));
            Assert.Equal(2, api.RetryClock.Waits.Count);
        }
    }

    [Fact]
    public async Task Retry_403_NeverRetried_Permanent()
    {
        var (graph, _, scope) = Fresh();
        using (scope)
        {
            api.Stub.Fault(IsMail, -1, _ => StubMicrosoft.GraphError(403, "ErrorAccessDenied", "Access is denied."));

            var error = await Assert.ThrowsAsync<GraphException>(() => graph.SendMailAsync(GraphApi.Sender, ["a@contoso.cn"], [], "s", "b", CancellationToken.None));

            Assert.Equal((403, "ErrorAccessDenied", false), (error.Status, error.Code, error.Transient));
            Assert.Single(api.Stub.GraphRequests, IsMail);
            Assert.Empty(api.RetryClock.Waits);
        }
    }

    [Fact]
    public async Task Retry_RetryAfterBeyondTheBudget_NotWaitedInTheRequest_HandedBackWithTheDelay()
    {
        var (graph, _, scope) = Fresh();
        using (scope)
        {
            api.Stub.Fault(IsMail, 1, _ => StubMicrosoft.GraphError(429, "TooManyRequests", "Come back in an hour.", retryAfter: "3600"));

            var error = await Assert.ThrowsAsync<GraphException>(() => graph.SendMailAsync(GraphApi.Sender, ["a@contoso.cn"], [], "s", "b", CancellationToken.None));

            Assert.Equal((429, true, TimeSpan.FromHours(1)), (error.Status, error.Transient, error.RetryAfter));
            Assert.Single(api.Stub.GraphRequests, IsMail);
            Assert.Empty(api.RetryClock.Waits);
        }
    }

    [Fact]
    public void Backoff_DoublesPerTryWithinItsJitter_CappedAtTheLimit()
    {
        for (var i = 0; i < 200; i++)
        {
            Assert.InRange(GraphRetryHandler.Backoff(1, 1), TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1));
            Assert.InRange(GraphRetryHandler.Backoff(1, 4), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8));
            Assert.InRange(GraphRetryHandler.Backoff(1, 40), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));
        }
    }

    private static bool IsMail(StubMicrosoft.Recorded r) => r.Server == "graph" && r.Path.EndsWith("/sendMail", StringComparison.Ordinal);

    private static List<string?> Addresses(JsonElement recipients) =>
        [.. recipients.EnumerateArray().Select(r => r.GetProperty("emailAddress").GetProperty("address").GetString())];

    /// <summary>Shaped like a JWT; the stub identity provider takes any assertion.</summary>
    private static string UserAssertion() =>
        $"eyJhbGciOiJSUzI1NiJ9.{Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_')}.c2ln";

    /// <summary>A client from a fresh scope, with the stub's log, faults and the retry clock cleared (the token cache is kept).</summary>
    private (IGraphClient Graph, IGraphTokenSource Tokens, IDisposable Scope) Fresh()
    {
        _ = api.Server;
        api.Stub.ClearFaults();
        api.Stub.LoseNextChunkAnswer = false;
        api.RetryClock.Reset();
        api.Stub.ForgetGraphRequests();
        return api.Client();
    }
}
