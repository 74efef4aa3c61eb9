using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace OfficeEval.Api.Features.Surveys;

/// <summary>
/// The public questionnaire API's three limits (see <see cref="SurveyOptions"/>), as fixed windows counted in memory.
/// Keys are client addresses (IPv6 by its /64, what one subscriber holds); they live only here, for at most a window
/// after their last use, and are never stored or logged.
/// </summary>
public sealed class SurveyRateLimits
{
    private readonly WindowCounter _failedLookups;
    private readonly WindowCounter _openLinkPerAddress;
    private readonly WindowCounter _openLinkPerLink;

    public SurveyRateLimits(IOptions<SurveyOptions> options, TimeProvider clock)
    {
        var o = options.Value;
        _failedLookups = new(o.FailedLookupsPerAddress, TimeSpan.FromMinutes(o.FailedLookupsWindowMinutes), clock);
        _openLinkPerAddress = new(o.OpenLinkSubmissionsPerAddress, TimeSpan.FromMinutes(o.OpenLinkAddressWindowMinutes), clock);
        _openLinkPerLink = new(o.OpenLinkSubmissionsPerLink, TimeSpan.FromMinutes(o.OpenLinkWindowMinutes), clock);
    }

    /// <summary>How long the address must wait because it tried too many unknown codes; null when it may go on.</summary>
    public TimeSpan? Blocked(string address) => _failedLookups.Exceeded(address);

    /// <summary>Counts an unknown code tried from the address.</summary>
    public void LookupFailed(string address) => _failedLookups.TryAdd(address);

    /// <summary>
    /// Counts a submission through an open link: null when within both the address's and the link's limits, else how
    /// long to wait (then nothing is stored).
    /// </summary>
    public TimeSpan? TryOpenLinkSubmission(string address, Guid linkId)
    {
        var link = linkId.ToString("N");
        return _openLinkPerLink.Exceeded(link) ?? _openLinkPerAddress.TryAdd(address + "|" + link) ?? _openLinkPerLink.TryAdd(link);
    }

    /// <summary>The rate-limit key of the request's client: its IPv4 address, or the /64 of its IPv6 address.</summary>
    public static string AddressOf(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var address = http.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "-";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>Whole seconds for a Retry-After header, at least 1.</summary>
    public static string RetryAfterSeconds(TimeSpan wait) =>
        Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    /// <summary>Fixed-window counters by key; expired windows are swept once per window length.</summary>
    private sealed class WindowCounter(int limit, TimeSpan window, TimeProvider clock)
    {
        private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);
        private long _nextSweep;

        /// <summary>Null while the key is under its limit; else the time left in its window.</summary>
        public TimeSpan? Exceeded(string key)
        {
            if (!_windows.TryGetValue(key, out var w))
            {
                return null;
            }

            var now = clock.GetUtcNow().UtcTicks;
            lock (w)
            {
                return now - w.Start < window.Ticks && w.Count >= limit ? Left(w, now) : null;
            }
        }

        /// <summary>Counts one for the key: null when that was within the limit, else (not counted) the time left in its window.</summary>
        public TimeSpan? TryAdd(string key)
        {
            var now = clock.GetUtcNow().UtcTicks;
            Sweep(now);
            var w = _windows.GetOrAdd(key, static (_, start) => new Window { Start = start }, now);
            lock (w)
            {
                if (now - w.Start >= window.Ticks)
                {
                    (w.Start, w.Count) = (now, 0);
                }

                if (w.Count >= limit)
                {
                    return Left(w, now);
                }

                w.Count++;
                return null;
            }
        }

        private TimeSpan Left(Window w, long now) => TimeSpan.FromTicks(w.Start + window.Ticks - now);

        private void Sweep(long now)
        {
            var due = Interlocked.Read(ref _nextSweep);
            if (now < due || Interlocked.CompareExchange(ref _nextSweep, now + window.Ticks, due) != due)
            {
                return;
            }

            foreach (var (key, w) in _windows)
            {
                bool expired;
                lock (w)
                {
                    expired = now - w.Start >= window.Ticks;
                }

                if (expired)
                {
                    _windows.TryRemove(KeyValuePair.Create(key, w));
                }
            }
        }

        private sealed class Window
        {
            public long Start;
            public int Count;
        }
    }
}
