using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace OfficeEval.Api.Tests.Features.Audit;

/// <summary>The audit endpoints' bodies and the few calls the audit tests make over HTTP.</summary>
public static class AuditApi
{
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public sealed record Page(List<Entry> Items, long? NextBefore);

    public sealed record Entry(
        long Seq, DateTimeOffset At, Guid? ActorId, string ActorName, string Action, string Target, Guid? CampaignId, Guid? UnitId,
        string? ClientIp, JsonElement Details, string PrevHash, string Hash)
    {
        public JsonElement Data => Details.GetProperty("data");
    }

    public sealed record Verification(
        bool Valid, long EntriesChecked, long? FirstSeq, long? LastSeq, string? LastHash, long? BrokenSeq, string? Reason, string? MessageZh, string? MessageEn);

    public sealed record Campaign(Guid Id);

    public sealed record Unit(Guid Id, string Code);

    public sealed record Me(Guid Id, string Email);

    public static async Task<Page> QueryAsync(HttpClient admin, string query = "")
    {
        var response = await admin.GetAsync("/api/audit" + (query.Length == 0 ? "" : "?" + query));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Page>())!;
    }

    public static async Task<Verification> VerifyAsync(HttpClient admin) =>
        (await admin.GetFromJsonAsync<Verification>("/api/audit/verify"))!;

    public static Task<HttpResponseMessage> LoginAsync(HttpClient client, string email, string password) =>
        client.PostAsJsonAsync("/api/auth/login", new { email, password });

    public static async Task<(Guid Campaign, Guid Unit)> StaffUnitAsync(HttpClient staff)
    {
        var campaign = Assert.Single((await staff.GetFromJsonAsync<List<Campaign>>("/api/campaigns"))!).Id;
        var unit = Assert.Single((await staff.GetFromJsonAsync<List<Unit>>($"/api/campaigns/{campaign}/units"))!).Id;
        return (campaign, unit);
    }

    public static string WorkbookUrl(Guid campaign, Guid unit) => $"/api/campaigns/{campaign}/units/{unit}/self-assessment/workbook";

    public static MultipartFormDataContent Form(byte[] bytes)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(Xlsx);
        return new MultipartFormDataContent { { file, "file", "自评表.xlsx" } };
    }

    public static string Escape(string value) => Uri.EscapeDataString(value);
}
