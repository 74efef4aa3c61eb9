using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace OfficeEval.Documents.SelfAssessment;

/// <summary>
/// Checks an uploaded file before any XML is parsed by the Open XML SDK: size, container format (zip, or an OLE
/// compound file that is an encrypted workbook or a legacy .xls), entry count and names, real expanded size (zip bombs),
/// macros, templates, ActiveX and embedded OLE objects, document type declarations (DTDs) in any XML part, and links to
/// other files or data sources. Returns a seekable in-memory copy that is safe to hand to the Open XML SDK.
/// </summary>
/// <remarks>
/// Each entry is expanded once. XML parts are only read up to their first element (a DOCTYPE must precede it);
/// relationship parts and <c>[Content_Types].xml</c>, which are small, are read whole. Nothing a relationship points
/// at is ever opened or fetched.
/// </remarks>
internal static class UploadGuard
{
    private const string ContentTypesEntry = "[Content_Types].xml";
    private const string PackageRelationshipsEntry = "_rels/.rels";

    private static readonly XmlReaderSettings XmlSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        CloseInput = false,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
    };

    /// <summary>Main-part and part content types of macro-enabled packages.</summary>
    private static readonly HashSet<string> MacroContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
        "application/vnd.ms-excel.template.macroEnabled.main+xml",
        "application/vnd.ms-excel.addin.macroEnabled.main+xml",
        "application/vnd.ms-office.vbaProject",
        "application/vnd.ms-excel.macrosheet+xml",
        "application/vnd.ms-excel.intlmacrosheet+xml",
    };

    private static readonly HashSet<string> TemplateContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
    };

    /// <summary>Content types a workbook's main part may have (the macro-enabled and template ones are refused on their own).</summary>
    private static readonly HashSet<string> SpreadsheetMainContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
        "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
        "application/vnd.ms-excel.template.macroEnabled.main+xml",
        "application/vnd.ms-excel.addin.macroEnabled.main+xml",
    };

    private static readonly HashSet<string> ActiveContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "application/vnd.ms-office.activeX+xml",
        "application/vnd.ms-office.activeX",
        "application/vnd.openxmlformats-officedocument.oleObject",
    };

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
                    string.Create(CultureInfo.InvariantCulture, $"文件超过 {limits.MaxFileBytes / 1024 / 1024} MB 的上限。"),
                    string.Create(CultureInfo.InvariantCulture, $"The file is larger than the {limits.MaxFileBytes / 1024 / 1024} MB limit."));
            }
        }

        var bytes = copy.GetBuffer().AsSpan(0, (int)copy.Length);
        if (bytes.StartsWith(CompoundFileMagic))
        {
            // Encrypted .xlsx files and legacy .xls files are both OLE compound files; their streams tell them apart.
            throw CompoundFile.Classify(bytes);
        }

        if (!bytes.StartsWith(ZipMagic))
        {
            throw NotAWorkbook();
        }

        copy.Position = 0;
        try
        {
            using var zip = new ZipArchive(copy, ZipArchiveMode.Read, leaveOpen: true);
            CheckPackage(zip, limits, buffer);
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException or IOException)
        {
            throw NotAWorkbook();
        }

        copy.Position = 0;
        return copy;
    }

    public static WorkbookRejectedException NotAWorkbook() => Reject("upload.not_xlsx",
        "文件不是有效的 Excel 工作簿（.xlsx）。", "The file is not a valid Excel workbook (.xlsx).");

    public static WorkbookRejectedException Reject(string code, string zh, string en) => new(code, zh, en);

    private static void CheckPackage(ZipArchive zip, UploadLimits limits, byte[] buffer)
    {
        var entries = zip.Entries;
        if (entries.Count > limits.MaxZipEntries)
        {
            throw Reject("upload.too_many_entries",
                string.Create(CultureInfo.InvariantCulture, $"文件包含的部件过多（{entries.Count} 个，上限 {limits.MaxZipEntries} 个）。"),
                string.Create(CultureInfo.InvariantCulture, $"The file has too many parts ({entries.Count}; the limit is {limits.MaxZipEntries})."));
        }

        // Part names are case-insensitive: two entries differing only in case are as ambiguous as two identical ones.
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in entries)
        {
            if (!IsSafeEntryName(entry.FullName) || !names.Add(entry.FullName))
            {
                throw NotAWorkbook();
            }
        }

        foreach (var entry in entries)
        {
            CheckEntryName(entry.FullName);
        }

        var budget = new ExpansionBudget(limits.MaxUncompressedBytes);
        var scan = new PackageScan(names);
        foreach (var entry in entries)
        {
            if (entry.IsEncrypted)
            {
                // Zip-level encryption has no place in an Open XML package (password-protected workbooks are compound files).
                throw NotAWorkbook();
            }

            using var raw = entry.Open();
            using var stream = new GuardedStream(raw, budget);
            if (entry.FullName.Equals(ContentTypesEntry, StringComparison.OrdinalIgnoreCase))
            {
                CheckXml(stream, scan.ContentType);
            }
            else if (entry.FullName.Equals(PackageRelationshipsEntry, StringComparison.OrdinalIgnoreCase))
            {
                CheckXml(stream, scan.PackageRelationship);
            }
            else if (entry.FullName.EndsWith(".rels", StringComparison.OrdinalIgnoreCase))
            {
                var depth = PackageScan.SourceDepth(entry.FullName);
                CheckXml(stream, reader => PackageScan.Relationship(reader, depth));
            }
            else if (stream.LooksLikeXml())
            {
                CheckXml(stream, null);
            }

            // Count what the entry really expands to: declared sizes in a zip can lie.
            while (stream.Read(buffer, 0, buffer.Length) > 0)
            {
            }
        }

        scan.CheckMainPart();
    }

    /// <summary>Relative names inside the package only: no <c>..</c> or empty segments, no leading <c>/</c>, no drive, no <c>\</c>.</summary>
    private static bool IsSafeEntryName(string name)
    {
        if (name.Length == 0 || name[0] == '/' || name.Contains('\\') || (name.Length >= 2 && name[1] == ':') || name.Any(char.IsControl))
        {
            return false;
        }

        var segments = name.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            // A trailing empty segment is a folder entry ("xl/"); an empty one elsewhere is "//".
            if (segments[i] is "." or ".." || (segments[i].Length == 0 && i < segments.Length - 1))
            {
                return false;
            }
        }

        return true;
    }

    private static void CheckEntryName(string name)
    {
        if (name.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase))
        {
            throw Reject("upload.macro", "文件包含宏，出于安全原因不予接收，请另存为不含宏的 .xlsx。",
                "The file contains macros and is refused; save it as a macro-free .xlsx.");
        }

        if (name.StartsWith("xl/activeX/", StringComparison.OrdinalIgnoreCase)
            || (name.StartsWith("xl/embeddings/", StringComparison.OrdinalIgnoreCase) && name.EndsWith(".bin", StringComparison.OrdinalIgnoreCase)))
        {
            throw ActiveContent();
        }

        if (name.StartsWith("xl/externalLinks/", StringComparison.OrdinalIgnoreCase))
        {
            throw ExternalLink();
        }

        if (name.Equals("xl/connections.xml", StringComparison.OrdinalIgnoreCase))
        {
            throw Reject("upload.external_link",
                "文件包含外部数据连接，出于安全原因不予接收。请在 Excel 中删除数据连接（数据 → 查询和连接）后重新上传。",
                "The file has connections to external data sources and is refused; remove them in Excel (Data → Queries & Connections) and upload again.");
        }
    }

    /// <summary>
    /// Reads <paramref name="stream"/> as XML up to its first element, refusing a DOCTYPE; then, when
    /// <paramref name="inspect"/> is given, reads on and calls it for every element. A part that is not well-formed is
    /// left for the package reader to report.
    /// </summary>
    private static void CheckXml(GuardedStream stream, Action<XmlReader>? inspect)
    {
        // The reader sniffs the encoding from the first bytes as soon as it is created: record from before that.
        stream.Recording = true;
        XmlReader? reader = null;
        try
        {
            try
            {
                reader = XmlReader.Create(stream, XmlSettings);
                while (reader.NodeType != XmlNodeType.Element)
                {
                    if (!reader.Read())
                    {
                        return;
                    }
                }
            }
            catch (XmlException) when (stream.RecordedDoctype())
            {
                // With DtdProcessing.Prohibit a DOCTYPE surfaces as an XmlException; the bytes read so far tell it from
                // other syntax errors without depending on the exception's (localized) message.
                throw Reject("upload.dtd",
                    "文件中的 XML 部件包含文档类型声明（DTD），出于安全原因不予接收。请在 Excel 中打开后另存为 .xlsx 再上传。",
                    "A part of the file declares a document type (DTD) and is refused for security reasons; open it in Excel, save it as .xlsx and upload again.");
            }
            catch (XmlException)
            {
                return; // not well-formed: the package reader refuses it
            }

            stream.Recording = false;
            if (inspect is null)
            {
                return;
            }

            try
            {
                do
                {
                    if (reader.NodeType == XmlNodeType.Element)
                    {
                        inspect(reader);
                    }
                }
                while (reader.Read());
            }
            catch (XmlException)
            {
                // Not well-formed: the package reader refuses it.
            }
        }
        finally
        {
            stream.Recording = false;
            reader?.Dispose();
        }
    }

    /// <summary>What the package's content types and relationships say, gathered while its entries are checked.</summary>
    private sealed class PackageScan(HashSet<string> entryNames)
    {
        private readonly Dictionary<string, string> _defaults = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, string> _overrides = new(StringComparer.OrdinalIgnoreCase);
        private string? _mainPart;

        /// <summary>
        /// How many folders deep the parts described by relationship entry <paramref name="relsEntry"/> sit:
        /// <c>xl/_rels/workbook.xml.rels</c> describes <c>xl/workbook.xml</c>, one folder deep.
        /// </summary>
        public static int SourceDepth(string relsEntry)
        {
            var folders = relsEntry.Split('/')[..^1];
            return folders.Length > 0 && folders[^1].Equals("_rels", StringComparison.OrdinalIgnoreCase) ? folders.Length - 1 : folders.Length;
        }

        /// <summary>
        /// External targets are never followed; only plain hyperlinks may point outside the package. An internal target
        /// must be a part of the package: not an absolute URI (http:, file:, a drive, a UNC path) and not above its root.
        /// </summary>
        public static void Relationship(XmlReader reader, int sourceDepth)
        {
            if (reader.LocalName != "Relationship")
            {
                return;
            }

            if (string.Equals(reader.GetAttribute("TargetMode")?.Trim(), "External", StringComparison.OrdinalIgnoreCase))
            {
                var type = reader.GetAttribute("Type")?.Trim() ?? "";
                if (!type.EndsWith("/hyperlink", StringComparison.OrdinalIgnoreCase))
                {
                    throw ExternalLink();
                }

                return;
            }

            if (!IsInsidePackage(reader.GetAttribute("Target")?.Trim() ?? "", sourceDepth))
            {
                throw NotAWorkbook();
            }
        }

        /// <summary>A relationship of <c>_rels/.rels</c>: also notes which part is the main (officeDocument) part.</summary>
        public void PackageRelationship(XmlReader reader)
        {
            Relationship(reader, 0);
            if (reader.LocalName == "Relationship"
                && (reader.GetAttribute("Type")?.Trim() ?? "").EndsWith("/officeDocument", StringComparison.OrdinalIgnoreCase)
                && reader.GetAttribute("Target") is { Length: > 0 } target)
            {
                _mainPart = "/" + target.Trim().TrimStart('/');
            }
        }

        private static bool IsInsidePackage(string target, int sourceDepth)
        {
            var colon = target.IndexOf(':', StringComparison.Ordinal);
            var slash = target.IndexOf('/', StringComparison.Ordinal);
            if (target.Contains('\\') || target.StartsWith("//", StringComparison.Ordinal) || (colon >= 0 && (slash < 0 || colon < slash)))
            {
                return false; // a scheme (http:, file:), a drive (C:), a UNC or network path
            }

            var depth = target.StartsWith('/') ? 0 : sourceDepth;
            foreach (var segment in target.Split('/'))
            {
                if (segment == "..")
                {
                    if (--depth < 0)
                    {
                        return false;
                    }
                }
                else if (segment is not ("" or "."))
                {
                    depth++;
                }
            }

            return true;
        }

        /// <summary>
        /// An element of <c>[Content_Types].xml</c>: macro-enabled (.xlsm, .xltm) and template (.xltx) main parts, ActiveX
        /// and OLE parts are refused. A <c>Default</c> only counts when some entry has its extension.
        /// </summary>
        public void ContentType(XmlReader reader)
        {
            string? contentType = null;
            if (reader.LocalName == "Override" && reader.GetAttribute("PartName") is { Length: > 0 } partName)
            {
                contentType = MediaType(reader.GetAttribute("ContentType"));
                _overrides[partName.Trim()] = contentType;
            }
            else if (reader.LocalName == "Default" && reader.GetAttribute("Extension") is { Length: > 0 } extension)
            {
                _defaults[extension.Trim()] = MediaType(reader.GetAttribute("ContentType"));
                if (entryNames.Any(n => n.EndsWith("." + extension.Trim(), StringComparison.OrdinalIgnoreCase) && !n.Equals(ContentTypesEntry, StringComparison.OrdinalIgnoreCase)))
                {
                    contentType = _defaults[extension.Trim()];
                }
            }

            if (string.IsNullOrEmpty(contentType))
            {
                return;
            }

            if (MacroContentTypes.Contains(contentType))
            {
                throw Reject("upload.macro", "文件为启用宏的格式（.xlsm/.xltm），出于安全原因不予接收，请另存为 Excel 工作簿（.xlsx）后再上传。",
                    "The file is macro-enabled (.xlsm/.xltm) and is refused; save it as an Excel Workbook (.xlsx) and upload again.");
            }

            if (TemplateContentTypes.Contains(contentType))
            {
                throw Reject("upload.template", "文件为 Excel 模板格式（.xltx），请在 Excel 中另存为 Excel 工作簿（.xlsx）后再上传。",
                    "The file is an Excel template (.xltx); save it as an Excel Workbook (.xlsx) and upload again.");
            }

            if (ActiveContentTypes.Contains(contentType))
            {
                throw ActiveContent();
            }
        }

        /// <summary>A package whose main part is a Word document, a presentation, … is not a workbook.</summary>
        public void CheckMainPart()
        {
            if (_mainPart is null)
            {
                return;
            }

            var extension = Path.GetExtension(_mainPart).TrimStart('.');
            var contentType = _overrides.GetValueOrDefault(_mainPart) ?? _defaults.GetValueOrDefault(extension);
            if (contentType is not null && !SpreadsheetMainContentTypes.Contains(contentType))
            {
                throw NotAWorkbook();
            }
        }

        private static string MediaType(string? contentType) => contentType?.Split(';')[0].Trim() ?? "";
    }

    private static WorkbookRejectedException ActiveContent() => Reject("upload.active_content",
        "文件包含 ActiveX 控件或嵌入的 OLE 对象，出于安全原因不予接收。请删除这些控件或对象，另存为 .xlsx 后再上传。",
        "The file contains ActiveX controls or embedded OLE objects and is refused; delete them, save as .xlsx and upload again.");

    private static WorkbookRejectedException ExternalLink() => Reject("upload.external_link",
        "文件链接了其他文件或外部数据，出于安全原因不予接收。请在 Excel 中断开链接（数据 → 编辑链接 → 断开链接）后重新上传。",
        "The file links to other files or external data and is refused; break the links in Excel (Data → Edit Links → Break Link) and upload again.");

    /// <summary>What all entries together may still expand to.</summary>
    private sealed class ExpansionBudget(long limit)
    {
        private long _remaining = limit;

        public void Consume(int bytes)
        {
            _remaining -= bytes;
            if (_remaining < 0)
            {
                throw Reject("upload.too_large_expanded", "文件解压后体积异常，疑似压缩炸弹，不予接收。",
                    "The file expands to an abnormal size (a possible zip bomb) and is refused.");
            }
        }
    }

    /// <summary>
    /// An entry's expanded bytes, counted against the budget as they are read; can look at the first bytes before
    /// they are consumed, and keep what is read while <see cref="Recording"/> is on.
    /// </summary>
    private sealed class GuardedStream(Stream inner, ExpansionBudget budget) : Stream
    {
        private static readonly byte[] DoctypeUtf8 = Encoding.UTF8.GetBytes("<!DOCTYPE");
        private static readonly byte[] DoctypeUtf16LittleEndian = Encoding.Unicode.GetBytes("<!DOCTYPE");
        private static readonly byte[] DoctypeUtf16BigEndian = Encoding.BigEndianUnicode.GetBytes("<!DOCTYPE");

        private readonly byte[] _peeked = new byte[4];
        private int _peekedStart;
        private int _peekedEnd;
        private MemoryStream? _recorded;

        public bool Recording { get; set; }

        private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

        private static ReadOnlySpan<byte> Utf16LittleEndianBom => [0xFF, 0xFE];

        private static ReadOnlySpan<byte> Utf16BigEndianBom => [0xFE, 0xFF];

        private static ReadOnlySpan<byte> Utf16BigEndianLessThan => [0x00, (byte)'<'];

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        /// <summary>True when the entry starts like XML: a byte order mark, <c>&lt;</c> (in UTF-8 or UTF-16) or white space.</summary>
        public bool LooksLikeXml()
        {
            while (_peekedEnd < _peeked.Length)
            {
                var read = inner.Read(_peeked, _peekedEnd, _peeked.Length - _peekedEnd);
                if (read == 0)
                {
                    break;
                }

                budget.Consume(read);
                _peekedEnd += read;
            }

            var head = _peeked.AsSpan(0, _peekedEnd);
            return head.Length > 0 && (head[0] is (byte)'<' or (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'
                || head.StartsWith(Utf8Bom) || head.StartsWith(Utf16LittleEndianBom) || head.StartsWith(Utf16BigEndianBom)
                || head.StartsWith(Utf16BigEndianLessThan));
        }

        public bool RecordedDoctype()
        {
            if (_recorded is null)
            {
                return false;
            }

            var bytes = _recorded.GetBuffer().AsSpan(0, (int)_recorded.Length);
            return bytes.IndexOf(DoctypeUtf8) >= 0 || bytes.IndexOf(DoctypeUtf16LittleEndian) >= 0 || bytes.IndexOf(DoctypeUtf16BigEndian) >= 0;
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int read;
            if (_peekedStart < _peekedEnd)
            {
                read = Math.Min(buffer.Length, _peekedEnd - _peekedStart);
                _peeked.AsSpan(_peekedStart, read).CopyTo(buffer);
                _peekedStart += read;
            }
            else
            {
                read = inner.Read(buffer);
                budget.Consume(read);
            }

            if (Recording && read > 0)
            {
                (_recorded ??= new MemoryStream()).Write(buffer[..read]);
            }

            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>
    /// Reads the directory of an OLE compound file (MS-CFB): 512-byte header, FAT, directory entries of 128 bytes with
    /// UTF-16LE names. Only the stream names are needed: an encrypted OOXML package holds <c>EncryptionInfo</c> and
    /// <c>EncryptedPackage</c>, a legacy workbook <c>Workbook</c> (BIFF8) or <c>Book</c> (BIFF5).
    /// </summary>
    private static class CompoundFile
    {
        private const uint MaxRegularSector = 0xFFFFFFFA;
        private const int HeaderDifatEntries = 109;

        public static WorkbookRejectedException Classify(ReadOnlySpan<byte> file)
        {
            var names = StreamNames(file);
            if (names.Overlaps(["EncryptionInfo", "EncryptedPackage"]))
            {
                return Reject("upload.encrypted",
                    "文件已设置打开密码，无法读取。请在 Excel 中取消密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码）后另存为 .xlsx 再上传。",
                    "The file is protected with a password and cannot be read; remove the password in Excel (File → Info → Protect Workbook → Encrypt with Password, clear it), save it as .xlsx and upload again.");
            }

            if (names.Overlaps(["Workbook", "Book"]))
            {
                return Reject("upload.legacy_xls",
                    "文件为旧版 Excel 97-2003 格式（.xls），无法读取。请在下载的 .xlsx 自评模板中填写后上传；另存为 .xls 会丢失模板信息。",
                    "The file is in the legacy Excel 97-2003 format (.xls) and cannot be read; fill in the downloaded .xlsx template and upload that (saving as .xls loses the template's information).");
            }

            return NotAWorkbook();
        }

        /// <summary>Names of the directory's streams and storages; empty when the directory cannot be read.</summary>
        private static HashSet<string> StreamNames(ReadOnlySpan<byte> file)
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            if (file.Length < 512)
            {
                return names;
            }

            var shift = BinaryPrimitives.ReadUInt16LittleEndian(file[0x1E..]);
            if (shift is not (9 or 12))
            {
                return names;
            }

            var sectorSize = 1 << shift;
            var sectorCount = (file.Length / sectorSize) - 1;
            var fatSectors = FatSectors(file, sectorSize, sectorCount);
            var visited = new HashSet<uint>();
            var sector = BinaryPrimitives.ReadUInt32LittleEndian(file[0x30..]);
            while (sector < sectorCount && visited.Add(sector))
            {
                var directory = Sector(file, sector, sectorSize);
                for (var offset = 0; offset + 128 <= directory.Length; offset += 128)
                {
                    var entry = directory.Slice(offset, 128);
                    var nameBytes = BinaryPrimitives.ReadUInt16LittleEndian(entry[0x40..]);
                    var type = entry[0x42];
                    if (type is 1 or 2 && nameBytes is >= 4 and <= 64 && nameBytes % 2 == 0)
                    {
                        names.Add(Encoding.Unicode.GetString(entry[..(nameBytes - 2)]));
                    }
                }

                sector = Next(file, fatSectors, sector, sectorSize);
            }

            return names;
        }

        /// <summary>The sectors holding the FAT: 109 listed in the header, the rest in the DIFAT chain.</summary>
        private static List<uint> FatSectors(ReadOnlySpan<byte> file, int sectorSize, int sectorCount)
        {
            var fat = new List<uint>();
            for (var i = 0; i < HeaderDifatEntries; i++)
            {
                var sector = BinaryPrimitives.ReadUInt32LittleEndian(file[(0x4C + (i * 4))..]);
                if (sector <= MaxRegularSector)
                {
                    fat.Add(sector);
                }
            }

            var visited = new HashSet<uint>();
            var difat = BinaryPrimitives.ReadUInt32LittleEndian(file[0x44..]);
            while (difat < sectorCount && visited.Add(difat))
            {
                var entries = Sector(file, difat, sectorSize);
                var perSector = (sectorSize / 4) - 1;
                for (var i = 0; i < perSector; i++)
                {
                    var sector = BinaryPrimitives.ReadUInt32LittleEndian(entries[(i * 4)..]);
                    if (sector <= MaxRegularSector)
                    {
                        fat.Add(sector);
                    }
                }

                difat = BinaryPrimitives.ReadUInt32LittleEndian(entries[(perSector * 4)..]);
            }

            return fat;
        }

        private static uint Next(ReadOnlySpan<byte> file, List<uint> fatSectors, uint sector, int sectorSize)
        {
            var perSector = (uint)(sectorSize / 4);
            var index = sector / perSector;
            if (index >= fatSectors.Count || fatSectors[(int)index] >= (file.Length / sectorSize) - 1)
            {
                return uint.MaxValue;
            }

            return BinaryPrimitives.ReadUInt32LittleEndian(Sector(file, fatSectors[(int)index], sectorSize)[(int)(sector % perSector * 4)..]);
        }

        /// <summary>Sector <paramref name="sector"/>; the header occupies the first sector-sized block.</summary>
        private static ReadOnlySpan<byte> Sector(ReadOnlySpan<byte> file, uint sector, int sectorSize) =>
            file.Slice((int)((sector + 1) * (long)sectorSize), sectorSize);
    }
}
