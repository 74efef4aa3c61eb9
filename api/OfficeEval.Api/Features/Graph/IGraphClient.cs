namespace OfficeEval.Api.Features.Graph;

/// <summary>
/// The few Graph calls OfficeEval makes: the seam where the official Microsoft.Graph SDK (a <c>GraphServiceClient</c>)
/// would go. Failures are <see cref="GraphException"/>s saying whether a later try may succeed.
/// </summary>
public interface IGraphClient
{
    /// <summary>
    /// Uploads <paramref name="content"/> (from its current position) as <paramref name="fileName"/> into
    /// <paramref name="folderPath"/> ("a/b") of the configured drive, replacing a file of that name; folders are created
    /// as needed. Application permission (Sites.ReadWrite.All or Files.ReadWrite.All).
    /// </summary>
    Task<GraphDriveItem> UploadAsync(string folderPath, string fileName, Stream content, CancellationToken cancellationToken);

    /// <summary>
    /// Up to ten people of the directory whose name or e-mail starts with <paramref name="query"/>, searched as the
    /// user whose Entra token is <paramref name="userAssertion"/> (delegated User.ReadBasic.All).
    /// </summary>
    Task<IReadOnlyList<GraphPerson>> FindPeopleAsync(string userAssertion, string query, CancellationToken cancellationToken);

    /// <summary>Sends an HTML mail from the <paramref name="sender"/> mailbox, kept in its Sent Items. Application permission Mail.Send.</summary>
    Task SendMailAsync(string sender, IReadOnlyList<string> to, IReadOnlyList<string> cc, string subject, string htmlBody, CancellationToken cancellationToken);
}

/// <summary>An uploaded file: its id, name, web address and size.</summary>
public sealed record GraphDriveItem(string Id, string Name, string? WebUrl, long? Size);

/// <summary>A person of the directory.</summary>
public sealed record GraphPerson(string Id, string DisplayName, string? Mail, string? UserPrincipalName);
