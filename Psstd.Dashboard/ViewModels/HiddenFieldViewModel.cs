namespace Psstd.Dashboard.ViewModels;

/// <summary>A query parameter the controls form carries unchanged (a pin, the sort), so submitting it keeps them.</summary>
public sealed record HiddenFieldViewModel(string Name, string Value);
