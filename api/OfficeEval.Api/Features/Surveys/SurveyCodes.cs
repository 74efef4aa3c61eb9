using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace OfficeEval.Api.Features.Surveys;

/// <summary>
/// The codes in survey links: a single-use token is <c>k</c> + 22 base64url characters (16 random bytes, 128 bits);
/// an open link is <c>o</c> + 16 (12 random bytes). A token is stored as its SHA-256 only and looked up by it, so the
/// database never holds a code that would answer a questionnaire.
/// </summary>
public static class SurveyCodes
{
    public const int TokenLength = 23;
    public const int OpenLinkLength = 17;

    public enum Kind
    {
        /// <summary>Not a code this API issues: refused without a database lookup.</summary>
        Malformed,
        Token,
        OpenLink,
    }

    public static string NewToken() => "k" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    public static string NewOpenLink() => "o" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(12));

    public static byte[] Hash(string code) => SHA256.HashData(Encoding.UTF8.GetBytes(code));

    public static Kind KindOf(string? code) => code switch
    {
        { Length: TokenLength } when code[0] == 'k' && IsBase64Url(code.AsSpan(1)) => Kind.Token,
        { Length: OpenLinkLength } when code[0] == 'o' && IsBase64Url(code.AsSpan(1)) => Kind.OpenLink,
        _ => Kind.Malformed,
    };

    /// <summary>The page a respondent opens: <c>{BaseUrl}/s/{code}</c>.</summary>
    public static string Url(string baseUrl, string code) => baseUrl.TrimEnd('/') + "/s/" + code;

    private static bool IsBase64Url(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_')
            {
                return false;
            }
        }

        return true;
    }
}
