using System.Reflection;
using IsoDienTu.Engine.Runtime;

namespace IsoDienTu.Engine.Tests;

public class ArchitectureTests
{
    [Fact]
    public void Core_ReferencesNoDatabaseSchedulerOrWebAssembly()
    {
        var forbidden = new[] { "Npgsql", "Dapper", "Quartz", "Microsoft.AspNetCore" };
        var references = typeof(Interpreter).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();

        references.ShouldNotBeEmpty();
        references.ShouldContain("System.Runtime");
        foreach (var name in references)
        {
            forbidden.ShouldNotContain(f => name.StartsWith(f, StringComparison.Ordinal), $"the core references {name}");
        }
    }

    [Fact]
    public void Core_BansTheWallClock()
    {
        // The ban is enforced at build time by BannedApiAnalyzers (RS0030); this guards its wiring.
        var root = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "engine", "IsoDienTu.Engine");
        var project = File.ReadAllText(Path.Combine(root, "IsoDienTu.Engine.csproj"));
        var banned = File.ReadAllText(Path.Combine(root, "BannedSymbols.txt"));

        project.ShouldContain("Microsoft.CodeAnalysis.BannedApiAnalyzers");
        project.ShouldContain("<AdditionalFiles Include=\"BannedSymbols.txt\" />");
        banned.ShouldContain("P:System.DateTime.UtcNow");
        banned.ShouldContain("P:System.DateTimeOffset.UtcNow");
        typeof(Interpreter).Assembly.GetTypes().SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .ShouldNotContain(m => m.ReturnType == typeof(TimeProvider));
    }
}
