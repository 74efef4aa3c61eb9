using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace OfficeEval.Documents.Results;

/// <summary>
/// Writes rows and cells through an <see cref="OpenXmlWriter"/> (SAX style) with one reused element and attribute
/// list per kind, so a cell costs its reference and value text and nothing else. Text goes in inline strings: no shared
/// string table grows with the rows, and a name that starts with "=" stays text.
/// </summary>
internal sealed class CellWriter(OpenXmlWriter writer, int columns)
{
    private const string XmlNamespace = "http://www.w3.org/XML/1998/namespace";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Style indexes as attribute text, so writing a cell allocates no string for its style.</summary>
    private static readonly string[] StyleNames = [.. Enumerable.Range(0, 64).Select(i => i.ToString(Inv))];

    /// <summary>A decimal's value without its scale's trailing zeros (19.20 → 19.2) and never in exponent notation.</summary>
    private const string NumberFormat = "0.############################";

    /// <summary>Day 0 of the spreadsheet's 1900 date system, as Excel and LibreOffice count from it after February 1900.</summary>
    private static readonly DateOnly SpreadsheetEpoch = new(1899, 12, 30);

    private readonly string[] _letters = [.. Enumerable.Range(0, columns).Select(Column)];
    private readonly S.Row _rowElement = new();
    private readonly S.Cell _cellElement = new();
    private readonly S.CellValue _valueElement = new();
    private readonly S.InlineString _inlineElement = new();
    private readonly S.Text _textElement = new();
    private readonly List<OpenXmlAttribute> _row = [new("r", "", "1")];
    private readonly List<OpenXmlAttribute> _rowWithHeight = [new("r", "", "1"), new("ht", "", "1"), new("customHeight", "", "1")];
    private readonly List<OpenXmlAttribute> _number = [new("r", "", "A1"), new("s", "", "0")];
    private readonly List<OpenXmlAttribute> _string = [new("r", "", "A1"), new("s", "", "0"), new("t", "", "inlineStr")];
    private readonly List<OpenXmlAttribute> _formula = [new("r", "", "A1"), new("s", "", "0"), new("t", "", "str")];
    private readonly S.CellFormula _formulaElement = new();
    private readonly List<OpenXmlAttribute> _none = [];
    private readonly List<OpenXmlAttribute> _preserve = [new("xml", "space", XmlNamespace, "preserve")];
    private string _rowText = "1";

    public OpenXmlWriter Writer { get; } = writer;

    /// <summary>Starts row <paramref name="row"/> (from 1), with a custom height in points when given.</summary>
    public void StartRow(int row, double? height = null)
    {
        _rowText = row.ToString(Inv);
        if (height is { } h)
        {
            _rowWithHeight[0] = new OpenXmlAttribute("r", "", _rowText);
            _rowWithHeight[1] = new OpenXmlAttribute("ht", "", h.ToString(Inv));
            Writer.WriteStartElement(_rowElement, _rowWithHeight);
        }
        else
        {
            _row[0] = new OpenXmlAttribute("r", "", _rowText);
            Writer.WriteStartElement(_rowElement, _row);
        }
    }

    public void EndRow() => Writer.WriteEndElement();

    /// <summary>Text in column <paramref name="column"/> (from 0); null or empty leaves a blank cell with the style.</summary>
    public void Text(int column, string? text, uint style)
    {
        if (string.IsNullOrEmpty(text))
        {
            Blank(column, style);
            return;
        }

        _string[0] = new OpenXmlAttribute("r", "", _letters[column] + _rowText);
        _string[1] = new OpenXmlAttribute("s", "", StyleNames[style]);
        Writer.WriteStartElement(_cellElement, _string);
        Writer.WriteStartElement(_inlineElement, _none);
        var clean = XmlText(text);
        Writer.WriteStartElement(_textElement, char.IsWhiteSpace(clean[0]) || char.IsWhiteSpace(clean[^1]) ? _preserve : _none);
        Writer.WriteString(clean);
        Writer.WriteEndElement();
        Writer.WriteEndElement();
        Writer.WriteEndElement();
    }

