using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace IsoDienTu.Scenario;

/// <summary>
/// A one-stop centre at work: receivers take dossiers through the day, officers open their inboxes every half hour
/// and finish steps after a realistic share of the step's allotment (a few overrun it), some examinations ask for a
/// supplement (the applicant comes back a few hours or days later), a few are refused or sent back a step, and the
/// supervisor records the apology when a dossier is about to be late. The server's clock is moved by the admin.
/// </summary>
internal sealed class Centre(Api api, Options options)
{
    private const string Password = "matkhau123";
    private static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static readonly XNamespace Iso = "urn:isodientu:bpmn:1";
    private static readonly TimeSpan Vn = TimeSpan.FromHours(7);

    // The demo organisation (engine/IsoDienTu.Server/Hosting/DemoSeeder.cs): every officer who owns steps.
    private static readonly string[] Receivers = ["motcua", "motcua2"];
    private static readonly string[] Officers =
    [
        "motcua", "motcua2", "chuyenvien", "truongphong", "lanhdao", "vanthu",
        "cv.xa", "tp.xa", "ld.xa", "vt.xa", "cv.ca", "tp.ca", "ld.ca", "vt.ca", "cv.caxa", "ld.caxa", "vt.caxa",
        "cv.vpdk", "cb.thue", "cv.svhtt", "ld.svhtt", "cv.syt", "tp.syt", "ld.syt", "vt.syt", "cv.stc", "tp.stc",
    ];

    private static readonly TimeOnly[] Ticks =
    [
        new(7, 30), new(8, 0), new(8, 30), new(9, 0), new(9, 30), new(10, 0), new(10, 30), new(11, 0),
        new(13, 30), new(14, 0), new(14, 30), new(15, 0), new(15, 30), new(16, 0), new(16, 30),
    ];

    private static readonly string[] FamilyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"];
    private static readonly string[] MiddleNames = ["Văn", "Thị", "Minh", "Thanh", "Hữu", "Ngọc", "Đức", "Thu"];
    private static readonly string[] GivenNames = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hương", "Khoa", "Lan", "Long", "Mai", "Nam", "Phúc", "Quân", "Sơn", "Thảo", "Trang", "Tuấn", "Yến"];
    private static readonly string[] Streets = ["Lê Lợi", "Trần Hưng Đạo", "Nguyễn Huệ", "Hai Bà Trưng", "Lý Thường Kiệt", "Phan Chu Trinh"];
    private static readonly string[] Missing = ["Bản sao giấy tờ chứng minh quyền sử dụng đất", "Văn bản ủy quyền có chứng thực", "Bản vẽ mặt bằng có chữ ký", "Giấy xác nhận tình trạng hôn nhân", "Tờ khai ký chưa đúng mẫu", "Danh sách lao động có xác nhận"];

    private readonly Random _random = new(options.Seed);
    private readonly Dictionary<string, IReadOnlyDictionary<string, string[]>> _outcomes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _procedureOf = new(StringComparer.Ordinal);
    private readonly Dictionary<long, DateTimeOffset> _readyAt = [];
    private readonly HashSet<string> _supplemented = new(StringComparer.Ordinal);
    private readonly HashSet<string> _returned = new(StringComparer.Ordinal);
    private readonly HashSet<string> _apologised = new(StringComparer.Ordinal);
    private readonly List<(string Code, DateTimeOffset At)> _supplementsDue = [];
    private readonly Dictionary<int, CalendarYear> _calendar = [];
    private List<DefinitionRow> _procedures = [];
    private int _received, _online, _steps, _lateSteps, _supplementRequests, _supplementsBack, _refused, _returns, _apologies;

