using System.IO.Compression;

namespace OfficeEval.Documents.SelfAssessment;

/// <summary>
/// Checks an uploaded file before any XML is parsed: size, container format, entry count, real expanded size
/// (zip bombs), macros. Returns a seekable in-memory copy that is safe to hand to the Open XML SDK.
/// </summary>
internal static class UploadGuard
{
    private static ReadOnlySpan<byte> ZipMagic => [0x50, 0x4B, 0x03, 0x04];
    private static ReadOnlySpan<byte> CompoundFileMagic => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    public static MemoryStream Check(Stream input, UploadLimits limits)
    {
        var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
        {
            copy.Write(buffer, 0, read);
            if (copy.Length > limits.MaxFileBytes)
            {
                throw Reject("upload.too_large",
                    $"文件超过 {limits.MaxFileBytes / 1024 / 1024} MB 的上限。",
                    $"The file is larger than the {limits.MaxFileBytes / 1024 / 1024} MB limit.");
            }
        }

        var head = copy.GetBuffer().AsSpan(0, (int)Math.Min(copy.Length, 8));
        if (head.StartsWith(CompoundFileMagic))
        {
            // Encrypted .xlsx files and legacy .xls files are both OLE compound files.
            throw Reject("upload.encrypted_or_legacy",
                "文件已加密或为旧版 .xls 格式，请取消密码保护并另存为 .xlsx 后再上传。",
                "The file is encrypted or in the legacy .xls format; remove the password and save it as .xlsx.");
        }

        if (!head.StartsWith(ZipMagic))
        {
            throw NotAWorkbook();
        }

        copy.Position = 0;
        try
        {
            using var zip = new ZipArchive(copy, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > limits.MaxZipEntries)
            {
                throw Reject("upload.too_many_entries",
                    $"文件包含的部件过多（{zip.Entries.Count} 个，上限 {limits.MaxZipEntries} 个）。",
                    $"The file has too many parts ({zip.Entries.Count}; the limit is {limits.MaxZipEntries}).");
            }

            long expanded = 0;
            foreach (var entry in zip.Entries)
            {
                if (entry.FullName.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase))
                {
                    throw Reject("upload.macro", "文件包含宏，出于安全原因不予接收，请另存为不含宏的 .xlsx。",
                        "The file contains macros and is refused; save it as a macro-free .xlsx.");
                }

                // Count what the entry really expands to: declared sizes in a zip can lie.
                using var entryStream = entry.Open();
                while ((read = entryStream.Read(buffer, 0, buffer.Length)) > 0)
                {
                    expanded += read;
                    if (expanded > limits.MaxUncompressedBytes)
                    {
                        throw Reject("upload.too_large_expanded", "文件解压后体积异常，疑似压缩炸弹，不予接收。",
                            "The file expands to an abnormal size (a possible zip bomb) and is refused.");
                    }
                }
            }
        }
        catch (InvalidDataException)
        {
            throw NotAWorkbook();
        }

        copy.Position = 0;
        return copy;
    }

    public static WorkbookRejectedException NotAWorkbook() => Reject("upload.not_xlsx",
        "文件不是有效的 Excel 工作簿（.xlsx）。", "The file is not a valid Excel workbook (.xlsx).");

    public static WorkbookRejectedException Reject(string code, string zh, string en) => new(code, zh, en);
}
