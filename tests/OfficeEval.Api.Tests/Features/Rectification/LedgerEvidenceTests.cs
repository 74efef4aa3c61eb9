using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using OfficeEval.Api.Features.Rectification;
using OfficeEval.Api.Tests.Support;
using static OfficeEval.Api.Tests.Features.Rectification.LedgerApi;
using static OfficeEval.Api.Tests.Features.Rectification.LedgerFactory;

namespace OfficeEval.Api.Tests.Features.Rectification;

/// <summary>
/// Evidence uploads as hostile input: the type comes from the content (a renamed executable is refused, a document
/// with macros too), 20 MB per file, at most 10 files, names reduced to a file name (no path survives) with the
/// extension of what the file is; stored by id under the files folder's rectification/ folder, downloaded as an
/// attachment. A refused submission stores nothing and leaves the item as it was.
/// </summary>
public sealed class LedgerEvidenceTests(LedgerFactory api) : IClassFixture<LedgerFactory>
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n");

    private string Folder => Path.Combine(api.Database.FilesFolder, "rectification");

    [Fact]
    public async Task Upload_PathTraversalName_StoredByIdUnderItsFileNameOnly()
    {
        var (staff, id, url) = await RectifyingAsync();

        var response = await SubmitAsync(staff, url, 1, ("../../../../etc/passwd.pdf", Pdf), ("..\\..\\boot.ini", Pdf));

        var item = await ReadAsync(response);
        var files = item["evidence"]![0]!["files"]!.AsArray();
        Assert.Equal(["passwd.pdf", "boot.ini.pdf"], files.Select(f => f!["name"]!.GetValue<string>()));
        // Every file anywhere in the files folder is rectification/{item}/{file}, named by ids alone.
        var everything = Directory.GetFiles(api.Database.FilesFolder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(api.Database.FilesFolder, f).Replace('\\', '/')).ToList();
        Assert.All(everything, f => Assert.Matches("^rectification/[0-9a-f]{32}/[0-9a-f]{32}$", f));
        Assert.Equal(files.Select(f => $"rectification/{id:N}/{f!["id"]!.GetValue<Guid>():N}").Order(), everything.Where(f => f.Contains(id.ToString("N"), StringComparison.Ordinal)).Order());

        var download = await staff.GetAsync(ItemUrl(api.Demo.Id, api.Unit, id, $"/files/{files[0]!["id"]}"));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(("application/pdf", "attachment", "passwd.pdf"), (download.Content.Headers.ContentType!.MediaType,
            download.Content.Headers.ContentDisposition!.DispositionType, download.Content.Headers.ContentDisposition.FileNameStar));
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Upload_WrongMagicBytes_415AndNothingStored()
    {
        var (staff, id, url) = await RectifyingAsync();
        var executable = Encoding.ASCII.GetBytes("MZ\u0090\0\u0003\0\0\0This program cannot be run in DOS mode");
        var fakeZip = Encoding.ASCII.GetBytes("PK\u0003\u0004 not really a zip at all");

        foreach (var (name, content) in new[] { ("整改报告.pdf", executable), ("表格.xlsx", fakeZip), ("照片.jpg", Encoding.UTF8.GetBytes("<svg onload=alert(1)>")) })
        {
            var response = await SubmitAsync(staff, url, 1, ("说明.pdf", Pdf), (name, content));

            Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
            var problem = await Problem.ReadAsync(response);
            Assert.Equal("upload.type_not_allowed", problem.Code);
            var error = Assert.Single(problem.Errors!);
            Assert.Equal(("files[1]", true), (error.Field, error.MessageZh.Contains(name, StringComparison.Ordinal)));
        }

        await AssertUnchangedAsync(id);
    }

    [Fact]
    public async Task Upload_OfficeDocuments_ByTheirPackageNotTheirName()
    {
        var (staff, id, url) = await RectifyingAsync();
        var docx = Package("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", "/word/document.xml");
        var xlsx = Package("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "/xl/workbook.xml");

        var item = await ReadAsync(await SubmitAsync(staff, url, 1, ("整改报告", docx), ("台账.xls", xlsx)));

        var files = item["evidence"]![0]!["files"]!.AsArray();
        Assert.Equal(
            [("整改报告.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"), ("台账.xls.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")],
            files.Select(f => (f!["name"]!.GetValue<string>(), f["contentType"]!.GetValue<string>())));
        Assert.Equal(RectificationStatus.Submitted, (await StoredAsync(api, id))!.Status);
    }

    [Fact]
    public async Task Upload_MacroEnabledDocument_415Macro()
    {
        var (staff, id, url) = await RectifyingAsync();
        var docm = Package("application/vnd.ms-word.document.macroEnabled.main+xml", "/word/document.xml");
        var withVba = Package("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", "/word/document.xml", "word/vbaProject.bin");

        foreach (var content in new[] { docm, withVba })
        {
            var response = await SubmitAsync(staff, url, 1, ("整改报告.docx", content));

            Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
            Assert.Equal("upload.macro", (await Problem.ReadAsync(response)).Code);
        }

        await AssertUnchangedAsync(id);
    }

    [Fact]
    public async Task Upload_TooLarge_413NamingTheFile()
    {
        var (staff, id, url) = await RectifyingAsync();
        var large = new byte[(20 * 1024 * 1024) + 1];
        Pdf.CopyTo(large, 0);

        var response = await SubmitAsync(staff, url, 1, ("扫描件.pdf", large), ("说明.pdf", Pdf));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal(("upload.too_large", "files[0]"), (problem.Code, Assert.Single(problem.Errors!).Field));
        await AssertUnchangedAsync(id);
    }

    [Fact]
    public async Task Upload_FileLargerThanOtherUploadsMayBe_AcceptedUpTo20Megabytes()
    {
        // The API's other uploads stop at 12 MB; evidence scans may be up to 20 MB each.
        var (staff, id, url) = await RectifyingAsync();
        var scan = new byte[20 * 1024 * 1024];
        Pdf.CopyTo(scan, 0);

        var item = await ReadAsync(await SubmitAsync(staff, url, 1, ("扫描件.pdf", scan)));

        Assert.Equal(scan.Length, item["evidence"]![0]!["files"]![0]!["size"]!.GetValue<long>());
        Assert.Equal(RectificationStatus.Submitted, (await StoredAsync(api, id))!.Status);
    }

    [Fact]
    public async Task Upload_ElevenFilesOrAnEmptyOne_Refused()
    {
        var (staff, id, url) = await RectifyingAsync();

        var tooMany = await SubmitAsync(staff, url, 1, [.. Enumerable.Range(1, 11).Select(i => ($"第{i}页.pdf", Pdf))]);
        var empty = await SubmitAsync(staff, url, 1, ("空.pdf", []));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMany.StatusCode);
        var error = Assert.Single((await Problem.ReadAsync(tooMany)).Errors!);
        Assert.Equal(("upload.too_many_files", "files"), (error.Code, error.Field));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("upload.file_empty", (await Problem.ReadAsync(empty)).Code);
        await AssertUnchangedAsync(id);
    }

    [Fact]
    public async Task Download_ByAnotherUnitsStaffOrAnUnknownFile_RefusedOrNotFound()
    {
        var (staff, id, url) = await RectifyingAsync();
        var item = await ReadAsync(await SubmitAsync(staff, url, 1, ("说明.pdf", Pdf)));
        var fileUrl = ItemUrl(api.Demo.Id, api.Unit, id, $"/files/{item["evidence"]![0]!["files"]![0]!["id"]}");

        Assert.Equal(HttpStatusCode.Forbidden, (await (await api.ClientAsync(OtherStaff)).GetAsync(fileUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await api.ClientAsync(Viewer)).GetAsync(fileUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync(ItemUrl(api.Demo.Id, api.Unit, id, $"/files/{Guid.NewGuid()}"))).StatusCode);
    }

    private async Task<(HttpClient Staff, Guid Id, string Url)> RectifyingAsync()
    {
        var staff = await api.ClientAsync(UnitStaff);
        var id = await SeedAsync(api, api.Demo.Id, api.Unit, RectificationStatus.Rectifying);
        return (staff, id, ItemUrl(api.Demo.Id, api.Unit, id, "/submit"));
    }

    private static Task<HttpResponseMessage> SubmitAsync(HttpClient client, string url, int revision, params (string Name, byte[] Content)[] files)
    {
        var form = new MultipartFormDataContent { { new StringContent("已按要求整改，附佐证材料"), "description" } };
        foreach (var (name, content) in files)
        {
            // The client claims a harmless type whatever the file is: the API must not believe it.
            form.Add(new ByteArrayContent(content) { Headers = { ContentType = new MediaTypeHeaderValue("application/pdf") } }, "files", name);
        }

        return SendAsync(client, HttpMethod.Post, url, form, revision);
    }

    private async Task AssertUnchangedAsync(Guid id)
    {
        var stored = await StoredAsync(api, id);
        Assert.Equal((RectificationStatus.Rectifying, 1), (stored!.Status, stored.Revision));
        Assert.Empty(stored.Evidence);
        Assert.Empty(await AuditAsync(api, id));
        var folder = Path.Combine(Folder, id.ToString("N"));
        Assert.True(!Directory.Exists(folder) || Directory.GetFiles(folder).Length == 0);
    }

    /// <summary>An Open XML package as far as the type check reads it: [Content_Types].xml declaring the main part, and the given entries.</summary>
    private static byte[] Package(string mainType, string mainPart, params string[] entries)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var writer = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open()))
            {
                writer.Write($"""<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="{mainPart}" ContentType="{mainType}"/></Types>""");
            }

            foreach (var entry in entries.Append(mainPart.TrimStart('/')))
            {
                using var stream = zip.CreateEntry(entry).Open();
                stream.Write("<x/>"u8);
            }
        }

        return output.ToArray();
    }
}
