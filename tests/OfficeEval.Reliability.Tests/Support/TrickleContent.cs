using System.Net;

namespace OfficeEval.Reliability.Tests.Support;

/// <summary>
/// A request body sent slowly, in <paramref name="chunks"/> pieces with a pause after each, as from a slow network:
/// a request that stays in flight long enough for something to happen to the server meanwhile.
/// </summary>
public sealed class TrickleContent(byte[] bytes, int chunks, TimeSpan pause) : HttpContent
{
    private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the first piece is on its way.</summary>
    public Task Started => started.Task;

    /// <summary>Whether the last piece has been sent.</summary>
    public bool Finished { get; private set; }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        var size = (bytes.Length + chunks - 1) / chunks;
        for (var offset = 0; offset < bytes.Length; offset += size)
        {
            await stream.WriteAsync(bytes.AsMemory(offset, Math.Min(size, bytes.Length - offset)));
            await stream.FlushAsync();
            started.TrySetResult();
            await Task.Delay(pause);
        }

        Finished = true;
    }

    protected override bool TryComputeLength(out long length)
    {
        length = bytes.Length;
        return true;
    }
}
