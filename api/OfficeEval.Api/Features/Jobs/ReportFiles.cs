using System.Globalization;
using Microsoft.Extensions.Options;
using OfficeEval.Api.Infrastructure;

namespace OfficeEval.Api.Features.Jobs;

/// <summary>
/// The files folder (<c>OfficeEval:FilesPath</c>, default <c>.data/files</c> under the content root) where finished
/// batches are kept (and, under <c>rectification/</c>, the ledger's evidence files). Every path in it is made from ids
/// — a job's id and attempt, an evidence file's item and file — never from what a user sent, and is checked to stay
/// inside the folder (<see cref="FullPath"/>). Instances that share a database must share this folder too.
/// </summary>
public sealed class ReportFiles(IOptions<OfficeEvalOptions> options, IHostEnvironment environment)
{
    private const string JobsFolder = "report-jobs";

    public string Root { get; } = Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.FilesPath));

    /// <summary>The zip of a job's attempt, relative to <see cref="Root"/>: a stale attempt never touches a later one's file.</summary>
    public static string ResultPath(Guid jobId, int attempt) =>
        string.Create(CultureInfo.InvariantCulture, $"{JobsFolder}/{jobId:N}-{attempt}.zip");

    /// <summary>The full path of <paramref name="relative"/>; refuses anything that would leave the folder.</summary>
    public string FullPath(string relative)
    {
        var root = Root.EndsWith(Path.DirectorySeparatorChar) ? Root : Root + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(Path.Combine(root, relative));
        return full.StartsWith(root, StringComparison.Ordinal)
            ? full
            : throw new InvalidOperationException($"The path {relative} is outside the files folder.");
    }

    /// <summary>Creates the jobs folder when missing; returns its full path.</summary>
    public string EnsureJobsFolder()
    {
        var folder = FullPath(JobsFolder);
        DurableFiles.CreateFolder(folder);
        return folder;
    }

    /// <summary>
    /// Files that earlier attempts of the job left behind: a partial zip (the worker died mid-way), or a whole one
    /// that was never recorded (the worker died between its rename and the write naming it the result). Neither is
    /// anyone's: the job is being run again, so no earlier attempt succeeded.
    /// </summary>
    public IEnumerable<string> Leftovers(Guid jobId, int beforeAttempt)
    {
        var folder = FullPath(JobsFolder);
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        for (var attempt = 1; attempt < beforeAttempt; attempt++)
        {
            var zip = FullPath(ResultPath(jobId, attempt));
            foreach (var leftover in new[] { zip + ".partial", zip }.Where(File.Exists))
            {
                yield return leftover;
            }
        }
    }
}
