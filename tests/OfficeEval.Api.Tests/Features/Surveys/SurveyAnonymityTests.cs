using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OfficeEval.Api.Infrastructure;
using OfficeEval.Api.Tests.Support;
using static OfficeEval.Api.Tests.Features.Surveys.SurveyApi;

namespace OfficeEval.Api.Tests.Features.Surveys;

/// <summary>The API logging as in production (Information, framework categories at Warning), every line kept for inspection.</summary>
public sealed class LoggedSurveyApiFactory : SurveyApiFactory
{
    public ConcurrentQueue<string> Lines { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:Console:LogLevel:Default"] = "Warning",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(new Capture(Lines)));
    }

    private sealed class Capture(ConcurrentQueue<string> lines) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        /// <summary>Scopes are kept too: the console logger writes them (IncludeScopes), so a code in a scope would be logged.</summary>
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : state.ToString();
            lines.Enqueue($"scope | {values}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            lines.Enqueue($"{formatter(state, exception)} | {values} | {exception}");
        }

        public void Dispose()
        {
        }
    }
}

/// <summary>
/// No stored column can identify a respondent: the response table holds exactly the anonymous columns; a submission
/// with a distinctive address, forwarded-for header, user agent and token leaves none of them in any table, the audit
/// log or the logs; response ids are random (version 4), not time-ordered.
/// </summary>
public sealed class SurveyAnonymityTests(LoggedSurveyApiFactory api) : IClassFixture<LoggedSurveyApiFactory>
{
    [Fact]
    public async Task ResponseTable_HasExactlyTheAnonymousColumns_AndNoReferenceToTokensOrUsers()
    {
        var columns = await QueryAsync("""
            SELECT column_name || ' ' || data_type FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name = 'survey_responses' ORDER BY column_name
            """);
        var references = await QueryAsync("""
            SELECT confrelid::regclass::text FROM pg_constraint
            WHERE conrelid = 'survey_responses'::regclass AND contype = 'f' ORDER BY 1
            """);
        var tokenColumns = await QueryAsync("""
            SELECT column_name FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name = 'survey_tokens' AND data_type LIKE 'timestamp%'
            """);

        Assert.Equal(["answers jsonb", "group_name character varying", "id uuid", "submitted_on date", "survey_id uuid", "unit_id uuid"], columns);
        Assert.Equal(["surveys", "units"], references);
        Assert.Empty(tokenColumns);
    }

    [Fact]
    public async Task Submission_LeavesNoAddressAgentOrToken_InAnyTableAuditOrLog()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var campaign = await NewCampaignAsync(api, "ZF-FGW");
        await OpenAsync(admin, campaign.Id);
        var codes = Codes(await IssueAsync(admin, campaign.Id, new { group = People, unitIds = new[] { campaign["ZF-FGW"] }, count = 2 }));
        const string address = "192.0.2.237";
        const string forwarded = "198.18.77.201";
        const string agent = "AnonymityProbe/9.7 (distinct-ua-4f1c)";
        var auditBefore = await ScalarAsync("SELECT count(*) FROM audit_entries");
        var client = api.CreateClient();

        foreach (var code in codes)
        {
            var read = await Send(client, HttpMethod.Get, $"/api/public/surveys/{code}", null);
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            var submitted = await Send(client, HttpMethod.Post, $"/api/public/surveys/{code}/responses", Body(new { answers = PersonAnswers(4, 2, 3) }));
            Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        }

        Assert.Equal(404, (int)(await Send(client, HttpMethod.Get, "/api/public/surveys/kNotAnIssuedCodeAtAll00", null)).StatusCode);

        // Public submissions are not audited: an entry would date them.
        Assert.Equal(auditBefore, await ScalarAsync("SELECT count(*) FROM audit_entries"));
        string[] needles = [address, forwarded, agent, "distinct-ua-4f1c", .. codes];
        // The scan finds what is there.
        Assert.Contains("ZF-FGW in units", await FindInDatabaseAsync(["ZF-FGW"]));
        var found = await FindInDatabaseAsync(needles);
        Assert.True(found.Count == 0, "Found in the database: " + string.Join("; ", found));
        var logged = api.Lines.Where(line => needles.Any(n => line.Contains(n, StringComparison.Ordinal))).ToList();
        Assert.True(logged.Count == 0, "Found in the logs: " + string.Join("\n", logged));
        Assert.Contains(api.Lines, line => line.Contains("/api/public/surveys/***/responses", StringComparison.Ordinal));

