namespace IsoDienTu.Testing;

public static class RepositoryPaths
{
    /// <summary>The repository root (the folder holding IsoDienTu.sln).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Where browser suites keep screenshots for a person to look at.</summary>
    public static string Screenshots { get; } = Directory.CreateDirectory(Path.Combine(Root, "TestResults", "screenshots")).FullName;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IsoDienTu.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("IsoDienTu.sln not found above the test folder.");
    }
}
