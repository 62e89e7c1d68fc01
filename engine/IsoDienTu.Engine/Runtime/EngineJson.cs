using System.Text.Json;
using System.Text.Json.Serialization;

namespace IsoDienTu.Engine.Runtime;

/// <summary>The one JSON shape of states, commands, events and journals — stored by the adapter, kept as fixtures.</summary>
public static class EngineJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase), new SortedVariablesConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
        // PostgreSQL's jsonb reorders keys, so a type discriminator may not come first when read back.
        AllowOutOfOrderMetadataProperties = true,
    };

    public static readonly JsonSerializerOptions Indented = new(Options) { WriteIndented = true };

    public static string Serialize<T>(T value, bool indented = false) =>
        JsonSerializer.Serialize(value, indented ? Indented : Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"Empty JSON for {typeof(T).Name}.");
}
