using IsoDienTu.Engine.Calendar;
using static IsoDienTu.Engine.Tests.Calendar.OfficialCalendars;

namespace IsoDienTu.Engine.Tests.Calendar;

public class StatutoryDueTimeTests
{
    private static readonly WorkingCalendar Cal = OfficialCalendars.Calendar;
    private static readonly TimeOnly Cutoff15 = new(15, 0);

    private static DateTimeOffset Due(DateTimeOffset received, string deadline, ReceptionChannel channel = ReceptionChannel.Direct, TimeOnly? cutoff = null) =>
        Cal.StatutoryDueTime(received, WorkingDuration.Parse(deadline), channel, cutoff);

    [Fact]
    public void StatutoryDueTime_ReceivedBeforeTet2026_P3D_DueWednesdayAfter() =>
        Due(At(2026, 2, 13, 10, 0), "P3D").ShouldBe(At(2026, 2, 25, 17, 0));

    [Fact]
    public void StatutoryDueTime_ReceivedOnHoliday_CountsFromNextWorkingDay()
    {
        // Thu 30/4/2026 and Fri 1/5 off: receipt counts on Mon 4/5, so P1D is due Tue 5/5.
        Due(At(2026, 4, 30, 9, 0), "P1D").ShouldBe(At(2026, 5, 5, 17, 0));
        Due(At(2026, 4, 30, 9, 0), "P0D").ShouldBe(At(2026, 5, 4, 17, 0));
    }

    [Fact]
    public void StatutoryDueTime_2025Break_UsesMakeUpSaturday()
    {
        Due(At(2025, 4, 25, 10, 0), "P1D").ShouldBe(At(2025, 4, 26, 17, 0)); // working Saturday 26/4/2025
        Due(At(2025, 4, 29, 10, 0), "P2D").ShouldBe(At(2025, 5, 6, 17, 0)); // 30/4–4/5 off
        Due(At(2025, 4, 4, 10, 0), "P1D").ShouldBe(At(2025, 4, 8, 17, 0)); // Hùng Kings 5–7/4
    }

    [Fact]
    public void StatutoryDueTime_NationalDay2026_SkipsSwappedMonday()
    {
        Due(At(2026, 8, 21, 10, 0), "P1D").ShouldBe(At(2026, 8, 22, 17, 0));
        Due(At(2026, 8, 28, 10, 0), "P1D").ShouldBe(At(2026, 9, 3, 17, 0));
    }

    [Fact]
    public void StatutoryDueTime_AfterClose_CountsFromNextWorkingDay()
    {
        Due(At(2026, 3, 2, 17, 0), "P1D").ShouldBe(At(2026, 3, 4, 17, 0));
        Due(At(2026, 3, 2, 16, 59), "P1D").ShouldBe(At(2026, 3, 3, 17, 0));
        Due(At(2026, 3, 2, 6, 0), "P1D").ShouldBe(At(2026, 3, 3, 17, 0)); // before opening: same day
    }

    [Fact]
    public void StatutoryDueTime_SameDayCutoff_MovesToNextDay()
    {
        Due(At(2026, 3, 2, 14, 59), "P0D", cutoff: Cutoff15).ShouldBe(At(2026, 3, 2, 17, 0));
        Due(At(2026, 3, 2, 15, 0), "P0D", cutoff: Cutoff15).ShouldBe(At(2026, 3, 3, 17, 0));
        Due(At(2026, 2, 13, 15, 30), "P0D", cutoff: Cutoff15).ShouldBe(At(2026, 2, 23, 17, 0));
    }

    [Fact]
    public void StatutoryDueTime_OnlineInLastWorkingHour_CountsFromNextWorkingDay()
    {
        Due(At(2026, 3, 2, 15, 59), "P1D", ReceptionChannel.Online).ShouldBe(At(2026, 3, 3, 17, 0));
        Due(At(2026, 3, 2, 16, 0), "P1D", ReceptionChannel.Online).ShouldBe(At(2026, 3, 4, 17, 0));
        Due(At(2026, 3, 2, 16, 30), "P1D", ReceptionChannel.Direct).ShouldBe(At(2026, 3, 3, 17, 0));
        Due(At(2026, 3, 2, 16, 30), "PT2H", ReceptionChannel.Online).ShouldBe(At(2026, 3, 3, 9, 30));
        Due(At(2026, 3, 7, 9, 0), "PT2H", ReceptionChannel.Online).ShouldBe(At(2026, 3, 9, 9, 30)); // Saturday
    }

    [Fact]
    public void StatutoryDueTime_OnlinePolicy_IsConfigurable()
    {
        var policy = new ReceptionPolicy(new TimeOnly(16, 0), TimeSpan.Zero);
        Cal.StatutoryDueTime(At(2026, 3, 2, 15, 30), WorkingDuration.Parse("P1D"), ReceptionChannel.Online, null, policy)
            .ShouldBe(At(2026, 3, 3, 17, 0));
        Cal.StatutoryDueTime(At(2026, 3, 2, 16, 0), WorkingDuration.Parse("P1D"), ReceptionChannel.Online, null, policy)
            .ShouldBe(At(2026, 3, 4, 17, 0));
    }

    [Fact]
    public void StatutoryDueTime_Hours_CountFromTheMoment()
    {
        Due(At(2026, 3, 2, 10, 0), "PT4H").ShouldBe(At(2026, 3, 2, 16, 0));
        Due(At(2026, 3, 2, 12, 0), "PT4H").ShouldBe(At(2026, 3, 3, 8, 0)); // lunch: from 13:30
        Due(At(2026, 2, 13, 16, 0), "PT2H").ShouldBe(At(2026, 2, 23, 8, 30));
    }

    [Fact]
    public void StatutoryDueTime_DaysAndHours_AddHoursAfterTheDueDay() =>
        Due(At(2026, 3, 2, 10, 0), "P1DT2H").ShouldBe(At(2026, 3, 4, 9, 30));

    [Fact]
    public void EffectiveReceipt_ShowsWhenCountingStarts()
    {
        Cal.EffectiveReceipt(At(2026, 2, 14, 9, 0), ReceptionChannel.Post, null).ShouldBe(At(2026, 2, 23, 7, 30));
        Cal.EffectiveReceipt(At(2026, 3, 2, 12, 0), ReceptionChannel.Direct, null).ShouldBe(At(2026, 3, 2, 13, 30));
    }
}
