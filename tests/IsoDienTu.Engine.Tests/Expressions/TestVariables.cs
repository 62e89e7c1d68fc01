using System.Text.Json;

namespace IsoDienTu.Engine.Tests.Expressions;

internal static class TestVariables
{
    public const string Default = """
        {
          "input": 1,
          "tiny": 1e-50,
          "two": 2,
          "name": "Lan",
          "emptyText": "",
          "flag": true,
          "off": false,
          "nothing": null,
          "list": [1, "a", true],
          "emptyList": [],
          "emptyObject": {},
          "applicant": { "address": { "province": "HN" }, "age": 30 },
          "nrOfCompletedInstances": 3,
          "nrOfInstances": 5,
          "assigneeList": ["lan", "mai"]
        }
        """;

    /// <summary>Lookup over the properties of a JSON object; absent properties are undefined.</summary>
    public static Func<string, JsonElement?> From(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement.Clone();
        return name => root.TryGetProperty(name, out var value) ? value : null;
    }

    public static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
