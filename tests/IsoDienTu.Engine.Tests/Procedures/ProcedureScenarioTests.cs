using IsoDienTu.Engine.Definitions;
using IsoDienTu.Engine.Runtime;
using IsoDienTu.Engine.Tests.Runtime;
using static IsoDienTu.Engine.Tests.Procedures.ProcedureFiles;

namespace IsoDienTu.Engine.Tests.Procedures;

/// <summary>Three procedures step by step, every due time counted by hand (office hours 07:30–11:30, 13:30–17:00).</summary>
public class ProcedureScenarioTests
{
    [Fact]
    public void HouseholdBusiness_StepDueTimes_AcrossTet2026()
    {
        // Received Fri 13/2/2026 10:00; P3D → Mon 23/2 (1), Tue 24/2 (2), Wed 25/2 (3): due Wed 25/2 17:00.
        var h = Play.New("HKD-DKTL", At(2026, 2, 13, 10));
        h.State.Clock.DueAt.ShouldBe(At(2026, 2, 25, 17));

        // Reception PT4H from Fri 10:00: 1.5 h to 11:30, 2.5 h from 13:30 → Fri 16:00.
        h.Task("reception").DueAt.ShouldBe(At(2026, 2, 13, 16));
        h.AdvanceTo(At(2026, 2, 13, 16)).Complete("reception", "accept");

        // Examination P1DT4H from Fri 16:00: one working day → Mon 23/2 16:00 (the break is skipped), then 4 h:
        // 1 h to 17:00, 3 h from Tue 07:30 → Tue 24/2 10:30.
        h.Task("examine").DueAt.ShouldBe(At(2026, 2, 24, 10, 30));
        h.Task("examine").Assignment.Unit.ShouldBe("UBNDXA");
        h.AdvanceTo(At(2026, 2, 24, 10, 30)).Complete("examine", "approve");

        // Review PT4H from Tue 10:30: 1 h to 11:30, 3 h from 13:30 → Tue 16:30.
        h.Task("review").DueAt.ShouldBe(At(2026, 2, 24, 16, 30));
        h.AdvanceTo(At(2026, 2, 24, 16, 30)).Complete("review", "approve");

        // Signature PT4H from Tue 16:30: 0.5 h to 17:00, 3.5 h from Wed 07:30 → Wed 25/2 11:00.
        h.Task("sign").DueAt.ShouldBe(At(2026, 2, 25, 11));
        h.AdvanceTo(At(2026, 2, 25, 11)).Complete("sign", "approve");

        // Hand-over: not counted, no allotment; the result is handed over on the due day: on time.
        h.Task("handOver").DueAt.ShouldBeNull();
        h.Definition.Node("handOver").IsoAttributes["status"].ShouldBe("resultIssued");
        h.AdvanceTo(At(2026, 2, 25, 14)).Complete("handOver", "returned");
        h.State.Status.ShouldBe(InstanceStatus.Completed);
        h.Now.ShouldBeLessThanOrEqualTo(h.State.Clock.DueAt!.Value);
    }

    [Fact]
    public void HouseholdBusiness_ReturnedByTheHead_GoesBackToExamination()
    {
        var h = Play.New("HKD-DKTL", At(2026, 3, 2, 8));
        h.Complete("reception", "accept").Complete("examine", "approve").Complete("review", "return");
        h.TaskIds.ShouldBe(["examine"]);
    }

