using System.Text;

namespace OfficeEval.Api.Infrastructure;

/// <summary>Names for downloaded files.</summary>
public static class FileNames
{
    /// <summary>
    /// <paramref name="text"/> as a file name: characters no file system takes become “_”, at most 120 UTF-16 units,
    /// no leading or trailing spaces or dots; <paramref name="fallback"/> when nothing is left.
    /// </summary>
    public static string Safe(string text, string fallback = "file")
    {
        var invalid = Path.GetInvalidFileNameChars();
        var safe = new StringBuilder(Math.Min(text.Length, 120));
        foreach (var rune in text.EnumerateRunes())
        {
            if (safe.Length + rune.Utf16SequenceLength > 120)
            {
                break;
            }

            var bad = rune.IsBmp && (invalid.Contains((char)rune.Value) || "\\/:*?\"<>|".Contains((char)rune.Value, StringComparison.Ordinal) || char.IsControl((char)rune.Value));
            safe.Append(bad || rune == Rune.ReplacementChar ? "_" : rune.ToString());
        }

        var trimmed = safe.ToString().Trim(' ', '.');
        return trimmed.Length == 0 ? fallback : trimmed;
    }
}
