using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using OfficeEval.Api.Tests.Support;
using static OfficeEval.Api.Tests.Features.Surveys.SurveyApi;

namespace OfficeEval.Api.Tests.Features.Surveys;

/// <summary>
/// Answering through single-use links, and everything that must not get through: replayed, forged, expired and
/// revoked links, a closed questionnaire, concurrent duplicates, oversized, malformed, non-JSON and invalid answers.
/// Whatever is refused stores nothing and leaves the link usable.
/// </summary>
public sealed class SurveyCollectionTests(SurveyApiFactory api) : IClassFixture<SurveyApiFactory>
{
    private readonly HttpClient _anonymous = api.CreateClient();

    [Fact]
    public async Task Token_ReadAnswerReplay_OneResponseThen410Used()
    {
        var (campaign, codes) = await OpenWithLinksAsync(2);
        var code = codes[0];
        Assert.Matches("^k[A-Za-z0-9_-]{22}$", code);

        var read = await GetPublicAsync(_anonymous, code, "203.0.113.1");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("no-store", read.Headers.CacheControl!.ToString());
        var survey = (await read.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(("市发展和改革委员会", People, false), (survey["unit"]!["name"]!.GetValue<string>(), survey["group"]!.GetValue<string>(), survey["mutual"]!.GetValue<bool>()));
        Assert.Equal(["Q1", "Q2", "Q3", "C1"], survey["items"]!.AsArray().Select(i => i!["code"]!.GetValue<string>()));
        var q2 = survey["items"]![1]!;
        Assert.Equal(("ThreePoint", true, "满意"), (q2["scale"]!.GetValue<string>(), q2["required"]!.GetValue<bool>(), q2["options"]![2]!["label"]!.GetValue<string>()));
        Assert.Equal(3, q2["options"]![2]!["value"]!.GetValue<int>());

        var submitted = await SubmitAsync(_anonymous, code, "203.0.113.1", PersonAnswers(5, 3, 1));
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        Assert.Equal("提交成功，感谢您的参与！", (await submitted.Content.ReadFromJsonAsync<JsonObject>())!["message"]!.GetValue<string>());

        var replay = await SubmitAsync(_anonymous, code, "203.0.113.1", PersonAnswers(1, 1));
        Assert.Equal(HttpStatusCode.Gone, replay.StatusCode);
        Assert.Equal("survey.token_used", (await Problem.ReadAsync(replay)).Code);
        Assert.Equal("survey.token_used", (await Problem.ReadAsync(await GetPublicAsync(_anonymous, code, "203.0.113.1"))).Code);
        Assert.Equal(1L, await CountAsync(api, $"SELECT count(*) FROM survey_responses r JOIN surveys s ON s.id = r.survey_id WHERE s.campaign_id = '{campaign.Id}'"));
        Assert.Equal("""[{"item": "Q1", "value": 5}, {"item": "Q2", "value": 3}, {"item": "Q3", "value": 1}]""",
            await api.Database.ScalarAsync<string>($"SELECT r.answers::text FROM survey_responses r JOIN surveys s ON s.id = r.survey_id WHERE s.campaign_id = '{campaign.Id}'"));
    }

    [Theory]
    [InlineData("kAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("oAAAAAAAAAAAAAAAA")]
    [InlineData("not-a-code")]
    [InlineData("k'; DROP TABLE survey_tokens; --")]
    public async Task ForgedCode_404CodeUnknown_ForReadAndSubmit(string code)
    {
        var read = await GetPublicAsync(_anonymous, Uri.EscapeDataString(code), "203.0.113.2");
        var submit = await SubmitAsync(_anonymous, Uri.EscapeDataString(code), "203.0.113.3", PersonAnswers(4, 2));

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal("survey.code_unknown", (await Problem.ReadAsync(read)).Code);
        Assert.Equal("survey.code_unknown", (await Problem.ReadAsync(submit)).Code);
    }

    [Fact]
    public async Task ExpiredRevokedAndClosed_410WithTheirCodes_NothingStored()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var (campaign, codes) = await OpenWithLinksAsync(1);
        var unit = campaign["ZF-FGW"];
        var expiring = await IssueAsync(admin, campaign.Id, new { group = People, unitIds = new[] { unit }, count = 1, expiresAt = DateTimeOffset.UtcNow.AddDays(1) });
        await api.Database.ScalarAsync<int>($"UPDATE survey_token_batches SET expires_at = now() - interval '1 minute' WHERE id = '{expiring["batchId"]}' RETURNING 1");
        var revoked = await IssueAsync(admin, campaign.Id, new { group = People, unitIds = new[] { unit }, count = 1 });
        var revoke = await admin.PostAsync(Url(campaign.Id, $"/batches/{revoked["batchId"]}/revoke"), null);
        Assert.True((await revoke.Content.ReadFromJsonAsync<JsonObject>())!["revoked"]!.GetValue<bool>());

        Assert.Equal("survey.token_expired", (await Problem.ReadAsync(await SubmitAsync(_anonymous, Codes(expiring)[0], "203.0.113.4", PersonAnswers(4, 2)))).Code);
        Assert.Equal("survey.token_revoked", (await Problem.ReadAsync(await SubmitAsync(_anonymous, Codes(revoked)[0], "203.0.113.4", PersonAnswers(4, 2)))).Code);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync(Url(campaign.Id, "/close"), null)).StatusCode);
        var closed = await SubmitAsync(_anonymous, codes[0], "203.0.113.4", PersonAnswers(4, 2));
        Assert.Equal(HttpStatusCode.Gone, closed.StatusCode);
        Assert.Equal("survey.closed", (await Problem.ReadAsync(closed)).Code);
        Assert.Equal("survey.closed", (await Problem.ReadAsync(await GetPublicAsync(_anonymous, codes[0], "203.0.113.4"))).Code);

        Assert.Equal(0L, await ResponsesAsync(campaign.Id));
        var batches = (await admin.GetFromJsonAsync<JsonArray>(Url(campaign.Id, "/batches")))!;
        Assert.Equal([false, false, true], batches.Select(b => b!["revoked"]!.GetValue<bool>()));
        Assert.All(batches, b => Assert.Equal(0, b!["used"]!.GetValue<int>()));
    }

