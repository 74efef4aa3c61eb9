using System.Buffers.Text;
using System.Text.Json;

namespace OfficeEval.Api.Features.Identity.Entra;

/// <summary>
/// A JSON Web Token in compact serialisation (RFC 7519): <c>header.payload.signature</c>, each base64url without
/// padding, header and payload JSON objects. Only taken apart here; nothing is trusted before the signature is checked.
/// </summary>
public sealed class CompactJwt
{
    /// <summary>Far above any Entra access token (a few KB even with 200 groups); more is refused unread.</summary>
    public const int MaxLength = 16 * 1024;

    private static readonly JsonDocumentOptions Json = new() { MaxDepth = 16, AllowDuplicateProperties = false };

    private CompactJwt(string signingInput, JsonElement header, JsonElement payload, byte[] signature)
    {
        SigningInput = signingInput;
        Header = header;
        Payload = payload;
        Signature = signature;
    }

    /// <summary>The signed text: the first two segments with their dot, as ASCII.</summary>
    public string SigningInput { get; }

    public JsonElement Header { get; }

    public JsonElement Payload { get; }

    public byte[] Signature { get; }

    public static bool TryParse(string? token, out CompactJwt jwt)
    {
        jwt = null!;
        if (string.IsNullOrEmpty(token) || token.Length > MaxLength)
        {
            return false;
        }

        var segments = token.Split('.');
        if (segments.Length != 3
            || !TryObject(segments[0], out var header)
            || !TryObject(segments[1], out var payload)
            || !TryDecode(segments[2], out var signature))
        {
            return false;
        }

        jwt = new CompactJwt(token[..(segments[0].Length + 1 + segments[1].Length)], header, payload, signature);
        return true;
    }

    /// <summary>
    /// Whether a bearer token has a JWT's shape: three base64url segments, the first a JSON object. The local bearer
    /// tokens (data-protected, one segment) never have it.
    /// </summary>
    public static bool LooksLikeJwt(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxLength)
        {
            return false;
        }

        var first = token.IndexOf('.', StringComparison.Ordinal);
        var second = first < 0 ? -1 : token.IndexOf('.', first + 1);
        return first > 0 && second > first && token.IndexOf('.', second + 1) < 0 && TryObject(token[..first], out _);
    }

    public string? HeaderString(string name) => StringOf(Header, name);

    public string? PayloadString(string name) => StringOf(Payload, name);

    /// <summary>A string member of a JSON object, or null when it is missing or not a string.</summary>
    public static string? StringOf(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static bool TryObject(string segment, out JsonElement element)
    {
        element = default;
        if (segment.Length == 0 || !TryDecode(segment, out var bytes))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(bytes, Json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            element = document.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Strict base64url: only its alphabet, no padding, no white space.</summary>
    private static bool TryDecode(string segment, out byte[] bytes)
    {
        bytes = [];
        foreach (var c in segment)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }

        if (segment.Length % 4 == 1)
        {
            return false;
        }

        try
        {
            bytes = Base64Url.DecodeFromChars(segment);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
