using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jiceng.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PartyMembersVolunteersCoBuilding : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "UnitId",
                table: "AspNetUsers",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CoBuildingUnits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PartyOrganisationName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ContactName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    ContactPhone = table.Column<string>(type: "character varying(104)", maxLength: 104, nullable: true),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CoBuildingUnits", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CommunityNeeds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Category = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Item = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Detail = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommunityNeeds", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "JointMeetings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Place = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Convener = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ChairUnitId = table.Column<Guid>(type: "uuid", nullable: true),
                    Minutes = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    Decisions = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JointMeetings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MemberRegistrations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: true),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    DivisionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    MemberName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: true),
                    EmployerName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    EmployerPartyOrganisation = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Skills = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    RequestedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DecidedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DecidedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    DecisionNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    EndedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MemberRegistrations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MemberSessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Place = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CreatedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MemberSessions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RotatingChairMonths",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Month = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: true),
                    Theme = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ReminderSentUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RotatingChairMonths", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "VolunteerHoursClaims",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    UserId = table.Column<Guid>(type: "uuid", nullable: true),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: true),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    ServedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Minutes = table.Column<int>(type: "integer", nullable: false),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    PeopleServed = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DecidedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    DecidedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DecisionNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VolunteerHoursClaims", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "VolunteerTeams",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    LeaderName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VolunteerTeams", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Wishes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    GridId = table.Column<Guid>(type: "uuid", nullable: true),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Category = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    BudgetEstimate = table.Column<long>(type: "bigint", nullable: true),
                    PhotoKey = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    WisherName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    WisherPhone = table.Column<string>(type: "character varying(104)", maxLength: 104, nullable: true),
                    ShowWisherName = table.Column<bool>(type: "boolean", nullable: false),
                    WisherUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    WisherPersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    PostedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    PostedByStaff = table.Column<bool>(type: "boolean", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ReviewedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReviewedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReviewNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    PublishedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClaimantKind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    ClaimantUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    ClaimantUnitId = table.Column<Guid>(type: "uuid", nullable: true),
                    ClaimantPersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    ClaimantName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ClaimedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClaimDeadlineUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClaimCount = table.Column<int>(type: "integer", nullable: false),
                    FulfilledUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FulfilmentNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    FulfilmentValue = table.Column<long>(type: "bigint", nullable: true),
                    FulfilmentPhotoKey = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    ConfirmedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ConfirmedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    ThanksNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Wishes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CoBuildingPairings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: true),
                    DivisionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    RequestedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ConfirmedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ConfirmedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    EndedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    AgreementFileKey = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    AgreementFileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    AgreementSignedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    AgreementStartsOn = table.Column<DateOnly>(type: "date", nullable: true),
                    AgreementEndsOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Results = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CoBuildingPairings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CoBuildingPairings_CoBuildingUnits_UnitId",
                        column: x => x.UnitId,
                        principalTable: "CoBuildingUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PartTimeCommitteeMembers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: true),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Post = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Education = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Duty = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    RecommendedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AppointedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    EndedOn = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartTimeCommitteeMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PartTimeCommitteeMembers_CoBuildingUnits_UnitId",
                        column: x => x.UnitId,
                        principalTable: "CoBuildingUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "UnitResources",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: true),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Category = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Item = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Detail = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnitResources", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UnitResources_CoBuildingUnits_UnitId",
                        column: x => x.UnitId,
                        principalTable: "CoBuildingUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "JointMeetingAttendees",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: true),
                    CommitteeMemberId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JointMeetingAttendees", x => x.Id);
                    table.ForeignKey(
                        name: "FK_JointMeetingAttendees_JointMeetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "JointMeetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MemberSessionAttendance",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegistrationId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: true),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    RecordedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MemberSessionAttendance", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MemberSessionAttendance_MemberRegistrations_RegistrationId",
                        column: x => x.RegistrationId,
                        principalTable: "MemberRegistrations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MemberSessionAttendance_MemberSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "MemberSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VolunteerActivities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: true),
                    DivisionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Theme = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Place = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    StartUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Capacity = table.Column<int>(type: "integer", nullable: false),
                    SignedUpCount = table.Column<int>(type: "integer", nullable: false),
                    RequiredSkills = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    PeopleServed = table.Column<int>(type: "integer", nullable: true),
                    CheckInCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CreatedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ClosedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VolunteerActivities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VolunteerActivities_VolunteerTeams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "VolunteerTeams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "VolunteerTeamMembers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    UserId = table.Column<Guid>(type: "uuid", nullable: true),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Skills = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    JoinedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LeftUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VolunteerTeamMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VolunteerTeamMembers_VolunteerTeams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "VolunteerTeams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "JointProjects",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PairingId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: true),
                    DivisionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NeedId = table.Column<Guid>(type: "uuid", nullable: true),
                    ResourceId = table.Column<Guid>(type: "uuid", nullable: true),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ProgressPercent = table.Column<int>(type: "integer", nullable: false),
                    ProgressNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Beneficiaries = table.Column<int>(type: "integer", nullable: true),
                    CompletedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JointProjects", x => x.Id);
                    table.ForeignKey(
                        name: "FK_JointProjects_CoBuildingPairings_PairingId",
                        column: x => x.PairingId,
                        principalTable: "CoBuildingPairings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ActivitySignups",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ActivityId = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    ActivityStartUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: true),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SignedUpUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CancelledUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CheckedInUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CheckedOutUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreditedMinutes = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivitySignups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActivitySignups_VolunteerActivities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "VolunteerActivities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ActivitySignups_OneLivePerVolunteer",
                table: "ActivitySignups",
                columns: new[] { "ActivityId", "UserId" },
                unique: true,
                filter: "\"Status\" = 'SignedUp' AND \"UserId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ActivitySignups_PersonId",
                table: "ActivitySignups",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_ActivitySignups_UserId_ActivityStartUtc",
                table: "ActivitySignups",
                columns: new[] { "UserId", "ActivityStartUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_CoBuildingPairings_DivisionCode_Status",
                table: "CoBuildingPairings",
                columns: new[] { "DivisionCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_CoBuildingPairings_DivisionPath_Status",
                table: "CoBuildingPairings",
                columns: new[] { "DivisionPath", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_CoBuildingPairings_OneOpenPerUnitAndCommunity",
                table: "CoBuildingPairings",
                columns: new[] { "UnitId", "DivisionCode" },
                unique: true,
                filter: "\"Status\" IN ('Requested', 'Active')");

            migrationBuilder.CreateIndex(
                name: "IX_CoBuildingUnits_DivisionPath_Name",
                table: "CoBuildingUnits",
                columns: new[] { "DivisionPath", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CommunityNeeds_DivisionCode_Year",
                table: "CommunityNeeds",
                columns: new[] { "DivisionCode", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_CommunityNeeds_DivisionPath",
                table: "CommunityNeeds",
                column: "DivisionPath");

            migrationBuilder.CreateIndex(
                name: "IX_JointMeetingAttendees_CommitteeMemberId",
                table: "JointMeetingAttendees",
                column: "CommitteeMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_JointMeetingAttendees_MeetingId",
                table: "JointMeetingAttendees",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_JointMeetingAttendees_UnitId",
                table: "JointMeetingAttendees",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_JointMeetings_DivisionCode_HeldOn",
                table: "JointMeetings",
                columns: new[] { "DivisionCode", "HeldOn" });

            migrationBuilder.CreateIndex(
                name: "IX_JointMeetings_DivisionPath_HeldOn",
                table: "JointMeetings",
                columns: new[] { "DivisionPath", "HeldOn" });

            migrationBuilder.CreateIndex(
                name: "IX_JointProjects_DivisionPath_Status",
                table: "JointProjects",
                columns: new[] { "DivisionPath", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_JointProjects_PairingId_Year",
                table: "JointProjects",
                columns: new[] { "PairingId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_JointProjects_UnitId",
                table: "JointProjects",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_MemberRegistrations_DivisionPath_Status",
                table: "MemberRegistrations",
                columns: new[] { "DivisionPath", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_MemberRegistrations_OneOpenPerMember",
                table: "MemberRegistrations",
                column: "UserId",
                unique: true,
                filter: "\"Status\" IN ('Pending', 'Confirmed')");

            migrationBuilder.CreateIndex(
                name: "IX_MemberRegistrations_PersonId",
                table: "MemberRegistrations",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_MemberRegistrations_UnitId",
                table: "MemberRegistrations",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_MemberSessionAttendance_RegistrationId",
                table: "MemberSessionAttendance",
                column: "RegistrationId");

            migrationBuilder.CreateIndex(
                name: "IX_MemberSessionAttendance_SessionId_RegistrationId",
                table: "MemberSessionAttendance",
                columns: new[] { "SessionId", "RegistrationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MemberSessionAttendance_UserId_HeldOn",
                table: "MemberSessionAttendance",
                columns: new[] { "UserId", "HeldOn" });

            migrationBuilder.CreateIndex(
                name: "IX_MemberSessions_DivisionPath_HeldOn",
                table: "MemberSessions",
                columns: new[] { "DivisionPath", "HeldOn" });

            migrationBuilder.CreateIndex(
                name: "IX_PartTimeCommitteeMembers_DivisionPath_Status",
                table: "PartTimeCommitteeMembers",
                columns: new[] { "DivisionPath", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_PartTimeCommitteeMembers_UnitId",
                table: "PartTimeCommitteeMembers",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_RotatingChairMonths_DivisionCode_Year_Month",
                table: "RotatingChairMonths",
                columns: new[] { "DivisionCode", "Year", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RotatingChairMonths_UnitId",
                table: "RotatingChairMonths",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_RotatingChairMonths_Year_Month_ReminderSentUtc",
                table: "RotatingChairMonths",
                columns: new[] { "Year", "Month", "ReminderSentUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_UnitResources_UnitId_Year",
                table: "UnitResources",
                columns: new[] { "UnitId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_VolunteerActivities_CheckInCode",
                table: "VolunteerActivities",
                column: "CheckInCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VolunteerActivities_DivisionCode_Status",
                table: "VolunteerActivities",
                columns: new[] { "DivisionCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_VolunteerActivities_DivisionPath_StartUtc",
                table: "VolunteerActivities",
                columns: new[] { "DivisionPath", "StartUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_VolunteerActivities_TeamId",
                table: "VolunteerActivities",
                column: "TeamId");

            migrationBuilder.CreateIndex(
                name: "IX_VolunteerHoursClaims_DivisionPath_Status",
                table: "VolunteerHoursClaims",
                columns: new[] { "DivisionPath", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_VolunteerHoursClaims_UserId_ServedOn",
                table: "VolunteerHoursClaims",
                columns: new[] { "UserId", "ServedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_VolunteerTeamMembers_TeamId_UserId",
                table: "VolunteerTeamMembers",
                columns: new[] { "TeamId", "UserId" },
                unique: true,
                filter: "\"UserId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_VolunteerTeamMembers_UserId",
                table: "VolunteerTeamMembers",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_VolunteerTeams_DivisionPath",
                table: "VolunteerTeams",
                column: "DivisionPath");

            migrationBuilder.CreateIndex(
                name: "IX_Wishes_ClaimantUnitId",
                table: "Wishes",
                column: "ClaimantUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Wishes_ClaimantUserId",
                table: "Wishes",
                column: "ClaimantUserId");

            migrationBuilder.CreateIndex(
                name: "IX_Wishes_DivisionCode_Status",
                table: "Wishes",
                columns: new[] { "DivisionCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Wishes_DivisionPath_Status",
                table: "Wishes",
                columns: new[] { "DivisionPath", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Wishes_Status_ClaimDeadlineUtc",
                table: "Wishes",
                columns: new[] { "Status", "ClaimDeadlineUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Wishes_WisherUserId",
                table: "Wishes",
                column: "WisherUserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ActivitySignups");

            migrationBuilder.DropTable(
                name: "CommunityNeeds");

            migrationBuilder.DropTable(
                name: "JointMeetingAttendees");

            migrationBuilder.DropTable(
                name: "JointProjects");

            migrationBuilder.DropTable(
                name: "MemberSessionAttendance");

            migrationBuilder.DropTable(
                name: "PartTimeCommitteeMembers");

            migrationBuilder.DropTable(
                name: "RotatingChairMonths");

            migrationBuilder.DropTable(
                name: "UnitResources");

            migrationBuilder.DropTable(
                name: "VolunteerHoursClaims");

            migrationBuilder.DropTable(
                name: "VolunteerTeamMembers");

            migrationBuilder.DropTable(
                name: "Wishes");

            migrationBuilder.DropTable(
                name: "VolunteerActivities");

            migrationBuilder.DropTable(
                name: "JointMeetings");

            migrationBuilder.DropTable(
                name: "CoBuildingPairings");

            migrationBuilder.DropTable(
                name: "MemberRegistrations");

            migrationBuilder.DropTable(
                name: "MemberSessions");

            migrationBuilder.DropTable(
                name: "VolunteerTeams");

            migrationBuilder.DropTable(
                name: "CoBuildingUnits");

            migrationBuilder.DropColumn(
                name: "UnitId",
                table: "AspNetUsers");
        }
    }
}
