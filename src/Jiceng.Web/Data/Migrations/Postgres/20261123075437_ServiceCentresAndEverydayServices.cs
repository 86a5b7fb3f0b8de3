using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jiceng.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ServiceCentresAndEverydayServices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Canteens",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Place = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    MealTimes = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Canteens", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CareStations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Place = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OpeningHours = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CareStations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ChildrenProgrammes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Place = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Term = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    TermStart = table.Column<DateOnly>(type: "date", nullable: false),
                    TermEnd = table.Column<DateOnly>(type: "date", nullable: false),
                    Capacity = table.Column<int>(type: "integer", nullable: false),
                    EnrolledCount = table.Column<int>(type: "integer", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChildrenProgrammes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DutyGapNotices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ShiftId = table.Column<Guid>(type: "uuid", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    SentUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DutyGapNotices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DutySwaps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CentreId = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    FromAssignmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    ToAssignmentId = table.Column<Guid>(type: "uuid", nullable: true),
                    RequesterUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    CounterpartUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    CounterpartName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DecidedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    DecidedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DecisionNote = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DutySwaps", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "HardRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    AskerName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    AskerPhone = table.Column<string>(type: "character varying(104)", maxLength: 104, nullable: true),
                    Subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Details = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    StuckReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    TakenByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    TakenByName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    OutcomeNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    OutcomeDate = table.Column<DateOnly>(type: "date", nullable: true),
                    CreatedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HardRequests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Markets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Place = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Zones = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Theme = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Organiser = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    SupervisionHotline = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    LoveStallExtraPercent = table.Column<int>(type: "integer", nullable: false),
                    LoveStallFreeItems = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ReapplyBanDays = table.Column<int>(type: "integer", nullable: false),
                    WarningsBeforeExpel = table.Column<int>(type: "integer", nullable: false),
                    DeliveryTeamName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Markets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ServiceCentres",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Address = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ServicePhone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    Checklist = table.Column<int>(type: "integer", nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceCentres", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ServiceItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    Code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Category = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Materials = table.Column<List<string>>(type: "text[]", nullable: false),
                    TimeLimitDays = table.Column<int>(type: "integer", nullable: false),
                    ResponsiblePost = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Bookable = table.Column<bool>(type: "boolean", nullable: false),
                    LegalBasis = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Notes = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceItems", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CanteenMenuItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CanteenId = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Meal = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ServedFrom = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    Title = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Dishes = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    PriceFen = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CanteenMenuItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CanteenMenuItems_Canteens_CanteenId",
                        column: x => x.CanteenId,
                        principalTable: "Canteens",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CanteenSubsidyBands",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CanteenId = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    Label = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    MinAge = table.Column<int>(type: "integer", nullable: true),
                    MaxAge = table.Column<int>(type: "integer", nullable: true),
                    StatusCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    GovernmentShare = table.Column<long>(type: "bigint", nullable: false),
                    CommunityShare = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CanteenSubsidyBands", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CanteenSubsidyBands_Canteens_CanteenId",
                        column: x => x.CanteenId,
                        principalTable: "Canteens",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "HealthChecks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StationId = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: true),
                    MeasuredUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    MeasuredBy = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    RecordedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    BloodPressure = table.Column<string>(type: "character varying(78)", maxLength: 78, nullable: true),
                    Glucose = table.Column<string>(type: "character varying(74)", maxLength: 74, nullable: true),
                    GlucoseKind = table.Column<string>(type: "character varying(78)", maxLength: 78, nullable: true),
                    Note = table.Column<string>(type: "character varying(464)", maxLength: 464, nullable: true),
                    IsAbnormal = table.Column<bool>(type: "boolean", nullable: false),
                    AbnormalMeasures = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    HelpersNotifiedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HealthChecks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HealthChecks_CareStations_StationId",
                        column: x => x.StationId,
                        principalTable: "CareStations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "StationActivities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StationId = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Attendance = table.Column<int>(type: "integer", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StationActivities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StationActivities_CareStations_StationId",
                        column: x => x.StationId,
                        principalTable: "CareStations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProgrammeEnrolments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProgrammeId = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    ChildName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    SealedChildName = table.Column<string>(type: "character varying(164)", maxLength: 164, nullable: true),
                    ChildBirthDate = table.Column<string>(type: "character varying(84)", maxLength: 84, nullable: true),
                    AgeAtEnrolment = table.Column<int>(type: "integer", nullable: false),
                    GuardianName = table.Column<string>(type: "character varying(164)", maxLength: 164, nullable: true),
                    GuardianRelation = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    GuardianPhone = table.Column<string>(type: "character varying(104)", maxLength: 104, nullable: true),
                    ConsentGivenUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ConsentMethod = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    UserId = table.Column<Guid>(type: "uuid", nullable: true),
                    RecordedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    EnrolledUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    WithdrawnUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeEnrolments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgrammeEnrolments_ChildrenProgrammes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "ChildrenProgrammes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProgrammeSessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProgrammeId = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Start = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    End = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    Topic = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Tutor = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgrammeSessions_ChildrenProgrammes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "ChildrenProgrammes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MarketComplaints",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MarketId = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    UserId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReporterName = table.Column<string>(type: "character varying(164)", maxLength: 164, nullable: false),
                    Source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Category = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    VendorId = table.Column<Guid>(type: "uuid", nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AcceptedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    HandledUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Result = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    HandledByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MarketComplaints", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MarketComplaints_Markets_MarketId",
                        column: x => x.MarketId,
                        principalTable: "Markets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MarketDays",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MarketId = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Opens = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    Closes = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    Theme = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    NeedsSource = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    HealthServed = table.Column<int>(type: "integer", nullable: false),
                    PolicyServed = table.Column<int>(type: "integer", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MarketDays", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MarketDays_Markets_MarketId",
                        column: x => x.MarketId,
                        principalTable: "Markets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MarketDeliveryTeamMembers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MarketId = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Phone = table.Column<string>(type: "character varying(104)", maxLength: 104, nullable: true),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    JoinedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MarketDeliveryTeamMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MarketDeliveryTeamMembers_Markets_MarketId",
                        column: x => x.MarketId,
                        principalTable: "Markets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MarketSupervisors",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MarketId = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "character varying(164)", maxLength: 164, nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: true),
                    SinceUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MarketSupervisors", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MarketSupervisors_Markets_MarketId",
                        column: x => x.MarketId,
                        principalTable: "Markets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MarketVendors",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MarketId = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    ContactName = table.Column<string>(type: "character varying(164)", maxLength: 164, nullable: false),
                    ContactPhone = table.Column<string>(type: "character varying(104)", maxLength: 104, nullable: true),
                    LicenceNo = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    GoodsCategories = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    StallNo = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    IsLoveStall = table.Column<bool>(type: "boolean", nullable: false),
                    WarningCount = table.Column<int>(type: "integer", nullable: false),
                    ExpelSuggested = table.Column<bool>(type: "boolean", nullable: false),
                    ExpelReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    BannedUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    AppliedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AdmittedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ExpelledUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MarketVendors", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MarketVendors_Markets_MarketId",
                        column: x => x.MarketId,
                        principalTable: "Markets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CentreAreas",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CentreId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    AreaM2 = table.Column<decimal>(type: "numeric(9,1)", precision: 9, scale: 1, nullable: false),
                    IsForMasses = table.Column<bool>(type: "boolean", nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CentreAreas", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CentreAreas_ServiceCentres_CentreId",
                        column: x => x.CentreId,
                        principalTable: "ServiceCentres",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CentreOpeningPeriods",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CentreId = table.Column<Guid>(type: "uuid", nullable: false),
                    DayType = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Start = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    End = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    IsExtended = table.Column<bool>(type: "boolean", nullable: false),
                    Note = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CentreOpeningPeriods", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CentreOpeningPeriods_ServiceCentres_CentreId",
                        column: x => x.CentreId,
                        principalTable: "ServiceCentres",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DutyShifts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CentreId = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Start = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    End = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    RequiredOnWorkdays = table.Column<bool>(type: "boolean", nullable: false),
                    RequiredOnRestDays = table.Column<bool>(type: "boolean", nullable: false),
                    RequiredOnHolidays = table.Column<bool>(type: "boolean", nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DutyShifts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DutyShifts_ServiceCentres_CentreId",
                        column: x => x.CentreId,
                        principalTable: "ServiceCentres",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Rooms",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    CentreId = table.Column<Guid>(type: "uuid", nullable: true),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Location = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Capacity = table.Column<int>(type: "integer", nullable: false),
                    RequiresApproval = table.Column<bool>(type: "boolean", nullable: false),
                    CancelHoursBefore = table.Column<int>(type: "integer", nullable: false),
                    MaxDaysAhead = table.Column<int>(type: "integer", nullable: false),
                    MaxMinutes = table.Column<int>(type: "integer", nullable: false),
                    OpenFrom = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    OpenTo = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    OpenOnRestDays = table.Column<bool>(type: "boolean", nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Rooms", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Rooms_ServiceCentres_CentreId",
                        column: x => x.CentreId,
                        principalTable: "ServiceCentres",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "HelpOrders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    DivisionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    ItemId = table.Column<Guid>(type: "uuid", nullable: true),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Details = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ResidentName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    ResidentPhone = table.Column<string>(type: "character varying(104)", maxLength: 104, nullable: true),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    UserId = table.Column<Guid>(type: "uuid", nullable: true),
                    TimeLimitDays = table.Column<int>(type: "integer", nullable: false),
                    OpenedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DueUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    WarnFromUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    OpenedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    OpenedByName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    ResponsibleUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    ResponsibleName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Status = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    CaseId = table.Column<long>(type: "bigint", nullable: true),
                    CaseNumber = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Result = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    CompletedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CompletedLate = table.Column<bool>(type: "boolean", nullable: true),
                    UpdatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HelpOrders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HelpOrders_ServiceItems_ItemId",
                        column: x => x.ItemId,
                        principalTable: "ServiceItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "ServiceSlots",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    StartUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Capacity = table.Column<int>(type: "integer", nullable: false),
                    BookedCount = table.Column<int>(type: "integer", nullable: false),
                    IsCancelled = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceSlots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ServiceSlots_ServiceItems_ItemId",
                        column: x => x.ItemId,
                        principalTable: "ServiceItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MealOrders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CanteenId = table.Column<Guid>(type: "uuid", nullable: false),
                    MenuItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: true),
                    MealDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Meal = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    MealUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Title = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    PriceFen = table.Column<long>(type: "bigint", nullable: false),
                    ElderlyFen = table.Column<long>(type: "bigint", nullable: false),
                    GovernmentFen = table.Column<long>(type: "bigint", nullable: false),
                    CommunityFen = table.Column<long>(type: "bigint", nullable: false),
                    BandLabel = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    OrderedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    OrderedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CancelledUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MealOrders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MealOrders_CanteenMenuItems_MenuItemId",
                        column: x => x.MenuItemId,
                        principalTable: "CanteenMenuItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MealOrders_Canteens_CanteenId",
                        column: x => x.CanteenId,
                        principalTable: "Canteens",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SessionAttendance",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProgrammeId = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    EnrolmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    RecordedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SessionAttendance", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SessionAttendance_ProgrammeEnrolments_EnrolmentId",
                        column: x => x.EnrolmentId,
                        principalTable: "ProgrammeEnrolments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SessionAttendance_ProgrammeSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "ProgrammeSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MarketLoveStallPurchases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MarketId = table.Column<Guid>(type: "uuid", nullable: false),
                    MarketDayId = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    VendorId = table.Column<Guid>(type: "uuid", nullable: true),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    CheckedStatus = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Item = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Unit = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Quantity = table.Column<decimal>(type: "numeric(10,2)", precision: 10, scale: 2, nullable: false),
                    FairTotalFen = table.Column<long>(type: "bigint", nullable: false),
                    PaidFen = table.Column<long>(type: "bigint", nullable: false),
                    ExtraPercent = table.Column<int>(type: "integer", nullable: false),
                    IsFreeItem = table.Column<bool>(type: "boolean", nullable: false),
                    ByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    PurchasedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MarketLoveStallPurchases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MarketLoveStallPurchases_MarketDays_MarketDayId",
                        column: x => x.MarketDayId,
                        principalTable: "MarketDays",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MarketDeliveryOrders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MarketId = table.Column<Guid>(type: "uuid", nullable: false),
                    MarketDayId = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    RecipientName = table.Column<string>(type: "character varying(164)", maxLength: 164, nullable: false),
                    Address = table.Column<string>(type: "character varying(464)", maxLength: 464, nullable: false),
                    Phone = table.Column<string>(type: "character varying(104)", maxLength: 104, nullable: true),
                    Goods = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    AssignedMemberId = table.Column<Guid>(type: "uuid", nullable: true),
                    RequestedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AssignedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DeliveredUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Note = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MarketDeliveryOrders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MarketDeliveryOrders_MarketDays_MarketDayId",
                        column: x => x.MarketDayId,
                        principalTable: "MarketDays",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MarketDeliveryOrders_MarketDeliveryTeamMembers_AssignedMemb~",
                        column: x => x.AssignedMemberId,
                        principalTable: "MarketDeliveryTeamMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "MarketGoods",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MarketId = table.Column<Guid>(type: "uuid", nullable: false),
                    MarketDayId = table.Column<Guid>(type: "uuid", nullable: false),
                    VendorId = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Category = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Unit = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    MarketPriceFen = table.Column<long>(type: "bigint", nullable: false),
                    FairPriceFen = table.Column<long>(type: "bigint", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MarketGoods", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MarketGoods_MarketDays_MarketDayId",
                        column: x => x.MarketDayId,
                        principalTable: "MarketDays",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MarketGoods_MarketVendors_VendorId",
                        column: x => x.VendorId,
                        principalTable: "MarketVendors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MarketSpotChecks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MarketId = table.Column<Guid>(type: "uuid", nullable: false),
                    MarketDayId = table.Column<Guid>(type: "uuid", nullable: false),
                    VendorId = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    GoodsId = table.Column<Guid>(type: "uuid", nullable: true),
                    GoodsName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Inspector = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Result = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Serious = table.Column<bool>(type: "boolean", nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    CheckedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MarketSpotChecks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MarketSpotChecks_MarketDays_MarketDayId",
                        column: x => x.MarketDayId,
                        principalTable: "MarketDays",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MarketSpotChecks_MarketVendors_VendorId",
                        column: x => x.VendorId,
                        principalTable: "MarketVendors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MarketStallAllocations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MarketId = table.Column<Guid>(type: "uuid", nullable: false),
                    VendorId = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    StallNo = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    MonthlyRentFen = table.Column<long>(type: "bigint", nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: true),
                    Reason = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    ByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MarketStallAllocations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MarketStallAllocations_MarketVendors_VendorId",
                        column: x => x.VendorId,
                        principalTable: "MarketVendors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MarketVendorStatusChanges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    VendorId = table.Column<Guid>(type: "uuid", nullable: false),
                    From = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    To = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MarketVendorStatusChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MarketVendorStatusChanges_MarketVendors_VendorId",
                        column: x => x.VendorId,
                        principalTable: "MarketVendors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DutyAssignments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ShiftId = table.Column<Guid>(type: "uuid", nullable: false),
                    CentreId = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    StaffName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Post = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DutyAssignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DutyAssignments_DutyShifts_ShiftId",
                        column: x => x.ShiftId,
                        principalTable: "DutyShifts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RoomBookings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RoomId = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    UserId = table.Column<Guid>(type: "uuid", nullable: true),
                    BookerName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    GroupName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Purpose = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    StartUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DecisionReason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DecidedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    DecidedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CancelledUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CancelledByStaff = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RoomBookings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RoomBookings_Rooms_RoomId",
                        column: x => x.RoomId,
                        principalTable: "Rooms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Appointments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SlotId = table.Column<Guid>(type: "uuid", nullable: false),
                    ItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    SlotStartUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SlotEndUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: true),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    BookedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CancelledUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    MarkedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    MarkedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReminderSentUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Appointments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Appointments_ServiceSlots_SlotId",
                        column: x => x.SlotId,
                        principalTable: "ServiceSlots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_DivisionPath_SlotStartUtc",
                table: "Appointments",
                columns: new[] { "DivisionPath", "SlotStartUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_SlotId_UserId",
                table: "Appointments",
                columns: new[] { "SlotId", "UserId" },
                unique: true,
                filter: "\"Status\" = 'Booked'");

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_Status_SlotStartUtc",
                table: "Appointments",
                columns: new[] { "Status", "SlotStartUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_UserId_Status",
                table: "Appointments",
                columns: new[] { "UserId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_CanteenMenuItems_CanteenId_Date",
                table: "CanteenMenuItems",
                columns: new[] { "CanteenId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_CanteenMenuItems_DivisionPath",
                table: "CanteenMenuItems",
                column: "DivisionPath");

            migrationBuilder.CreateIndex(
                name: "IX_Canteens_DivisionCode",
                table: "Canteens",
                column: "DivisionCode");

            migrationBuilder.CreateIndex(
                name: "IX_Canteens_DivisionPath",
                table: "Canteens",
                column: "DivisionPath");

            migrationBuilder.CreateIndex(
                name: "IX_CanteenSubsidyBands_CanteenId",
                table: "CanteenSubsidyBands",
                column: "CanteenId");

            migrationBuilder.CreateIndex(
                name: "IX_CanteenSubsidyBands_DivisionPath",
                table: "CanteenSubsidyBands",
                column: "DivisionPath");

            migrationBuilder.CreateIndex(
                name: "IX_CareStations_DivisionPath",
                table: "CareStations",
                column: "DivisionPath");

            migrationBuilder.CreateIndex(
                name: "IX_CentreAreas_CentreId",
                table: "CentreAreas",
                column: "CentreId");

            migrationBuilder.CreateIndex(
                name: "IX_CentreOpeningPeriods_CentreId",
                table: "CentreOpeningPeriods",
                column: "CentreId");

            migrationBuilder.CreateIndex(
                name: "IX_ChildrenProgrammes_DivisionPath",
                table: "ChildrenProgrammes",
                column: "DivisionPath");

            migrationBuilder.CreateIndex(
                name: "IX_DutyAssignments_CentreId_Date",
                table: "DutyAssignments",
                columns: new[] { "CentreId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_DutyAssignments_DivisionPath_Date",
                table: "DutyAssignments",
                columns: new[] { "DivisionPath", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_DutyAssignments_ShiftId_Date_UserId",
                table: "DutyAssignments",
                columns: new[] { "ShiftId", "Date", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DutyAssignments_UserId_Date",
                table: "DutyAssignments",
                columns: new[] { "UserId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_DutyGapNotices_ShiftId_Date",
                table: "DutyGapNotices",
                columns: new[] { "ShiftId", "Date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DutyShifts_CentreId_SortOrder",
                table: "DutyShifts",
                columns: new[] { "CentreId", "SortOrder" });

            migrationBuilder.CreateIndex(
                name: "IX_DutyShifts_DivisionPath",
                table: "DutyShifts",
                column: "DivisionPath");

            migrationBuilder.CreateIndex(
                name: "IX_DutySwaps_DivisionPath_Status",
                table: "DutySwaps",
                columns: new[] { "DivisionPath", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_DutySwaps_FromAssignmentId",
                table: "DutySwaps",
                column: "FromAssignmentId");

            migrationBuilder.CreateIndex(
                name: "IX_HardRequests_DivisionPath_Outcome",
                table: "HardRequests",
                columns: new[] { "DivisionPath", "Outcome" });

            migrationBuilder.CreateIndex(
                name: "IX_HealthChecks_DivisionCode_IsAbnormal",
                table: "HealthChecks",
                columns: new[] { "DivisionCode", "IsAbnormal" });

            migrationBuilder.CreateIndex(
                name: "IX_HealthChecks_DivisionPath_MeasuredUtc",
                table: "HealthChecks",
                columns: new[] { "DivisionPath", "MeasuredUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_HealthChecks_PersonId_MeasuredUtc",
                table: "HealthChecks",
                columns: new[] { "PersonId", "MeasuredUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_HealthChecks_StationId_MeasuredUtc",
                table: "HealthChecks",
                columns: new[] { "StationId", "MeasuredUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_HealthChecks_UserId",
                table: "HealthChecks",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_HelpOrders_CaseId",
                table: "HelpOrders",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_HelpOrders_DivisionPath_Status_DueUtc",
                table: "HelpOrders",
                columns: new[] { "DivisionPath", "Status", "DueUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_HelpOrders_ItemId",
                table: "HelpOrders",
                column: "ItemId");

            migrationBuilder.CreateIndex(
                name: "IX_HelpOrders_Number",
                table: "HelpOrders",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HelpOrders_UserId",
                table: "HelpOrders",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_MarketComplaints_MarketId_Status",
                table: "MarketComplaints",
                columns: new[] { "MarketId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_MarketComplaints_UserId",
                table: "MarketComplaints",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_MarketDays_DivisionPath",
                table: "MarketDays",
                column: "DivisionPath");

            migrationBuilder.CreateIndex(
                name: "IX_MarketDays_MarketId_Date",
                table: "MarketDays",
                columns: new[] { "MarketId", "Date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MarketDeliveryOrders_AssignedMemberId",
                table: "MarketDeliveryOrders",
                column: "AssignedMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_MarketDeliveryOrders_MarketDayId",
                table: "MarketDeliveryOrders",
                column: "MarketDayId");

            migrationBuilder.CreateIndex(
                name: "IX_MarketDeliveryOrders_MarketId_Status",
                table: "MarketDeliveryOrders",
                columns: new[] { "MarketId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_MarketDeliveryTeamMembers_MarketId",
                table: "MarketDeliveryTeamMembers",
                column: "MarketId");

            migrationBuilder.CreateIndex(
                name: "IX_MarketGoods_MarketDayId_VendorId",
                table: "MarketGoods",
                columns: new[] { "MarketDayId", "VendorId" });

            migrationBuilder.CreateIndex(
                name: "IX_MarketGoods_MarketId",
                table: "MarketGoods",
                column: "MarketId");

            migrationBuilder.CreateIndex(
                name: "IX_MarketGoods_VendorId",
                table: "MarketGoods",
                column: "VendorId");

            migrationBuilder.CreateIndex(
                name: "IX_MarketLoveStallPurchases_MarketDayId",
                table: "MarketLoveStallPurchases",
                column: "MarketDayId");

            migrationBuilder.CreateIndex(
                name: "IX_MarketLoveStallPurchases_MarketId_PurchasedUtc",
                table: "MarketLoveStallPurchases",
                columns: new[] { "MarketId", "PurchasedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_MarketLoveStallPurchases_PersonId",
                table: "MarketLoveStallPurchases",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_Markets_DivisionCode",
                table: "Markets",
                column: "DivisionCode");

            migrationBuilder.CreateIndex(
                name: "IX_Markets_DivisionPath",
                table: "Markets",
                column: "DivisionPath");

            migrationBuilder.CreateIndex(
                name: "IX_MarketSpotChecks_MarketDayId",
                table: "MarketSpotChecks",
                column: "MarketDayId");

            migrationBuilder.CreateIndex(
                name: "IX_MarketSpotChecks_MarketId_CheckedUtc",
                table: "MarketSpotChecks",
                columns: new[] { "MarketId", "CheckedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_MarketSpotChecks_VendorId",
                table: "MarketSpotChecks",
                column: "VendorId");

            migrationBuilder.CreateIndex(
                name: "IX_MarketStallAllocations_MarketId",
                table: "MarketStallAllocations",
                column: "MarketId");

            migrationBuilder.CreateIndex(
                name: "IX_MarketStallAllocations_VendorId",
                table: "MarketStallAllocations",
                column: "VendorId");

            migrationBuilder.CreateIndex(
                name: "IX_MarketSupervisors_MarketId_UserId",
                table: "MarketSupervisors",
                columns: new[] { "MarketId", "UserId" });

            migrationBuilder.CreateIndex(
                name: "IX_MarketSupervisors_UserId",
                table: "MarketSupervisors",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_MarketVendors_DivisionPath",
                table: "MarketVendors",
                column: "DivisionPath");

            migrationBuilder.CreateIndex(
                name: "IX_MarketVendors_MarketId_LicenceNo",
                table: "MarketVendors",
                columns: new[] { "MarketId", "LicenceNo" });

            migrationBuilder.CreateIndex(
                name: "IX_MarketVendors_MarketId_Name",
                table: "MarketVendors",
                columns: new[] { "MarketId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_MarketVendors_MarketId_Status",
                table: "MarketVendors",
                columns: new[] { "MarketId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_MarketVendorStatusChanges_VendorId_AtUtc",
                table: "MarketVendorStatusChanges",
                columns: new[] { "VendorId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_MealOrders_CanteenId_MealDate",
                table: "MealOrders",
                columns: new[] { "CanteenId", "MealDate" });

            migrationBuilder.CreateIndex(
                name: "IX_MealOrders_DivisionPath",
                table: "MealOrders",
                column: "DivisionPath");

            migrationBuilder.CreateIndex(
                name: "IX_MealOrders_OneLivePerMeal",
                table: "MealOrders",
                columns: new[] { "MenuItemId", "PersonId" },
                unique: true,
                filter: "\"Status\" = 'Ordered'");

            migrationBuilder.CreateIndex(
                name: "IX_MealOrders_PersonId_MealDate",
                table: "MealOrders",
                columns: new[] { "PersonId", "MealDate" });

            migrationBuilder.CreateIndex(
                name: "IX_MealOrders_UserId",
                table: "MealOrders",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeEnrolments_DivisionPath",
                table: "ProgrammeEnrolments",
                column: "DivisionPath");

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeEnrolments_OneLivePerChild",
                table: "ProgrammeEnrolments",
                columns: new[] { "ProgrammeId", "PersonId" },
                unique: true,
                filter: "\"Status\" = 'Active' AND \"PersonId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeEnrolments_UserId",
                table: "ProgrammeEnrolments",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeSessions_DivisionPath",
                table: "ProgrammeSessions",
                column: "DivisionPath");

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeSessions_ProgrammeId_Date",
                table: "ProgrammeSessions",
                columns: new[] { "ProgrammeId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_RoomBookings_DivisionPath_Status",
                table: "RoomBookings",
                columns: new[] { "DivisionPath", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_RoomBookings_OneLivePerStart",
                table: "RoomBookings",
                columns: new[] { "RoomId", "StartUtc" },
                unique: true,
                filter: "\"Status\" IN ('Pending', 'Confirmed')");

            migrationBuilder.CreateIndex(
                name: "IX_RoomBookings_UserId_StartUtc",
                table: "RoomBookings",
                columns: new[] { "UserId", "StartUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Rooms_CentreId",
                table: "Rooms",
                column: "CentreId");

            migrationBuilder.CreateIndex(
                name: "IX_Rooms_DivisionCode_IsActive",
                table: "Rooms",
                columns: new[] { "DivisionCode", "IsActive" });

            migrationBuilder.CreateIndex(
                name: "IX_Rooms_DivisionPath",
                table: "Rooms",
                column: "DivisionPath");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceCentres_DivisionCode",
                table: "ServiceCentres",
                column: "DivisionCode");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceCentres_DivisionPath_Kind",
                table: "ServiceCentres",
                columns: new[] { "DivisionPath", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceItems_DivisionCode_Code",
                table: "ServiceItems",
                columns: new[] { "DivisionCode", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ServiceItems_DivisionPath_Kind",
                table: "ServiceItems",
                columns: new[] { "DivisionPath", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceSlots_DivisionCode_Date",
                table: "ServiceSlots",
                columns: new[] { "DivisionCode", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceSlots_ItemId_StartUtc",
                table: "ServiceSlots",
                columns: new[] { "ItemId", "StartUtc" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SessionAttendance_EnrolmentId",
                table: "SessionAttendance",
                column: "EnrolmentId");

            migrationBuilder.CreateIndex(
                name: "IX_SessionAttendance_ProgrammeId_Status",
                table: "SessionAttendance",
                columns: new[] { "ProgrammeId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_SessionAttendance_SessionId_EnrolmentId",
                table: "SessionAttendance",
                columns: new[] { "SessionId", "EnrolmentId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StationActivities_DivisionPath",
                table: "StationActivities",
                column: "DivisionPath");

            migrationBuilder.CreateIndex(
                name: "IX_StationActivities_StationId_Date",
                table: "StationActivities",
                columns: new[] { "StationId", "Date" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Appointments");

            migrationBuilder.DropTable(
                name: "CanteenSubsidyBands");

            migrationBuilder.DropTable(
                name: "CentreAreas");

            migrationBuilder.DropTable(
                name: "CentreOpeningPeriods");

            migrationBuilder.DropTable(
                name: "DutyAssignments");

            migrationBuilder.DropTable(
                name: "DutyGapNotices");

            migrationBuilder.DropTable(
                name: "DutySwaps");

            migrationBuilder.DropTable(
                name: "HardRequests");

            migrationBuilder.DropTable(
                name: "HealthChecks");

            migrationBuilder.DropTable(
                name: "HelpOrders");

            migrationBuilder.DropTable(
                name: "MarketComplaints");

            migrationBuilder.DropTable(
                name: "MarketDeliveryOrders");

            migrationBuilder.DropTable(
                name: "MarketGoods");

            migrationBuilder.DropTable(
                name: "MarketLoveStallPurchases");

            migrationBuilder.DropTable(
                name: "MarketSpotChecks");

            migrationBuilder.DropTable(
                name: "MarketStallAllocations");

            migrationBuilder.DropTable(
                name: "MarketSupervisors");

            migrationBuilder.DropTable(
                name: "MarketVendorStatusChanges");

            migrationBuilder.DropTable(
                name: "MealOrders");

            migrationBuilder.DropTable(
                name: "RoomBookings");

            migrationBuilder.DropTable(
                name: "SessionAttendance");

            migrationBuilder.DropTable(
                name: "StationActivities");

            migrationBuilder.DropTable(
                name: "ServiceSlots");

            migrationBuilder.DropTable(
                name: "DutyShifts");

            migrationBuilder.DropTable(
                name: "MarketDeliveryTeamMembers");

            migrationBuilder.DropTable(
                name: "MarketDays");

            migrationBuilder.DropTable(
                name: "MarketVendors");

            migrationBuilder.DropTable(
                name: "CanteenMenuItems");

            migrationBuilder.DropTable(
                name: "Rooms");

            migrationBuilder.DropTable(
                name: "ProgrammeEnrolments");

            migrationBuilder.DropTable(
                name: "ProgrammeSessions");

            migrationBuilder.DropTable(
                name: "CareStations");

            migrationBuilder.DropTable(
                name: "ServiceItems");

            migrationBuilder.DropTable(
                name: "Markets");

            migrationBuilder.DropTable(
                name: "Canteens");

            migrationBuilder.DropTable(
                name: "ServiceCentres");

            migrationBuilder.DropTable(
                name: "ChildrenProgrammes");
        }
    }
}
