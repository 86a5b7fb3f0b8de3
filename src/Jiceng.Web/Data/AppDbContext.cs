using System.Linq.Expressions;
using Jiceng.Web.Modules.Cases.Domain;
using Jiceng.Web.Modules.Cases.Features;
using Jiceng.Web.Modules.Care.Domain;
using Jiceng.Web.Modules.CoBuilding.Domain;
using Jiceng.Web.Modules.PartyMembers.Domain;
using Jiceng.Web.Modules.Volunteering.Domain;
using Jiceng.Web.Modules.Wishes.Domain;
using Jiceng.Web.Modules.Grids.Domain;
using Jiceng.Web.Modules.Residents.Domain;
using Jiceng.Web.Modules.Organisation.Domain;
using Jiceng.Web.Platform.Audit;
using Jiceng.Web.Platform.Auth;
using Jiceng.Web.Platform.Scope;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Data;

/// <summary>
/// The one database context. Provider subclasses (<see cref="SqliteAppDbContext"/>, <see cref="PostgresAppDbContext"/>)
/// exist only so each provider has its own migration set. Data scope is enforced here, once, as query filters.
/// </summary>
public abstract class AppDbContext : IdentityDbContext<AppUser, AppRole, Guid>, IDataProtectionKeyContext
{
    public const string ScopeFilter = "DataScope";
    private readonly CurrentUser _currentUser;
    private readonly TimeProvider _time;

    protected AppDbContext(DbContextOptions options, CurrentUser currentUser, TimeProvider time) : base(options)
    {
        _currentUser = currentUser;
        _time = time;
    }

    public DbSet<Division> Divisions => Set<Division>();
    public DbSet<PartyOrganisation> PartyOrganisations => Set<PartyOrganisation>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Case> Cases => Set<Case>();
    public DbSet<CaseEvent> CaseEvents => Set<CaseEvent>();
    public DbSet<CaseCategory> CaseCategories => Set<CaseCategory>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<CountyCalendarDay> CountyCalendarDays => Set<CountyCalendarDay>();
    public DbSet<CasePhoto> CasePhotos => Set<CasePhoto>();
    public DbSet<CaseTally> CaseTallies => Set<CaseTally>();
    public DbSet<Grid> Grids => Set<Grid>();
    public DbSet<GridWorkerAssignment> GridWorkers => Set<GridWorkerAssignment>();
    public DbSet<Building> Buildings => Set<Building>();
    public DbSet<GridPairing> GridPairings => Set<GridPairing>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<PersonRole> PersonRoles => Set<PersonRole>();
    public DbSet<PersonTag> PersonTags => Set<PersonTag>();
    public DbSet<Household> Households => Set<Household>();
    public DbSet<CommunityProfile> CommunityProfiles => Set<CommunityProfile>();
    public DbSet<HelpPlan> HelpPlans => Set<HelpPlan>();
    public DbSet<CareVisit> CareVisits => Set<CareVisit>();
    public DbSet<CareVisitReminder> CareVisitReminders => Set<CareVisitReminder>();
    public DbSet<MedicalPairing> MedicalPairings => Set<MedicalPairing>();
    public DbSet<MedicalGuidance> MedicalGuidance => Set<MedicalGuidance>();
    public DbSet<CareDevice> CareDevices => Set<CareDevice>();
    public DbSet<CareDeviceEvent> CareDeviceEvents => Set<CareDeviceEvent>();
    public DbSet<Wish> Wishes => Set<Wish>();
    public DbSet<MemberRegistration> MemberRegistrations => Set<MemberRegistration>();
    public DbSet<MemberSession> MemberSessions => Set<MemberSession>();
    public DbSet<MemberSessionAttendance> MemberSessionAttendance => Set<MemberSessionAttendance>();
    public DbSet<VolunteerTeam> VolunteerTeams => Set<VolunteerTeam>();
    public DbSet<VolunteerTeamMember> VolunteerTeamMembers => Set<VolunteerTeamMember>();
    public DbSet<VolunteerActivity> VolunteerActivities => Set<VolunteerActivity>();
    public DbSet<ActivitySignup> ActivitySignups => Set<ActivitySignup>();
    public DbSet<VolunteerHoursClaim> VolunteerHoursClaims => Set<VolunteerHoursClaim>();
    public DbSet<CoBuildingUnit> CoBuildingUnits => Set<CoBuildingUnit>();
    public DbSet<CoBuildingPairing> CoBuildingPairings => Set<CoBuildingPairing>();
    public DbSet<CommunityNeed> CommunityNeeds => Set<CommunityNeed>();
    public DbSet<UnitResource> UnitResources => Set<UnitResource>();
    public DbSet<JointProject> JointProjects => Set<JointProject>();
    public DbSet<RotatingChairMonth> RotatingChairMonths => Set<RotatingChairMonth>();
    public DbSet<JointMeeting> JointMeetings => Set<JointMeeting>();
    public DbSet<JointMeetingAttendee> JointMeetingAttendees => Set<JointMeetingAttendee>();
    public DbSet<PartTimeCommitteeMember> PartTimeCommitteeMembers => Set<PartTimeCommitteeMember>();

