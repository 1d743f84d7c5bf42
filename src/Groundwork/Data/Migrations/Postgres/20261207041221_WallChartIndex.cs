using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Groundwork.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class WallChartIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Contacts_OrganizationId_ImportJobId_Eligible_IsLeader",
                table: "Contacts",
                columns: new[] { "OrganizationId", "ImportJobId", "Eligible", "IsLeader" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Contacts_OrganizationId_ImportJobId_Eligible_IsLeader",
                table: "Contacts");
        }
    }
}