    [Fact]
    public void LandTransfer_TaxIntervalIsExcluded_TwoAppointments()
    {
        // Received Thu 12/2/2026 09:00; P8D = 5 + 3 (domain notes §1.8, Đồng Tháp 138/2025). Working days after 12/2:
        // Fri 13/2 (1), Mon 23/2 (2), Tue 24 (3), Wed 25 (4), Thu 26 (5), Fri 27 (6), Mon 2/3 (7), Tue 3/3 (8).
        var h = Play.New("DD-DKBD-CN", At(2026, 2, 12, 9));
        h.State.Clock.DueAt.ShouldBe(At(2026, 3, 3, 17));

        // Reception PT4H from Thu 09:00: 2.5 h to 11:30, 1.5 h from 13:30 → Thu 15:00.
        h.Task("reception").DueAt.ShouldBe(At(2026, 2, 12, 15));
        h.AdvanceTo(At(2026, 2, 12, 15)).Complete("reception", "accept");

        // Examination P4DT4H from Thu 15:00: four working days → Wed 25/2 15:00, then 4 h: 2 h to 17:00, 2 h from
        // Thu 07:30 → Thu 26/2 09:30 — inside the first appointment (hẹn lần 1: 5th working day, Thu 26/2).
        h.Task("examine").DueAt.ShouldBe(At(2026, 2, 26, 9, 30));
        h.AdvanceTo(At(2026, 2, 26, 9, 30)).Complete("examine", "approve");

        // The file is with the tax office: the clock stands still (status awaitingFinancialObligation on the server).
        h.TaskIds.ShouldBe(["tax"]);
        h.Definition.Node("tax").ClockExcluded.ShouldBeTrue();
        h.Task("tax").Assignment.Unit.ShouldBe("THUE");
        h.State.Clock.PausedSince.ShouldBe(At(2026, 2, 26, 9, 30));

        // Tax confirmed Tue 3/3 09:30. Stood still: Thu 26/2 5.5 h + Fri 27/2 7.5 h + Mon 2/3 7.5 h + Tue 2 h = 22.5 h
        // = three office days, so the due moves from Tue 3/3 17:00 to Fri 6/3 17:00 — the second appointment
        // (hẹn lần 2): 3 working days from the tax confirmation, Wed 4/3 (1), Thu 5/3 (2), Fri 6/3 (3).
        h.AdvanceTo(At(2026, 3, 3, 9, 30)).Complete("tax", "paid");
        h.State.Clock.PausedSince.ShouldBeNull();
        h.State.Clock.DueAt.ShouldBe(At(2026, 3, 6, 17));
        h.State.Clock.OriginalDueAt.ShouldBe(At(2026, 3, 3, 17));
        h.State.Clock.History.Select(c => c.DueAt).ShouldBe([At(2026, 3, 3, 17), At(2026, 3, 6, 17)]);

        // Registration update P3D from Tue 3/3 09:30 → Fri 6/3 09:30; hand-over the same morning: on time.
        h.Task("update").DueAt.ShouldBe(At(2026, 3, 6, 9, 30));
        h.AdvanceTo(At(2026, 3, 6, 9, 30)).Complete("update", "done");
        h.AdvanceTo(At(2026, 3, 6, 10)).Complete("handOver", "returned");
        h.State.Status.ShouldBe(InstanceStatus.Completed);
    }

    [Fact]
    public void BirthRegistration_AfterTheCutoff_IsDueTheNextWorkingDay_AcrossTet()
    {
        // Same-day procedure, received Fri 13/2/2026 15:30 — after the 15:00 cut-off: due at the close of the next
        // working day, Mon 23/2/2026 17:00 (the Tết break 14–22/2 is skipped).
        var h = Play.New("HT-KS", At(2026, 2, 13, 15, 30));
        h.State.Clock.DueAt.ShouldBe(At(2026, 2, 23, 17));
        // Reception PT1H from 15:30 → 16:30 the same day.
        h.Task("reception").DueAt.ShouldBe(At(2026, 2, 13, 16, 30));
    }

