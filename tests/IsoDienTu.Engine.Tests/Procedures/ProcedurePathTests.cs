using IsoDienTu.Engine.Definitions;
using IsoDienTu.Engine.Runtime;
using IsoDienTu.Engine.Tests.Runtime;
using static IsoDienTu.Engine.Tests.Procedures.ProcedureFiles;

namespace IsoDienTu.Engine.Tests.Procedures;

/// <summary>
/// The happy, supplement and late paths of every shipped procedure, in simulated time on the calendar files, with the
/// due times the law gives counted by hand.
///
/// Every dossier is received on Fri 13/2/2026 at 10:00, the last working day before the Tết Bính Ngọ break (Sat 14/2 –
/// Sun 22/2/2026). Working days after it: Mon 23/2 (1), Tue 24 (2), Wed 25 (3), Thu 26 (4), Fri 27 (5), Mon 2/3 (6),
/// Tue 3/3 (7), Wed 4/3 (8), Thu 5/3 (9), Fri 6/3 (10), Mon 9/3 … Fri 13/3 (11–15), Mon 16/3 (16), Tue 17/3 … Fri 20/3
/// (17–20). An N-working-day deadline is due at 17:00 of the Nth; a same-day (P0D) one received before the 15:00 cut-off
/// at 17:00 the same day.
///
/// A complete supplement arrives on Tue 3/3/2026 at 09:00 and the time is counted afresh (Decree 297/2025 art. 6(4)):
/// Wed 4/3 (1), Thu 5 (2), Fri 6 (3), Mon 9 … Fri 13 (4–8), Mon 16 … Fri 20 (9–13), Mon 23 … Fri 27 (14–18),
/// Mon 30 (19), Tue 31/3 (20); same-day: Tue 3/3 17:00.
/// </summary>
public class ProcedurePathTests
{
    private static readonly DateTimeOffset Received = At(2026, 2, 13, 10);
    private static readonly DateTimeOffset SupplementArrives = At(2026, 3, 3, 9);

    public static TheoryData<string, DateTimeOffset> StatutoryDue() => new()
    {
        { "BTXH-CNCS-NKT", At(2026, 3, 6, 17) },       // P10D: 10th working day Fri 6/3
        { "CT-BSBC", At(2026, 2, 13, 17) },            // P0D, received 10:00 < 15:00: the same day
        { "CT-DKTT", At(2026, 3, 3, 17) },             // P7D: Tue 3/3
        { "DD-DKBD-CN", At(2026, 3, 4, 17) },          // P8D: Wed 4/3
        { "DD-DKLD-HGD", At(2026, 3, 20, 17) },        // P20D: Fri 20/3
        { "DN-TNHH2TV", At(2026, 2, 25, 17) },         // P3D: Wed 25/2
        { "HKD-DKTL", At(2026, 2, 25, 17) },           // P3D: Wed 25/2
        { "HT-KH", At(2026, 2, 13, 17) },              // P0D before the cut-off
        { "HT-KS", At(2026, 2, 13, 17) },              // P0D before the cut-off
        { "LLTP-01", At(2026, 3, 6, 17) },             // P10D: Fri 6/3
        { "LT-ANTT", At(2026, 2, 25, 17) },            // P3D
        { "LT-HKD", At(2026, 2, 25, 17) },             // P3D
        { "LT-HKD-ANTT-KARAOKE", At(2026, 3, 16, 17) },// P16D: Mon 16/3
        { "LT-KARAOKE", At(2026, 3, 6, 17) },          // P10D
        { "XD-GPXD-NORL", At(2026, 3, 13, 17) },       // P15D: Fri 13/3
    };

    public static TheoryData<string, DateTimeOffset> DueAfterSupplement() => new()
    {
        { "BTXH-CNCS-NKT", At(2026, 3, 17, 17) },      // P10D from Tue 3/3: Tue 17/3
        { "CT-DKTT", At(2026, 3, 12, 17) },            // P7D: Thu 12/3
        { "DD-DKBD-CN", At(2026, 3, 13, 17) },         // P8D: Fri 13/3
        { "DD-DKLD-HGD", At(2026, 3, 31, 17) },        // P20D: Tue 31/3
        { "DN-TNHH2TV", At(2026, 3, 6, 17) },          // P3D: Fri 6/3
        { "HKD-DKTL", At(2026, 3, 6, 17) },            // P3D: Fri 6/3
        { "HT-KH", At(2026, 3, 3, 17) },               // P0D, 09:00 < 15:00: the same day
        { "HT-KS", At(2026, 3, 3, 17) },               // P0D
        { "LLTP-01", At(2026, 3, 17, 17) },            // P10D: Tue 17/3
        { "LT-ANTT", At(2026, 3, 6, 17) },             // P3D
        { "LT-HKD", At(2026, 3, 6, 17) },              // P3D
        { "LT-HKD-ANTT-KARAOKE", At(2026, 3, 25, 17) },// P16D: Wed 25/3
        { "LT-KARAOKE", At(2026, 3, 17, 17) },         // P10D
        { "XD-GPXD-NORL", At(2026, 3, 24, 17) },       // P15D: Tue 24/3
    };