    // Centres (issue 6): service centres, rooms and bookings, the duty rota.
    public DbSet<Jiceng.Web.Modules.Centres.Domain.ServiceCentre> ServiceCentres => Set<Jiceng.Web.Modules.Centres.Domain.ServiceCentre>();
    public DbSet<Jiceng.Web.Modules.Centres.Domain.CentreArea> CentreAreas => Set<Jiceng.Web.Modules.Centres.Domain.CentreArea>();
    public DbSet<Jiceng.Web.Modules.Centres.Domain.CentreOpeningPeriod> CentreOpeningPeriods => Set<Jiceng.Web.Modules.Centres.Domain.CentreOpeningPeriod>();
    public DbSet<Jiceng.Web.Modules.Centres.Domain.Room> Rooms => Set<Jiceng.Web.Modules.Centres.Domain.Room>();
    public DbSet<Jiceng.Web.Modules.Centres.Domain.RoomBooking> RoomBookings => Set<Jiceng.Web.Modules.Centres.Domain.RoomBooking>();
    public DbSet<Jiceng.Web.Modules.Centres.Domain.DutyShift> DutyShifts => Set<Jiceng.Web.Modules.Centres.Domain.DutyShift>();
    public DbSet<Jiceng.Web.Modules.Centres.Domain.DutyAssignment> DutyAssignments => Set<Jiceng.Web.Modules.Centres.Domain.DutyAssignment>();
    public DbSet<Jiceng.Web.Modules.Centres.Domain.DutySwap> DutySwaps => Set<Jiceng.Web.Modules.Centres.Domain.DutySwap>();
    public DbSet<Jiceng.Web.Modules.Centres.Domain.DutyGapNotice> DutyGapNotices => Set<Jiceng.Web.Modules.Centres.Domain.DutyGapNotice>();
    // (end of Centres)

    // Service hall (issue 6): the catalogue, appointments, help-on-behalf orders, the "办不成事" window.
    public DbSet<Jiceng.Web.Modules.ServiceHall.Domain.ServiceItem> ServiceItems => Set<Jiceng.Web.Modules.ServiceHall.Domain.ServiceItem>();
    public DbSet<Jiceng.Web.Modules.ServiceHall.Domain.ServiceSlot> ServiceSlots => Set<Jiceng.Web.Modules.ServiceHall.Domain.ServiceSlot>();
    public DbSet<Jiceng.Web.Modules.ServiceHall.Domain.Appointment> Appointments => Set<Jiceng.Web.Modules.ServiceHall.Domain.Appointment>();
    public DbSet<Jiceng.Web.Modules.ServiceHall.Domain.HelpOrder> HelpOrders => Set<Jiceng.Web.Modules.ServiceHall.Domain.HelpOrder>();
    public DbSet<Jiceng.Web.Modules.ServiceHall.Domain.HardRequest> HardRequests => Set<Jiceng.Web.Modules.ServiceHall.Domain.HardRequest>();
    // (end of Service hall)

