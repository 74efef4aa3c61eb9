using System.IO.Compression;
using System.Xml.Linq;

namespace OfficeEval.Documents.Tests.Support;

/// <summary>The parts of a package as text, for golden files and comparisons.</summary>
internal static class PackageParts
{
    /// <summary>
    /// Each part's XML, pretty-printed, keyed by its path. A package inside the package (a chart's embedded workbook)
    /// is read part by part (<c>word/embeddings/x.xlsx!xl/workbook.xml</c>): its zip bytes carry entry times.
    /// </summary>
    public static Dictionary<string, string> Read(byte[] package)
    {
        using var zip = new ZipArchive(new MemoryStream(package));
        var parts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            var bytes = new MemoryStream();
            stream.CopyTo(bytes);
            if (bytes.Length > 2 && bytes.GetBuffer()[0] == 'P' && bytes.GetBuffer()[1] == 'K')
            {
                foreach (var (name, xml) in Read(bytes.ToArray()))
                {
                    parts[entry.FullName + "!" + name] = xml;
                }
            }
            else
            {
                parts[entry.FullName] = XDocument.Load(new MemoryStream(bytes.ToArray())).ToString() + "\n";
            }
        }

        return parts;
    }
}
