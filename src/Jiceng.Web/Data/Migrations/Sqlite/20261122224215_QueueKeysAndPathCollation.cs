using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jiceng.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class QueueKeysAndPathCollation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_LeadDepartmentId_Status_HandlingDueUtc",
                table: "Cases");

            migrationBuilder.AddColumn<bool>(
                name: "IsOpen",
                table: "Cases",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "QueueDueUtc",
                table: "Cases",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<int>(
                name: "QueueTier",
                table: "Cases",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Existing cases get their queue keys (Case.RefreshQueueKeys keeps them from now on).
            migrationBuilder.Sql("""
                UPDATE "Cases" SET "IsOpen" = CASE WHEN "Status" IN ('Closed', 'Rejected', 'Merged') THEN 0 ELSE 1 END, "QueueTier" = CASE WHEN "SupervisedUtc" IS NULL THEN 1 ELSE 0 END, "QueueDueUtc" = COALESCE("HandlingDueUtc", '9999-12-31 00:00:00');
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Cases_IsOpen_DivisionPath",
                table: "Cases",
                columns: new[] { "IsOpen", "DivisionPath" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_IsOpen_QueueTier_QueueDueUtc",
                table: "Cases",
                columns: new[] { "IsOpen", "QueueTier", "QueueDueUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_LeadDepartmentId_IsOpen_QueueTier_QueueDueUtc",
                table: "Cases",
                columns: new[] { "LeadDepartmentId", "IsOpen", "QueueTier", "QueueDueUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_IsOpen_DivisionPath",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_IsOpen_QueueTier_QueueDueUtc",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_LeadDepartmentId_IsOpen_QueueTier_QueueDueUtc",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "IsOpen",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "QueueDueUtc",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "QueueTier",
                table: "Cases");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_LeadDepartmentId_Status_HandlingDueUtc",
                table: "Cases",
                columns: new[] { "LeadDepartmentId", "Status", "HandlingDueUtc" });
        }
    }
}
