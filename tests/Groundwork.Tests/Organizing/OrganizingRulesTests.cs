using Groundwork.Organizing;

namespace Groundwork.Tests.Organizing;

public sealed class OrganizingRulesTests
{
    static readonly DateTime Now = new(2026, 12, 2, 15, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_follow_up_today_or_later_is_fine_and_yesterday_is_in_the_past()
    {
        Assert.Null(ConversationRules.FollowUpProblem(null, Now));
        Assert.Null(ConversationRules.FollowUpProblem(new DateOnly(2026, 12, 2), Now));
        Assert.Null(ConversationRules.FollowUpProblem(new DateOnly(2027, 1, 1), Now));
        Assert.Contains("in the past", ConversationRules.FollowUpProblem(new DateOnly(2026, 12, 1), Now), StringComparison.Ordinal);
    }

    [Fact]
    public void A_conversation_cannot_be_in_the_future()
    {
        Assert.Null(ConversationRules.WhenProblem(Now.AddHours(-3), Now));
        Assert.NotNull(ConversationRules.WhenProblem(Now.AddHours(1), Now));
    }

    [Theory]
    [InlineData(CustomFieldType.Number, "12.5", true)]
    [InlineData(CustomFieldType.Number, "twelve", false)]
    [InlineData(CustomFieldType.Date, "2027-03-01", true)]
    [InlineData(CustomFieldType.Date, "01/03/2027", false)]
    [InlineData(CustomFieldType.YesNo, "yes", true)]
    [InlineData(CustomFieldType.YesNo, "maybe", false)]
    [InlineData(CustomFieldType.Choice, "Nights", true)]
    [InlineData(CustomFieldType.Choice, "Weekends", false)]
    [InlineData(CustomFieldType.Text, "", true)]
    public void A_custom_field_value_must_fit_its_type(CustomFieldType type, string value, bool ok)
    {
        var field = new CustomField { Name = "f", Type = type, Choices = "Days\nNights" };
        Assert.Equal(ok, CustomFieldRules.Check(field, value) is null);
    }

    [Fact]
    public void Channel_values_are_normalized_before_their_lookup_hash()
    {
        Assert.Equal("447700900123", ContactRules.NormalizeChannel(ChannelKind.Phone, "+44 (7700) 900-123"));
        Assert.Equal("rosa@example.test", ContactRules.NormalizeChannel(ChannelKind.Email, " Rosa@Example.TEST "));
    }

    [Fact]
    public void A_scale_keeps_at_least_one_level_in_use_and_names_each_level_once()
    {
        Assert.Null(AssessmentScales.CheckScale(new ScaleInput("Support", [new LevelInput(null, "Yes"), new LevelInput(1, "No", true)])));
        Assert.NotNull(AssessmentScales.CheckScale(new ScaleInput("Support", [new LevelInput(1, "No", true)])));
        Assert.NotNull(AssessmentScales.CheckScale(new ScaleInput("Support", [new LevelInput(1, "A"), new LevelInput(1, "B")])));
        Assert.NotNull(AssessmentScales.CheckScale(new ScaleInput(" ", [new LevelInput(null, "A")])));
    }
}
