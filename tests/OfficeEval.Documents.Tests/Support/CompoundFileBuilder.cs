using System.Buffers.Binary;
using System.Text;

namespace OfficeEval.Documents.Tests.Support;

/// <summary>
/// Writes small OLE compound files (MS-CFB version 3): a 512-byte header, one FAT sector, directory sectors of four
/// 128-byte entries with UTF-16LE names, then each stream in its own chain of 512-byte sectors. Streams are padded to the
/// 4,096-byte mini-stream cutoff so that no mini stream is needed. All entries sit under the root storage.
/// </summary>
internal static class CompoundFileBuilder
{
    private const int SectorSize = 512;
    private const uint EndOfChain = 0xFFFFFFFE;
    private const uint FatSector = 0xFFFFFFFD;
    private const uint FreeSector = 0xFFFFFFFF;
    private const uint NoStream = 0xFFFFFFFF;
    private const int MiniStreamCutoff = 4096;

    /// <summary>An encrypted OOXML package as Office writes it (agile encryption): the streams and storage such a file holds.</summary>
    public static byte[] EncryptedWorkbook() => Build(
        new CompoundEntry("\u0006DataSpaces", null),
        new CompoundEntry("EncryptionInfo", [0x04, 0x00, 0x04, 0x00, 0x40, 0x00, 0x00, 0x00, .. Encoding.UTF8.GetBytes(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<encryption xmlns=\"http://schemas.microsoft.com/office/2006/encryption\">"
            + "<keyData saltSize=\"16\" blockSize=\"16\" keyBits=\"256\" hashSize=\"64\" cipherAlgorithm=\"AES\" cipherChaining=\"ChainingModeCBC\" hashAlgorithm=\"SHA512\"/>"
            + "</encryption>")]),
        new CompoundEntry("EncryptedPackage", [.. BitConverter.GetBytes(8192L), .. Seeded(8192, 4711)]));

    /// <summary>An Excel 97-2003 workbook: a <c>Workbook</c> stream starting with a BIFF8 BOF record and ending with EOF.</summary>
    public static byte[] LegacyWorkbook(string streamName = "Workbook") => Build(
        new CompoundEntry(streamName, [0x09, 0x08, 0x10, 0x00, 0x00, 0x06, 0x05, 0x00, 0xBB, 0x0D, 0xCC, 0x07, 0x00, 0x00, 0x00, 0x00, 0x06, 0x00, 0x00, 0x00, 0x0A, 0x00, 0x00, 0x00]),
        new CompoundEntry("\u0005SummaryInformation", [0xFE, 0xFF, 0x00, 0x00]));

    /// <summary>A Word 97-2003 document: not a workbook at all.</summary>
    public static byte[] WordDocument() => Build(
        new CompoundEntry("WordDocument", [0xEC, 0xA5, 0xC1, 0x00]),
        new CompoundEntry("1Table", [0x00]));

    /// <summary>A VBA project as stored in <c>xl/vbaProject.bin</c>.</summary>
    public static byte[] VbaProject() => Build(
        new CompoundEntry("VBA", null),
        new CompoundEntry("PROJECT", Encoding.ASCII.GetBytes("ID=\"{00000000-0000-0000-0000-000000000000}\"\r\nDocument=ThisWorkbook/&H00000000\r\nName=\"VBAProject\"\r\n")));

    /// <summary>An embedded OLE "Package" object as stored in <c>xl/embeddings/oleObject1.bin</c>.</summary>
    public static byte[] OlePackage() => Build(
        new CompoundEntry("\u0001CompObj", [0x01, 0x00, 0xFE, 0xFF]),
        new CompoundEntry("\u0001Ole10Native", [.. Encoding.ASCII.GetBytes("run.cmd\0"), .. Encoding.ASCII.GetBytes("echo hello\r\n")]));

