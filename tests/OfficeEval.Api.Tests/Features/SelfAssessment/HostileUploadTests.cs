using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using OfficeEval.Api.Tests.Support;

namespace OfficeEval.Api.Tests.Features.SelfAssessment;

/// <summary>
/// Every file of the bad-file corpus uploaded as the unit's workbook: a 4xx problem-details answer in both languages,
/// never a 5xx, and nothing stored. The corpus's own test checks each file's specific code against its template;
/// here the identity-bearing files belong to another campaign, so they are refused as such.
/// </summary>
public sealed class HostileUploadTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    public static TheoryData<string> CorpusFiles() =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Corpus", "bad")).Where(path => !path.EndsWith(".json", StringComparison.Ordinal)).Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public async Task Upload_CorpusFile_Answers4xxProblemAndStoresNothing(string file)
    {
        var staff = await api.SignInAsync(DemoUsers.Staff);
        var campaignId = (await staff.GetFromJsonAsync<List<IdBody>>("/api/campaigns"))!.Single().Id;
        var unitId = Assert.Single((await staff.GetFromJsonAsync<List<IdBody>>($"/api/campaigns/{campaignId}/units"))!).Id;
        var before = await api.Database.ScalarAsync<long>("SELECT count(*) FROM self_assessment_answers");

        var response = await staff.PostAsync($"/api/campaigns/{campaignId}/units/{unitId}/self-assessment/workbook",
            Form(await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Corpus", "bad", file))));

        Assert.InRange((int)response.StatusCode, 400, 499);
        var problem = await Problem.ReadAsync(response);
        Assert.StartsWith("upload.", problem.Code, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(problem.MessageZh));
        Assert.False(string.IsNullOrWhiteSpace(problem.MessageEn));
        Assert.Equal(before, await api.Database.ScalarAsync<long>("SELECT count(*) FROM self_assessment_answers"));
    }

    [Fact]
    public async Task Upload_LargerThanTheLimit_Answers413()
    {
        var staff = await api.SignInAsync(DemoUsers.Staff);
        var campaignId = (await staff.GetFromJsonAsync<List<IdBody>>("/api/campaigns"))!.Single().Id;
        var unitId = Assert.Single((await staff.GetFromJsonAsync<List<IdBody>>($"/api/campaigns/{campaignId}/units"))!).Id;
        var bytes = new byte[11 * 1024 * 1024];
        "PK\u0003\u0004"u8.CopyTo(bytes);

        var response = await staff.PostAsync($"/api/campaigns/{campaignId}/units/{unitId}/self-assessment/workbook", Form(bytes));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.StartsWith("upload.too_large", (await Problem.ReadAsync(response)).Code, StringComparison.Ordinal);
    }

    private static MultipartFormDataContent Form(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        return new MultipartFormDataContent { { content, "file", "自评表.xlsx" } };
    }

    private sealed record IdBody(Guid Id);
}
