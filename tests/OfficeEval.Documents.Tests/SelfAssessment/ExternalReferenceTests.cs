using System.Net;
using System.Net.Sockets;
using OfficeEval.Documents.SelfAssessment;
using OfficeEval.Documents.Tests.Support;

namespace OfficeEval.Documents.Tests.SelfAssessment;

/// <summary>
/// Reading an upload never opens what it points at: every external target in these workbooks is a listener on the
/// loopback interface, and it must see no connection at all.
/// </summary>
public sealed class ExternalReferenceTests : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _connections;

    public ExternalReferenceTests()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    private Uri Target(string path) => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/{path}");

    [Fact]
    public async Task Read_WorkbooksPointingAtALocalServer_ConnectNowhere()
    {
        var accepted = TestTemplates.Read(BadFileCorpus.WithHyperlink(Target("evidence.pdf")));
        Assert.Empty(accepted.Problems);

        var refused = new (string What, byte[] Workbook, string Code)[]
        {
            ("external link", BadFileCorpus.WithExternalLink(Target("other.xlsx")), "upload.external_link"),
            ("data connection", BadFileCorpus.WithDataConnection(Target("query")), "upload.external_link"),
            ("linked OLE object", BadFileCorpus.WithExternalOleObject(Target("attachment.docx")), "upload.external_link"),
            ("linked picture", BadFileCorpus.WithExternalImage(Target("image.png")), "upload.external_link"),
            ("external DTD", BadFileCorpus.WithExternalDtd(Target("evil.dtd")), "upload.dtd"),
            ("external entity", BadFileCorpus.WithExternalEntity(Target("secret")), "upload.dtd"),
            ("absolute target without TargetMode", BadFileCorpus.WithInternalRelationshipTo(Target("image.png").AbsoluteUri), "upload.not_xlsx"),
        };
        foreach (var (what, workbook, code) in refused)
        {
            var error = Assert.Throws<WorkbookRejectedException>(() => TestTemplates.Read(workbook));
            Assert.True(error.Code == code, $"{what}: expected {code}, got {error.Code}");
        }

        await Task.Delay(TimeSpan.FromMilliseconds(250));
        Assert.Equal(0, Volatile.Read(ref _connections));

        // The listener does notice a connection: the zero above is not for want of listening.
        using (var client = new TcpClient())
        {
            await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)_listener.LocalEndpoint).Port);
        }

        for (var i = 0; i < 100 && Volatile.Read(ref _connections) == 0; i++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(1, Volatile.Read(ref _connections));
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            _accepting.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Stopping the listener ends the pending accept with an exception.
        }

        _listener.Dispose();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _connections);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopped.
        }
    }
}