    // Elderly and children (issue 6): canteens, health checks, children's programmes.
    public DbSet<Jiceng.Web.Modules.ElderlyChildren.Domain.Canteen> Canteens => Set<Jiceng.Web.Modules.ElderlyChildren.Domain.Canteen>();
    public DbSet<Jiceng.Web.Modules.ElderlyChildren.Domain.CanteenSubsidyBand> CanteenSubsidyBands => Set<Jiceng.Web.Modules.ElderlyChildren.Domain.CanteenSubsidyBand>();
    public DbSet<Jiceng.Web.Modules.ElderlyChildren.Domain.CanteenMenuItem> CanteenMenuItems => Set<Jiceng.Web.Modules.ElderlyChildren.Domain.CanteenMenuItem>();
    public DbSet<Jiceng.Web.Modules.ElderlyChildren.Domain.MealOrder> MealOrders => Set<Jiceng.Web.Modules.ElderlyChildren.Domain.MealOrder>();
    public DbSet<Jiceng.Web.Modules.ElderlyChildren.Domain.CareStation> CareStations => Set<Jiceng.Web.Modules.ElderlyChildren.Domain.CareStation>();
    public DbSet<Jiceng.Web.Modules.ElderlyChildren.Domain.HealthCheck> HealthChecks => Set<Jiceng.Web.Modules.ElderlyChildren.Domain.HealthCheck>();
    public DbSet<Jiceng.Web.Modules.ElderlyChildren.Domain.StationActivity> StationActivities => Set<Jiceng.Web.Modules.ElderlyChildren.Domain.StationActivity>();
    public DbSet<Jiceng.Web.Modules.ElderlyChildren.Domain.ChildrenProgramme> ChildrenProgrammes => Set<Jiceng.Web.Modules.ElderlyChildren.Domain.ChildrenProgramme>();
    public DbSet<Jiceng.Web.Modules.ElderlyChildren.Domain.ProgrammeSession> ProgrammeSessions => Set<Jiceng.Web.Modules.ElderlyChildren.Domain.ProgrammeSession>();
    public DbSet<Jiceng.Web.Modules.ElderlyChildren.Domain.ProgrammeEnrolment> ProgrammeEnrolments => Set<Jiceng.Web.Modules.ElderlyChildren.Domain.ProgrammeEnrolment>();
    public DbSet<Jiceng.Web.Modules.ElderlyChildren.Domain.SessionAttendance> SessionAttendance => Set<Jiceng.Web.Modules.ElderlyChildren.Domain.SessionAttendance>();
    // (end of Elderly and children)

    // Market (issue 6): 惠民大集.
    public DbSet<Jiceng.Web.Modules.Market.Domain.CommunityMarket> Markets => Set<Jiceng.Web.Modules.Market.Domain.CommunityMarket>();
    public DbSet<Jiceng.Web.Modules.Market.Domain.MarketDay> MarketDays => Set<Jiceng.Web.Modules.Market.Domain.MarketDay>();
    public DbSet<Jiceng.Web.Modules.Market.Domain.MarketVendor> MarketVendors => Set<Jiceng.Web.Modules.Market.Domain.MarketVendor>();
    public DbSet<Jiceng.Web.Modules.Market.Domain.VendorStatusChange> MarketVendorStatusChanges => Set<Jiceng.Web.Modules.Market.Domain.VendorStatusChange>();
    public DbSet<Jiceng.Web.Modules.Market.Domain.MarketGoods> MarketGoods => Set<Jiceng.Web.Modules.Market.Domain.MarketGoods>();
    public DbSet<Jiceng.Web.Modules.Market.Domain.SpotCheck> MarketSpotChecks => Set<Jiceng.Web.Modules.Market.Domain.SpotCheck>();
    public DbSet<Jiceng.Web.Modules.Market.Domain.LoveStallPurchase> MarketLoveStallPurchases => Set<Jiceng.Web.Modules.Market.Domain.LoveStallPurchase>();
    public DbSet<Jiceng.Web.Modules.Market.Domain.DeliveryTeamMember> MarketDeliveryTeamMembers => Set<Jiceng.Web.Modules.Market.Domain.DeliveryTeamMember>();
    public DbSet<Jiceng.Web.Modules.Market.Domain.DeliveryOrder> MarketDeliveryOrders => Set<Jiceng.Web.Modules.Market.Domain.DeliveryOrder>();
    public DbSet<Jiceng.Web.Modules.Market.Domain.StallAllocation> MarketStallAllocations => Set<Jiceng.Web.Modules.Market.Domain.StallAllocation>();
    public DbSet<Jiceng.Web.Modules.Market.Domain.MarketSupervisor> MarketSupervisors => Set<Jiceng.Web.Modules.Market.Domain.MarketSupervisor>();
    public DbSet<Jiceng.Web.Modules.Market.Domain.MarketComplaint> MarketComplaints => Set<Jiceng.Web.Modules.Market.Domain.MarketComplaint>();
    // (end of Market)

