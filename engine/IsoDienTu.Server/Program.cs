using IsoDienTu.Server.Api;
using IsoDienTu.Server.Auth;
using IsoDienTu.Server.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = RequestLimits.MaxBodyBytes);
builder.WebHost.UseStaticWebAssets(); // wwwroot (and the built designer) from the build manifest, whatever the working directory
builder.Services.AddIsoDienTu(builder.Configuration);
builder.Services.AddIsoDienTuPages();

var app = builder.Build();
app.UseExceptionHandler();
app.UseRequestLimits();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.UseDefaultFiles();
app.UseStaticFiles();
app.MapOpenApi();
app.MapHealth();
app.MapAuth();
app.MapAdmin();
app.MapDefinitions();
app.MapProcedures();
app.MapDossiers();
app.MapTasks();
app.MapSupervision();
app.MapDocuments();
app.MapDashboard();
app.MapOperations();
app.MapSimulation();
app.MapFallbackToFile("/designer/{*path:nonfile}", "designer/index.html");
app.Run();

/// <summary>Entry point, visible to the test host.</summary>
public partial class Program;
