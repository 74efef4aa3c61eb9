using System.Globalization;
using System.IO.Compression;
using System.Xml;
using System.Xml.Linq;
using OfficeEval.Api.Features.Jobs;
using OfficeEval.Api.Infrastructure;

namespace OfficeEval.Api.Features.Rectification;

/// <summary>
/// Evidence files (整改佐证材料) as hostile input: at most <see cref="MaxFileBytes"/> each, of a type told by its first
/// bytes (PDF, Word .docx, Excel .xlsx, JPEG, PNG — never by the name or the type the client claims), no macros, the
/// name reduced to a safe file name whose extension matches the type. Stored in the files folder
/// (<c>OfficeEval:FilesPath</c>) under <c>rectification/{item}/{file}</c>, by id only, and on the disk before the
/// submission naming them commits: a process killed mid-submission leaves at most files that no item names (never
/// served, as downloads go by the item's list).
/// </summary>
public static class EvidenceFiles
{
    public const long MaxFileBytes = 20L * 1024 * 1024;
    public const int MaxFilesPerSubmission = 10;

    /// <summary>The largest submission request: every file at its limit, and the form around them.</summary>
    public const long MaxRequestBytes = (MaxFilesPerSubmission * MaxFileBytes) + (1024 * 1024);

    private const string Folder = "rectification";
    private const int MaxZipEntries = 10_000;
    private const int MaxContentTypesBytes = 1024 * 1024;

    /// <summary>What a file turned out to be: its content type and the extension its name must end with.</summary>
    public sealed record Kind(string ContentType, string Extension);

    public static readonly Kind Pdf = new("application/pdf", ".pdf");
    public static readonly Kind Docx = new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx");
    public static readonly Kind Xlsx = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx");
    public static readonly Kind Jpeg = new("image/jpeg", ".jpg");
    public static readonly Kind Png = new("image/png", ".png");

    /// <summary>A file of the submission, checked: its kind and safe name, or the problem with it (and the HTTP status it calls for).</summary>
    public sealed record Checked(IFormFile File, Kind? Kind, string Name, ProblemItem? Problem, int Status);

    /// <summary>Checks one uploaded file; <paramref name="index"/> names it in problems (<c>files[0]</c>).</summary>
    public static Checked Check(IFormFile file, int index)
    {
        ArgumentNullException.ThrowIfNull(file);
        var field = string.Create(CultureInfo.InvariantCulture, $"files[{index}]");
        var shown = SafeName(file.FileName, null);
        if (file.Length == 0)
        {
            return new Checked(file, null, shown, RectificationRequests.Error("upload.file_empty", field, $"文件“{shown}”是空文件。", $"The file \"{shown}\" is empty."), 400);
        }

        if (file.Length > MaxFileBytes)
        {
            return new Checked(file, null, shown, RectificationRequests.Error("upload.too_large", field,
                $"文件“{shown}”超过 20 MB，请压缩或拆分后上传。", $"The file \"{shown}\" is larger than 20 MB."), 413);
        }

        Kind? kind;
        string? refusal;
        using (var stream = file.OpenReadStream())
        {
            (kind, refusal) = Detect(stream);
        }

        if (kind is null)
        {
            return new Checked(file, null, shown, RectificationRequests.Error(refusal == "macro" ? "upload.macro" : "upload.type_not_allowed", field,
                refusal == "macro"
                    ? $"文件“{shown}”含有宏，不能上传；请另存为不含宏的 .docx 或 .xlsx。"
                    : $"文件“{shown}”不是允许的类型：只能上传 PDF、Word（.docx）、Excel（.xlsx）、JPEG 或 PNG 文件。",
                refusal == "macro"
                    ? $"The file \"{shown}\" contains macros; save it as a .docx or .xlsx without macros."
                    : $"The file \"{shown}\" is not of an accepted type: PDF, Word (.docx), Excel (.xlsx), JPEG or PNG."), 415);
        }

        return new Checked(file, kind, SafeName(file.FileName, kind), null, 200);
    }

