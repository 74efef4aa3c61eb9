namespace OfficeEval.Documents.Results;

/// <summary>A streamed workbook taking its rows one at a time; <see cref="Finish"/> writes what follows them.</summary>
internal interface IRowSink<in T> : IDisposable
{
    void Add(T row);

    void Finish();
}

/// <summary>Feeds a streamed workbook its rows, from a list or as they arrive, enumerating them once.</summary>
internal static class RowSink
{
    public static void Write<T>(IRowSink<T> sink, IEnumerable<T> rows)
    {
        using (sink)
        {
            foreach (var row in rows)
            {
                sink.Add(row);
            }

            sink.Finish();
        }
    }

    public static async Task WriteAsync<T>(IRowSink<T> sink, IAsyncEnumerable<T> rows, CancellationToken cancellationToken)
    {
        using (sink)
        {
            await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                sink.Add(row);
            }

            sink.Finish();
        }
    }
}
