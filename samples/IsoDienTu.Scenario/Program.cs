using System.Globalization;
using IsoDienTu.Scenario;

// The one-stop centre scenario: N working days played against a running server in simulated time.
//   dotnet run --project samples/IsoDienTu.Scenario -- --url http://127.0.0.1:5080 --days 5 --seed 42 --admin-password admin123
var options = Options.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: IsoDienTu.Scenario [--url http://127.0.0.1:5080] [--days 5] [--seed 42] [--admin-password admin123] [--per-day 30]");
    return 2;
}

try
{
    using var api = new Api(new Uri(options.Url));
    var centre = new Centre(api, options);
    var result = await centre.RunAsync();
    Console.WriteLine();
    Console.WriteLine(result);
    return 0;
}
catch (ScenarioException e)
{
    Console.Error.WriteLine();
    Console.Error.WriteLine("scenario: " + e.Message);
    return 1;
}
catch (HttpRequestException e)
{
    Console.Error.WriteLine();
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scenario: cannot reach {options.Url}: {e.Message}"));
    return 1;
}
