using System.IO.Compression;
using System.Text;
using System.Xml;

namespace OfficeEval.Documents.Results;

/// <summary>
/// An Open Packaging Conventions package written straight into a zip in create mode: each part is deflated into the
/// output as it is written and nothing of it stays in memory. The Open XML SDK's own package (2.20) opens the zip in
/// update mode, which keeps every part uncompressed in memory until the document is closed; for a results sheet of
/// 100,000 units that is tens of megabytes. Parts are written one at a time, each once; the content types and
/// relationships are written when the package is disposed.
/// </summary>
internal sealed class StreamingPackage(Stream output, DateTimeOffset timestamp) : IDisposable
{
    public const string RelationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private const string PackageRelationshipNamespace = "http://schemas.openxmlformats.org/package/2006/relationships";

    private readonly ZipArchive _zip = new(output, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8);
    private readonly List<(string Path, string ContentType)> _parts = [];
    private readonly Dictionary<string, List<(string Id, string Type, string Target)>> _relationships = new(StringComparer.Ordinal);

    /// <summary>Starts the part at <paramref name="path"/> (from the package root, no leading slash); dispose the stream before the next part.</summary>
    public Stream CreatePart(string path, string contentType)
    {
        _parts.Add((path, contentType));
        return CreateEntry(path);
    }

    /// <summary>A relationship from <paramref name="source"/> (a part's path, or "" for the package) to <paramref name="target"/>, relative to the source's folder.</summary>
    public void Relate(string source, string id, string type, string target)
    {
        if (!_relationships.TryGetValue(source, out var list))
        {
            list = [];
            _relationships.Add(source, list);
        }

        list.Add((id, type, target));
    }

    /// <summary>An XML writer over a part's stream for the small parts written without the SDK (content types, relationships, properties).</summary>
    public static XmlWriter Xml(Stream stream) =>
        XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), CloseOutput = true });

    public void Dispose()
    {
        foreach (var (source, relationships) in _relationships)
        {
            var slash = source.LastIndexOf('/');
            var path = source.Length == 0 ? "_rels/.rels" : $"{source[..(slash + 1)]}_rels/{source[(slash + 1)..]}.rels";
            using var writer = Xml(CreateEntry(path));
            writer.WriteStartDocument(standalone: true);
            writer.WriteStartElement("Relationships", PackageRelationshipNamespace);
            foreach (var (id, type, target) in relationships)
            {
                writer.WriteStartElement("Relationship", PackageRelationshipNamespace);
                writer.WriteAttributeString("Id", id);
                writer.WriteAttributeString("Type", type);
                writer.WriteAttributeString("Target", target);
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }

        using (var writer = Xml(CreateEntry("[Content_Types].xml")))
        {
            const string ns = "http://schemas.openxmlformats.org/package/2006/content-types";
            writer.WriteStartDocument(standalone: true);
            writer.WriteStartElement("Types", ns);
            writer.WriteStartElement("Default", ns);
            writer.WriteAttributeString("Extension", "rels");
            writer.WriteAttributeString("ContentType", "application/vnd.openxmlformats-package.relationships+xml");
            writer.WriteEndElement();
            writer.WriteStartElement("Default", ns);
            writer.WriteAttributeString("Extension", "xml");
            writer.WriteAttributeString("ContentType", "application/xml");
            writer.WriteEndElement();
            foreach (var (path, contentType) in _parts)
            {
                writer.WriteStartElement("Override", ns);
                writer.WriteAttributeString("PartName", "/" + path);
                writer.WriteAttributeString("ContentType", contentType);
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }

        _zip.Dispose();
    }

    private Stream CreateEntry(string path)
    {
        var entry = _zip.CreateEntry(path, CompressionLevel.Optimal);
        // The generation time rather than the clock's, so one input always gives the same bytes; zip dates start in 1980.
        entry.LastWriteTime = timestamp.Year < 1980 ? new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero) : timestamp;
        return entry.Open();
    }
}
