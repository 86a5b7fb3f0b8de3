using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jiceng.Web.Data.Migrations.Postgres
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

            migrationBuilder.AlterColumn<string>(
                name: "DivisionPath",
                table: "CaseTallies",
                type: "character varying(80)",
                maxLength: 80,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(80)",
                oldMaxLength: 80);

            migrationBuilder.AddColumn<DateTime>(
                name: "QueueDueUtc",
                table: "Cases",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<int>(
                name: "QueueTier",
                table: "Cases",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "QueueDueUtc",
                table: "CaseDepartment",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<int>(
                name: "QueueTier",
                table: "CaseDepartment",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AlterColumn<string>(
                name: "DivisionPath",
                table: "AccountabilityRecord",
                type: "character varying(80)",
                maxLength: 80,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(80)",
                oldMaxLength: 80);

            // Existing cases and their department rows get their queue keys (Case.RefreshQueueKeys keeps them from now on).
            migrationBuilder.Sql("""
                UPDATE "Cases" SET "QueueTier" = CASE WHEN "Status" IN ('Closed', 'Rejected', 'Merged') THEN 2 WHEN "SupervisedUtc" IS NULL THEN 1 ELSE 0 END, "QueueDueUtc" = COALESCE("HandlingDueUtc", TIMESTAMPTZ '9999-12-31 00:00:00+00');
                UPDATE "CaseDepartment" d SET "QueueTier" = c."QueueTier", "QueueDueUtc" = c."QueueDueUtc" FROM "Cases" c WHERE c."Id" = d."CaseId";
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

            migrationBuilder.AlterColumn<string>(
                name: "DivisionPath",
                table: "CaseTallies",
                type: "character varying(80)",
                maxLength: 80,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(80)",
                oldMaxLength: 80,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "DivisionPath",
                table: "AccountabilityRecord",
                type: "character varying(80)",
                maxLength: 80,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(80)",
                oldMaxLength: 80,
                oldCollation: "C");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_LeadDepartmentId_Status_HandlingDueUtc",
                table: "Cases",
                columns: new[] { "LeadDepartmentId", "Status", "HandlingDueUtc" });
        }
    }
}