    [Fact]
    public void InterAgencyGroup_ThreeLegs_EachWithItsOwnDeadline()
    {
        // Received Fri 13/2/2026 10:00: the group's 16 working days end Mon 16/3/2026 17:00.
        var h = Play.New("LT-HKD-ANTT-KARAOKE", At(2026, 2, 13, 10));
        h.State.Clock.DueAt.ShouldBe(At(2026, 3, 16, 17));
        h.AdvanceTo(At(2026, 2, 13, 11)).Complete("intake", "accept");

        // Leg 1 (commune business registration) starts Fri 13/2 11:00, P3D → Wed 25/2 17:00; done Tue 24/2 15:00.
        var hkd = Leg(h, "LT-HKD", At(2026, 2, 25, 17), finishAt: At(2026, 2, 24, 15));
        hkd.Task("examine").Assignment.Unit.ShouldBe("UBNDXA");
        Finish(h, hkd, At(2026, 2, 24, 15));

        // Leg 2 (police, security certificate) starts Tue 24/2 15:00, P3D → Wed 25 (1), Thu 26 (2), Fri 27/2 (3).
        var antt = Leg(h, "LT-ANTT", At(2026, 2, 27, 17), finishAt: At(2026, 2, 27, 10));
        antt.Task("examine").Assignment.Unit.ShouldBe("CA");
        Finish(h, antt, At(2026, 2, 27, 10));

        // Leg 3 (province, karaoke licence) starts Fri 27/2 10:00, P10D → Mon 2/3 (1) … Fri 6/3 (5), Mon 9/3 (6) …
        // Fri 13/3 (10).
        var karaoke = Leg(h, "LT-KARAOKE", At(2026, 3, 13, 17), finishAt: At(2026, 3, 12, 16));
        karaoke.Task("appraise").Assignment.Unit.ShouldBe("SVHTT");
        Finish(h, karaoke, At(2026, 3, 12, 16));

        h.TaskIds.ShouldBe(["handOver"]);
        h.AdvanceTo(At(2026, 3, 13, 9)).Complete("handOver", "returned");
        h.State.Status.ShouldBe(InstanceStatus.Completed);
        Play.EndedOn(h).ShouldBe("end");
        h.Now.ShouldBeLessThanOrEqualTo(At(2026, 3, 16, 17));
    }

    [Fact]
    public void InterAgencyGroup_ALegRefuses_TheGroupEndsRefused()
    {
        var h = Play.New("LT-HKD-ANTT-KARAOKE", At(2026, 3, 2, 8));
        h.Complete("intake", "accept");
        var call = h.State.Calls.ShouldHaveSingleItem();
        var leg = new Harness(Process("LT-HKD"), h.Now, h.Calendar);
        leg.Run(new StartInstance(h.State.Variables, h.Now));
        leg.Complete("examine", "refuse");
        Play.EndedOn(leg).ShouldBe("refused_examine");
        h.Run(new CompleteCall(call.Id, leg.State.Variables));
        h.State.Status.ShouldBe(InstanceStatus.Completed);
        Play.EndedOn(h).ShouldBe("refused_legHkd");
    }

    private static Harness Leg(Harness parent, string processId, DateTimeOffset due, DateTimeOffset finishAt)
    {
        var call = parent.State.Calls.ShouldHaveSingleItem();
        call.CalledElement.ShouldBe(processId);
        var leg = new Harness(Process(processId), parent.Now, parent.Calendar);
        leg.Run(new StartInstance(parent.State.Variables, parent.Now));
        leg.State.Clock.DueAt.ShouldBe(due);
        _ = finishAt;
        return leg;
    }

    private static void Finish(Harness parent, Harness leg, DateTimeOffset at)
    {
        Play.ToEnd(leg, when: (run, _) => at > run.Now ? at : run.Now);
        leg.State.Status.ShouldBe(InstanceStatus.Completed);
        Play.EndedOn(leg).ShouldBe("end");
        leg.Now.ShouldBeLessThanOrEqualTo(leg.State.Clock.DueAt!.Value);
        parent.AdvanceTo(leg.Now);
        parent.Run(new CompleteCall(parent.State.Calls.Single().Id, leg.State.Variables));
    }
}
