using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace OfficeEval.Reliability.Tests.Support;

/// <summary>
/// The only writer of one unit's draft during the outage test: each save writes one new tag into the explanation of
/// two leaves at once (<see cref="Leaves"/>), with If-Match on the revision it last saw. It keeps every tag the API
/// acknowledged (2xx, with the revision it got) and every tag it sent without an acknowledgement (503, or no answer).
/// A 412 is expected only after such a write: the server may have committed it and lost the answer; the writer then
/// takes the current revision from the 412 and goes on.
/// </summary>
public sealed class OutageWriter(Guid campaignId, Guid unitId, string name, HttpClient client)
{
    /// <summary>The leaves each save writes; a draft holding different tags in them holds half a write.</summary>
    public static readonly string[] Leaves = ["3.1", "3.2"];

    private int _revision;
    private int _sequence;
    private bool _unacknowledgedSinceRevision;

    public Guid UnitId => unitId;

    /// <summary>The draft's revision when this writer started: the saves of this writer are the revisions after it.</summary>
    public int StartRevision { get; private set; }

    public List<(int Revision, string Tag)> Acknowledged { get; } = [];

    public List<string> Unacknowledged { get; } = [];

    /// <summary>412s that came when no unacknowledged write could explain them: another writer, or a lost update.</summary>
    public List<string> UnexpectedConflicts { get; } = [];

    public string Path => $"/api/campaigns/{campaignId}/units/{unitId}/self-assessment";

    /// <summary>Reads the draft's revision to start from.</summary>
    public async Task StartAsync()
    {
        using var response = await client.GetAsync(Path);
        response.EnsureSuccessStatusCode();
        _revision = (await response.Content.ReadFromJsonAsync<JsonObject>())!["revision"]!.GetValue<int>();
        StartRevision = _revision;
    }

    public async Task SaveOnceAsync(OutageLoad load)
    {
        var tag = $"{name}-{++_sequence}";
        var expected = _revision;
        var (sample, body) = await load.SendAsync("save draft", needsDatabase: true, client, () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Patch, Path + "/answers")
                {
                    Content = JsonContent.Create(new { answers = Leaves.Select(code => new { indicatorCode = code, explanation = tag }) }),
                };
                request.Headers.IfMatch.ParseAdd($"\"{expected}\"");
                return request;
            },
            _unacknowledgedSinceRevision ? [200, 412] : [200]);
        switch (sample.Status)
        {
            case 200:
                _revision = body!["revision"]!.GetValue<int>();
                Acknowledged.Add((_revision, tag));
                _unacknowledgedSinceRevision = false;
                break;
            case 412:
                if (!_unacknowledgedSinceRevision)
                {
                    UnexpectedConflicts.Add($"{tag} on revision {expected}");
                }

                _revision = int.Parse(body!["currentETag"]!.GetValue<string>().Trim('"'), CultureInfo.InvariantCulture);
                _unacknowledgedSinceRevision = false;
                break;
            default:
                Unacknowledged.Add(tag);
                _unacknowledgedSinceRevision = true;
                break;
        }
    }
}
