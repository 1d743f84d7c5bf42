using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Groundwork.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Decisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Polls",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    Status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Secret = table.Column<bool>(type: "boolean", nullable: false),
                    ShuffleOptions = table.Column<bool>(type: "boolean", nullable: false),
                    HideResultsUntilClose = table.Column<bool>(type: "boolean", nullable: false),
                    AllowVoteChange = table.Column<bool>(type: "boolean", nullable: false),
                    Method = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Seats = table.Column<int>(type: "integer", nullable: false),
                    MaxChoices = table.Column<int>(type: "integer", nullable: true),
                    Points = table.Column<int>(type: "integer", nullable: true),
                    MaxPerOption = table.Column<int>(type: "integer", nullable: true),
                    ScoreMin = table.Column<int>(type: "integer", nullable: false),
                    ScoreMax = table.Column<int>(type: "integer", nullable: false),
                    Target = table.Column<int>(type: "integer", nullable: true),
                    Quorum = table.Column<int>(type: "integer", nullable: true),
                    ThresholdNumerator = table.Column<int>(type: "integer", nullable: false),
                    ThresholdDenominator = table.Column<int>(type: "integer", nullable: false),
                    ThresholdStrict = table.Column<bool>(type: "boolean", nullable: false),
                    Base = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    EligibleUnits = table.Column<string>(type: "character varying(1200)", maxLength: 1200, nullable: false),
                    EligibleRoles = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    OpensUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosesUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReminderHours = table.Column<int>(type: "integer", nullable: false),
                    LotSeed = table.Column<int>(type: "integer", nullable: false),
                    CreatedById = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    OpenedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ResultJson = table.Column<string>(type: "text", nullable: true),
                    EntitledCount = table.Column<int>(type: "integer", nullable: false),
                    BallotCount = table.Column<int>(type: "integer", nullable: false),
                    OpenNotified = table.Column<bool>(type: "boolean", nullable: false),
                    ReminderNotified = table.Column<bool>(type: "boolean", nullable: false),
                    ResultNotified = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Polls", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Polls_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Nominations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PollId = table.Column<int>(type: "integer", nullable: false),
                    NomineeId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    NominatedById = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Statement = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Nominations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Nominations_Polls_PollId",
                        column: x => x.PollId,
                        principalTable: "Polls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PollEntitlements",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PollId = table.Column<int>(type: "integer", nullable: false),
                    PersonId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Weight = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PollEntitlements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PollEntitlements_Polls_PollId",
                        column: x => x.PollId,
                        principalTable: "Polls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PollOptions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PollId = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Label = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PersonId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PollOptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PollOptions_Polls_PollId",
                        column: x => x.PollId,
                        principalTable: "Polls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PublishedBallots",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    PollId = table.Column<int>(type: "integer", nullable: false),
                    Tracker = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Content = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Weight = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublishedBallots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PublishedBallots_Polls_PollId",
                        column: x => x.PollId,
                        principalTable: "Polls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SealedBallots",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    PollId = table.Column<int>(type: "integer", nullable: false),
                    Sealed = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SealedBallots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SealedBallots_Polls_PollId",
                        column: x => x.PollId,
                        principalTable: "Polls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VoterRoll",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    PollId = table.Column<int>(type: "integer", nullable: false),
                    PersonId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VoterRoll", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VoterRoll_Polls_PollId",
                        column: x => x.PollId,
                        principalTable: "Polls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Votes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PollId = table.Column<int>(type: "integer", nullable: false),
                    PersonId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Content = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    Reason = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    Weight = table.Column<long>(type: "bigint", nullable: false),
                    CastUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Latest = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Votes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Votes_Polls_PollId",
                        column: x => x.PollId,
                        principalTable: "Polls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Nominations_PollId_NomineeId",
                table: "Nominations",
                columns: new[] { "PollId", "NomineeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PollEntitlements_PollId_PersonId",
                table: "PollEntitlements",
                columns: new[] { "PollId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PollOptions_PollId_Position",
                table: "PollOptions",
                columns: new[] { "PollId", "Position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Polls_OrganizationId_Status",
                table: "Polls",
                columns: new[] { "OrganizationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Polls_Status_ClosesUtc",
                table: "Polls",
                columns: new[] { "Status", "ClosesUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_PublishedBallots_PollId_Tracker",
                table: "PublishedBallots",
                columns: new[] { "PollId", "Tracker" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SealedBallots_PollId",
                table: "SealedBallots",
                column: "PollId");

            migrationBuilder.CreateIndex(
                name: "IX_VoterRoll_PollId_PersonId",
                table: "VoterRoll",
                columns: new[] { "PollId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Votes_PollId_Latest",
                table: "Votes",
                columns: new[] { "PollId", "Latest" });

            migrationBuilder.CreateIndex(
                name: "IX_Votes_PollId_PersonId",
                table: "Votes",
                columns: new[] { "PollId", "PersonId" },
                unique: true,
                filter: "\"Latest\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Nominations");

            migrationBuilder.DropTable(
                name: "PollEntitlements");

            migrationBuilder.DropTable(
                name: "PollOptions");

            migrationBuilder.DropTable(
                name: "PublishedBallots");

            migrationBuilder.DropTable(
                name: "SealedBallots");

            migrationBuilder.DropTable(
                name: "VoterRoll");

            migrationBuilder.DropTable(
                name: "Votes");

            migrationBuilder.DropTable(
                name: "Polls");
        }
    }
}