    /// <summary>
    /// The type of a file from its content: PDF, PNG and JPEG by their signatures; an Office document by being a zip
    /// package whose <c>[Content_Types].xml</c> declares a Word or Excel main part (a macro-enabled one, or a VBA project,
    /// is refused as <c>macro</c>). Null with the reason otherwise.
    /// </summary>
    public static (Kind? Kind, string? Refusal) Detect(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> head = stackalloc byte[8];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..read];
        if (head.StartsWith("%PDF-"u8))
        {
            return (Pdf, null);
        }

        if (head.SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return (Png, null);
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return (Jpeg, null);
        }

        if (!head.StartsWith("PK\u0003\u0004"u8) || !stream.CanSeek)
        {
            return (null, "type");
        }

        stream.Position = 0;
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > MaxZipEntries)
            {
                return (null, "type");
            }

            if (zip.Entries.Any(e => e.FullName.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)))
            {
                return (null, "macro");
            }

            var types = zip.GetEntry("[Content_Types].xml");
            if (types is null || types.Length > MaxContentTypesBytes)
            {
                return (null, "type");
            }

            using var xml = XmlReader.Create(types.Open(), new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                MaxCharactersInDocument = MaxContentTypesBytes,
                CloseInput = true,
            });
            var declared = XDocument.Load(xml).Root?.Elements()
                .Select(e => (string?)e.Attribute("ContentType") ?? "")
                .ToList() ?? [];
            if (declared.Any(t => t.Contains("macroEnabled", StringComparison.OrdinalIgnoreCase)))
            {
                return (null, "macro");
            }

            if (declared.Contains("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"))
            {
                return (Docx, null);
            }

            return declared.Contains("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml") ? (Xlsx, null) : (null, "type");
        }
        catch (Exception e) when (e is InvalidDataException or XmlException or IOException or NotSupportedException)
        {
            // Not a readable package (damaged, encrypted, or only pretending to be a zip).
            return (null, "type");
        }
    }

    /// <summary>
    /// The name a file is shown and downloaded under: its last path segment only (nothing of a path survives), made
    /// safe for every file system, with the extension of its <paramref name="kind"/> added when it does not end so.
    /// </summary>
    public static string SafeName(string? uploaded, Kind? kind)
    {
        var name = uploaded ?? "";
        var cut = name.LastIndexOfAny(['/', '\\']);
        name = FileNames.Safe(cut >= 0 ? name[(cut + 1)..] : name, "evidence");
        if (kind is null)
        {
            return name;
        }

        var extension = Path.GetExtension(name);
        var matches = string.Equals(extension, kind.Extension, StringComparison.OrdinalIgnoreCase)
            || (kind == Jpeg && string.Equals(extension, ".jpeg", StringComparison.OrdinalIgnoreCase));
        return matches ? name : name + kind.Extension;
    }

    /// <summary>The file's place in the files folder, relative to it, from ids only.</summary>
    public static string RelativePath(Guid itemId, Guid fileId) =>
        string.Create(CultureInfo.InvariantCulture, $"{Folder}/{itemId:N}/{fileId:N}");

    /// <summary>
    /// Copies the checked file into the files folder under a new id, durably (<see cref="DurableFiles"/>): it is on
    /// the disk before the transaction naming it commits. Returns what the item records of it.
    /// </summary>
    public static async Task<EvidenceFile> StoreAsync(ReportFiles files, Guid itemId, Checked file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(file);
        var id = Guid.CreateVersion7();
        await DurableFiles.WriteAsync(files.FullPath(RelativePath(itemId, id)), async (target, ct) =>
        {
            await using var source = file.File.OpenReadStream();
            await source.CopyToAsync(target, ct);
        }, cancellationToken);
        return new EvidenceFile(id, file.Name, file.File.Length, file.Kind!.ContentType);
    }

    /// <summary>Removes files stored for a change that was then not saved.</summary>
    public static void Remove(ReportFiles files, Guid itemId, IEnumerable<EvidenceFile> stored)
    {
        ArgumentNullException.ThrowIfNull(files);
        foreach (var file in stored)
        {
            File.Delete(files.FullPath(RelativePath(itemId, file.Id)));
        }
    }

    /// <summary>The stored file to read, or null when it is not (any longer) in the files folder.</summary>
    public static FileStream? Open(ReportFiles files, Guid itemId, Guid fileId)
    {
        ArgumentNullException.ThrowIfNull(files);
        var path = files.FullPath(RelativePath(itemId, fileId));
        return File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true) : null;
    }
}
