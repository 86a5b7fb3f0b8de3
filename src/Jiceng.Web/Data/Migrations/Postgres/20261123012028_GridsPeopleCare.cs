using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Jiceng.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class GridsPeopleCare : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "GridId",
                table: "Cases",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CommunityProfiles",
                columns: table => new
                {
                    DivisionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    UrbanResidents = table.Column<int>(type: "integer", nullable: true),
                    UpdatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommunityProfiles", x => x.DivisionCode);
                    table.ForeignKey(
                        name: "FK_CommunityProfiles_Divisions_DivisionCode",
                        column: x => x.DivisionCode,
                        principalTable: "Divisions",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Grids",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    BoundaryGeoJson = table.Column<string>(type: "character varying(200000)", maxLength: 200000, nullable: true),
                    MinLng = table.Column<double>(type: "double precision", nullable: true),
                    MinLat = table.Column<double>(type: "double precision", nullable: true),
                    MaxLng = table.Column<double>(type: "double precision", nullable: true),
                    MaxLat = table.Column<double>(type: "double precision", nullable: true),
                    LeaderPersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    PartyBranchId = table.Column<Guid>(type: "uuid", nullable: true),
                    MergedNets = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Grids", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Grids_Divisions_DivisionCode",
                        column: x => x.DivisionCode,
                        principalTable: "Divisions",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Grids_PartyOrganisations_PartyBranchId",
                        column: x => x.PartyBranchId,
                        principalTable: "PartyOrganisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "Buildings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    GridId = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Compound = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Units = table.Column<int>(type: "integer", nullable: false),
                    Floors = table.Column<int>(type: "integer", nullable: false),
                    Latitude = table.Column<double>(type: "double precision", nullable: true),
                    Longitude = table.Column<double>(type: "double precision", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Buildings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Buildings_Grids_GridId",
                        column: x => x.GridId,
                        principalTable: "Grids",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Households",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    GridId = table.Column<Guid>(type: "uuid", nullable: true),
                    BuildingId = table.Column<Guid>(type: "uuid", nullable: true),
                    UnitNo = table.Column<int>(type: "integer", nullable: true),
                    Room = table.Column<string>(type: "character varying(96)", maxLength: 96, nullable: true),
                    Address = table.Column<string>(type: "character varying(464)", maxLength: 464, nullable: true),
                    HeadPersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    Registered = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Households", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Households_Buildings_BuildingId",
                        column: x => x.BuildingId,
                        principalTable: "Buildings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Households_Divisions_DivisionCode",
                        column: x => x.DivisionCode,
                        principalTable: "Divisions",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Households_Grids_GridId",
                        column: x => x.GridId,
                        principalTable: "Grids",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "People",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    GridId = table.Column<Guid>(type: "uuid", nullable: true),
                    HouseholdId = table.Column<Guid>(type: "uuid", nullable: true),
                    RelationToHead = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SealedName = table.Column<string>(type: "character varying(192)", maxLength: 192, nullable: true),
                    IdNumber = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    IdNumberHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Phone = table.Column<string>(type: "character varying(104)", maxLength: 104, nullable: true),
                    PhoneHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    PhoneTail = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: true),
                    Address = table.Column<string>(type: "character varying(464)", maxLength: 464, nullable: true),
                    BirthDate = table.Column<string>(type: "character varying(84)", maxLength: 84, nullable: true),
                    BirthYear = table.Column<int>(type: "integer", nullable: true),
                    IsMale = table.Column<bool>(type: "boolean", nullable: true),
                    HealthNote = table.Column<string>(type: "character varying(1064)", maxLength: 1064, nullable: true),
                    WelfareNote = table.Column<string>(type: "character varying(1064)", maxLength: 1064, nullable: true),
                    UserId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ErasedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_People", x => x.Id);
                    table.ForeignKey(
                        name: "FK_People_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_People_Divisions_DivisionCode",
                        column: x => x.DivisionCode,
                        principalTable: "Divisions",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_People_Grids_GridId",
                        column: x => x.GridId,
                        principalTable: "Grids",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_People_Households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "Households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "CareDevices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Serial = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    SecretHash = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    NoMovementHours = table.Column<int>(type: "integer", nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastEventUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastAlertUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastAlertCaseId = table.Column<long>(type: "bigint", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CareDevices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CareDevices_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CareVisitReminders",
                columns: table => new
                {
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    SentUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CareVisitReminders", x => new { x.PersonId, x.DueDate });
                    table.ForeignKey(
                        name: "FK_CareVisitReminders_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CareVisits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    VisitorPersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    VisitorUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    VisitorName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    VisitedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Findings = table.Column<string>(type: "character varying(2064)", maxLength: 2064, nullable: true),
                    Gifts = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    GiftValue = table.Column<long>(type: "bigint", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CareVisits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CareVisits_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GridPairings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    GridId = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    PartyMemberPersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    GridWorkerPersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GridPairings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GridPairings_Grids_GridId",
                        column: x => x.GridId,
                        principalTable: "Grids",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_GridPairings_People_GridWorkerPersonId",
                        column: x => x.GridWorkerPersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_GridPairings_People_PartyMemberPersonId",
                        column: x => x.PartyMemberPersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "GridWorkers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    GridId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    SinceUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GridWorkers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GridWorkers_Grids_GridId",
                        column: x => x.GridId,
                        principalTable: "Grids",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_GridWorkers_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "HelpPlans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    Measures = table.Column<string>(type: "character varying(4064)", maxLength: 4064, nullable: false),
                    ReviewDue = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HelpPlans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HelpPlans_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MedicalPairings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StaffPersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SinceUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MedicalPairings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MedicalPairings_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MedicalPairings_People_StaffPersonId",
                        column: x => x.StaffPersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PersonRoles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    PartyOrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    InService = table.Column<bool>(type: "boolean", nullable: false),
                    Employer = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Certified = table.Column<bool>(type: "boolean", nullable: false),
                    Title = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    SinceUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonRoles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PersonRoles_PartyOrganisations_PartyOrganisationId",
                        column: x => x.PartyOrganisationId,
                        principalTable: "PartyOrganisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_PersonRoles_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PersonTags",
                columns: table => new
                {
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    GroupCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    AddedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonTags", x => new { x.PersonId, x.GroupCode });
                    table.ForeignKey(
                        name: "FK_PersonTags_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CareDeviceEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DeviceId = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    OccurredUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReceivedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CaseId = table.Column<long>(type: "bigint", nullable: true),
                    Duplicate = table.Column<bool>(type: "boolean", nullable: false),
                    Detail = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CareDeviceEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CareDeviceEvents_CareDevices_DeviceId",
                        column: x => x.DeviceId,
                        principalTable: "CareDevices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CareDeviceEvents_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "GridPairingHousehold",
                columns: table => new
                {
                    PairingId = table.Column<Guid>(type: "uuid", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GridPairingHousehold", x => new { x.PairingId, x.HouseholdId });
                    table.ForeignKey(
                        name: "FK_GridPairingHousehold_GridPairings_PairingId",
                        column: x => x.PairingId,
                        principalTable: "GridPairings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_GridPairingHousehold_Households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "Households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "HelpPlanHelper",
                columns: table => new
                {
                    PlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    HelperPersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Duty = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HelpPlanHelper", x => new { x.PlanId, x.HelperPersonId });
                    table.ForeignKey(
                        name: "FK_HelpPlanHelper_HelpPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "HelpPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_HelpPlanHelper_People_HelperPersonId",
                        column: x => x.HelperPersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MedicalGuidance",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PairingId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    OccurredUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Note = table.Column<string>(type: "character varying(2064)", maxLength: 2064, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MedicalGuidance", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MedicalGuidance_MedicalPairings_PairingId",
                        column: x => x.PairingId,
                        principalTable: "MedicalPairings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_GridId_QueueTier",
                table: "Cases",
                columns: new[] { "GridId", "QueueTier" });

            migrationBuilder.CreateIndex(
                name: "IX_Buildings_DivisionPath",
                table: "Buildings",
                column: "DivisionPath");

            migrationBuilder.CreateIndex(
                name: "IX_Buildings_GridId_Compound_Name",
                table: "Buildings",
                columns: new[] { "GridId", "Compound", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CareDeviceEvents_CaseId",
                table: "CareDeviceEvents",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_CareDeviceEvents_DeviceId_ReceivedUtc",
                table: "CareDeviceEvents",
                columns: new[] { "DeviceId", "ReceivedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_CareDevices_DivisionPath",
                table: "CareDevices",
                column: "DivisionPath");

            migrationBuilder.CreateIndex(
                name: "IX_CareDevices_PersonId",
                table: "CareDevices",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_CareDevices_Serial",
                table: "CareDevices",
                column: "Serial",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CareVisits_DivisionPath_VisitedUtc",
                table: "CareVisits",
                columns: new[] { "DivisionPath", "VisitedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_CareVisits_PersonId_VisitedUtc",
                table: "CareVisits",
                columns: new[] { "PersonId", "VisitedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_CommunityProfiles_DivisionPath",
                table: "CommunityProfiles",
                column: "DivisionPath");

            migrationBuilder.CreateIndex(
                name: "IX_GridPairingHousehold_HouseholdId",
                table: "GridPairingHousehold",
                column: "HouseholdId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GridPairings_DivisionPath",
                table: "GridPairings",
                column: "DivisionPath");

            migrationBuilder.CreateIndex(
                name: "IX_GridPairings_GridId",
                table: "GridPairings",
                column: "GridId");

            migrationBuilder.CreateIndex(
                name: "IX_GridPairings_GridWorkerPersonId",
                table: "GridPairings",
                column: "GridWorkerPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_GridPairings_PartyMemberPersonId",
                table: "GridPairings",
                column: "PartyMemberPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_Grids_DivisionCode_MinLng_MaxLng",
                table: "Grids",
                columns: new[] { "DivisionCode", "MinLng", "MaxLng" });

            migrationBuilder.CreateIndex(
                name: "IX_Grids_DivisionCode_Name",
                table: "Grids",
                columns: new[] { "DivisionCode", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Grids_DivisionPath",
                table: "Grids",
                column: "DivisionPath");

            migrationBuilder.CreateIndex(
                name: "IX_Grids_PartyBranchId",
                table: "Grids",
                column: "PartyBranchId");

            migrationBuilder.CreateIndex(
                name: "IX_GridWorkerAssignments_OneFullTimePerGrid",
                table: "GridWorkers",
                column: "GridId",
                unique: true,
                filter: "\"Type\" = 'FullTime'");

            migrationBuilder.CreateIndex(
                name: "IX_GridWorkerAssignments_OneGridPerFullTime",
                table: "GridWorkers",
                column: "PersonId",
                unique: true,
                filter: "\"Type\" = 'FullTime'");

            migrationBuilder.CreateIndex(
                name: "IX_GridWorkers_GridId_PersonId",
                table: "GridWorkers",
                columns: new[] { "GridId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HelpPlanHelper_HelperPersonId",
                table: "HelpPlanHelper",
                column: "HelperPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_HelpPlans_DivisionPath_ReviewDue",
                table: "HelpPlans",
                columns: new[] { "DivisionPath", "ReviewDue" });

            migrationBuilder.CreateIndex(
                name: "IX_HelpPlans_PersonId",
                table: "HelpPlans",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_Households_BuildingId_UnitNo",
                table: "Households",
                columns: new[] { "BuildingId", "UnitNo" });

            migrationBuilder.CreateIndex(
                name: "IX_Households_DivisionCode",
                table: "Households",
                column: "DivisionCode");

            migrationBuilder.CreateIndex(
                name: "IX_Households_DivisionPath",
                table: "Households",
                column: "DivisionPath");

            migrationBuilder.CreateIndex(
                name: "IX_Households_GridId",
                table: "Households",
                column: "GridId");

            migrationBuilder.CreateIndex(
                name: "IX_MedicalGuidance_DivisionPath",
                table: "MedicalGuidance",
                column: "DivisionPath");

            migrationBuilder.CreateIndex(
                name: "IX_MedicalGuidance_PairingId_OccurredUtc",
                table: "MedicalGuidance",
                columns: new[] { "PairingId", "OccurredUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_MedicalPairings_DivisionPath",
                table: "MedicalPairings",
                column: "DivisionPath");

            migrationBuilder.CreateIndex(
                name: "IX_MedicalPairings_PersonId_Kind_StaffPersonId",
                table: "MedicalPairings",
                columns: new[] { "PersonId", "Kind", "StaffPersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MedicalPairings_StaffPersonId",
                table: "MedicalPairings",
                column: "StaffPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_People_DivisionCode",
                table: "People",
                column: "DivisionCode");

            migrationBuilder.CreateIndex(
                name: "IX_People_DivisionPath_Name",
                table: "People",
                columns: new[] { "DivisionPath", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_People_DivisionPath_PhoneTail",
                table: "People",
                columns: new[] { "DivisionPath", "PhoneTail" });

            migrationBuilder.CreateIndex(
                name: "IX_People_GridId",
                table: "People",
                column: "GridId");

            migrationBuilder.CreateIndex(
                name: "IX_People_HouseholdId",
                table: "People",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_People_IdNumberHash",
                table: "People",
                column: "IdNumberHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_People_PhoneHash",
                table: "People",
                column: "PhoneHash");

            migrationBuilder.CreateIndex(
                name: "IX_People_UserId",
                table: "People",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_PersonRoles_Kind_DivisionPath",
                table: "PersonRoles",
                columns: new[] { "Kind", "DivisionPath" });

            migrationBuilder.CreateIndex(
                name: "IX_PersonRoles_PartyOrganisationId",
                table: "PersonRoles",
                column: "PartyOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_PersonRoles_PersonId_Kind",
                table: "PersonRoles",
                columns: new[] { "PersonId", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PersonTags_GroupCode",
                table: "PersonTags",
                column: "GroupCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CareDeviceEvents");

            migrationBuilder.DropTable(
                name: "CareVisitReminders");

            migrationBuilder.DropTable(
                name: "CareVisits");

            migrationBuilder.DropTable(
                name: "CommunityProfiles");

            migrationBuilder.DropTable(
                name: "GridPairingHousehold");

            migrationBuilder.DropTable(
                name: "GridWorkers");

            migrationBuilder.DropTable(
                name: "HelpPlanHelper");

            migrationBuilder.DropTable(
                name: "MedicalGuidance");

            migrationBuilder.DropTable(
                name: "PersonRoles");

            migrationBuilder.DropTable(
                name: "PersonTags");

            migrationBuilder.DropTable(
                name: "CareDevices");

            migrationBuilder.DropTable(
                name: "GridPairings");

            migrationBuilder.DropTable(
                name: "HelpPlans");

            migrationBuilder.DropTable(
                name: "MedicalPairings");

            migrationBuilder.DropTable(
                name: "People");

            migrationBuilder.DropTable(
                name: "Households");

            migrationBuilder.DropTable(
                name: "Buildings");

            migrationBuilder.DropTable(
                name: "Grids");

            migrationBuilder.DropIndex(
                name: "IX_Cases_GridId_QueueTier",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "GridId",
                table: "Cases");
        }
    }
}
