using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OfficeEval.Api.Features.Rectification;
using OfficeEval.Api.Tests.Support;
using static OfficeEval.Api.Tests.Features.Rectification.LedgerApi;
using static OfficeEval.Api.Tests.Features.Rectification.LedgerFactory;

namespace OfficeEval.Api.Tests.Features.Rectification;

/// <summary>
/// Who may move an item where: every action × every status × everyone the rules tell apart, against the table of the
/// issue — the unit's staff (or the office) start and submit; a reviewer of the unit's group (or the office) enters,
/// edits, closes (销号), returns and reopens; only the office deletes, and only items not started. The wrong person is
/// 403 whatever the status; the right person from the wrong status is 409.
/// </summary>
public sealed class LedgerRulesTests(LedgerFactory api) : IClassFixture<LedgerFactory>
{
    /// <summary>Who holds the right each action takes.</summary>
    private static readonly Dictionary<string, string[]> Holders = new()
    {
        ["start"] = [Admin, UnitStaff],
        ["submit"] = [Admin, UnitStaff],
        ["close"] = [Admin, GroupReviewer],
        ["return"] = [Admin, GroupReviewer],
        ["reopen"] = [Admin, GroupReviewer],
        ["edit"] = [Admin, GroupReviewer],
        ["delete"] = [Admin],
    };

    /// <summary>The status each action starts from, and where it leads (edit keeps the status; delete removes the item).</summary>
    private static readonly Dictionary<string, (string[] From, string? To)> Moves = new()
    {
        ["start"] = (["Open"], "Rectifying"),
        ["submit"] = (["Rectifying"], "Submitted"),
        ["close"] = (["Submitted"], "Closed"),
        ["return"] = (["Submitted"], "Rectifying"),
        ["reopen"] = (["Closed"], "Rectifying"),
        ["edit"] = (["Open", "Rectifying"], null),
        ["delete"] = (["Open"], null),
    };

    public static TheoryData<string, string, string> Cases()
    {
        var cases = new TheoryData<string, string, string>();
        foreach (var action in Moves.Keys)
        {
            foreach (var status in Enum.GetNames<RectificationStatus>())
            {
                foreach (var who in Everyone)
                {
                    cases.Add(action, status, who);
                }
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Action_ByWhomFromStatus_AllowedOrRefusedAsTheTableSays(string action, string status, string who)
    {
        var client = await api.ClientAsync(who);
        var id = await SeedAsync(api, api.Demo.Id, api.Unit, Enum.Parse<RectificationStatus>(status));
        var url = ItemUrl(api.Demo.Id, api.Unit, id);

        var response = action switch
        {
            "edit" => await SendAsync(client, HttpMethod.Patch, url, new { deadline = "2099-06-30", responsiblePerson = "李明" }, 1),
            "delete" => await SendAsync(client, HttpMethod.Delete, url, null, 1),
            "start" => await SendAsync(client, HttpMethod.Post, url + "/start", new { }, 1),
            "submit" => await SendAsync(client, HttpMethod.Post, url + "/submit", new { description = "已完成整改，制度已印发" }, 1),
            _ => await SendAsync(client, HttpMethod.Post, $"{url}/{action}", new { note = "核验意见" }, 1),
        };

        var stored = await StoredAsync(api, id);
        var (from, to) = Moves[action];
        if (!Holders[action].Contains(who))
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("forbidden", (await Problem.ReadAsync(response)).Code);
            Assert.Equal((status, 1), (stored!.Status.ToString(), stored.Revision));
        }
        else if (!from.Contains(status))
        {
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal(action switch { "edit" => "rectification.not_editable", "delete" => "rectification.not_deletable", _ => "rectification.transition_invalid" },
                body["code"]!.GetValue<string>());
            if (to is not null)
            {
                Assert.Equal((status, from[0], to), (body["itemStatus"]!.GetValue<string>(), body["from"]!.GetValue<string>(), body["to"]!.GetValue<string>()));
            }

            Assert.Equal((status, 1), (stored!.Status.ToString(), stored.Revision));
        }
        else if (action == "delete")
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
            Assert.Null(stored);
        }
        else
        {
            var item = await ReadAsync(response);
            Assert.Equal(to ?? status, item["status"]!.GetValue<string>());
            Assert.Equal((to ?? status, 2), (stored!.Status.ToString(), stored.Revision));
            Assert.Equal("\"2\"", response.Headers.ETag!.Tag);
            var step = item["history"]!.AsArray().Last()!;
            Assert.Equal(action == "edit" ? "changed" : action, step["action"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Create_ByWhom_OnlyTheUnitsReviewersAndTheOffice()
    {
        foreach (var who in Everyone)
        {
            var client = await api.ClientAsync(who);

            var response = await SendAsync(client, HttpMethod.Post, UnitUrl(api.Demo.Id, api.Unit), NewItem($"{who} 录入的问题"));

            if (who is Admin or GroupReviewer)
            {
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                var item = await ReadAsync(response);
                Assert.Equal(("Open", "Manual", 1), (item["status"]!.GetValue<string>(), item["source"]!.GetValue<string>(), item["revision"]!.GetValue<int>()));
                Assert.Equal($"/api/campaigns/{api.Demo.Id}/units/{api.Unit}/rectification/{item["id"]}", response.Headers.Location!.OriginalString);
            }
            else
            {
                Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            }
        }
    }

    [Fact]
    public async Task Read_ByWhom_TheUnitsPeopleAndTheOfficeSide()
    {
        var id = await SeedAsync(api, api.Demo.Id, api.Unit, RectificationStatus.Open);
        foreach (var who in Everyone)
        {
            var client = await api.ClientAsync(who);

            var one = await client.GetAsync(ItemUrl(api.Demo.Id, api.Unit, id));
            var list = await client.GetAsync(UnitUrl(api.Demo.Id, api.Unit));

            var expected = who is OtherReviewer or OtherStaff ? HttpStatusCode.Forbidden : HttpStatusCode.OK;
            Assert.Equal((expected, expected), (one.StatusCode, list.StatusCode));
        }
    }

    [Fact]
    public async Task ItemOfAnotherUnit_ThroughOwnUnitsRoute_NotFound()
    {
        var staff = await api.ClientAsync(UnitStaff);
        var other = await SeedAsync(api, api.Demo.Id, api.Demo["DW-ZZB"], RectificationStatus.Open);

        var read = await staff.GetAsync(ItemUrl(api.Demo.Id, api.Unit, other));
        var start = await SendAsync(staff, HttpMethod.Post, ItemUrl(api.Demo.Id, api.Unit, other, "/start"), new { }, 1);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (read.StatusCode, start.StatusCode));
        Assert.Equal(RectificationStatus.Open, (await StoredAsync(api, other))!.Status);
    }

    [Fact]
    public void Workflow_EveryTransition_FromAndToAsTheIssueSays()
    {
        // The rules the endpoints use, against the issue's list: open → rectifying → submitted → closed, or back.
        Assert.Equal(
            [("Start", "Open", "Rectifying"), ("Submit", "Rectifying", "Submitted"), ("Close", "Submitted", "Closed"), ("Return", "Submitted", "Rectifying"), ("Reopen", "Closed", "Rectifying")],
            RectificationWorkflow.Transitions.Select(t => (t.ToString(), RectificationWorkflow.From(t).ToString(), RectificationWorkflow.To(t).ToString())));
        Assert.Equal(["Close", "Reopen", "Return"], RectificationWorkflow.Transitions.Where(RectificationWorkflow.NeedsNote).Select(t => t.ToString()).Order());
    }
}
