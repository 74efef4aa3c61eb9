using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;

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
    private readonly List<(string Extension, string ContentType)> _defaults = [("rels", "application/vnd.openxmlformats-package.relationships+xml"), ("xml", "application/xml")];
    private readonly Dictionary<string, List<(string Id, string Type, string Target)>> _relationships = new(StringComparer.Ordinal);

    /// <summary>
    /// Starts the part at <paramref name="path"/> (from the package root, no leading slash); dispose the stream before
    /// the next part. A null <paramref name="contentType"/> leaves it to the default of the path's extension (see
    /// <see cref="Default"/>), so many parts of one kind (images) do not each add a line to the content types.
    /// </summary>
    public Stream CreatePart(string path, string? contentType)
    {
        if (contentType is not null)
        {
            _parts.Add((path, contentType));
        }

        return CreateEntry(path);
    }

    /// <summary>The content type of every part whose name ends in <paramref name="extension"/> (e.g. png) and has none of its own.</summary>
    public void Default(string extension, string contentType) => _defaults.Add((extension, contentType));

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

    /// <summary>Writes a whole part from an Open XML element (the small parts: styles, workbook, drawings).</summary>
    public void WritePart(string path, string contentType, OpenXmlElement root)
    {
        using var stream = CreatePart(path, contentType);
        using var writer = OpenXmlWriter.Create(stream);
        writer.WriteStartDocument(true);
        writer.WriteElement(root);
    }

    /// <summary>The title and creation time Excel shows under the file's properties (docProps/core.xml, package relationship rId2).</summary>
    public void WriteCoreProperties(string title, DateTimeOffset created)
    {
        const string path = "docProps/core.xml";
        const string cp = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties";
        const string dc = "http://purl.org/dc/elements/1.1/";
        const string dcterms = "http://purl.org/dc/terms/";
        const string xsi = "http://www.w3.org/2001/XMLSchema-instance";
        using (var writer = Xml(CreatePart(path, "application/vnd.openxmlformats-package.core-properties+xml")))
        {
            writer.WriteStartDocument(standalone: true);
            writer.WriteStartElement("cp", "coreProperties", cp);
            writer.WriteAttributeString("xmlns", "dc", null, dc);
            writer.WriteAttributeString("xmlns", "dcterms", null, dcterms);
            writer.WriteAttributeString("xmlns", "xsi", null, xsi);
            writer.WriteElementString("dc", "title", dc, CellWriter.XmlText(title));
            writer.WriteElementString("dc", "creator", dc, "OfficeEval");
            writer.WriteStartElement("dcterms", "created", dcterms);
            writer.WriteAttributeString("xsi", "type", xsi, "dcterms:W3CDTF");
            writer.WriteString(created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        Relate("", "rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", path);
    }

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
            foreach (var (extension, contentType) in _defaults)
            {
                writer.WriteStartElement("Default", ns);
                writer.WriteAttributeString("Extension", extension);
                writer.WriteAttributeString("ContentType", contentType);
                writer.WriteEndElement();
            }

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