    public async Task<string> RunAsync()
    {
        await api.LoginAsync("admin", options.AdminPassword);
        var clock = await api.GetAsync<JsonElement>("admin", "/api/admin/clock");
        var now = clock.GetProperty("now").GetDateTimeOffset().ToOffset(Vn);
        foreach (var user in Officers.Append("giamsat").Distinct(StringComparer.Ordinal))
        {
            await api.LoginAsync(user, Password);
        }

        await LoadProceduresAsync();
        var day = DateOnly.FromDateTime(now.DateTime);
        if (TimeOnly.FromDateTime(now.DateTime) > Ticks[0])
        {
            day = day.AddDays(1);
        }

        day = await NextWorkingDayAsync(day);
        var first = day;
        var total = options.Days * Ticks.Length;
        var done = 0;
        DateTimeOffset at = now;
        for (var d = 0; d < options.Days; d++)
        {
            var arrivals = ArrivalsFor(options.PerDay);
            for (var t = 0; t < Ticks.Length; t++)
            {
                at = new DateTimeOffset(day.ToDateTime(Ticks[t]), Vn);
                await api.PostAsync<JsonElement>("admin", "/api/admin/clock", new { now = at });
                await ReceiveAsync(arrivals[t], at);
                await SupplementsAsync(at);
                await InboxesAsync(at);
                Progress(++done, total, at);
            }

            day = await NextWorkingDayAsync(day.AddDays(1));
        }

        return await SummaryAsync(first, at);
    }

    /// <summary>Published procedures a citizen can apply for (a leg of an inter-agency group is started by its caller).</summary>
    private async Task LoadProceduresAsync()
    {
        var rows = await api.GetAsync<List<DefinitionRow>>("admin", "/api/definitions");
        var published = rows.Where(r => r.Status == "published")
            .GroupBy(r => r.Key, StringComparer.Ordinal).Select(g => g.MaxBy(r => r.Version)!).ToList();
        var called = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in published)
        {
            var xml = XDocument.Parse(await api.GetTextAsync("admin", $"/api/definitions/{Uri.EscapeDataString(row.Key)}/versions/{row.Version}/bpmn"));
            _outcomes[row.Key] = xml.Descendants(Bpmn + "userTask").ToDictionary(
                t => (string)t.Attribute("id")!,
                t => ((string?)t.Attribute(Iso + "outcomes") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                StringComparer.Ordinal);
            foreach (var call in xml.Descendants(Bpmn + "callActivity"))
            {
                called.Add((string)call.Attribute("calledElement")!);
            }
        }

        _procedures = [.. published.Where(r => !called.Contains(r.Key) && r.Key.Contains('-', StringComparison.Ordinal))];
        if (_procedures.Count == 0)
        {
            throw new ScenarioException("no published procedure: start the server with the definitions folder (bash run.sh)");
        }
    }

    /// <summary>How many dossiers arrive at each tick: busier mornings, a few after the 15:00 cut-off.</summary>
    private int[] ArrivalsFor(int perDay)
    {
        var weights = new[] { 3, 6, 8, 8, 7, 6, 5, 3, 4, 6, 6, 5, 4, 3, 2 };
        var counts = new int[Ticks.Length];
        var sum = weights.Sum();
        for (var i = 0; i < perDay; i++)
        {
            var r = _random.Next(sum);
            var t = 0;
            while (r >= weights[t])
            {
                r -= weights[t++];
            }

            counts[t]++;
        }

        return counts;
    }

    private async Task ReceiveAsync(int count, DateTimeOffset at)
    {
        for (var i = 0; i < count; i++)
        {
            var procedure = _procedures[_random.Next(_procedures.Count)];
            var online = procedure.Key.StartsWith("LT-", StringComparison.Ordinal) || _random.NextDouble() < 0.3;
            var name = $"{Pick(FamilyNames)} {Pick(MiddleNames)} {Pick(GivenNames)}";
            var applicant = new
            {
                name,
                idNumber = "0" + _random.NextInt64(10_000_000_000, 99_999_999_999).ToString(CultureInfo.InvariantCulture),
                phone = "09" + _random.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture),
                address = $"{_random.Next(1, 300)} {Pick(Streets)}",
            };
            var response = await api.PostAsync<StartResponse>(Pick(Receivers), "/api/dossiers",
                new { procedureKey = procedure.Key, channel = online ? "online" : "direct", applicant, documents = new[] { "Tờ khai", "Giấy tờ tùy thân" } });
            _procedureOf[response.Code] = procedure.Key;
            _received++;
            _online += online ? 1 : 0;
        }

