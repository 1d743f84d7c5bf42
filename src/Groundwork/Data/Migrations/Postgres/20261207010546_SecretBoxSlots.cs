using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Groundwork.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SecretBoxSlots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "SealedBallots")
                .Annotation("Npgsql:StorageParameter:fillfactor", 20);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "SealedBallots")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 20);
        }
    }
}
