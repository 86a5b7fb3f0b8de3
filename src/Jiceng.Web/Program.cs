using System.Globalization;
using System.Text;
using Jiceng.Web.Components;
using Jiceng.Web.Data;
using Jiceng.Web.Demo;
using Jiceng.Web.Modules.Accounts;
using Jiceng.Web.Modules.Audit;
using Jiceng.Web.Modules.Care;
using Jiceng.Web.Modules.Cases;
using Jiceng.Web.Modules.CoBuilding;
using Jiceng.Web.Modules.PartyMembers;
using Jiceng.Web.Modules.Volunteering;
using Jiceng.Web.Modules.Wishes;
using Jiceng.Web.Modules.Centres;
using Jiceng.Web.Modules.ServiceHall;
using Jiceng.Web.Modules.ElderlyChildren;
using Jiceng.Web.Modules.Market;
using Jiceng.Web.Modules.Grids;
using Jiceng.Web.Modules.Residents;
using Jiceng.Web.Modules.Notifications;
using Jiceng.Web.Modules.Organisation;
using Jiceng.Web.Modules.Organisation.Features;
using Jiceng.Web.Platform;
using Jiceng.Web.Platform.Auth;
using Jiceng.Web.Platform.Localization;
using Jiceng.Web.Platform.Scope;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
var command = args.FirstOrDefault(a => !a.StartsWith('-') && !a.Contains('='));