    public CurrentUser CurrentUser => _currentUser;

    /// <summary>
    /// Off for work that writes its own audit entries, one per use case, on behalf of several callers at once
    /// (the intake writer): change capture would attribute everything to the writer.
    /// </summary>
    internal bool CaptureChangesForAudit { get; set; } = true;

    // Query filters read these per query (EF parameterises members of the context instance).
    private bool ScopeSeesAll => _currentUser.Scope.SeesAllDivisions;
    private string ScopeFrom => _currentUser.Scope.PathRange?.From ?? "";
    private string ScopeTo => _currentUser.Scope.PathRange?.To ?? "";
    private List<string> ScopeAncestorPaths => _currentUser.Scope.AncestorPaths;
    private Guid ScopeDepartmentId => _currentUser.Scope.DepartmentId ?? Guid.Empty;
    private Guid ScopeUserId => _currentUser.Scope.UserId ?? Guid.Empty;
    private Guid ScopeUnitId => _currentUser.Scope.UnitId ?? Guid.Empty;

    /// <summary>Entities whose scope rule is written out below instead of composed from their interfaces.</summary>
    private static readonly HashSet<Type> OwnScopeRule = [typeof(Case), typeof(Wish), typeof(CoBuildingUnit)];

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly, t => t.Namespace?.StartsWith("Jiceng.Web", StringComparison.Ordinal) == true);

        foreach (var entityType in builder.Model.GetEntityTypes().Where(t => typeof(IDivisionScoped).IsAssignableFrom(t.ClrType) && !OwnScopeRule.Contains(t.ClrType)))
        {
            var method = typeof(AppDbContext).GetMethod(nameof(ApplyScopeFilter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                .MakeGenericMethod(entityType.ClrType);
            method.Invoke(this, [builder]);
        }

        // Departments are county-level reference data: staff see their own county's departments (an ancestor
        // of their scope) and any inside their subtree; a department handler sees only their own department.
        builder.Entity<Department>().HasQueryFilter(ScopeFilter, d =>
            ScopeSeesAll ||
            (ScopeFrom != "" && string.Compare(d.CountyPath, ScopeFrom) >= 0 && string.Compare(d.CountyPath, ScopeTo) < 0) ||
            ScopeAncestorPaths.Contains(d.CountyPath) ||
            d.Id == ScopeDepartmentId);

        // Cases: staff see their subtree, a department what was dispatched to it (lead or assisting),
        // anyone the cases they reported themselves.
        builder.Entity<Case>().HasQueryFilter(ScopeFilter, c =>
            ScopeSeesAll ||
            (ScopeFrom != "" && string.Compare(c.DivisionPath, ScopeFrom) >= 0 && string.Compare(c.DivisionPath, ScopeTo) < 0) ||
            (ScopeDepartmentId != Guid.Empty && c.Departments.Any(d => d.DepartmentId == ScopeDepartmentId)) ||
            (ScopeUserId != Guid.Empty && c.ReporterUserId == ScopeUserId));

        // Wishes: staff see their subtree; the wisher and the claimant (a member, or a unit's accounts) see theirs.
        // The public wall is a separate, explicit read of approved wishes without personal data (Wishes module).
        builder.Entity<Wish>().HasQueryFilter(ScopeFilter, w =>
            ScopeSeesAll ||
            (ScopeFrom != "" && string.Compare(w.DivisionPath, ScopeFrom) >= 0 && string.Compare(w.DivisionPath, ScopeTo) < 0) ||
            (ScopeUserId != Guid.Empty && (w.WisherUserId == ScopeUserId || w.ClaimantUserId == ScopeUserId)) ||
            (ScopeUnitId != Guid.Empty && w.ClaimantUnitId == ScopeUnitId));

        // Co-building units are county reference data (like departments), and a unit's accounts see their own unit.
        builder.Entity<CoBuildingUnit>().HasQueryFilter(ScopeFilter, u =>
            ScopeSeesAll ||
            (ScopeFrom != "" && string.Compare(u.DivisionPath, ScopeFrom) >= 0 && string.Compare(u.DivisionPath, ScopeTo) < 0) ||
            ScopeAncestorPaths.Contains(u.DivisionPath) ||
            u.Id == ScopeUnitId);
    }

    private void ApplyScopeFilter<T>(ModelBuilder builder) where T : class, IDivisionScoped
    {
        // string.Compare translates to >= / < on the path column: a range scan on its index in both providers.
        // A division's own path is its scope path; every other entity stores a copy in DivisionPath.
        var column = typeof(T) == typeof(Division) ? nameof(Division.Path) : nameof(IDivisionScoped.DivisionPath);
        Expression<Func<T, bool>> filter = e =>
            ScopeSeesAll ||
            (ScopeFrom != "" && string.Compare(EF.Property<string>(e, column), ScopeFrom) >= 0 && string.Compare(EF.Property<string>(e, column), ScopeTo) < 0);

        // What else sees a row is declared by the interfaces the entity implements (Platform/Scope/IDivisionScoped.cs).
        if (typeof(IUserOwned).IsAssignableFrom(typeof(T)))
        {
            filter = Or(filter, e => ScopeUserId != Guid.Empty && EF.Property<Guid?>(e, nameof(IUserOwned.UserId)) == ScopeUserId);
        }
        if (typeof(IUnitOwned).IsAssignableFrom(typeof(T)))
        {
            filter = Or(filter, e => ScopeUnitId != Guid.Empty && EF.Property<Guid?>(e, nameof(IUnitOwned.UnitId)) == ScopeUnitId);
        }
        if (typeof(ISharedWithPairedUnits).IsAssignableFrom(typeof(T)))
        {
            filter = Or(filter, e => ScopeUnitId != Guid.Empty &&
                CoBuildingPairings.Any(p => p.UnitId == ScopeUnitId && p.Status == PairingStatus.Active && p.DivisionCode == EF.Property<string>(e, nameof(ISharedWithPairedUnits.DivisionCode))));
        }
        if (typeof(ISharedDownward).IsAssignableFrom(typeof(T)))
        {
            filter = Or(filter, e => ScopeAncestorPaths.Contains(EF.Property<string>(e, column)));
        }
        builder.Entity<T>().HasQueryFilter(ScopeFilter, filter);
    }

    private static Expression<Func<T, bool>> Or<T>(Expression<Func<T, bool>> left, Expression<Func<T, bool>> right)
    {
        var body = Microsoft.EntityFrameworkCore.Query.ReplacingExpressionVisitor.Replace(right.Parameters[0], left.Parameters[0], right.Body);
        return Expression.Lambda<Func<T, bool>>(Expression.OrElse(left.Body, body), left.Parameters);
    }

    /// <summary>
    /// The caller's cases as one query: the disjoint parts of <see cref="CaseScopeParts"/> put together (UNION ALL), so
    /// the rule is stated once here beside the DataScope filter, and each part can still use its index.
    /// </summary>
    public IQueryable<Case> CasesInScope() => CaseScopeParts().Aggregate((all, part) => all.Concat(part));

    /// <summary>
    /// The caller's cases as disjoint parts, each a simple predicate an index serves (for a department: the cases it
    /// leads, those it assists, those it reported). A list takes its first page from each part in index order and
    /// merges them; a count adds the parts up. Together the same rows as the DataScope filter (tested).
    /// </summary>
    /// <param name="openOnly">The caller wants open cases only: lets a department's assisting part start from its open rows.</param>
    public IReadOnlyList<IQueryable<Case>> CaseScopeParts(bool openOnly = false)
    {
        var scope = _currentUser.Scope;
        var cases = Cases.IgnoreQueryFilters([ScopeFilter]);
        var me = scope.UserId ?? Guid.Empty;
        switch (scope.Kind)
        {
            case DataScopeKind.System:
                return [cases];
            case DataScopeKind.DivisionSubtree when scope.PathRange is var (from, to):
                return me == Guid.Empty
                    ? [cases.Where(c => string.Compare(c.DivisionPath, from) >= 0 && string.Compare(c.DivisionPath, to) < 0)]
                    : [cases.Where(c => string.Compare(c.DivisionPath, from) >= 0 && string.Compare(c.DivisionPath, to) < 0),
                       cases.Where(c => c.ReporterUserId == me && (string.Compare(c.DivisionPath, from) < 0 || string.Compare(c.DivisionPath, to) >= 0))];
            case DataScopeKind.Department when scope.DepartmentId is { } department:
                var assisting = Set<CaseDepartment>().Where(d => d.DepartmentId == department && d.Role == CaseDepartmentRole.Assisting).Select(d => d.CaseId);
                var assistingOpen = Set<CaseDepartment>().Where(d => d.DepartmentId == department && d.Role == CaseDepartmentRole.Assisting
                    && Case.OpenQueueTiers.Contains(d.QueueTier)).Select(d => d.CaseId);
                return
                [
                    cases.Where(c => c.LeadDepartmentId == department),
                    openOnly
                        ? cases.Where(c => c.LeadDepartmentId != department && assistingOpen.Contains(c.Id))
                        : cases.Where(c => c.LeadDepartmentId != department && assisting.Contains(c.Id)),
                    cases.Where(c => c.ReporterUserId == me && c.LeadDepartmentId != department && !assisting.Contains(c.Id)),
                ];
            case DataScopeKind.Self when me != Guid.Empty:
                return [cases.Where(c => c.ReporterUserId == me)];
            default:
                return [cases.Where(c => false)];
        }
    }

    // Every save also keeps the pre-aggregated case figures (CaseTallyKeeper) in step, in the same transaction.
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        await CaseTallyKeeper.LoadDepartmentsAsync(this, cancellationToken);
        if (CaptureChangesForAudit) AuditTrail.CaptureChanges(this, _currentUser, _time.GetUtcNow().UtcDateTime);
        var tallies = CaseTallyKeeper.PendingChanges(this);
        if (tallies is null) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (Database.CurrentTransaction is not null)
        {
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            await CaseTallyKeeper.ApplyAsync(this, tallies, cancellationToken);
            return saved;
        }
        await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
        var count = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await CaseTallyKeeper.ApplyAsync(this, tallies, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return count;
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        CaseTallyKeeper.LoadDepartments(this);
        if (CaptureChangesForAudit) AuditTrail.CaptureChanges(this, _currentUser, _time.GetUtcNow().UtcDateTime);
        var tallies = CaseTallyKeeper.PendingChanges(this);
        if (tallies is null) return base.SaveChanges(acceptAllChangesOnSuccess);
        if (Database.CurrentTransaction is not null)
        {
            var saved = base.SaveChanges(acceptAllChangesOnSuccess);
            CaseTallyKeeper.Apply(this, tallies);
            return saved;
        }
        using var transaction = Database.BeginTransaction();
        var count = base.SaveChanges(acceptAllChangesOnSuccess);
        CaseTallyKeeper.Apply(this, tallies);
        transaction.Commit();
        return count;
    }

    /// <summary>The provider-specific SQL for append-only triggers, used by each provider's migration.</summary>
    public static class AppendOnly
    {
        public const string SqliteUp = """
            CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON "AuditEntries" BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;
            CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON "AuditEntries" BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;
            """;
        public const string SqliteDown = """
            DROP TRIGGER IF EXISTS audit_entries_no_update;
            DROP TRIGGER IF EXISTS audit_entries_no_delete;
            """;
        public const string PostgresUp = """
            CREATE OR REPLACE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'audit trail is append-only'; END $$;
            CREATE TRIGGER audit_entries_no_change BEFORE UPDATE OR DELETE ON "AuditEntries"
                FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
            CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON "AuditEntries"
                FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();
            """;
        public const string PostgresDown = """
            DROP TRIGGER IF EXISTS audit_entries_no_change ON "AuditEntries";
            DROP TRIGGER IF EXISTS audit_entries_no_truncate ON "AuditEntries";
            DROP FUNCTION IF EXISTS audit_entries_append_only();
            """;
    }
}

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options, CurrentUser currentUser, TimeProvider time)
    : AppDbContext(options, currentUser, time);

public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options, CurrentUser currentUser, TimeProvider time)
    : AppDbContext(options, currentUser, time)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Bytewise ordering makes the materialised-path range scans correct and index-backed: every path column
        // (the range filters of the data scope, statistics and tallies compare them with >= and <).
        foreach (var property in builder.Model.GetEntityTypes().SelectMany(t => t.GetDeclaredProperties())
                     .Where(p => p.ClrType == typeof(string) && p.Name is "Path" or "DivisionPath" or "CountyPath"))
        {
            property.SetCollation("C");
        }
    }
}