    [Fact]
    public async Task ClosingTimePassed_410Closed()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var campaign = await NewCampaignAsync(api, "ZF-FGW");
        await OpenAsync(admin, campaign.Id, closesAt: DateTimeOffset.UtcNow.AddHours(1));
        var code = Codes(await IssueAsync(admin, campaign.Id, new { group = People, unitIds = new[] { campaign["ZF-FGW"] }, count = 1 }))[0];
        await api.Database.ScalarAsync<int>($"UPDATE surveys SET closes_at = now() - interval '1 second' WHERE campaign_id = '{campaign.Id}' RETURNING 1");

        Assert.Equal("survey.closed", (await Problem.ReadAsync(await SubmitAsync(_anonymous, code, "203.0.113.5", PersonAnswers(4, 2)))).Code);
    }

    [Fact]
    public async Task DraftSurvey_LinksIssuedBeforeOpening_410ClosedUntilOpened()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var campaign = await NewCampaignAsync(api, "ZF-FGW");
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(admin, campaign.Id, Form())).StatusCode);
        var code = Codes(await IssueAsync(admin, campaign.Id, new { group = People, unitIds = new[] { campaign["ZF-FGW"] }, count = 1 }))[0];

        Assert.Equal("survey.closed", (await Problem.ReadAsync(await SubmitAsync(_anonymous, code, "203.0.113.6", PersonAnswers(4, 2)))).Code);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync(Url(campaign.Id, "/open"), null)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await SubmitAsync(_anonymous, code, "203.0.113.6", PersonAnswers(4, 2))).StatusCode);
    }

    [Fact]
    public async Task ConcurrentSubmissions_OneToken_ExactlyOneStored()
    {
        var (campaign, codes) = await OpenWithLinksAsync(1);
        var code = codes[0];
        var clients = Enumerable.Range(0, 12).Select(_ => api.CreateClient()).ToList();

        var responses = await Task.WhenAll(clients.Select((c, i) => Task.Run(() => SubmitAsync(c, code, $"203.0.113.{20 + i}", PersonAnswers(1 + (i % 5), 1 + (i % 3))))));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Gone, r.StatusCode));
        foreach (var refused in responses.Where(r => r.StatusCode == HttpStatusCode.Gone))
        {
            Assert.Equal("survey.token_used", (await Problem.ReadAsync(refused)).Code);
        }

        Assert.Equal(1L, await ResponsesAsync(campaign.Id));
        Assert.Equal(1L, await CountAsync(api, $"SELECT count(*) FROM survey_tokens t JOIN surveys s ON s.id = t.survey_id WHERE s.campaign_id = '{campaign.Id}' AND t.used"));
    }

    [Fact]
    public async Task BadRequests_413_400_415_NothingStored_LinkStillAnswers()
    {
        var (campaign, codes) = await OpenWithLinksAsync(1);
        var code = codes[0];
        var url = $"/api/public/surveys/{code}/responses";
        const string address = "203.0.113.40";

        var padding = new string(' ', 33 * 1024);
        var oversized = await SendAsync(_anonymous, HttpMethod.Post, url, address,
            new StringContent("{\"answers\":[{\"item\":\"Q1\",\"value\":4},{\"item\":\"Q2\",\"value\":3}]" + padding + "}", Encoding.UTF8, "application/json"));
        var chunked = new UnsizedContent(Encoding.UTF8.GetBytes("{\"answers\":[]" + padding + "}"));
        var oversizedChunked = await SendAsync(_anonymous, HttpMethod.Post, url, address, chunked);
        var malformed = await SendAsync(_anonymous, HttpMethod.Post, url, address, new StringContent("{\"answers\": [{\"item\": \"Q1\", ", Encoding.UTF8, "application/json"));
        var notObject = await SendAsync(_anonymous, HttpMethod.Post, url, address, new StringContent("[1,2]", Encoding.UTF8, "application/json"));
        var form = await SendAsync(_anonymous, HttpMethod.Post, url, address, new FormUrlEncodedContent([new("Q1", "4")]));
        var text = await SendAsync(_anonymous, HttpMethod.Post, url, address, new StringContent("{\"answers\":[]}", Encoding.UTF8, "text/plain"));

        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "request.too_large"), (oversized.StatusCode, (await Problem.ReadAsync(oversized)).Code));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversizedChunked.StatusCode);
        Assert.Equal((HttpStatusCode.BadRequest, "request.invalid_json"), (malformed.StatusCode, (await Problem.ReadAsync(malformed)).Code));
        Assert.Equal(HttpStatusCode.BadRequest, notObject.StatusCode);
        Assert.Equal((HttpStatusCode.UnsupportedMediaType, "request.media_type"), (form.StatusCode, (await Problem.ReadAsync(form)).Code));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        Assert.Equal(0L, await ResponsesAsync(campaign.Id));
        Assert.Equal(HttpStatusCode.Created, (await SubmitAsync(_anonymous, code, address, PersonAnswers(4, 3))).StatusCode);
    }

    [Fact]
    public async Task InvalidAnswers_422ByField_NothingStored_LinkStillAnswers()
    {
        var (campaign, codes) = await OpenWithLinksAsync(1);
        var code = codes[0];
        const string address = "203.0.113.50";

        var invalid = await SubmitAsync(_anonymous, code, address,
            Answer("Q1", 6), Answer("M1", 2), Answer("Q3", 2), Answer("Q3", 4));
        var wrongTypes = await SendAsync(_anonymous, HttpMethod.Post, $"/api/public/surveys/{code}/responses", address,
            new StringContent("""{"answers":[{"item":"Q1","value":"4"},{"item":"Q2","value":2.5},{"item":7,"value":1}]}""", Encoding.UTF8, "application/json"));
        var tooMany = await SubmitAsync(_anonymous, code, address, [.. Enumerable.Range(0, 5).Select(i => Answer("Q1", 1))]);
        var empty = await SubmitAsync(_anonymous, code, address);
        var missing = await SendAsync(_anonymous, HttpMethod.Post, $"/api/public/surveys/{code}/responses", address,
            new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        var problem = await Problem.ReadAsync(invalid);
        Assert.Equal("survey.answers_invalid", problem.Code);
        Assert.Equal(
            [("answers[0].value", "survey.value_out_of_range"), ("answers[1].item", "survey.item_unknown"), ("answers[3].item", "survey.answer_duplicate"),
             ("answers", "survey.required_missing")],
            problem.Errors!.Select(e => (e.Field!, e.Code)));
        Assert.Contains("Q2", problem.Errors![^1].MessageZh, StringComparison.Ordinal);
        Assert.Equal(["answers[0].value", "answers[1].value", "answers[2].item"],
            (await Problem.ReadAsync(wrongTypes)).Errors!.Select(e => e.Field));
        var tooManyProblem = Assert.Single((await Problem.ReadAsync(tooMany)).Errors!);
        Assert.Equal(("answers", "survey.answers_too_many"), (tooManyProblem.Field!, tooManyProblem.Code));
        Assert.Equal("survey.answers_missing", Assert.Single((await Problem.ReadAsync(empty)).Errors!).Code);
        Assert.Equal("answers", Assert.Single((await Problem.ReadAsync(missing)).Errors!).Field);

        Assert.Equal(0L, await ResponsesAsync(campaign.Id));
        Assert.Equal(HttpStatusCode.Created, (await SubmitAsync(_anonymous, code, address, PersonAnswers(2, 2, 5))).StatusCode);
        Assert.Equal(1L, await ResponsesAsync(campaign.Id));
    }

    [Fact]
    public async Task Issue_InvalidRequests_422ByField()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var campaign = await NewCampaignAsync(api, "ZF-FGW");
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(admin, campaign.Id, Form())).StatusCode);

        async Task<List<string?>> Fields(object body) =>
            [.. (await Problem.ReadAsync(await admin.PostAsync(Url(campaign.Id, "/tokens"), Body(body)))).Errors!.Select(e => e.Field)];

        Assert.Equal(["group", "unitIds"], await Fields(new { group = "无此群体" }));
        Assert.Equal(["unitIds[1]", "count"], await Fields(new { group = People, unitIds = new[] { campaign["ZF-FGW"], Guid.NewGuid() }, count = 0 }));
        Assert.Equal(["count"], await Fields(new { group = People, unitIds = new[] { campaign["ZF-FGW"] }, count = 2001 }));
        Assert.Equal(["expiresAt"], await Fields(new { group = People, unitIds = new[] { campaign["ZF-FGW"] }, count = 1, expiresAt = DateTimeOffset.UtcNow.AddHours(-1) }));
        Assert.Equal(0L, await CountAsync(api, $"SELECT count(*) FROM survey_token_batches b JOIN surveys s ON s.id = b.survey_id WHERE s.campaign_id = '{campaign.Id}'"));
    }

    [Fact]
    public async Task Issue_CodesReturnedOnce_OnlyHashesStored_AuditHasCountsNotCodes()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var (campaign, codes) = await OpenWithLinksAsync(3);

        Assert.Equal(3, codes.Distinct().Count());
        Assert.Equal(0L, await CountAsync(api, $"SELECT count(*) FROM survey_tokens WHERE position(convert_to('{codes[0]}', 'UTF8') IN token_hash) > 0"));
        Assert.Equal(3L, await CountAsync(api, $"SELECT count(*) FROM survey_tokens t JOIN surveys s ON s.id = t.survey_id WHERE s.campaign_id = '{campaign.Id}' AND length(t.token_hash) = 32"));
        var audit = await api.Database.ScalarAsync<string>($"SELECT details FROM audit_entries WHERE action = 'survey.tokens_issued' AND campaign_id = '{campaign.Id}'");
        Assert.Contains("\"links\":3", audit, StringComparison.Ordinal);
        Assert.DoesNotContain(codes[0], audit, StringComparison.Ordinal);
        var survey = (await admin.GetFromJsonAsync<JsonObject>(Url(campaign.Id)))!;
        Assert.Equal(3, survey["counts"]!["issued"]!.GetValue<int>());
    }

    /// <summary>A new campaign with 市发展和改革委员会, its questionnaire open, and <paramref name="count"/> links for 服务对象.</summary>
    private async Task<(DemoCampaign Campaign, List<string> Codes)> OpenWithLinksAsync(int count)
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var campaign = await NewCampaignAsync(api, "ZF-FGW");
        await OpenAsync(admin, campaign.Id);
        var batch = await IssueAsync(admin, campaign.Id, new { group = People, unitIds = new[] { campaign["ZF-FGW"] }, count });
        return (campaign, Codes(batch));
    }

    /// <summary>A body sent without Content-Length (chunked), so the server must stop reading at the limit itself.</summary>
    private sealed class UnsizedContent : HttpContent
    {
        private readonly byte[] _bytes;

        public UnsizedContent(byte[] bytes)
        {
            _bytes = bytes;
            Headers.ContentType = new("application/json");
        }

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(_bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    private Task<long> ResponsesAsync(Guid campaignId) =>
        CountAsync(api, $"SELECT count(*) FROM survey_responses r JOIN surveys s ON s.id = r.survey_id WHERE s.campaign_id = '{campaignId}'");
}
