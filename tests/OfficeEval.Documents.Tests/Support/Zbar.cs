namespace OfficeEval.Documents.Tests.Support;

/// <summary>
/// Decodes QR codes with <c>zbarimg</c> (Debian's zbar-tools), the way a phone's camera reads the printed sheet. Tests
/// marked <see cref="ZbarFactAttribute"/> are skipped when it is missing, except under <c>CI=true</c>, where
/// scripts/test.sh installs it and its absence is a failure.
/// </summary>
internal static class Zbar
{
    public const string Tool = "zbarimg";

    /// <summary>The text of the one QR code in <paramref name="png"/>.</summary>
    public static string Decode(byte[] png)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("officeeval-qr-").FullName, "code.png");
        try
        {
            File.WriteAllBytes(path, png);
            return LibreOffice.Tool(Tool, "--raw", "--quiet", "-Sdisable", "-Sqrcode.enable", path).TrimEnd('\n', '\r');
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }
}

/// <summary>A fact that decodes QR codes with zbarimg: skipped when it is missing, unless <c>CI=true</c>.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
internal sealed class ZbarFactAttribute : FactAttribute
{
    public ZbarFactAttribute()
    {
        if (!LibreOffice.IsRequired && LibreOffice.FindOnPath(Zbar.Tool) is null)
        {
            Skip = "Not installed: zbarimg (Debian package zbar-tools). scripts/test.sh installs it; CI=true makes its absence a failure.";
        }
    }
}
