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

            migrationBuilder.AddColumn<DateTime>(
                name: "QueueDueUtc",
                table: "CaseDepartment",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<int>(
                name: "QueueTier",
                table: "CaseDepartment",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Existing cases and their department rows get their queue keys (Case.RefreshQueueKeys keeps them from now on).
            migrationBuilder.Sql("""
                UPDATE "Cases" SET "QueueTier" = CASE WHEN "Status" IN ('Closed', 'Rejected', 'Merged') THEN 2 WHEN "SupervisedUtc" IS NULL THEN 1 ELSE 0 END, "QueueDueUtc" = COALESCE("HandlingDueUtc", '9999-12-31 00:00:00');
                UPDATE "CaseDepartment" SET "QueueTier" = (SELECT c."QueueTier" FROM "Cases" c WHERE c."Id" = "CaseDepartment"."CaseId"), "QueueDueUtc" = (SELECT c."QueueDueUtc" FROM "Cases" c WHERE c."Id" = "CaseDepartment"."CaseId");
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Cases_LeadDepartmentId_QueueTier_QueueDueUtc",
                table: "Cases",
                columns: new[] { "LeadDepartmentId", "QueueTier", "QueueDueUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_QueueTier_DivisionPath",
                table: "Cases",
                columns: new[] { "QueueTier", "DivisionPath" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_QueueTier_QueueDueUtc",
                table: "Cases",
                columns: new[] { "QueueTier", "QueueDueUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseDepartment_DepartmentId_Role_QueueTier_CaseId",
                table: "CaseDepartment",
                columns: new[] { "DepartmentId", "Role", "QueueTier", "CaseId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_LeadDepartmentId_QueueTier_QueueDueUtc",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_QueueTier_DivisionPath",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_QueueTier_QueueDueUtc",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_CaseDepartment_DepartmentId_Role_QueueTier_CaseId",
                table: "CaseDepartment");

            migrationBuilder.DropColumn(
                name: "QueueDueUtc",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "QueueTier",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "QueueDueUtc",
                table: "CaseDepartment");

            migrationBuilder.DropColumn(
                name: "QueueTier",
                table: "CaseDepartment");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_LeadDepartmentId_Status_HandlingDueUtc",
                table: "Cases",
                columns: new[] { "LeadDepartmentId", "Status", "HandlingDueUtc" });
        }
    }
}
