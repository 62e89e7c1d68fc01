using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IsoDienTu.Engine.Runtime;

/// <summary>
/// Writes variable maps with their names in ordinal order. String hashing is randomised per process, so an
/// ImmutableDictionary enumerates differently from run to run; sorted output keeps stored states and recorded
/// journals byte-for-byte comparable, which replay depends on.
/// </summary>
internal sealed class SortedVariablesConverter : JsonConverter<ImmutableDictionary<string, JsonElement>>
{
    public override ImmutableDictionary<string, JsonElement> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, JsonElement>(StringComparer.Ordinal);
        using var document = JsonDocument.ParseValue(ref reader);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("Variables must be a JSON object.");
        }

        foreach (var property in document.RootElement.EnumerateObject())
        {
            builder[property.Name] = property.Value.Clone();
        }

        return builder.ToImmutable();
    }

    public override void Write(Utf8JsonWriter writer, ImmutableDictionary<string, JsonElement> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (name, element) in value.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            writer.WritePropertyName(name);
            element.WriteTo(writer);
        }

        writer.WriteEndObject();
    }
}