        async Task<HttpResponseMessage> Send(HttpClient c, HttpMethod method, string url, HttpContent? content)
        {
            using var request = new HttpRequestMessage(method, url) { Content = content };
            request.Headers.Add(SurveyApiFactory.AddressHeader, address);
            request.Headers.Add("X-Forwarded-For", forwarded);
            request.Headers.TryAddWithoutValidation("User-Agent", agent);
            return await c.SendAsync(request);
        }
    }

    [Fact]
    public async Task ResponseIds_RandomVersion4_AndCloseRewritesResponsesInIdOrder()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var campaign = await NewCampaignAsync(api, "ZF-FGW");
        await OpenAsync(admin, campaign.Id);
        var client = api.CreateClient();
        foreach (var code in Codes(await IssueAsync(admin, campaign.Id, new { group = People, unitIds = new[] { campaign["ZF-FGW"] }, count = 6 })))
        {
            Assert.Equal(HttpStatusCode.Created, (await SubmitAsync(client, code, "192.0.2.238", PersonAnswers(3, 2))).StatusCode);
        }

        var ids = (await QueryAsync($"SELECT r.id::text FROM survey_responses r JOIN surveys s ON s.id = r.survey_id WHERE s.campaign_id = '{campaign.Id}'"))
            .Select(Guid.Parse).ToList();
        Assert.Equal(6, ids.Count);
        Assert.All(ids, id => Assert.Equal(4, id.Version));
        Assert.All(ids, id => Assert.Equal(0b10, id.Variant >> 2));

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync(Url(campaign.Id, "/close"), null)).StatusCode);

        // After closing, the rows lie in the order of their random ids, all written by one transaction.
        var physical = await QueryAsync($"SELECT r.id::text FROM survey_responses r JOIN surveys s ON s.id = r.survey_id WHERE s.campaign_id = '{campaign.Id}' ORDER BY r.ctid");
        Assert.Equal(physical.Order(StringComparer.Ordinal), physical);
        Assert.Equal(1L, await ScalarAsync($"SELECT count(DISTINCT r.xmin::text) FROM survey_responses r JOIN surveys s ON s.id = r.survey_id WHERE s.campaign_id = '{campaign.Id}'"));
        Assert.Equal(6, (await QueryAsync($"SELECT r.id::text FROM survey_responses r JOIN surveys s ON s.id = r.survey_id WHERE s.campaign_id = '{campaign.Id}'")).Count);
    }

    [Theory]
    [InlineData("/s/kQ3vAAAAAAAAAAAAAAAAAA", "/s/***")]
    [InlineData("/api/public/surveys/oAbc/responses", "/api/public/surveys/***/responses")]
    [InlineData("/API/Public/Surveys/kX", "/API/Public/Surveys/***")]
    [InlineData("/api/campaigns/1/survey", "/api/campaigns/1/survey")]
    [InlineData("/s/", "/s/")]
    public void RequestLog_CodeInPath_Redacted(string path, string logged) => Assert.Equal(logged, RequestLogging.Redact(path));

    /// <summary>Every row of every table as text, and every bytea column as bytes, searched for each needle.</summary>
    private async Task<List<string>> FindInDatabaseAsync(IReadOnlyList<string> needles)
    {
        var found = new List<string>();
        var tables = await QueryAsync("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1");
        var byteaColumns = await QueryAsync("SELECT table_name || '.' || column_name FROM information_schema.columns WHERE table_schema = 'public' AND data_type = 'bytea'");
        await using var connection = new NpgsqlConnection(api.Database.ConnectionString);
        await connection.OpenAsync();
        foreach (var needle in needles)
        {
            foreach (var table in tables)
            {
                await using var command = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\" t WHERE strpos(t::text, @n) > 0", connection);
                command.Parameters.AddWithValue("n", needle);
                if ((long)(await command.ExecuteScalarAsync())! > 0)
                {
                    found.Add($"{needle} in {table}");
                }
            }

            foreach (var column in byteaColumns)
            {
                var (table, name) = (column[..column.IndexOf('.', StringComparison.Ordinal)], column[(column.IndexOf('.', StringComparison.Ordinal) + 1)..]);
                await using var command = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\" WHERE position(convert_to(@n, 'UTF8') IN \"{name}\") > 0", connection);
                command.Parameters.AddWithValue("n", needle);
                if ((long)(await command.ExecuteScalarAsync())! > 0)
                {
                    found.Add($"{needle} in {column}");
                }
            }
        }

        return found;
    }

    private Task<long> ScalarAsync(string sql) => api.Database.ScalarAsync<long>(sql);

    private async Task<List<string>> QueryAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(api.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