        _ = at;
    }

    private async Task SupplementsAsync(DateTimeOffset at)
    {
        foreach (var due in _supplementsDue.Where(s => s.At <= at).ToList())
        {
            _supplementsDue.Remove(due);
            if (await api.TryPostAsync(Pick(Receivers), $"/api/dossiers/{due.Code}/supplement", new { documents = new[] { "Giấy tờ bổ sung theo phiếu yêu cầu" } }))
            {
                _supplementsBack++;
            }
        }
    }

    private async Task InboxesAsync(DateTimeOffset at)
    {
        foreach (var officer in Officers)
        {
            var tasks = (await api.GetAsync<List<TaskView>>(officer, "/api/tasks?scope=assigned"))
                .Concat(await api.GetAsync<List<TaskView>>(officer, "/api/tasks?scope=available"))
                .Where(t => t.Status == "open")
                .DistinctBy(t => t.Id)
                .OrderBy(t => t.CreatedAt)
                .ToList();
            foreach (var task in tasks)
            {
                if (task.Kind == "apology")
                {
                    await ApologyAsync(task, at);
                    continue;
                }

                if (at < ReadyAt(task))
                {
                    continue;
                }

                await CompleteAsync(officer, task, at);
            }
        }
    }

    /// <summary>When the officer finishes: most steps within 15–85 % of their allotment, one in ten overruns it.</summary>
    private DateTimeOffset ReadyAt(TaskView task)
    {
        if (_readyAt.TryGetValue(task.Id, out var ready))
        {
            return ready;
        }

        var allotment = task.DueAt is { } due && due > task.CreatedAt ? due - task.CreatedAt : TimeSpan.FromHours(1);
        var share = _random.NextDouble() < 0.1 ? 1.2 + _random.NextDouble() : 0.15 + (0.7 * _random.NextDouble());
        ready = task.CreatedAt + (allotment * share);
        _readyAt[task.Id] = ready;
        return ready;
    }

    private async Task CompleteAsync(string officer, TaskView task, DateTimeOffset at)
    {
        var outcomes = await OutcomesAsync(task);
        var outcome = outcomes.FirstOrDefault();
        object? variables = null;
        string? comment = null;
        var roll = _random.NextDouble();
        if (outcomes.Contains("supplement") && !_supplemented.Contains(task.DossierCode) && roll < 0.18)
        {
            outcome = "supplement";
            var missing = Missing.OrderBy(_ => _random.Next()).Take(_random.Next(1, 3)).ToArray();
            variables = new { missingDocuments = missing };
            comment = "Đề nghị bổ sung: " + string.Join("; ", missing);
        }
        else if (outcomes.Contains("refuse") && roll > 0.97)
        {
            outcome = "refuse";
            comment = "Không đủ điều kiện theo quy định (kết quả thẩm định).";
        }
        else if (outcomes.Contains("return") && !_returned.Contains(task.DossierCode) && roll > 0.93)
        {
            outcome = "return";
            comment = "Đề nghị chuyên viên hoàn thiện dự thảo.";
        }

        if (!await api.TryPostAsync(officer, $"/api/tasks/{task.Id}/complete", new { outcome, comment, variables }))
        {
            return; // another officer took it first, or it was cancelled meanwhile
        }

        _steps++;
        _lateSteps += task.DueAt is { } due && at > due ? 1 : 0;
        switch (outcome)
        {
            case "supplement":
                _supplemented.Add(task.DossierCode);
                _supplementRequests++;
                if (_random.NextDouble() < 0.9)
                {
                    // The applicant comes back between two hours and three working days later.
                    _supplementsDue.Add((task.DossierCode, at + TimeSpan.FromHours(2 + _random.Next(0, 60))));
                }

                break;
            case "refuse":
                _refused++;
                break;
            case "return":
                _returned.Add(task.DossierCode);
                _returns++;
                break;
        }
    }

    private async Task<string[]> OutcomesAsync(TaskView task)
    {
        if (!_procedureOf.TryGetValue(task.DossierCode, out var key))
        {
            // A leg of an inter-agency group: its child dossier was created by the server.
            key = (await api.GetAsync<DossierView>("giamsat", $"/api/dossiers/{task.DossierCode}")).ProcedureKey;
            _procedureOf[task.DossierCode] = key;
        }

        return _outcomes.TryGetValue(key, out var steps) && steps.TryGetValue(task.StepId, out var o) ? o : [];
    }

    /// <summary>The day before a dossier is due and still open: the apology with a new appointment, once.</summary>
    private async Task ApologyAsync(TaskView task, DateTimeOffset at)
    {
        if (!_apologised.Add(task.DossierCode))
        {
            return;
        }

        var newDay = await NextWorkingDayAsync(DateOnly.FromDateTime(at.DateTime).AddDays(3));
        var newDue = new DateTimeOffset(newDay.ToDateTime(new TimeOnly(17, 0)), Vn);
        if (await api.TryPostAsync("giamsat", $"/api/dossiers/{task.DossierCode}/apology",
                new { newDueAt = newDue, reason = "Hồ sơ cần xác minh thêm với cơ quan liên quan." }))
        {
            _apologies++;
        }
    }

    private async Task<DateOnly> NextWorkingDayAsync(DateOnly day)
    {
        while (true)
        {
            if (!_calendar.TryGetValue(day.Year, out var year))
            {
                year = await api.GetAsync<CalendarYear>("admin", $"/api/calendars/{day.Year}");
                _calendar[day.Year] = year;
            }

            var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            if (year.WorkingDays.Contains(day) || (!weekend && !year.Holidays.Contains(day)))
            {
                return day;
            }

            day = day.AddDays(1);
        }
    }

    private static void Progress(int done, int total, DateTimeOffset at)
    {
        const int width = 30;
        var filled = done * width / total;
        var bar = new string('█', filled) + new string('░', width - filled);
        Console.Write(string.Create(CultureInfo.InvariantCulture, $"\r[{bar}] {done * 100 / total,3}%  {at:ddd dd/MM/yyyy HH:mm}   "));
    }

    private async Task<string> SummaryAsync(DateOnly first, DateTimeOffset last)
    {
        var from = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), Vn);
        var to = last.AddHours(1);
        var report = await api.GetAsync<JsonElement>("giamsat",
            $"/api/reports/processing?from={Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(to.ToString("O", CultureInfo.InvariantCulture))}");
        var overdue = await api.GetAsync<JsonElement>("giamsat", "/api/supervision/overdue");
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Played {options.Days} working days ({first:dd/MM/yyyy} – {last:dd/MM/yyyy HH:mm}), seed {options.Seed}, {_procedures.Count} procedures.");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  dossiers received      {_received} ({_online} online)");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  steps completed       {_steps} ({_lateSteps} after their step due time)");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  supplement requests   {_supplementRequests} ({_supplementsBack} supplied so far)");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  sent back a step      {_returns}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  refused               {_refused}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  apologies recorded    {_apologies}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  overdue now           {Count(overdue)}");
        sb.Append("  report (Biểu 06)      ").Append(Compact(report));
        return sb.ToString();
    }

    private static int Count(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Array => e.GetArrayLength(),
        JsonValueKind.Object => e.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Array).Sum(p => p.Value.GetArrayLength()),
        _ => 0,
    };

    /// <summary>The report's totals row (or the whole report when it has no such row), on one line.</summary>
    private static string Compact(JsonElement report)
    {
        if (report.ValueKind == JsonValueKind.Array)
        {
            // Sum the rows (one per field): columns 3–13 of Biểu 06/VPCP/KSTT.
            var sums = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var row in report.EnumerateArray())
            {
                foreach (var p in row.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Number))
                {
                    sums[p.Name] = sums.GetValueOrDefault(p.Name) + p.Value.GetInt64();
                }
            }

            return string.Join(", ", sums.Select(kv => $"{kv.Key} {kv.Value}"));
        }

        var text = report.GetRawText();
        return text.Length > 600 ? text[..600] + "…" : text;
    }

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];
}
