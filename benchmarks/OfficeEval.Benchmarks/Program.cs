using BenchmarkDotNet.Running;

namespace OfficeEval.Benchmarks;

/// <summary>
/// Runs the benchmarks (BenchmarkDotNet's switcher: <c>--filter '*'</c>, <c>--list flat</c>, …) or one of the commands:
/// <c>--measure-memory</c>, the memory probe; <c>--export-workbook &lt;dir&gt;</c> and <c>--check-workbook &lt;dir&gt;</c>,
/// the two ends of the exceljs comparison in <c>benchmarks/exceljs</c>; <c>--export-report &lt;dir&gt;</c> and
/// <c>--check-report &lt;dir&gt;</c>, the two ends of the docx (npm) comparison in <c>benchmarks/docx-js</c>.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        switch (args)
        {
            case ["--measure-memory"]:
                MemoryProbe.Run();
                return 0;
            case ["--export-workbook", var directory]:
                WorkbookExport.Export(directory);
                return 0;
            case ["--check-workbook", var directory]:
                return WorkbookExport.Check(directory);
            case ["--export-report", var directory]:
                ReportExport.Export(directory);
                return 0;
            case ["--check-report", var directory]:
                return ReportExport.Check(directory);
            default:
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
                return 0;
        }
    }
}
