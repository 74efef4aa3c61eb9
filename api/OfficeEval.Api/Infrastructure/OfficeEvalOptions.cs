namespace OfficeEval.Api.Infrastructure;

/// <summary>The <c>OfficeEval</c> configuration section (appsettings.json, or environment variables <c>OfficeEval__*</c>).</summary>
public sealed class OfficeEvalOptions
{
    public const string Section = "OfficeEval";

    /// <summary>Public base URL the add-in and manifest are served under, e.g. https://localhost:3000.</summary>
    public string BaseUrl { get; set; } = "https://localhost:3000";

    /// <summary>Folder of the built add-in (addin/dist); relative paths are resolved from the content root upwards.</summary>
    public string AddInPath { get; set; } = "addin/dist";

    /// <summary>The manifest template; its https://localhost:3000 origin is replaced by <see cref="BaseUrl"/>.</summary>
    public string ManifestPath { get; set; } = "manifest/manifest.xml";

    /// <summary>Seed the demo data set (framework, campaign, units, one user per role) into an empty database.</summary>
    public bool SeedDemo { get; set; }

    /// <summary>
    /// E-mail of the first Admin of a new installation: created at start-up when no active Admin exists, with a random
    /// initial password printed once (or <see cref="FirstAdminPassword"/>), to be changed at the first sign-in.
    /// </summary>
    public string? FirstAdminEmail { get; set; }

    /// <summary>The first Admin's initial password; leave empty for a random one printed once.</summary>
    public string? FirstAdminPassword { get; set; }

    /// <summary>Initial password for demo users; when empty a random one is generated and printed once.</summary>
    public string? DemoPassword { get; set; }

    /// <summary>
    /// Demo users must change their initial password before they can do anything else (as users created by an
    /// administrator must). Default true; tests that sign in as the demo users turn it off.
    /// </summary>
    public bool DemoMustChangePassword { get; set; } = true;

    /// <summary>
    /// Idle timeout in minutes: an access token lives this long, and so does the refresh token issued with it, so a
    /// session nobody uses for longer ends and must sign in again. Default 30.
    /// </summary>
    public int IdleTimeoutMinutes { get; set; } = 30;

    /// <summary>
    /// Days audit entries are kept before the daily purge removes them; at least 180 (等保2.0: six months), checked at
    /// start-up. Default 180.
    /// </summary>
    public int AuditRetentionDays { get; set; } = 180;

    /// <summary>Who signs the office's Word reports (评估报告, 综合评估情况报告): the 落款 above the date, e.g. 市委机构编制委员会办公室.</summary>
    public string ReportIssuer { get; set; } = "机构编制委员会办公室";

    /// <summary>
    /// Folder of generated and uploaded files (report batches, rectification evidence), relative to the content root
    /// unless absolute; created when missing.
    /// Instances that share a database must share this folder (a network share). Default <c>.data/files</c>.
    /// </summary>
    public string FilesPath { get; set; } = ".data/files";

    /// <summary>How long start-up waits for the database to accept connections.</summary>
    public int DatabaseStartupTimeoutSeconds { get; set; } = 60;
}
