using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Jiceng.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DeadlinesAndSupervision : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "LateResponseRecordedUtc",
                table: "Cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "OverdueRecordedUtc",
                table: "Cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RemindedUtc",
                table: "Cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "SupervisedUtc",
                table: "Cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SupervisionNote",
                table: "Cases",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AccountabilityRecord",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    DepartmentId = table.Column<Guid>(type: "uuid", nullable: true),
                    DivisionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    DivisionPath = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    DueUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RecordedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccountabilityRecord", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AccountabilityRecord_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AccountabilityRecord_CaseId_Kind",
                table: "AccountabilityRecord",
                columns: new[] { "CaseId", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AccountabilityRecord_DepartmentId_RecordedUtc",
                table: "AccountabilityRecord",
                columns: new[] { "DepartmentId", "RecordedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_AccountabilityRecord_DivisionPath_RecordedUtc",
                table: "AccountabilityRecord",
                columns: new[] { "DivisionPath", "RecordedUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AccountabilityRecord");

            migrationBuilder.DropColumn(
                name: "LateResponseRecordedUtc",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "OverdueRecordedUtc",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "RemindedUtc",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "SupervisedUtc",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "SupervisionNote",
                table: "Cases");
        }
    }
}
