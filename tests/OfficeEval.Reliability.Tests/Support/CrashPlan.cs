using System.Globalization;

namespace OfficeEval.Reliability.Tests.Support;

/// <summary>Where a SIGKILL of the crash test lands.</summary>
public enum KillPoint
{
    /// <summary>While the process starts: migrations, seeding, the job worker taking back an interrupted batch.</summary>
    StartUp,

    /// <summary>A random time after the clients started writing, wherever their requests then are.</summary>
    Traffic,

    /// <summary>Right after a client sent a request of a given kind: inside that request, often mid-upload.</summary>
    MidRequest,
}

/// <summary>
/// One kill: where it lands; for <see cref="KillPoint.Traffic"/> after how many acknowledged writes of the round
/// (counting writes rather than time makes the kills land among writes on a slow machine too); for
/// <see cref="KillPoint.MidRequest"/> after which kind of request was sent; then the delay before the signal.
/// </summary>
public sealed record Kill(int Number, KillPoint Point, TimeSpan Delay, string? Request = null, int AfterWrites = 0)
{
    public override string ToString() => Point switch
    {
        KillPoint.MidRequest => string.Create(CultureInfo.InvariantCulture, $"kill {Number}: {Delay.TotalMilliseconds:0} ms after a {Request} request was sent"),
        KillPoint.StartUp => string.Create(CultureInfo.InvariantCulture, $"kill {Number}: {Delay.TotalMilliseconds:0} ms after the process started"),
        _ => string.Create(CultureInfo.InvariantCulture, $"kill {Number}: {Delay.TotalMilliseconds:0} ms after {AfterWrites} writes were acknowledged"),
    };
}

/// <summary>
/// The crash test's random choices, all from one seed: the kills (where and when) and each client's choices (which
/// leaf, which score, which file sizes). The seed is new each run unless <c>OFFICEEVAL_CRASH_SEED</c> gives one; it is
/// printed, and named in every failure, so a failing run can be replayed with the same kill plan and choices (the
/// timing of requests around each kill is the machine's). <c>OFFICEEVAL_CRASH_KILLS</c> sets the number of kills
/// (default <see cref="DefaultKills"/>, the floor).
/// </summary>
public sealed class CrashPlan
{
    public const string SeedVariable = "OFFICEEVAL_CRASH_SEED";
    public const string KillsVariable = "OFFICEEVAL_CRASH_KILLS";
    public const int DefaultKills = 50;

    /// <summary>Request kinds a <see cref="KillPoint.MidRequest"/> kill waits for.</summary>
    public static readonly IReadOnlyList<string> Requests = ["answers", "submit", "return", "review", "ledger", "evidence", "batch"];

    private CrashPlan(int seed, IReadOnlyList<Kill> kills)
    {
        Seed = seed;
        Kills = kills;
    }

    public int Seed { get; }

    public IReadOnlyList<Kill> Kills { get; }

    public static CrashPlan FromEnvironment()
    {
        var seedText = Environment.GetEnvironmentVariable(SeedVariable);
        var seed = string.IsNullOrWhiteSpace(seedText) ? Random.Shared.Next(1, int.MaxValue) : int.Parse(seedText, CultureInfo.InvariantCulture);
        var killsText = Environment.GetEnvironmentVariable(KillsVariable);
        var count = string.IsNullOrWhiteSpace(killsText) ? DefaultKills : int.Parse(killsText, CultureInfo.InvariantCulture);
        if (count < 1)
        {
            throw new InvalidOperationException($"{KillsVariable} must be 1 or more.");
        }

        return Create(seed, count);
    }

    /// <summary>
    /// The first kill lands in the very first start (migrations, demo seed); of the others about one in eight lands
    /// in a start-up (0–2.5 s after the process started), a quarter 0–25 ms after a request of a given kind was sent,
    /// the rest 0–300 ms after 0–8 writes of the round were acknowledged.
    /// </summary>
    public static CrashPlan Create(int seed, int count)
    {
        var random = new Random(seed);
        var kills = new List<Kill> { new(1, KillPoint.StartUp, Milliseconds(random, 300, 3500)) };
        for (var n = 2; n <= count; n++)
        {
            // The second kill lands in traffic: the set-up before it leaves the instance running.
            var roll = n == 2 ? 1 : random.NextDouble();
            kills.Add(roll switch
            {
                < 0.125 => new Kill(n, KillPoint.StartUp, Milliseconds(random, 0, 2500)),
                < 0.375 => new Kill(n, KillPoint.MidRequest, Milliseconds(random, 0, 25), Request: Requests[random.Next(Requests.Count)]),
                _ => new Kill(n, KillPoint.Traffic, Milliseconds(random, 0, 300), AfterWrites: random.Next(0, 9)),
            });
        }

        return new CrashPlan(seed, kills);
    }

    /// <summary>A random source for one client, from the seed and the client's name.</summary>
    public Random For(string name)
    {
        var hash = 17;
        foreach (var c in name)
        {
            hash = unchecked((hash * 31) + c);
        }

        return new Random(unchecked(Seed ^ hash));
    }

    public string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"crash test seed {Seed} ({SeedVariable}={Seed} {KillsVariable}={Kills.Count} replays it): ") +
        string.Join(", ", Enum.GetValues<KillPoint>().Select(p => string.Create(CultureInfo.InvariantCulture, $"{Kills.Count(k => k.Point == p)} {p}")));

    private static TimeSpan Milliseconds(Random random, int from, int to) => TimeSpan.FromMilliseconds(random.Next(from, to + 1));
}
