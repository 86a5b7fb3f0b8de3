using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jiceng.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ServiceFollowUps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "DutyShifts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "DeactivatedUtc",
                table: "ChildrenProgrammes",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DeactivatedUtc",
                table: "CareStations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "CareStations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "DeactivatedUtc",
                table: "Canteens",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CancelReason",
                table: "Appointments",
                type: "TEXT",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Version",
                table: "DutyShifts");

            migrationBuilder.DropColumn(
                name: "DeactivatedUtc",
                table: "ChildrenProgrammes");

            migrationBuilder.DropColumn(
                name: "DeactivatedUtc",
                table: "CareStations");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "CareStations");

            migrationBuilder.DropColumn(
                name: "DeactivatedUtc",
                table: "Canteens");

            migrationBuilder.DropColumn(
                name: "CancelReason",
                table: "Appointments");
        }
    }
}
