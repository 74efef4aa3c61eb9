using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Features;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Audit;
using OfficeEval.Api.Features.Campaigns;
using OfficeEval.Api.Features.Ahp;
using OfficeEval.Api.Features.Demo;
using OfficeEval.Api.Features.Frameworks;
using OfficeEval.Api.Features.History;
using OfficeEval.Api.Features.Graph;
using OfficeEval.Api.Features.Identity;
using OfficeEval.Api.Features.Reports;
using OfficeEval.Api.Features.Jobs;
using OfficeEval.Api.Features.Rectification;
using OfficeEval.Api.Features.Results;
using OfficeEval.Api.Features.Review;
using OfficeEval.Api.Features.SelfAssessment;
using OfficeEval.Api.Features.Surveys;
using OfficeEval.Api.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

const long maxUpload = 12 * 1024 * 1024;
builder.Services.Configure<OfficeEvalOptions>(builder.Configuration.GetSection(OfficeEvalOptions.Section));
builder.Services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = maxUpload);
builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = maxUpload);
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    // The default address, kept out of appsettings.json so that ASPNETCORE_URLS can override it.
    builder.WebHost.UseUrls("https://localhost:3000");
}

// The host's per-request log scope carries the raw path, which holds questionnaire codes (/s/{code}); RequestLogging
// writes one redacted line per request instead, so the host's diagnostics logger (and its scope) stays off.
builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
builder.Services.AddSingleton(TimeProvider.System);
// Connect and command timeouts come from the connection string (Timeout, Command Timeout; see appsettings.json): they
// bound how long a request waits for the database before it fails with 503 (docs/reliability.md).
builder.Services.AddAppDatabase();
builder.Services.AddAppIdentity(builder.Configuration);
builder.Services.AddAccessPolicies();
builder.Services.AddApiProblemDetails();
builder.Services.AddAppHealthChecks();
builder.Services.AddOpenApi();
builder.Services.ConfigureHttpJsonOptions(o =>
{
    // As frameworks are stored: enums by name, and a rule's "kind" discriminator need not come first.
    o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
    o.SerializerOptions.AllowOutOfOrderMetadataProperties = true;
});
builder.Services.AddScoped<DemoSeeder>();
builder.Services.AddScoped<FirstAdmin>();
builder.Services.AddHttpContextAccessor();
builder.Services.AddAudit();
builder.Services.AddScoped<CampaignScoring>();
// Checking a draft from memory, kept coherent by the database's change notifications (docs/reliability.md, "Under load").
builder.Services.AddDraftCache();
builder.Services.AddScoped<CampaignHistory>();
builder.Services.AddReportJobs(builder.Configuration);
builder.Services.AddSurveys(builder.Configuration);
// Microsoft Graph (publishing, people, reminders): off until OfficeEval:Entra configures it.
builder.Services.AddGraph(builder.Configuration);
// The documents of report batches: the GB/T 9704 evaluation report, one per unit.
builder.Services.AddScoped<IUnitReportRenderer, EvaluationReportRenderer>();

var app = builder.Build();

app.UseMiddleware<RequestLogging>();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAddInFiles();
app.UseAuthentication();
app.UseAuthorization();
app.UseMiddleware<DraftCacheEviction>();

app.MapOpenApi().AllowAnonymous();
app.MapAppHealthChecks();
app.MapManifest();
app.MapAuth();
app.MapUsers();
app.MapFrameworks();
app.MapFrameworkMappings();
app.MapFrameworkMappingWorkbook();
app.MapAhp();
app.MapCampaigns();
app.MapCampaignAdmin();
app.MapUnits();
app.MapReviewerGroups();
app.MapProgress();
app.MapSelfAssessmentWorkbook();
app.MapSelfAssessmentDrafts();
app.MapSelfAssessmentWorkflow();
app.MapSelfAssessmentSheet();
app.MapReview();
app.MapResults();
app.MapHistory();
app.MapReports();
app.MapResultsWorkbook();
app.MapReportJobs();
app.MapSurveyEndpoints();
app.MapRectification();
app.MapGraph();
app.MapAudit();
app.MapSurveyPage();
app.MapGet("/", () => Results.Redirect("/addin/excel/taskpane.html")).AllowAnonymous().ExcludeFromDescription();

await app.InitializeDatabaseAsync();
await app.RunAsync();

/// <summary>Exposed for the integration tests' host.</summary>
public partial class Program;
