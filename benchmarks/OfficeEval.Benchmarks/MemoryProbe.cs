using System.Diagnostics;
using System.Globalization;
using System.Runtime;

namespace OfficeEval.Benchmarks;

/// <summary>
/// Generates the campaign, consolidates it once and prints the process's memory: the working set and the managed heap
/// after setup and after consolidation, and the peak working set of the whole run (the figure the 1 GB target is about).
/// </summary>
internal static class MemoryProbe
{
    private const double Megabyte = 1024 * 1024;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Run()
    {
        var campaign = CampaignGenerator.Generate();
        Print("After setup");

        var watch = Stopwatch.StartNew();
        var outcome = Consolidation.Run(campaign);
        watch.Stop();
        Print("After consolidation");

        var units = campaign.Units;
        var grades = outcome.Grades.Grades.GroupBy(g => g.Level).OrderBy(g => g.Key).Select(g => string.Create(Inv, $"{g.First().Grade} {g.Count()}"));
        var boards = outcome.Boards.Placements.GroupBy(p => p.Board).OrderBy(g => g.Key).Select(g => string.Create(Inv, $"{g.Key} {g.Count()}"));
        Console.WriteLine(string.Create(Inv, $"GC: {(GCSettings.IsServerGC ? "server" : "workstation")}, {Environment.ProcessorCount} logical processors"));
        Console.WriteLine(string.Create(Inv,
            $"Campaign: {units.Count} units × {outcome.Scores[0].Leaves.Count} leaves, {units.Sum(u => u.Input.Answers.Count)} answers, {units.Sum(u => u.Input.Verified.Count)} verifications, {units.Sum(u => u.Responses.Count)} questionnaires with {units.Sum(u => u.Responses.Sum(r => r.Answers.Count))} survey answers"));
        Console.WriteLine(string.Create(Inv,
            $"Consolidation (one run, JIT included): {watch.Elapsed.TotalMilliseconds:0} ms; average total {outcome.Summary.AverageTotal}; grades {string.Join(", ", grades)}; boards {string.Join(", ", boards)}"));
        Console.WriteLine(string.Create(Inv,
            $"Problems: {outcome.Scores.Sum(s => s.Problems.Count)} from scoring, {outcome.Surveys.Sum(s => s.Problems.Count)} from the surveys; {outcome.Surveys.Sum(s => s.Indicators.Count(i => i.Fraction is null))} of {outcome.Surveys.Sum(s => s.Indicators.Count)} survey indicators without a fraction"));
        Console.WriteLine(string.Create(Inv, $"Peak working set: {PeakWorkingSet():0} MB"));
        GC.KeepAlive(outcome);
    }

    private static void Print(string stage) => Console.WriteLine(string.Create(Inv,
        $"{stage}: working set {Environment.WorkingSet / Megabyte:0} MB, managed heap {GC.GetTotalMemory(false) / Megabyte:0} MB, peak working set {PeakWorkingSet():0} MB"));

    private static double PeakWorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / Megabyte;
    }
}
