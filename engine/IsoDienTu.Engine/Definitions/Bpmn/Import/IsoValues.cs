using System.Collections.Immutable;
using System.Globalization;

namespace IsoDienTu.Engine.Definitions;

/// <summary>Parsing of the plain (non-duration) <c>iso:</c> attribute values, shared by the reader and the rules.</summary>
internal static class IsoValues
{
    private static readonly string[] TimeFormats = ["H:mm", "HH:mm", "HH:mm:ss"];

    public static bool TryParseCutoff(string? text, out TimeOnly value) =>
        TimeOnly.TryParseExact(text?.Trim(), TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    public static bool TryParseSupplementClock(string? text, out SupplementClock value)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case "RESTART":
                value = SupplementClock.Restart;
                return true;
            case "PAUSE":
                value = SupplementClock.Pause;
                return true;
            default:
                value = SupplementClock.Restart;
                return false;
        }
    }

    public static bool TryParseVersion(string? text, out int version) =>
        int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out version) && version > 0;

    /// <summary>A comma-separated list, items trimmed, blanks dropped.</summary>
    public static ImmutableArray<string> List(string? text) =>
        text is null
            ? []
            : [.. text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    public static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public static bool IsFalse(string? text) => string.Equals(text?.Trim(), "false", StringComparison.OrdinalIgnoreCase);

    public static bool IsTrue(string? text) => string.Equals(text?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
}
