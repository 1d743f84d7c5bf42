using Groundwork.Organizing;

namespace Groundwork.Organizing.Pages;

/// The contact form of the pages (new and edit): its fields, turned into the ContactInput the page validates and saves.
public sealed class ContactFormModel
{
    public string? Name { get; set; }
    public string? Role { get; set; }
    public string? Employer { get; set; }
    public string? Languages { get; set; }
    public string? Notes { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public int[]? UnitIds { get; set; }
    public int[]? TagIds { get; set; }
    public bool Outside { get; set; }
    public string? IneligibleReason { get; set; }
    public int Version { get; set; }

    public ContactInput ToInput(IEnumerable<ChannelView>? keep = null)
    {
        var channels = (keep ?? []).Where(c => c.Kind is not (ChannelKind.Phone or ChannelKind.Email)).Select(c => new ChannelInput(c.Kind, c.Value)).ToList();
        if (!string.IsNullOrWhiteSpace(Phone)) channels.Add(new ChannelInput(ChannelKind.Phone, Phone));
        if (!string.IsNullOrWhiteSpace(Email)) channels.Add(new ChannelInput(ChannelKind.Email, Email));
        return new ContactInput(Name ?? "", Role, Employer, Languages, Notes, UnitIds, [.. channels], TagIds, null, !Outside, IneligibleReason, null, Version);
    }

    public static ContactFormModel From(ContactView c) => new()
    {
        Name = c.Name, Role = c.Role, Employer = c.Employer, Languages = c.Languages, Notes = c.Notes,
        Phone = c.Channels.FirstOrDefault(x => x.Kind == ChannelKind.Phone)?.Value, Email = c.Channels.FirstOrDefault(x => x.Kind == ChannelKind.Email)?.Value,
        UnitIds = c.UnitIds, TagIds = c.TagIds, Outside = !c.Eligible, IneligibleReason = c.IneligibleReason, Version = c.Version,
    };
}
