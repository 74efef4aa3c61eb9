using BenchmarkDotNet.Running;

namespace OfficeEval.Benchmarks;

/// <summary>Runs the benchmarks (BenchmarkDotNet's switcher: <c>--filter '*'</c>, <c>--list flat</c>, …) or, with <c>--measure-memory</c>, the memory probe.</summary>
internal static class Program
{
    public static void Main(string[] args)
    {
        if (args is ["--measure-memory"])
        {
            MemoryProbe.Run();
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
