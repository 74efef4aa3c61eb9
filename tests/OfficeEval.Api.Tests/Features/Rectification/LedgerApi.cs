using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OfficeEval.Api.Features.Campaigns;
using OfficeEval.Api.Features.Identity;
using OfficeEval.Api.Features.Rectification;
using OfficeEval.Api.Tests.Support;

namespace OfficeEval.Api.Tests.Features.Rectification;

/// <summary>
/// The API with everyone the ledger's rules tell apart, signed in once per class: the office (Admin), a reviewer of the
/// unit's group (the demo reviewer: DW-ZZB, ZF-FGW, ZF-JYJ), a reviewer of another group (QT-GQT only), the unit's
/// staff (the demo staff: ZF-FGW), staff of another unit (DW-ZZB) and a Viewer. "The unit" is ZF-FGW of the demo campaign.
/// </summary>
public class LedgerFactory : ApiFactory
{
    public const string Admin = "Admin";
    public const string GroupReviewer = "Reviewer of the unit's group";
    public const string OtherReviewer = "Reviewer of another group";
    public const string UnitStaff = "Staff of the unit";
    public const string OtherStaff = "Staff of another unit";
    public const string Viewer = "Viewer";

    public static readonly string[] Everyone = [Admin, GroupReviewer, OtherReviewer, UnitStaff, OtherStaff, Viewer];

    private readonly SemaphoreSlim _setup = new(1, 1);
    private Dictionary<string, HttpClient>? _clients;

    public DemoCampaign Demo { get; private set; } = null!;

    /// <summary>The unit the tests' items belong to (市发展和改革委员会).</summary>
    public Guid Unit => Demo["ZF-FGW"];

    public async Task<HttpClient> ClientAsync(string who)
    {
        await _setup.WaitAsync();
        try
        {
            _clients ??= await SignInEveryoneAsync();
        }
        finally
        {
            _setup.Release();
        }

        return _clients[who];
    }

    private async Task<Dictionary<string, HttpClient>> SignInEveryoneAsync()
    {
        Demo = await WorkflowSetup.DemoAsync(this);
        var otherReviewer = await Accounts.CreateAsync(this, Roles.Reviewer);
        var otherStaff = await Accounts.CreateAsync(this, Roles.UnitStaff, Demo["DW-ZZB"]);
        await WorkflowSetup.WithDb(this, async db =>
        {
            var group = new ReviewerGroup { Id = Guid.CreateVersion7(), CampaignId = Demo.Id, Name = "第二评估组" };
            group.Members.Add(new ReviewerGroupMember { UserId = otherReviewer.Id });
            // The demo group holds the first three units; QT-GQT is free.
            group.Units.Add(new ReviewerGroupUnit { CampaignId = Demo.Id, UnitId = Demo["QT-GQT"] });
            db.ReviewerGroups.Add(group);
            await db.SaveChangesAsync();
        });

        return new Dictionary<string, HttpClient>
        {
            [Admin] = await SignInAsync(DemoUsers.Admin),
            [GroupReviewer] = await SignInAsync(DemoUsers.Reviewer),
            [OtherReviewer] = Accounts.Client(this, (await Accounts.ActivateAsync(this, otherReviewer)).Tokens.AccessToken),
            [UnitStaff] = await SignInAsync(DemoUsers.Staff),
            [OtherStaff] = Accounts.Client(this, (await Accounts.ActivateAsync(this, otherStaff)).Tokens.AccessToken),
            [Viewer] = await SignInAsync(DemoUsers.Viewer),
        };
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _setup.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>Requests and stored state of the ledger.</summary>
public static class LedgerApi
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string UnitUrl(Guid campaignId, Guid unitId, string path = "") => $"/api/campaigns/{campaignId}/units/{unitId}/rectification{path}";

    public static string ItemUrl(Guid campaignId, Guid unitId, Guid itemId, string path = "") => UnitUrl(campaignId, unitId, $"/{itemId}{path}");

    public static string CampaignUrl(Guid campaignId, string path = "") => $"/api/campaigns/{campaignId}/rectification{path}";

    /// <summary>Sends <paramref name="body"/> (an object as JSON, or content as it is) with <c>If-Match: "revision"</c> when given.</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, object? body = null, int? revision = null)
    {
        using var request = new HttpRequestMessage(method, url)
        {
            Content = body switch
            {
                null => null,
                HttpContent content => content,
                _ => JsonContent.Create(body),
            },
        };
        if (revision is { } r)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{r}\""));
        }

        return await client.SendAsync(request);
    }

    public static async Task<JsonObject> ReadAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public static int Revision(HttpResponseMessage response) => int.Parse(response.Headers.ETag!.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A valid manual item's fields.</summary>
    public static object NewItem(string description = "未按规定公开部门职责清单", string deadline = "2027-06-30", string? indicatorCode = "1.1.1") => new
    {
        indicatorCode,
        category = "DutyPerformance",
        description,
        requirement = "一个月内在门户网站公开职责清单并建立动态调整机制",
        deadline,
        responsiblePerson = "办公室 王伟",
    };

    /// <summary>
    /// Stores an item directly in <paramref name="status"/> (with evidence once submitted, closed details once closed),
    /// revision 1; the workflow that would lead there is not what the calling test is about.
    /// </summary>
    public static Task<Guid> SeedAsync(ApiFactory api, Guid campaignId, Guid unitId, RectificationStatus status, DateOnly? deadline = null,
        ProblemSource source = ProblemSource.Manual, string? sourceRef = null) => WorkflowSetup.WithDb(api, async db =>
    {
        var now = DateTimeOffset.UtcNow;
        var item = new RectificationItem
        {
            Id = Guid.CreateVersion7(),
            CampaignId = campaignId,
            UnitId = unitId,
            IndicatorCode = "1.1.1",
            Category = ProblemCategory.Management,
            Description = "档案管理不规范",
            Requirement = "建立档案管理制度",
            Deadline = deadline ?? new DateOnly(2099, 12, 31),
            Source = source,
            SourceRef = sourceRef,
            Status = status,
            Revision = 1,
            CreatedAt = now,
            UpdatedAt = now,
            Evidence = status is RectificationStatus.Submitted or RectificationStatus.Closed ? [new RectificationEvidence("已建立制度", [])] : [],
            ClosedAt = status == RectificationStatus.Closed ? now : null,
        };
        db.RectificationItems.Add(item);
        await db.SaveChangesAsync();
        return item.Id;
    });

    public static Task<RectificationItem?> StoredAsync(ApiFactory api, Guid itemId) =>
        WorkflowSetup.WithDb(api, db => db.RectificationItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == itemId));

    /// <summary>The audit entries of an item, oldest first: action and parsed details.</summary>
    public static async Task<List<(string Action, JsonElement Details)>> AuditAsync(ApiFactory api, Guid itemId)
    {
        await using var connection = new NpgsqlConnection(api.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT action, details FROM audit_entries WHERE target = @t ORDER BY seq", connection);
        command.Parameters.AddWithValue("t", $"rectification/{itemId}");
        await using var reader = await command.ExecuteReaderAsync();
        var entries = new List<(string, JsonElement)>();
        while (await reader.ReadAsync())
        {
            entries.Add((reader.GetString(0), JsonDocument.Parse(reader.GetString(1)).RootElement.Clone()));
        }

        return entries;
    }
}
