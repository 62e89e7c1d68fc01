using System.Text.Json;

namespace IsoDienTu.Engine.Expressions;

/// <summary>
/// Value equality for expression operands: numbers by value (<c>1 == 1.0</c>), strings ordinally,
/// lists element by element, objects property by property, and different kinds never equal.
/// </summary>
internal static class JsonEquality
{
    public static bool AreEqual(JsonElement left, JsonElement right)
    {
        var leftKind = Normalize(left.ValueKind);
        if (leftKind != Normalize(right.ValueKind))
        {
            return false;
        }

        return leftKind switch
        {
            JsonValueKind.Null => true,
            JsonValueKind.True => left.ValueKind == right.ValueKind,
            JsonValueKind.Number => Numeric.Compare(Numeric.Read(left), Numeric.Read(right)) == 0,
            JsonValueKind.String => string.Equals(left.GetString(), right.GetString(), StringComparison.Ordinal),
            JsonValueKind.Array => ArraysEqual(left, right),
            JsonValueKind.Object => ObjectsEqual(left, right),
            _ => false,
        };
    }

    /// <summary>Booleans form one kind (compared above); undefined reads as null.</summary>
    private static JsonValueKind Normalize(JsonValueKind kind) => kind switch
    {
        JsonValueKind.False => JsonValueKind.True,
        JsonValueKind.Undefined => JsonValueKind.Null,
        _ => kind,
    };

    private static bool ArraysEqual(JsonElement left, JsonElement right)
    {
        if (left.GetArrayLength() != right.GetArrayLength())
        {
            return false;
        }

        using var rightItems = right.EnumerateArray();
        foreach (var item in left.EnumerateArray())
        {
            rightItems.MoveNext();
            if (!AreEqual(item, rightItems.Current))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ObjectsEqual(JsonElement left, JsonElement right)
    {
        var count = 0;
        foreach (var property in left.EnumerateObject())
        {
            count++;
            if (!right.TryGetProperty(property.Name, out var other) || !AreEqual(property.Value, other))
            {
                return false;
            }
        }

        return count == right.EnumerateObject().Count();
    }
}
