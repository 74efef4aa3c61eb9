namespace OfficeEval.Documents.Reports;

/// <summary>
/// The page of GB/T 9704-2012 (党政机关公文格式) in Word's units. Lengths are twips (1/20 pt; 1 mm = 56.6929 twips),
/// rounded to the nearest twip; font sizes are half-points. docs/reports.md explains each number.
/// </summary>
internal static class PageLayout
{
    /// <summary>A4, 210 mm.</summary>
    public const int PageWidth = 11906;

    /// <summary>A4, 297 mm.</summary>
    public const int PageHeight = 16838;

    /// <summary>天头 37 mm.</summary>
    public const int MarginTop = 2098;

    /// <summary>35 mm: 297 − 37 − 225 (the text block's height).</summary>
    public const int MarginBottom = 1984;

    /// <summary>订口 28 mm, the inside margin (left on odd pages; margins are mirrored for two-sided printing).</summary>
    public const int MarginInside = 1587;

    /// <summary>26 mm: 210 − 28 − 156 (the text block's width).</summary>
    public const int MarginOutside = 1474;

    /// <summary>版心 width: 156 mm (8,845 twips = 442.25 pt).</summary>
    public const int TextWidth = PageWidth - MarginInside - MarginOutside;

    /// <summary>版心 height: 225 mm (12,756 twips = 637.8 pt).</summary>
    public const int TextHeight = PageHeight - MarginTop - MarginBottom;

    /// <summary>Lines per page of body text.</summary>
    public const int LinesPerPage = 22;

    /// <summary>Characters per line of body text.</summary>
    public const int CharactersPerLine = 28;

    /// <summary>
    /// The line pitch: the largest whole twip that fits 22 lines into the text block, ⌊12,756 ÷ 22⌋ = 579 twips
    /// (28.95 pt); 22 × 579 = 12,738 ≤ 12,756 &lt; 23 × 579. Used as the document grid's pitch and as the exact line
    /// height of every body paragraph, so renderers without a document grid (LibreOffice without Asian layout) still
    /// set 22 lines.
    /// </summary>
    public const int LinePitch = TextHeight / LinesPerPage;

    /// <summary>3号: 16 pt.</summary>
    public const int BodySize = 32;

    /// <summary>
    /// The character grid's adjustment in 1/4096 pt: Word's character pitch is the default font size (16 pt) plus
    /// charSpace ÷ 4096 pt. 28 characters need a pitch ≤ 442.25 ÷ 28 = 15.7946 pt, so charSpace ≤ −841.1; −842 gives
    /// 15.7944 pt (28 × 15.7944 = 442.24 pt ≤ 442.25 pt, and 29 characters do not fit).
    /// </summary>
    public const int CharSpace = -842;

    /// <summary>
    /// The spacing of body characters in 1/20 pt: −0.25 pt, so 16 pt characters advance 15.75 pt and 28 fit a line
    /// (28 × 15.75 = 441 ≤ 442.25 &lt; 29 × 15.75). Body paragraphs keep to this pitch and to
    /// <see cref="LinePitch"/> themselves rather than snapping to the character grid, because LibreOffice gives every
    /// 16 pt character two cells of a 15.79 pt grid and spreads the text out; Word and WPS lay them out the same either way.
    /// </summary>
    public const int CharacterSpacing = -8;

    /// <summary>2号: 22 pt.</summary>
    public const int TitleSize = 44;

    /// <summary>4号: 14 pt, the page number's size.</summary>
    public const int PageNumberSize = 28;

    /// <summary>小四: 12 pt, the tables' size.</summary>
    public const int TableSize = 24;

    /// <summary>One body character (16 pt), the unit of indents (两字 first-line indent, 右空四字 date).</summary>
    public const int Character = 320;

    /// <summary>
    /// Footer distance from the page's bottom edge, 21.6 mm. The page-number line is an exact 18 pt (6.35 mm) high, so
    /// its top sits 27.95 mm above the edge: 7 mm below the text block (35 − 27.95 ≈ 7), where GB/T 9704 puts the 一字线.
    /// </summary>
    public const int FooterDistance = 1225;

    /// <summary>The page-number line's exact height: 18 pt.</summary>
    public const int FooterLine = 360;

    /// <summary>Header distance from the top edge (no header is printed): 15 mm.</summary>
    public const int HeaderDistance = 850;

    /// <summary>The indent of the page number from the outside edge of the text block: one 4号 character (空一字).</summary>
    public const int PageNumberIndent = 280;

    /// <summary>English Metric Units per twip, for drawings.</summary>
    public const long EmuPerTwip = 635;
}
