namespace OfficeEval.Api.Features.Graph;

/// <summary>
/// What Graph needs from the <c>OfficeEval:Entra</c> configuration section (the app registration and its credential)
/// and its <c>Graph</c> subsection. Graph is on only when Entra is enabled and the registration, a tenant and a
/// credential are set; see <see cref="Missing"/>.
/// </summary>
public sealed class GraphOptions
{
    public const string Section = "OfficeEval:Entra";

    public bool Enabled { get; set; }

    /// <summary>The sign-in authority's host, e.g. https://login.microsoftonline.com (https://login.chinacloudapi.cn for 21Vianet).</summary>
    public string Instance { get; set; } = "https://login.microsoftonline.com";

    /// <summary>The API app registration's application (client) id: the confidential client that asks for Graph tokens.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>The tenants whose users may sign in; Graph tokens are asked from the first.</summary>
    public List<string> AllowedTenants { get; set; } = [];

    /// <summary>The app registration's client secret; or use <see cref="CertificatePath"/>.</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>A certificate with its private key (.pfx/.p12, or .pem holding both) uploaded to the app registration.</summary>
    public string CertificatePath { get; set; } = "";

    /// <summary>The .pfx file's password, when it has one.</summary>
    public string CertificatePassword { get; set; } = "";

    public GraphSettings Graph { get; set; } = new();

    /// <summary>The tenant Graph tokens are asked from.</summary>
    public string? Tenant => AllowedTenants.FirstOrDefault(t => !string.IsNullOrWhiteSpace(t))?.Trim();

    /// <summary>The settings Graph lacks, by name; empty when it is configured.</summary>
    public IReadOnlyList<string> Missing()
    {
        var missing = new List<string>();
        if (!Enabled)
        {
            missing.Add($"{Section}:Enabled");
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            missing.Add($"{Section}:ClientId");
        }

        if (Tenant is null)
        {
            missing.Add($"{Section}:AllowedTenants");
        }

        if (string.IsNullOrWhiteSpace(ClientSecret) && string.IsNullOrWhiteSpace(CertificatePath))
        {
            missing.Add($"{Section}:ClientSecret or {Section}:CertificatePath");
        }

        return missing;
    }

    public bool IsConfigured => Missing().Count == 0;
}

/// <summary>The <c>OfficeEval:Entra:Graph</c> subsection: where Graph is, where files go, who sends mail, and how hard to retry.</summary>
public sealed class GraphSettings
{
    /// <summary>Graph's REST root (https://microsoftgraph.chinacloudapi.cn/v1.0 for 21Vianet).</summary>
    public string BaseUrl { get; set; } = "https://graph.microsoft.com/v1.0";

    /// <summary>The scope of Graph tokens: the resource's <c>/.default</c> (https://microsoftgraph.chinacloudapi.cn/.default for 21Vianet).</summary>
    public string Scope { get; set; } = "https://graph.microsoft.com/.default";

    /// <summary>
    /// Ask Microsoft which clouds it knows before trusting <see cref="GraphOptions.Instance"/> (MSAL's instance discovery
    /// and authority validation). Default true; turn off only for an identity provider Microsoft does not list.
    /// </summary>
    public bool InstanceDiscovery { get; set; } = true;

    /// <summary>The SharePoint document library or OneDrive (its drive id) that reports and workbooks are published to.</summary>
    public string DriveId { get; set; } = "";

    /// <summary>The folder in the drive, e.g. "OfficeEval" or "评估/2026"; each campaign gets a subfolder.</summary>
    public string FolderPath { get; set; } = "OfficeEval";

    /// <summary>The mailbox (address or user id) reminders are sent from; the app needs Mail.Send for it.</summary>
    public string MailSender { get; set; } = "";

    /// <summary>Run the delivery worker in this instance (default true).</summary>
    public bool Worker { get; set; } = true;

    /// <summary>Seconds an idle worker waits before looking for due deliveries again (default 5).</summary>
    public double PollSeconds { get; set; } = 5;

    /// <summary>Seconds a worker holds a claimed delivery before another may take it up as abandoned (default 600).</summary>
    public double LeaseSeconds { get; set; } = 600;

    /// <summary>Claims of a delivery before a transient failure fails it for good (default 6).</summary>
    public int DeliveryAttempts { get; set; } = 6;

    /// <summary>Wait before a failed delivery's second attempt, in seconds, doubling each time up to an hour, with jitter (default 60).</summary>
    public double DeliveryRetrySeconds { get; set; } = 60;

    /// <summary>Tries of one Graph request (the first included) on 429, 408, 5xx and network errors (default 4).</summary>
    public int RequestAttempts { get; set; } = 4;

    /// <summary>Wait before a request's first retry, in seconds, doubling each time, with jitter (default 1).</summary>
    public double RequestRetrySeconds { get; set; } = 1;

    /// <summary>
    /// Longest a request waits in all between its tries, in seconds (default 60). A Retry-After beyond it is not waited
    /// in the request: the delivery is put back and claimed again once Graph allows.
    /// </summary>
    public double RequestRetryBudgetSeconds { get; set; } = 60;

    /// <summary>Seconds one try of a request may take before it is abandoned and counted as a network error (default 100).</summary>
    public double RequestTimeoutSeconds { get; set; } = 100;
}
