using System.Buffers;
using System.Collections;
using System.Text.Json;

namespace IsoDienTu.Engine.Expressions;

/// <summary>
/// Builds standalone <see cref="JsonElement"/> values (no backing document to dispose)
/// without reflection-based serialization.
/// </summary>
public static class JsonValues
{
    private const int MaxDepth = 1000;

    public static JsonElement Null { get; } = Build(writer => writer.WriteNullValue());

    public static JsonElement True { get; } = Build(writer => writer.WriteBooleanValue(true));

    public static JsonElement False { get; } = Build(writer => writer.WriteBooleanValue(false));

    public static JsonElement Boolean(bool value) => value ? True : False;

    public static JsonElement Number(long value) => Build(writer => writer.WriteNumberValue(value));

    public static JsonElement Number(decimal value) => Build(writer => writer.WriteNumberValue(value));

    /// <exception cref="ArgumentOutOfRangeException">NaN and infinities have no JSON representation.</exception>
    public static JsonElement Number(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "JSON numbers must be finite.");
        }

        return Build(writer => writer.WriteNumberValue(value));
    }

    public static JsonElement Text(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Build(writer => writer.WriteStringValue(value));
    }

    public static JsonElement Array(IEnumerable<JsonElement> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return Build(writer =>
        {
            writer.WriteStartArray();
            foreach (var item in items)
            {
                WriteElement(writer, item);
            }

            writer.WriteEndArray();
        });
    }

    /// <summary>
    /// Converts null, booleans, strings, numbers, <see cref="JsonElement"/>, string-keyed dictionaries
    /// and other sequences (as lists), recursively.
    /// </summary>
    /// <exception cref="ArgumentException">For any other type.</exception>
    public static JsonElement From(object? value) => value switch
    {
        null => Null,
        JsonElement element => element.ValueKind == JsonValueKind.Undefined ? Null : element,
        _ => Build(writer => Write(writer, value)),
    };

    private static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case JsonElement element: WriteElement(writer, element); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case string s: writer.WriteStringValue(s); break;
            case char c: writer.WriteStringValue(c.ToString()); break;
            case int i: writer.WriteNumberValue(i); break;
            case long l: writer.WriteNumberValue(l); break;
            case short s: writer.WriteNumberValue(s); break;
            case byte b: writer.WriteNumberValue(b); break;
            case uint u: writer.WriteNumberValue(u); break;
            case ulong u: writer.WriteNumberValue(u); break;
            case decimal m: writer.WriteNumberValue(m); break;
            case double d when double.IsFinite(d): writer.WriteNumberValue(d); break;
            case float f when float.IsFinite(f): writer.WriteNumberValue(f); break;
            case IEnumerable<KeyValuePair<string, object?>> map: WriteObject(writer, map); break;
            case IDictionary dictionary: WriteObject(writer, dictionary); break;
            case IEnumerable sequence: WriteArray(writer, sequence); break;
            default:
                throw new ArgumentException($"Cannot convert a value of type {value.GetType().Name} to JSON.", nameof(value));
        }
    }

    private static void WriteObject(Utf8JsonWriter writer, IEnumerable<KeyValuePair<string, object?>> map)
    {
        writer.WriteStartObject();
        foreach (var (key, item) in map)
        {
            writer.WritePropertyName(key);
            Write(writer, item);
        }

        writer.WriteEndObject();
    }

    private static void WriteObject(Utf8JsonWriter writer, IDictionary dictionary)
    {
        writer.WriteStartObject();
        foreach (DictionaryEntry entry in dictionary)
        {
            if (entry.Key is not string key)
            {
                throw new ArgumentException("Only dictionaries with string keys can be converted to JSON.", nameof(dictionary));
            }

            writer.WritePropertyName(key);
            Write(writer, entry.Value);
        }

        writer.WriteEndObject();
    }

    private static void WriteArray(Utf8JsonWriter writer, IEnumerable sequence)
    {
        writer.WriteStartArray();
        foreach (var item in sequence)
        {
            Write(writer, item);
        }

        writer.WriteEndArray();
    }

    private static void WriteElement(Utf8JsonWriter writer, JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Undefined)
        {
            writer.WriteNullValue();
        }
        else
        {
            element.WriteTo(writer);
        }
    }

    private static JsonElement Build(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { MaxDepth = MaxDepth }))
        {
            write(writer);
        }

        // Values may nest literal lists around variables that are themselves deep; match the writer's limit.
        var reader = new Utf8JsonReader(buffer.WrittenSpan, new JsonReaderOptions { MaxDepth = MaxDepth });
        return JsonElement.ParseValue(ref reader);
    }
}
