namespace OfficeEval.Api.Features.Surveys;

/// <summary>
/// The public questionnaire API's rate limits (<c>OfficeEval:Surveys</c>). They are kept in memory, per instance, by
/// client address; the address is never stored or logged. Token submissions are not limited per address: a whole
/// office behind one NAT may answer at once, and a token answers only once anyway.
/// </summary>
public sealed class SurveyOptions
{
    public const string Section = "OfficeEval:Surveys";

    /// <summary>Unknown codes one client address may try per window before every public call from it gets 429. Default 30.</summary>
    public int FailedLookupsPerAddress { get; set; } = 30;

    /// <summary>The window of <see cref="FailedLookupsPerAddress"/>, in minutes. Default 10.</summary>
    public int FailedLookupsWindowMinutes { get; set; } = 10;

    /// <summary>Answers one client address may submit through one open link per window. Default 5.</summary>
    public int OpenLinkSubmissionsPerAddress { get; set; } = 5;

    /// <summary>The window of <see cref="OpenLinkSubmissionsPerAddress"/>, in minutes. Default 10.</summary>
    public int OpenLinkAddressWindowMinutes { get; set; } = 10;

    /// <summary>Answers one open link takes per window, from everyone together. Default 600.</summary>
    public int OpenLinkSubmissionsPerLink { get; set; } = 600;

    /// <summary>The window of <see cref="OpenLinkSubmissionsPerLink"/>, in minutes. Default 60.</summary>
    public int OpenLinkWindowMinutes { get; set; } = 60;

    /// <summary>The problems with the values (each must be at least 1), for the start-up check.</summary>
    public IEnumerable<string> Problems()
    {
        (string Name, int Value)[] values =
        [
            (nameof(FailedLookupsPerAddress), FailedLookupsPerAddress),
            (nameof(FailedLookupsWindowMinutes), FailedLookupsWindowMinutes),
            (nameof(OpenLinkSubmissionsPerAddress), OpenLinkSubmissionsPerAddress),
            (nameof(OpenLinkAddressWindowMinutes), OpenLinkAddressWindowMinutes),
            (nameof(OpenLinkSubmissionsPerLink), OpenLinkSubmissionsPerLink),
            (nameof(OpenLinkWindowMinutes), OpenLinkWindowMinutes),
        ];
        return values.Where(v => v.Value < 1).Select(v => $"{Section}:{v.Name} must be at least 1.");
    }
}
