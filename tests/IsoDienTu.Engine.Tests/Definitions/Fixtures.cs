namespace IsoDienTu.Engine.Tests.Definitions;

/// <summary>The BPMN files copied into the test output (never read from ../shared at run time).</summary>
internal static class Fixtures
{
    public static string Folder(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static TheoryData<string> Files(string folder)
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Folder(folder), "*.bpmn").Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            data.Add(file!);
        }
        return data;
    }

    public static string Read(string folder, string file) => File.ReadAllText(Path.Combine(Folder(folder), file));
}