    /// <summary>A compound file holding <paramref name="entries"/> under the root storage.</summary>
    public static byte[] Build(params CompoundEntry[] entries)
    {
        // Siblings are ordered by name length, then by upper-cased name; a right-leaning chain keeps that order.
        var ordered = entries.OrderBy(e => e.Name.Length).ThenBy(e => e.Name.ToUpperInvariant(), StringComparer.Ordinal).ToList();
        var directoryEntries = ordered.Count + 1;
        var directorySectors = (directoryEntries + 3) / 4;
        var streamSectors = ordered.Select(e => e.Content is null ? 0 : (Math.Max(e.Content.Length, MiniStreamCutoff) + SectorSize - 1) / SectorSize).ToList();

        // Sector 0 is the FAT, then the directory, then the streams.
        var totalSectors = 1 + directorySectors + streamSectors.Sum();
        if (totalSectors > SectorSize / 4)
        {
            throw new ArgumentException("The builder writes one FAT sector: at most 128 sectors in all.", nameof(entries));
        }

        var file = new byte[SectorSize * (totalSectors + 1)];
        WriteHeader(file, firstDirectorySector: 1);

        var fat = Sector(file, 0);
        fat.Fill(0xFF);
        BinaryPrimitives.WriteUInt32LittleEndian(fat, FatSector);
        Chain(fat, 1, directorySectors);

        var directory = file.AsSpan(SectorSize * 2, SectorSize * directorySectors);
        for (var i = 0; i < directorySectors * 4; i++)
        {
            var slot = directory.Slice(i * 128, 128);
            BinaryPrimitives.WriteUInt32LittleEndian(slot[0x44..], NoStream);
            BinaryPrimitives.WriteUInt32LittleEndian(slot[0x48..], NoStream);
            BinaryPrimitives.WriteUInt32LittleEndian(slot[0x4C..], NoStream);
        }

        WriteEntry(directory[..128], "Root Entry", type: 5, rightSibling: NoStream, child: ordered.Count > 0 ? 1u : NoStream, EndOfChain, size: 0);
        var next = (uint)(1 + directorySectors);
        for (var i = 0; i < ordered.Count; i++)
        {
            var entry = ordered[i];
            var sibling = i + 1 < ordered.Count ? (uint)(i + 2) : NoStream;
            var slot = directory.Slice((i + 1) * 128, 128);
            if (entry.Content is null)
            {
                WriteEntry(slot, entry.Name, type: 1, sibling, child: NoStream, startSector: 0, size: 0);
                continue;
            }

            var content = entry.Content.Length >= MiniStreamCutoff ? entry.Content : [.. entry.Content, .. new byte[MiniStreamCutoff - entry.Content.Length]];
            WriteEntry(slot, entry.Name, type: 2, sibling, child: NoStream, next, (ulong)content.Length);
            content.CopyTo(file.AsSpan((int)(SectorSize * (next + 1))));
            Chain(fat, next, streamSectors[i]);
            next += (uint)streamSectors[i];
        }

        return file;
    }

    private static void WriteHeader(Span<byte> file, uint firstDirectorySector)
    {
        byte[] magic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        magic.CopyTo(file);
        BinaryPrimitives.WriteUInt16LittleEndian(file[0x18..], 0x003E); // minor version
        BinaryPrimitives.WriteUInt16LittleEndian(file[0x1A..], 0x0003); // major version 3: 512-byte sectors
        BinaryPrimitives.WriteUInt16LittleEndian(file[0x1C..], 0xFFFE); // little-endian byte order mark
        BinaryPrimitives.WriteUInt16LittleEndian(file[0x1E..], 9); // sector shift: 2^9 = 512
        BinaryPrimitives.WriteUInt16LittleEndian(file[0x20..], 6); // mini sector shift: 2^6 = 64
        BinaryPrimitives.WriteUInt32LittleEndian(file[0x2C..], 1); // FAT sectors
        BinaryPrimitives.WriteUInt32LittleEndian(file[0x30..], firstDirectorySector);
        BinaryPrimitives.WriteUInt32LittleEndian(file[0x38..], MiniStreamCutoff);
        BinaryPrimitives.WriteUInt32LittleEndian(file[0x3C..], EndOfChain); // no mini FAT
        BinaryPrimitives.WriteUInt32LittleEndian(file[0x44..], EndOfChain); // no DIFAT sectors
        file.Slice(0x4C, 109 * 4).Fill(0xFF);
        BinaryPrimitives.WriteUInt32LittleEndian(file[0x4C..], 0); // the FAT is sector 0
    }

    private static void WriteEntry(Span<byte> slot, string name, byte type, uint rightSibling, uint child, uint startSector, ulong size)
    {
        var nameBytes = Encoding.Unicode.GetBytes(name + "\0");
        if (nameBytes.Length > 64)
        {
            throw new ArgumentException("Compound file names have at most 31 characters.", nameof(name));
        }

        nameBytes.CopyTo(slot);
        BinaryPrimitives.WriteUInt16LittleEndian(slot[0x40..], (ushort)nameBytes.Length);
        slot[0x42] = type;
        slot[0x43] = 1; // black
        BinaryPrimitives.WriteUInt32LittleEndian(slot[0x44..], NoStream); // left sibling
        BinaryPrimitives.WriteUInt32LittleEndian(slot[0x48..], rightSibling);
        BinaryPrimitives.WriteUInt32LittleEndian(slot[0x4C..], child);
        BinaryPrimitives.WriteUInt32LittleEndian(slot[0x74..], startSector);
        BinaryPrimitives.WriteUInt64LittleEndian(slot[0x78..], size);
    }

    private static void Chain(Span<byte> fat, uint first, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var sector = first + (uint)i;
            BinaryPrimitives.WriteUInt32LittleEndian(fat[(int)(sector * 4)..], i + 1 < count ? sector + 1 : EndOfChain);
        }
    }

    private static Span<byte> Sector(byte[] file, int sector) => file.AsSpan(SectorSize * (sector + 1), SectorSize);

    private static byte[] Seeded(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}

/// <summary>A stream (with content) or an empty storage (content null) in a compound file.</summary>
internal sealed record CompoundEntry(string Name, byte[]? Content);
