using IsoDienTu.Engine.Calendar;
using IsoDienTu.Engine.Expressions;

namespace IsoDienTu.Engine.Tests.Definitions;

/// <summary>A fact that needs the real calendar/expression parsers: skipped while the temporary stubs (which parse
/// nothing) stand in for them, and run automatically once the calendar and expressions branches are merged.</summary>
public sealed class NeedsParsersFactAttribute : FactAttribute
{
    public NeedsParsersFactAttribute()
    {
        if (!ParsersAvailable)
        {
            Skip = "Needs the real WorkingDuration/Expression parsers (temporary stubs until the merge).";
        }
    }

    public static bool ParsersAvailable =>
        WorkingDuration.TryParse("P1D", out _) && Expression.TryParse("${a == 1}", out _, out _);
}
