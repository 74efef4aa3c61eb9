using System.Globalization;
using System.Net;

namespace OfficeEval.Reliability.Tests.Support;

/// <summary>The traffic between one start of the instance and its kill.</summary>
public sealed class CrashRound(Kill kill)
{
    private readonly TaskCompletionSource sent = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource written = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool over;
    private int acknowledged;

    public Kill Kill => kill;

    /// <summary>Set once the instance is killed: the clients stop at their next step.</summary>
    public bool Over => over;

    /// <summary>Completes when a client sends the request kind this round's kill waits for.</summary>
    public Task TargetSent => sent.Task;

    /// <summary>Completes once the round has as many acknowledged writes as this round's kill waits for.</summary>
    public Task Written => kill.AfterWrites == 0 ? Task.CompletedTask : written.Task;

    /// <summary>Called by a client when a write of it was acknowledged.</summary>
    public void Acknowledged()
    {
        if (Interlocked.Increment(ref acknowledged) >= kill.AfterWrites)
        {
            written.TrySetResult();
        }
    }

    /// <summary>Called by a client just before it sends a write of kind <paramref name="request"/>.</summary>
    public void Sending(string request)
    {
        if (request == kill.Request)
        {
            sent.TrySetResult();
        }
    }

    public void End() => over = true;

    /// <summary>A text no other write of the test uses, naming the kill it was written before.</summary>
    public string Marker(string flow, int write) => string.Create(CultureInfo.InvariantCulture, $"崩溃测试 {flow} k{kill.Number} w{write}");
}

/// <summary>What one client did: writes acknowledged, lost on the way (and whether they had happened), checked after restarts.</summary>
public sealed class CrashTally
{
    /// <summary>Writes answered 2xx.</summary>
    public int Acknowledged { get; set; }

    /// <summary>Writes sent that got no whole reply: the process was killed meanwhile.</summary>
    public int Lost { get; set; }

    /// <summary>Lost writes found whole after the restart (they had committed before the kill).</summary>
    public int LostButCommitted { get; set; }

    /// <summary>Lost writes found wholly absent after the restart.</summary>
    public int LostAndAbsent { get; set; }

    /// <summary>Acknowledged writes whose result was compared with what a restarted instance holds.</summary>
    public int Checked { get; set; }

    /// <summary>Files (evidence, report zips) compared byte for byte (SHA-256) with what was sent or their entries checked.</summary>
    public int FilesChecked { get; set; }

    public static CrashTally Sum(IEnumerable<CrashTally> tallies)
    {
        var sum = new CrashTally();
        foreach (var t in tallies)
        {
            sum.Acknowledged += t.Acknowledged;
            sum.Lost += t.Lost;
            sum.LostButCommitted += t.LostButCommitted;
            sum.LostAndAbsent += t.LostAndAbsent;
            sum.Checked += t.Checked;
            sum.FilesChecked += t.FilesChecked;
        }

        return sum;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Acknowledged} writes acknowledged, {Checked} of them checked after a restart; {Lost} lost on the way ({LostButCommitted} had committed whole, {LostAndAbsent} were wholly absent); {FilesChecked} files checked");
}

/// <summary>
/// One client of the crash test: a loop of writes run until the instance is killed (<see cref="RunAsync"/>), and the
/// check after each restart (<see cref="VerifyAsync"/>) that what it was acknowledged is there exactly as acknowledged,
/// and that the write lost on the way, if any, is either wholly there or wholly absent. Each client writes alone to
/// what it owns, one request at a time, so at most one of its writes is unacknowledged at a kill.
/// </summary>
public abstract class CrashFlow(string name)
{
    /// <summary>A bound on each client's loop in one round; a round lasts well under a second.</summary>
    protected const int MaxStepsPerRound = 400;

    private int writes;

    public string Name => name;

    public CrashTally Tally { get; } = new();

    /// <summary>Acknowledged writes not yet compared with a restarted instance.</summary>
    protected int Unchecked { get; set; }

    public abstract Task RunAsync(CrashRound round);

    public abstract Task VerifyAsync(CrashCheck check);

    /// <summary>The next marker of this client.</summary>
    protected string NextMarker(CrashRound round) => round.Marker(Name, ++writes);

    /// <summary>
    /// A write: null when it got no whole reply (lost); the reply when answered 2xx (acknowledged) or one of
    /// <paramref name="expected"/>; any other answer is a failure no crash explains.
    /// </summary>
    protected async Task<CrashReply?> WriteAsync(CrashRound round, string request, string what, Func<Task<CrashReply?>> send, params HttpStatusCode[] expected)
    {
        round.Sending(request);
        var reply = await send();
        if (reply is null)
        {
            Tally.Lost++;
            return null;
        }

        if (reply.Ok)
        {
            round.Acknowledged();
            Tally.Acknowledged++;
            Unchecked++;
            return reply;
        }

        return expected.Contains(reply.Status) ? reply : throw new CrashFailure($"{Name}: {what} was answered {reply}");
    }

    /// <summary>A read: null when the instance died under it; anything but 2xx is a failure.</summary>
    protected async Task<CrashReply?> ReadAsync(CrashSession who, string url, string what)
    {
        var reply = await who.GetAsync(url);
        return reply is null || reply.Ok ? reply : throw new CrashFailure($"{Name}: {what} was answered {reply}");
    }

    /// <summary>After a check passed: every acknowledged write so far was found.</summary>
    protected void Checked()
    {
        Tally.Checked += Unchecked;
        Unchecked = 0;
    }

    /// <summary>Resolves the write lost at the kill, if any: whole (committed) or absent.</summary>
    protected void Resolved(bool hadPending, bool committed)
    {
        if (!hadPending)
        {
            return;
        }

        if (committed)
        {
            Tally.LostButCommitted++;
        }
        else
        {
            Tally.LostAndAbsent++;
        }
    }
}
