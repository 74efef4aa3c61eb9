namespace OfficeEval.Reliability.Tests.Support;

/// <summary>Where the repository and the API's build output are, seen from this test assembly's output folder.</summary>
public static class Paths
{
    /// <summary>The repository's root: the nearest folder above the test output holding OfficeEval.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration the tests run in (Debug/Release), from the output folder's path (bin/&lt;configuration&gt;/net10.0).</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    /// <summary>The API project's folder: the content root of the processes these tests start (appsettings.json).</summary>
    public static string ApiProjectFolder => Path.Combine(Root, "api", "OfficeEval.Api");

    /// <summary>The API built in the same configuration (the project reference builds it first).</summary>
    public static string ApiAssembly => Path.Combine(ApiProjectFolder, "bin", Configuration, "net10.0", "OfficeEval.Api.dll");

    public static string Scripts => Path.Combine(Root, "scripts");

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "OfficeEval.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("OfficeEval.sln not found above " + AppContext.BaseDirectory);
    }
}
