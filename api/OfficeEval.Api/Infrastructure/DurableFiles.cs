using System.Runtime.InteropServices;

namespace OfficeEval.Api.Infrastructure;

/// <summary>
/// Files the database will name (evidence, report zips) are made durable before the transaction naming them commits:
/// written under a temporary <c>.partial</c> name, flushed to the disk (fsync), renamed, and the rename flushed too
/// (fsync of the folder). So after a crash of the process or of the machine, a committed row never names a missing or
/// half-written file; what a crash can leave is a <c>.partial</c> or a whole file that nothing names, never served.
/// </summary>
internal static partial class DurableFiles
{
    public const string PartialSuffix = ".partial";

    /// <summary>Writes a new file at <paramref name="path"/> with what <paramref name="write"/> writes, durably (see the class).</summary>
    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(path)!;
        CreateFolder(folder);
        var partial = path + PartialSuffix;
        try
        {
            await using (var target = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await write(target, cancellationToken);
                await target.FlushAsync(cancellationToken);
                target.Flush(flushToDisk: true);
            }

            File.Move(partial, path);
            FlushFolder(folder);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }

    /// <summary>Creates <paramref name="folder"/> (and missing parents), each new entry flushed in its parent.</summary>
    public static void CreateFolder(string folder)
    {
        if (Directory.Exists(folder))
        {
            return;
        }

        var parent = Path.GetDirectoryName(folder);
        if (parent is not null)
        {
            CreateFolder(parent);
        }

        Directory.CreateDirectory(folder);
        if (parent is not null)
        {
            FlushFolder(parent);
        }
    }

    /// <summary>
    /// Makes the names just created or renamed in <paramref name="folder"/> durable: fsync on the folder, on Linux and
    /// macOS. (Windows offers no such call; NTFS journals the rename.)
    /// </summary>
    public static void FlushFolder(string folder)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        var descriptor = Open(folder, 0 /* O_RDONLY */);
        if (descriptor < 0)
        {
            throw new IOException($"The folder {folder} could not be opened to flush it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (Fsync(descriptor) != 0)
            {
                throw new IOException($"The folder {folder} could not be flushed (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int descriptor);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int descriptor);
}