builder.Services.AddJicengPlatform(builder.Configuration);
builder.Services.AddJicengDatabase(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddOrganisationModule();
builder.Services.AddAccountsModule();
builder.Services.AddAuditTrailModule();
builder.Services.AddCasesModule(builder.Configuration);
builder.Services.AddGridsModule();
builder.Services.AddResidentsModule();
builder.Services.AddCareModule();
builder.Services.AddWishesModule();
builder.Services.AddVolunteeringModule();
builder.Services.AddCoBuildingModule();
builder.Services.AddPartyMembersModule();
builder.Services.AddCentresModule();
builder.Services.AddServiceHallModule();
builder.Services.AddElderlyChildrenModule();
builder.Services.AddMarketModule();
builder.Services.AddNotificationsModule(builder.Configuration);
builder.Services.AddScoped<DemoSeeder>();
builder.Services.AddScoped<GridDemoSeeder>();
builder.Services.AddScoped<Jiceng.Web.Modules.Portal.PublicPlaces>();
builder.Services.AddScoped<CareDemoSeeder>();
builder.Services.AddScoped<PartyBuildingDemoSeeder>();
builder.Services.AddScoped<CoBuildingDemoSeeder>();
builder.Services.AddScoped<PartyMemberDemoSeeder>();
builder.Services.AddScoped<VolunteerDemoSeeder>();
builder.Services.AddScoped<WishDemoSeeder>();
builder.Services.AddScoped<CentresDemoSeeder>();
builder.Services.AddScoped<ServiceHallDemoSeeder>();
builder.Services.AddScoped<ElderlyChildrenDemoSeeder>();
builder.Services.AddScoped<MarketDemoSeeder>();
builder.Services.AddScoped<RoleSeeder>();
builder.Services.AddJicengUi();

var app = builder.Build();

// Personal data keys live in a key file outside the database (PersonalData:KeyFile).
var keyFile = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Jiceng.Web.Platform.Protection.PersonalDataOptions>>().Value.KeyFile;
Jiceng.Web.Platform.Protection.PersonalData.Initialise(Jiceng.Web.Platform.Protection.PersonalDataProtector.FromKeyFile(
    Path.IsPathRooted(keyFile) ? keyFile : Path.Combine(app.Environment.ContentRootPath, keyFile)));

if (command == "import-divisions")
{
    return await ImportDivisionsCommand(app, args);
}
if (command == "rebuild-case-tallies")
{
    return await RebuildCaseTalliesCommand(app);
}
if (command == "add-personal-data-key")
{
    // Key rotation, first step: a new current key in the ring file; then run reseal-personal-data.
    var added = Jiceng.Web.Platform.Protection.PersonalDataProtector.AddKey(Path.IsPathRooted(keyFile) ? keyFile : Path.Combine(app.Environment.ContentRootPath, keyFile));
    Console.WriteLine($"Key {added} added and made current. Restart every node, then run reseal-personal-data.");
    return 0;
}
if (command == "reseal-personal-data")
{
    using var scope = app.Services.CreateScope();
    scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem();
    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
    await DatabaseSetup.MigrateAsync(db);
    var count = await Jiceng.Web.Platform.Protection.PersonalDataResealer.ResealAsync(db, Jiceng.Web.Platform.Protection.PersonalData.Protector);
    Console.WriteLine($"Re-encrypted {count} personal data values with key {Jiceng.Web.Platform.Protection.PersonalData.Protector.CurrentKeyId}.");
    return 0;
}

await PrepareDatabaseAsync(app);

app.UseExceptionHandler();
app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
// zh-CN for everyone until they press the language switch (a cookie); the browser's language is not consulted.
var localization = new RequestLocalizationOptions()
    .SetDefaultCulture(Texts.Chinese)
    .AddSupportedCultures(Texts.Cultures)
    .AddSupportedUICultures(Texts.Cultures);
localization.RequestCultureProviders = [new CookieRequestCultureProvider()];
app.UseRequestLocalization(localization);
app.UseAuthentication();
app.UseMiddleware<CurrentUserMiddleware>();
app.UseMiddleware<SessionValidationMiddleware>();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapOpenApi("/openapi/{documentName}.json");
if (app.Environment.IsDevelopment())
{
    app.MapScalarApiReference("/api-docs");
}
app.MapHealthEndpoints();
app.MapAuthApi();
app.MapOrganisationApi();
app.MapAccountsApi();
app.MapAuditTrailApi();
app.MapCasesApi();
app.MapGridsApi();
app.MapResidentsApi();
app.MapCareApi();
app.MapWishesApi();
app.MapVolunteeringApi();
app.MapCoBuildingApi();
app.MapPartyMembersApi();
app.MapCentresApi();
app.MapServiceHallApi();
app.MapElderlyChildrenApi();
app.MapMarketApi();
app.MapCaseStatisticsApi();
app.MapNotificationsApi();
app.MapAccountEndpoints();
app.MapGet("/culture/{culture}", (string culture, string? returnUrl, HttpContext context) =>
{
    var chosen = Texts.Cultures.Contains(culture) ? culture : Texts.Chinese;
    context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
        CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
        new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
    return Results.LocalRedirect(string.IsNullOrEmpty(returnUrl) || !returnUrl.StartsWith('/') || returnUrl.StartsWith("//") ? "/" : returnUrl);
}).ExcludeFromDescription();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();
return 0;

static async Task PrepareDatabaseAsync(WebApplication app)
{
    using var scope = app.Services.CreateScope();
    scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem();
    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
    await DatabaseSetup.MigrateAsync(db);
    await scope.ServiceProvider.GetRequiredService<RoleSeeder>().SeedAsync();
    await scope.ServiceProvider.GetRequiredService<CaseCategorySeeder>().SeedAsync();
    if (app.Configuration.GetValue<bool>("Demo:Enabled"))
    {
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
    }
}

// Recounts the pre-aggregated case figures from the cases: after loading cases in bulk outside the app, or to repair.
static async Task<int> RebuildCaseTalliesCommand(WebApplication app)
{
    using var scope = app.Services.CreateScope();
    scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem();
    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
    await DatabaseSetup.MigrateAsync(db);
    var watch = System.Diagnostics.Stopwatch.StartNew();
    var cases = await Jiceng.Web.Modules.Cases.Features.CaseTallyKeeper.RebuildAsync(db);
    var rows = await db.CaseTallies.CountAsync();
    Console.WriteLine($"Recounted {cases} cases into {rows} tally rows in {watch.Elapsed.TotalSeconds:F1} s");
    return 0;
}

static async Task<int> ImportDivisionsCommand(WebApplication app, string[] args)
{
    var file = args.SkipWhile(a => a != "import-divisions").Skip(1).FirstOrDefault();
    // `dotnet run --project` starts the app in the project folder; a relative path means the caller's folder (PWD).
    if (file is not null && !Path.IsPathRooted(file) && !File.Exists(file) && Environment.GetEnvironmentVariable("PWD") is { } callerFolder)
    {
        file = Path.Combine(callerFolder, file);
    }
    if (file is null || !File.Exists(file))
    {
        Console.Error.WriteLine("usage: import-divisions FILE.csv   (columns code,name,level,parent_code; UTF-8)");
        return 2;
    }
    using var scope = app.Services.CreateScope();
    scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem();
    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
    await DatabaseSetup.MigrateAsync(db);
    using var reader = new StreamReader(file, Encoding.UTF8);
    var result = await scope.ServiceProvider.GetRequiredService<DivisionImporter>().ImportAsync(reader);
    if (!result.Succeeded)
    {
        Console.Error.WriteLine($"Rejected {file}: nothing was imported.");
        foreach (var error in result.Errors)
        {
            Console.Error.WriteLine("  " + error);
        }
        if (result.Errors.Count >= DivisionImporter.MaxReportedErrors)
        {
            Console.Error.WriteLine($"  (only the first {DivisionImporter.MaxReportedErrors} errors are shown)");
        }
        return 1;
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Imported {file}: {result.Rows} rows, {result.Inserted} inserted, {result.Updated} updated, {result.Unchanged} unchanged in {result.Elapsed.TotalSeconds:F1} s."));
    return 0;
}

/// <summary>Visible to the test projects' WebApplicationFactory.</summary>
public partial class Program;
