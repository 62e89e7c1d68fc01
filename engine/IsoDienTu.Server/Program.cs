using IsoDienTu.Server.Api;
using IsoDienTu.Server.Auth;
using IsoDienTu.Server.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseStaticWebAssets(); // wwwroot (and the built designer) from the build manifest, whatever the working directory
builder.Services.AddIsoDienTu(builder.Configuration);

var app = builder.Build();
app.UseExceptionHandler();
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
app.MapDossiers();
app.MapTasks();
app.MapSupervision();
app.MapSimulation();
app.MapFallbackToFile("/designer/{*path:nonfile}", "designer/index.html");
app.Run();

/// <summary>Entry point, visible to the test host.</summary>
public partial class Program;
