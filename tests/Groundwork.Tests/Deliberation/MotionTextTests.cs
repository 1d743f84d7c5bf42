using Groundwork.Deliberation;

namespace Groundwork.Tests.Deliberation;

public sealed class MotionTextTests
{
    static List<Paragraph> Text(params string[] ps) => MotionText.Number(ps);

    static Amendment A(AmendmentKind kind, int key, int revision, string text = "") =>
        new() { Kind = kind, ParagraphKey = key, ParagraphRevision = revision, NewText = text, OriginalText = "", ProposerId = "p" };

    [Fact]
    public void Paragraphs_are_split_on_blank_lines_and_trimmed()
    {
        Assert.Equal(["One\nstill one", "Two", "Three"], MotionText.Split("  One\r\nstill one\r\n\r\n\r\nTwo\n \t\nThree  \n\n"));
    }

    [Fact]
    public void A_replacement_changes_the_paragraph_and_bumps_its_revision()
    {
        var after = MotionText.Apply(Text("a", "b"), A(AmendmentKind.Replace, 2, 1, "B"));
        Assert.Equal(["a", "B"], after.Value!.Select(p => p.Text));
        Assert.Equal(2, after.Value![1].Revision);
        Assert.Equal(2, after.Value![1].Key);
    }

    [Fact]
    public void An_amendment_drafted_against_an_older_revision_does_not_apply()
    {
        var once = MotionText.Apply(Text("a", "b"), A(AmendmentKind.Replace, 2, 1, "B")).Value!;
        Assert.False(MotionText.Apply(once, A(AmendmentKind.Replace, 2, 1, "C")).Ok);
        Assert.False(MotionText.Apply(once, A(AmendmentKind.Delete, 2, 1)).Ok);
        // Another paragraph is untouched, so an amendment to it still applies.
        Assert.True(MotionText.Apply(once, A(AmendmentKind.Replace, 1, 1, "A")).Ok);
    }

    [Fact]
    public void Insertions_get_a_new_key_and_keep_working_after_earlier_changes()
    {
        var t = MotionText.Apply(Text("a", "b"), A(AmendmentKind.InsertAfter, 0, 0, "first")).Value!;
        Assert.Equal(["first", "a", "b"], t.Select(p => p.Text));
        Assert.Equal(3, t[0].Key);
        t = MotionText.Apply(t, A(AmendmentKind.InsertAfter, 1, 1, "after a")).Value!;
        Assert.Equal(["first", "a", "after a", "b"], t.Select(p => p.Text));
        t = MotionText.Apply(t, A(AmendmentKind.Delete, 1, 1)).Value!;
        Assert.Equal(["first", "after a", "b"], t.Select(p => p.Text));
        Assert.False(MotionText.Apply(t, A(AmendmentKind.InsertAfter, 1, 1, "x")).Ok); // its anchor is gone
    }

    [Fact]
    public void The_last_paragraph_cannot_be_deleted()
    {
        Assert.False(MotionText.Apply(Text("only"), A(AmendmentKind.Delete, 1, 1)).Ok);
    }

    [Fact]
    public void The_diff_marks_removed_and_added_words_and_reads_back_as_both_texts()
    {
        var diff = MotionText.Diff("We strike on Monday at dawn.", "We strike on Tuesday at dawn.");
        Assert.Equal("We strike on Monday at dawn.", string.Concat(diff.Where(s => s.Change != MotionText.Change.Added).Select(s => s.Text)));
        Assert.Equal("We strike on Tuesday at dawn.", string.Concat(diff.Where(s => s.Change != MotionText.Change.Removed).Select(s => s.Text)));
        Assert.Equal("Monday ", diff.Single(s => s.Change == MotionText.Change.Removed).Text);
        Assert.Equal("Tuesday ", diff.Single(s => s.Change == MotionText.Change.Added).Text);
    }

    [Fact]
    public void The_diff_of_an_insertion_is_all_added()
    {
        Assert.Equal([new MotionText.Segment(MotionText.Change.Added, "New words")], MotionText.Diff("", "New words"));
    }
}
