using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;

namespace OfficeEval.Documents.Tests.Support;

/// <summary>The Open XML validator run as the conventions ask: under the invariant culture, errors listed by part and path.</summary>
internal static class OpenXmlValidation
{
    /// <summary>Asserts that <paramref name="package"/> has no schema or semantic errors for <paramref name="version"/>.</summary>
    public static void AssertValid(OpenXmlPackage package, FileFormatVersions version, string? what = null)
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            var errors = new OpenXmlValidator(version).Validate(package).ToList();

            Assert.True(errors.Count == 0, (what is null ? "" : $"{what} ({version}):\n") + string.Join("\n", errors.Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}")));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
