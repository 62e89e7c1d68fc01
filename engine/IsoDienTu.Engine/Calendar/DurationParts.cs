namespace IsoDienTu.Engine.Calendar;

/// <summary>The designators of an ISO-8601 duration, before a caller decides what a day or a week means.</summary>
internal readonly record struct DurationParts(int Years, int Months, int Weeks, int Days, TimeSpan Time);
