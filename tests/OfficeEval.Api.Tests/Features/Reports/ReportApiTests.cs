using System.Net;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Microsoft.EntityFrameworkCore;
using OfficeEval.Api.Features.Review;
using OfficeEval.Api.Features.SelfAssessment;
using OfficeEval.Api.Tests.Features.Results;
using OfficeEval.Api.Tests.Support;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace OfficeEval.Api.Tests.Features.Reports;

/// <summary>The three Word reports over HTTP: the documents, who may download them, and the export audit entries.</summary>
public sealed class ReportApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    [Fact]
    public async Task SelfAssessmentReport_SubmittedVersion_ReportsThatVersionNotTheDraft()
    {
        var demo = await StartAsync();
        var unit = demo["ZF-FGW"];
        var answers = WorkflowSetup.PerfectAnswers(individual: true);
        await WorkflowSetup.SetAssessmentAsync(api, demo.Id, unit, answers.Values, SelfAssessmentStatus.Returned);
        // Version 1 said 较好 on 1.1.1; the draft has since moved to 好.
        await AddVersionAsync(demo.Id, unit, 1, answers.Values.Select(a => AnswerValue.From(a) with
        {
            Option = a.IndicatorCode == "1.1.1" ? "较好" : a.Option,
            Explanation = a.IndicatorCode == "1.1.1" ? "第一次提交的说明" : null,
            Evidence = a.IndicatorCode == "1.1.1" ? ["相关文件"] : null,
        }), new DateTimeOffset(2026, 10, 30, 17, 0, 0, TimeSpan.Zero));
        var staff = await api.SignInAsync(DemoUsers.Staff);

        var response = await staff.GetAsync(Url(demo.Id, unit, "self-assessment"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Docx, response.Content.Headers.ContentType!.MediaType);
        Assert.EndsWith("市发展和改革委员会-自评报告.docx", response.Content.Headers.ContentDisposition!.FileNameStar, StringComparison.Ordinal);
        using var document = await OpenAsync(response);
        // 17:00 UTC is the next day in China.
        Assert.Equal("（根据第1次提交版本编制，2026年10月31日提交）", Subtitle(document));
        var block = Block(document, "1.1.1");
        Assert.Contains("填报情况：选择“较好”。", block);
        Assert.Contains("情况说明：第一次提交的说明", block);
        // The unit's individual indicators are reported with the common ones.
        Assert.Contains("officeeval:indicator:6.2", Tags(document));
        Assert.Empty(new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2016).Validate(document));

        var audit = Assert.Single(await ExportsAsync($"campaign/{demo.Id}/unit/{unit}/report/self-assessment"));
        Assert.Equal("self_assessment_report", audit.RootElement.GetProperty("data").GetProperty("document").GetString());
        Assert.Equal(1, audit.RootElement.GetProperty("data").GetProperty("details").GetProperty("version").GetInt32());
        Assert.EndsWith("自评报告.docx", audit.RootElement.GetProperty("data").GetProperty("fileName").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SelfAssessmentReport_NoVersionYet_ReportsTheDraftAndSaysSo()
    {
        var demo = await StartAsync();
        await WorkflowSetup.SetAssessmentAsync(api, demo.Id, demo["DW-ZZB"], ResultsScenario.DwAnswers().Values, SelfAssessmentStatus.Drafting);
        var admin = await api.SignInAsync(DemoUsers.Admin);

        var response = await admin.GetAsync(Url(demo.Id, demo["DW-ZZB"], "self-assessment"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = await OpenAsync(response);
        Assert.StartsWith("（根据尚未提交的自评草稿编制，", Subtitle(document), StringComparison.Ordinal);
        Assert.Contains("得分：自评得分8分；系统计分6.4分。", Block(document, "1.1.1"));
    }

    [Fact]
    public async Task Reports_UnitNotStarted_ConflictNotStarted()
    {
        var demo = await StartAsync();
        var admin = await api.SignInAsync(DemoUsers.Admin);

        var self = await admin.GetAsync(Url(demo.Id, demo["ZF-JYJ"], "self-assessment"));
        var evaluation = await admin.GetAsync(Url(demo.Id, demo["ZF-JYJ"], "evaluation"));

        Assert.Equal((HttpStatusCode.Conflict, "report.not_started"), (self.StatusCode, (await Problem.ReadAsync(self)).Code));
        Assert.Equal((HttpStatusCode.Conflict, "report.not_started"), (evaluation.StatusCode, (await Problem.ReadAsync(evaluation)).Code));
        Assert.Empty(await ExportsAsync($"campaign/{demo.Id}/unit/{demo["ZF-JYJ"]}/report/self-assessment"));
    }

    [Fact]
    public async Task EvaluationReport_UnitStaff_OnlyOnceTheirReviewIsCompleted()
    {
        var demo = await ResultsScenario.SetUpAsync(api);
        StartAudit();
        var unit = demo["ZF-FGW"];
        var staff = await api.SignInAsync(DemoUsers.Staff);
        var reviewer = await api.SignInAsync(DemoUsers.Reviewer);

        var during = await staff.GetAsync(Url(demo.Id, unit, "evaluation"));
        var reviewerDuring = await reviewer.GetAsync(Url(demo.Id, unit, "evaluation"));
        var otherUnit = await staff.GetAsync(Url(demo.Id, demo["XZ-CGJD"], "evaluation"));
        await WorkflowSetup.SetReviewAsync(api, demo.Id, unit, new Dictionary<string, decimal> { ["3.1"] = 0 }, ReviewStatus.Completed);
        var after = await staff.GetAsync(Url(demo.Id, unit, "evaluation"));

        Assert.Equal((HttpStatusCode.Forbidden, "report.not_visible"), (during.StatusCode, (await Problem.ReadAsync(during)).Code));
        Assert.Equal(HttpStatusCode.OK, reviewerDuring.StatusCode);
        Assert.Equal((HttpStatusCode.Forbidden, "forbidden"), (otherUnit.StatusCode, (await Problem.ReadAsync(otherUnit)).Code));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        using var document = await OpenAsync(after);
        Assert.Equal("（实地评估已完成，评估结果尚未定档）", Subtitle(document));
        var exports = await ExportsAsync($"campaign/{demo.Id}/unit/{unit}/report/evaluation");
        Assert.Equal(2, exports.Count);
    }

    [Fact]
    public async Task EvaluationReport_KnownScenario_OfficialAgainstSelfRankGradeBoardProblemsAndChart()
    {
        var demo = await ResultsScenario.SetUpAsync(api);
        StartAudit();
        var unit = demo["DW-ZZB"];
        await WorkflowSetup.WithDb(api, async db =>
        {
            var item = await db.Reviews.Where(r => r.CampaignId == demo.Id && r.UnitId == unit).SelectMany(r => r.Items).SingleAsync(i => i.IndicatorCode == "1.1.1");
            item.Comment = "学习记录不完整。";
            item.Problems = [new ReviewProblem("党组会议学习记录缺失3次") { Category = "制度执行", Requirement = "补齐记录，建立台账。" }];
            await db.SaveChangesAsync();
        });
        var admin = await api.SignInAsync(DemoUsers.Admin);

        var response = await admin.GetAsync(Url(demo.Id, unit, "evaluation"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Docx, response.Content.Headers.ContentType!.MediaType);
        Assert.EndsWith("市委组织部-评估报告.docx", response.Content.Headers.ContentDisposition!.FileNameStar, StringComparison.Ordinal);
        using var document = await OpenAsync(response);
        var text = Text(document);
        // DW-ZZB: official 89.2, self 100, rank 4 of 6, grade B, yellow among 非经济.
        Assert.Contains("核定得分为89.2分（满分100分），得分率为89.2%；自评得分为100分，自评偏差为+10.8分。在参评的6个部门（单位）中排名第4位，评估等次为B", text, StringComparison.Ordinal);
        Assert.Contains("列入黄榜", text, StringComparison.Ordinal);
        Assert.Contains("得分：自评得分8分；核定得分0分；偏差+8分。", Block(document, "1.1.1"));
        Assert.Contains("评估意见：学习记录不完整。", Block(document, "1.1.1"));
        Assert.Contains("【制度执行】", text, StringComparison.Ordinal);
        Assert.Contains("整改要求：补齐记录，建立台账。", text, StringComparison.Ordinal);
        Assert.Contains("（实地评估进行中，本报告结果为暂定结果）", text, StringComparison.Ordinal);
        var chart = Assert.Single(document.MainDocumentPart!.ChartParts);
        Assert.Equal(2, chart.ChartSpace.Descendants<DocumentFormat.OpenXml.Drawing.Charts.RadarChartSeries>().Count());
        Assert.Equal("机构编制委员会办公室", document.MainDocumentPart.Document.Body!.Elements<W.Paragraph>().Reverse().Skip(1).First().InnerText);
        Assert.Empty(new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2016).Validate(document));
    }

    [Fact]
    public async Task SummaryReport_Office_RankingBoardsAndAverages()
    {
        var demo = await ResultsScenario.SetUpAsync(api);
        StartAudit();
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var viewer = await api.SignInAsync(DemoUsers.Viewer);
        var staff = await api.SignInAsync(DemoUsers.Staff);

        var response = await admin.GetAsync($"/api/campaigns/{demo.Id}/reports/summary");
        var byViewer = await viewer.GetAsync($"/api/campaigns/{demo.Id}/reports/summary");
        var byStaff = await staff.GetAsync($"/api/campaigns/{demo.Id}/reports/summary");
        var unknown = await admin.GetAsync($"/api/campaigns/{Guid.NewGuid()}/reports/summary");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byViewer.StatusCode);
        Assert.Equal((HttpStatusCode.Forbidden, "forbidden"), (byStaff.StatusCode, (await Problem.ReadAsync(byStaff)).Code));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.EndsWith("综合评估情况报告.docx", response.Content.Headers.ContentDisposition!.FileNameStar, StringComparison.Ordinal);
        using var document = await OpenAsync(response);
        var text = Text(document);
        // (89.2 + 92 + 96 + 100 + 60 + 55) / 6 = 82.03.
        Assert.Contains("6个部门（单位）核定平均得分为82.03分（满分100分），平均得分率为82.03%", text, StringComparison.Ordinal);
        var ranking = document.MainDocumentPart!.Document.Body!.Descendants<W.Table>().ElementAt(2).Elements<W.TableRow>().Skip(1)
            .Select(r => r.Elements<W.TableCell>().Select(c => c.InnerText).ToArray()).ToList();
        Assert.Equal(["1", "2", "3", "4", "5", "6"], ranking.Select(r => r[0]));
        Assert.Equal(["B", "A", "A", "B", "B", "C"], ranking.Select(r => r[6]));
        Assert.Equal(["绿榜", "黄榜", "绿榜", "黄榜", "红榜", "红榜"], ranking.Select(r => r[7]));
        Assert.Contains("因否决项调整等次的有1个", text, StringComparison.Ordinal);
        Assert.Empty(document.MainDocumentPart.Document.Body.Descendants<W.SdtBlock>());

        var exports = await ExportsAsync($"campaign/{demo.Id}/report/summary");
        Assert.Equal(2, exports.Count);
        Assert.Equal("summary_report", exports[0].RootElement.GetProperty("data").GetProperty("document").GetString());
    }

    private async Task<DemoCampaign> StartAsync()
    {
        await WorkflowSetup.ResetAsync(api);
        StartAudit();
        return await WorkflowSetup.DemoAsync(api);
    }

    // Audit entries are never removed; each test reads those written after it started (xunit makes one instance per test).
    private long _auditStart = -1;

    private void StartAudit() =>
        _auditStart = api.Database.ScalarAsync<long>("SELECT coalesce(max(seq), 0) FROM audit_entries").GetAwaiter().GetResult();

    private async Task<List<JsonDocument>> ExportsAsync(string target) => await WorkflowSetup.WithDb(api, async db =>
    {
        var details = await db.AuditEntries.Where(e => e.Action == "export" && e.Target == target && e.Seq > _auditStart)
            .OrderBy(e => e.Seq).Select(e => e.Details).ToListAsync();
        return details.Select(d => JsonDocument.Parse(d)).ToList();
    });

    private Task AddVersionAsync(Guid campaignId, Guid unitId, int number, IEnumerable<AnswerValue> answers, DateTimeOffset submittedAt) => WorkflowSetup.WithDb(api, async db =>
    {
        var assessment = await db.SelfAssessments.SingleAsync(a => a.CampaignId == campaignId && a.UnitId == unitId);
        db.Add(new SelfAssessmentVersion
        {
            SelfAssessmentId = assessment.Id,
            Number = number,
            Revision = assessment.Revision,
            SubmittedAt = submittedAt,
            Answers = [.. answers],
            Outcome = VersionOutcome.Returned,
        });
        await db.SaveChangesAsync();
    });

    private static string Url(Guid campaignId, Guid unitId, string report) => $"/api/campaigns/{campaignId}/units/{unitId}/reports/{report}";

    private static async Task<WordprocessingDocument> OpenAsync(HttpResponseMessage response) =>
        WordprocessingDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);

    private static string Text(WordprocessingDocument document) =>
        string.Join("\n", document.MainDocumentPart!.Document.Body!.Descendants<W.Paragraph>().Select(p => p.InnerText));

    private static string Subtitle(WordprocessingDocument document) =>
        document.MainDocumentPart!.Document.Body!.Elements<W.Paragraph>().First(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == "Subtitle").InnerText;

    private static List<string> Tags(WordprocessingDocument document) =>
        [.. document.MainDocumentPart!.Document.Body!.Descendants<W.SdtBlock>().Select(s => s.SdtProperties!.GetFirstChild<W.Tag>()!.Val!.Value!)];

    private static List<string> Block(WordprocessingDocument document, string code) =>
        [.. document.MainDocumentPart!.Document.Body!.Descendants<W.SdtBlock>()
            .Single(s => s.SdtProperties!.GetFirstChild<W.Tag>()!.Val!.Value == "officeeval:indicator:" + code)
            .Descendants<W.Paragraph>().Select(p => p.InnerText)];
}