    [Fact]
    public void EveryProcedure_HasItsHandComputedDueTimes()
    {
        StatutoryDue().Select(r => (string)r[0]).ShouldBe(Codes, ignoreOrder: true);
        // CT-BSBC is the only one without a supplement loop (the original is shown at the counter).
        DueAfterSupplement().Select(r => (string)r[0]).ShouldBe(Codes.Where(c => c != "CT-BSBC"), ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(StatutoryDue))]
    public void HappyPath_StepsWithinTheirAllotments_EndsBeforeTheStatutoryDue(string code, DateTimeOffset due)
    {
        var h = Play.New(code, Received);
        h.State.Clock.DueAt.ShouldBe(due);

        Play.ToEnd(h, when: Play.Briskly);

        h.State.Status.ShouldBe(InstanceStatus.Completed);
        Play.EndedOn(h).ShouldBe("end");
        h.Now.ShouldBeLessThanOrEqualTo(due);
        h.State.Clock.DueAt.ShouldBe(due);
        // every step that has an allotment finished by its own due time
        h.Events.OfType<TaskCreated>().Where(t => t.Task.DueAt is not null).ShouldNotBeEmpty();
        h.Events.OfType<TaskCompleted>().Count().ShouldBe(h.Events.OfType<TaskCreated>().Count());
    }

    [Theory]
    [MemberData(nameof(DueAfterSupplement))]
    public void SupplementPath_TimeIsCountedAfreshFromTheCompleteSupplement(string code, DateTimeOffset dueAfter)
    {
        var h = Play.New(code, Received);
        var original = h.State.Clock.DueAt;

        // Every step before the first that may ask for a supplement is done at once; that one asks.
        Play.ToEnd(h, when: Play.Immediately, stopAt: t => t.Outcomes.Contains("supplement"));
        var asking = h.State.Tasks.ShouldHaveSingleItem();
        h.Complete(asking.ElementId, "supplement", new { missingDocuments = new[] { "Tờ khai", "Bản sao CCCD" } });
        h.State.ActiveElementIds.Single().ShouldStartWith("waitSupplement_");
        h.State.Clock.PausedSince.ShouldNotBeNull();

        h.AdvanceTo(SupplementArrives);
        h.Message("supplement", new { documents = new[] { "Tờ khai", "Bản sao CCCD" } });

        h.TaskIds.ShouldBe([asking.ElementId]); // back to the step that asked
        h.State.Clock.DueAt.ShouldBe(dueAfter);
        h.State.Clock.OriginalDueAt.ShouldBe(original);
        h.State.Clock.History.Select(c => c.DueAt).ShouldBe([original!.Value, dueAfter]);

        Play.ToEnd(h, when: Play.Briskly);
        h.State.Status.ShouldBe(InstanceStatus.Completed);
        Play.EndedOn(h).ShouldBe("end");
        h.Now.ShouldBeLessThanOrEqualTo(dueAfter);
    }

    [Theory]
    [MemberData(nameof(StatutoryDue))]
    public void LatePath_TheLongestStepOverrunsByTwoWorkingDays_DossierEndsLate(string code, DateTimeOffset due)
    {
        var h = Play.New(code, Received);
        string? lateStep = null;
        DateTimeOffset? lateStepDue = null;

        // The step with the largest allotment in each procedure (leg) finishes 15 working hours (two working days)
        // after its own due time; every other step is on time.
        DateTimeOffset When(Harness run, OpenTask task)
        {
            var longest = run.Definition.Nodes.Values.OfType<UserTask>()
                .Where(u => u.Allotment is not null)
                .MaxBy(u => u.Allotment!.Value.TotalWorkingHours(8))!;
            if (task.ElementId != longest.Id || task.DueAt is null)
            {
                return Play.OnTime(run, task);
            }

            lateStep ??= $"{run.Definition.Key}/{task.ElementId}";
            lateStepDue ??= task.DueAt;
            return run.Calendar.AddWorkingTime(task.DueAt.Value, TimeSpan.FromHours(15));
        }

        Play.ToEnd(h, when: When);

        lateStep.ShouldNotBeNull();
        h.State.Status.ShouldBe(InstanceStatus.Completed);
        Play.EndedOn(h).ShouldBe("end");
        h.State.Clock.DueAt.ShouldBe(due); // lateness never moves the statutory due time
        h.Now.ShouldBeGreaterThan(due, $"{code}: late step {lateStep} (due {lateStepDue})");
    }

    [Theory]
    [MemberData(nameof(StatutoryDue))]
    public void RefusalPath_EndsOnARefusedEnd(string code, DateTimeOffset due)
    {
        _ = due;
        var h = Play.New(code, Received);
        Play.ToEnd(h, outcome: t => t.Outcomes.Contains("refuse") ? "refuse" : Play.Approve(t));
        h.State.Status.ShouldBe(InstanceStatus.Completed);
        var end = Play.EndedOn(h);
        end.ShouldStartWith("refused_");
        h.Definition.Node(end).IsoAttributes["status"].ShouldBe("refused");
    }
}