    /// <summary>A number in column <paramref name="column"/>; null leaves a blank cell with the style.</summary>
    public void Number(int column, decimal? value, uint style)
    {
        if (value is not { } number)
        {
            Blank(column, style);
            return;
        }

        _number[0] = new OpenXmlAttribute("r", "", _letters[column] + _rowText);
        _number[1] = new OpenXmlAttribute("s", "", StyleNames[style]);
        Writer.WriteStartElement(_cellElement, _number);
        Writer.WriteStartElement(_valueElement, _none);
        Writer.WriteString(number.ToString(NumberFormat, Inv));
        Writer.WriteEndElement();
        Writer.WriteEndElement();
    }

    /// <summary>A date in column <paramref name="column"/> as the spreadsheet's day number, for a date format to show; null leaves a blank cell.</summary>
    public void Date(int column, DateOnly? date, uint style) => Number(column, date?.DayNumber - SpreadsheetEpoch.DayNumber, style);

    /// <summary>A formula whose result is text, with <paramref name="cached"/> as the result shown until the sheet recalculates.</summary>
    public void Formula(int column, string formula, string cached, uint style) => Formula(column, formula, XmlText(cached), _formula, style);

    /// <summary>A formula whose result is a number, with <paramref name="cached"/> as the result shown until the sheet recalculates.</summary>
    public void Formula(int column, string formula, decimal cached, uint style) => Formula(column, formula, cached.ToString(NumberFormat, Inv), _number, style);

    private void Formula(int column, string formula, string cached, List<OpenXmlAttribute> attributes, uint style)
    {
        attributes[0] = new OpenXmlAttribute("r", "", _letters[column] + _rowText);
        attributes[1] = new OpenXmlAttribute("s", "", StyleNames[style]);
        Writer.WriteStartElement(_cellElement, attributes);
        Writer.WriteStartElement(_formulaElement, _none);
        Writer.WriteString(XmlText(formula));
        Writer.WriteEndElement();
        Writer.WriteStartElement(_valueElement, _none);
        Writer.WriteString(cached);
        Writer.WriteEndElement();
        Writer.WriteEndElement();
    }

    /// <summary>A cell with a style and no value (borders drawn, nothing counted).</summary>
    public void Blank(int column, uint style)
    {
        _number[0] = new OpenXmlAttribute("r", "", _letters[column] + _rowText);
        _number[1] = new OpenXmlAttribute("s", "", StyleNames[style]);
        Writer.WriteStartElement(_cellElement, _number);
        Writer.WriteEndElement();
    }

    public string Letter(int column) => _letters[column];

    /// <summary>A1-style column letters for a zero-based index: 0 → A, 25 → Z, 26 → AA.</summary>
    public static string Column(int index)
    {
        var letters = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + ((n - 1) % 26)) + letters;
        }

        return letters;
    }

    /// <summary>
    /// Text as XML can carry it: control characters other than tab and line breaks, and lone surrogates, become
    /// U+FFFD (names come from users). The text itself is returned when it is clean, which it nearly always is.
    /// </summary>
    internal static string XmlText(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (!Valid(text, i))
            {
                var clean = new StringBuilder(text.Length);
                for (var j = 0; j < text.Length; j++)
                {
                    if (char.IsHighSurrogate(text[j]) && j + 1 < text.Length && char.IsLowSurrogate(text[j + 1]))
                    {
                        clean.Append(text[j]).Append(text[++j]);
                    }
                    else
                    {
                        clean.Append(Valid(text, j) ? text[j] : '\uFFFD');
                    }
                }

                return clean.ToString();
            }

            if (char.IsHighSurrogate(text[i]))
            {
                i++;
            }
        }

        return text;
    }

    private static bool Valid(string text, int i)
    {
        var c = text[i];
        if (char.IsHighSurrogate(c))
        {
            return i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
        }

        return !char.IsLowSurrogate(c) && (c >= ' ' || c is '\t' or '\n' or '\r') && c is not ('\uFFFE' or '\uFFFF');
    }
}
