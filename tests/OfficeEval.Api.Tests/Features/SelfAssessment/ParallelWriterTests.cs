using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OfficeEval.Api.Tests.Support;

namespace OfficeEval.Api.Tests.Features.SelfAssessment;

/// <summary>
/// Several staff of one unit editing one draft at once: each reads, changes and saves with If-Match, and on 412 starts
/// again from the current draft it was given. No write may be lost: every writer's every change is in the end state.
/// </summary>
public sealed class ParallelWriterTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const int Writers = 6;
    private const int WritesEach = 5;

    [Fact]
    public async Task ParallelReadModifyWrite_OnOneLeaf_LosesNoUpdate()
    {
        var clients = new List<HttpClient>();
        for (var i = 0; i < Writers; i++)
        {
            clients.Add(await api.SignInAsync(DemoUsers.Staff));
        }

        var (campaignId, unitId) = await Drafts.StaffUnit(clients[0]);
        var (_, start) = await Drafts.GetAsync(clients[0], campaignId, unitId);
        var conflicts = 0;

        // Every writer appends its own tokens to the same leaf's explanation: a lost update would drop tokens.
        await Task.WhenAll(clients.Select((client, w) => Task.Run(async () =>
        {
            for (var n = 0; n < WritesEach; n++)
            {
                var token = $"w{w}-{n};";
                var (draft, revision) = await Drafts.GetAsync(client, campaignId, unitId);
                while (true)
                {
                    var explanation = Explanation(draft) + token;
                    var response = await Drafts.PatchAsync(client, campaignId, unitId, revision, new { indicatorCode = "3.1", explanation });
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        break;
                    }

                    Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
                    Interlocked.Increment(ref conflicts);
                    var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
                    draft = body["current"]!.AsObject();
                    revision = int.Parse(body["currentETag"]!.GetValue<string>().Trim('"'), System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        })));

        var (final, finalRevision) = await Drafts.GetAsync(clients[0], campaignId, unitId);
        var tokens = Explanation(final).Split(';', StringSplitOptions.RemoveEmptyEntries);
        var expected = Enumerable.Range(0, Writers).SelectMany(w => Enumerable.Range(0, WritesEach).Select(n => $"w{w}-{n}")).Order().ToArray();
        Assert.Equal(expected, tokens.Order().ToArray());
        Assert.Equal(start + (Writers * WritesEach), finalRevision);
        Assert.Equal(Writers * WritesEach, await api.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM audit_entries WHERE action = 'self_assessment.answers_changed' AND unit_id = '{unitId}'"));
    }

    private static string Explanation(JsonObject draft) =>
        draft["answers"]!.AsArray().FirstOrDefault(a => a!["indicatorCode"]!.GetValue<string>() == "3.1")?["explanation"]?.GetValue<string>() ?? "";
}
