using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace OfficeEval.Documents.Tests.Support;

/// <summary>
/// Reads and writes zip packages entry by entry, byte for byte: names are kept as given (duplicates, <c>..</c> or
/// <c>\</c> included) and every entry gets the same timestamp, so a package built twice is the same file.
/// </summary>
internal static partial class ZipEntries
{
    /// <summary>The timestamp of every entry written here.</summary>
    public static readonly DateTimeOffset Timestamp = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static List<ZipItem> Read(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip, writable: false), ZipArchiveMode.Read);
        var items = new List<ZipItem>();
        foreach (var entry in archive.Entries)
        {
            using var stream = entry.Open();
            using var content = new MemoryStream();
            stream.CopyTo(content);
            items.Add(new ZipItem(entry.FullName, content.ToArray()));
        }

        return items;
    }

    public static byte[] Write(IEnumerable<ZipItem> items)
    {
        using var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var item in items)
            {
                var entry = archive.CreateEntry(item.Name, item.Level);
                entry.LastWriteTime = Timestamp;
                using var content = entry.Open();
                content.Write(item.Content);
            }
        }

        return stream.ToArray();
    }

    /// <summary>
    /// The package with fixed timestamps and with the values the Open XML SDK and the writer pick at random (relationship
    /// ids such as <c>R30a6ab9ca8cf4d36</c>, a custom XML part's <c>itemID</c> GUID) replaced, consistently
    /// across parts, by numbered ones in order of appearance.
    /// </summary>
    public static byte[] Normalize(byte[] zip)
    {
        var renamed = new Dictionary<string, string>(StringComparer.Ordinal);
        string Rename(Match match, Func<int, string> make) =>
            renamed.TryGetValue(match.Value, out var name) ? name : renamed[match.Value] = make(renamed.Count + 1);

        var items = Read(zip).Select(item =>
        {
            if (!item.Name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) && !item.Name.EndsWith(".rels", StringComparison.OrdinalIgnoreCase))
            {
                return item;
            }

            var text = Encoding.UTF8.GetString(item.Content);
            var normalized = RandomRelationshipId().Replace(text, m => Rename(m, n => "R" + n.ToString("x16", System.Globalization.CultureInfo.InvariantCulture)));
            normalized = ItemId().Replace(normalized, m => Rename(m, n => "{00000000-0000-4000-8000-" + n.ToString("X12", System.Globalization.CultureInfo.InvariantCulture) + "}"));
            return normalized == text ? item : item with { Content = Encoding.UTF8.GetBytes(normalized) };
        }).ToList();
        return Write(items);
    }

    /// <summary>The package with the text of entry <paramref name="name"/> (UTF-8) edited.</summary>
    public static byte[] EditText(byte[] zip, string name, Func<string, string> edit)
    {
        var items = Read(zip);
        var index = items.FindIndex(i => i.Name == name);
        if (index < 0)
        {
            throw new ArgumentException("The package has no entry " + name + ".", nameof(name));
        }

        items[index] = items[index] with { Content = Encoding.UTF8.GetBytes(edit(Encoding.UTF8.GetString(items[index].Content))) };
        return Write(items);
    }

    /// <summary>The package with <paramref name="extra"/> entries appended.</summary>
    public static byte[] Add(byte[] zip, params ZipItem[] extra) => Write([.. Read(zip), .. extra]);

    [GeneratedRegex(@"\bR[0-9a-f]{16}\b")]
    private static partial Regex RandomRelationshipId();

    [GeneratedRegex(@"(?<=itemID="")\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}")]
    private static partial Regex ItemId();
}

/// <summary>One zip entry: its name exactly as stored, its expanded content and how it is compressed.</summary>
internal sealed record ZipItem(string Name, byte[] Content, CompressionLevel Level = CompressionLevel.Optimal);
