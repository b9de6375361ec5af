namespace Psstd.Agent.Forgetting;

/// <summary>What an operator's forget came to.</summary>
internal enum ForgetOutcome
{
    /// <summary>The tombstone is held here and on its way to every peer.</summary>
    Forgotten,

    /// <summary>No node of that name or id is known here.</summary>
    NotFound,

    /// <summary>The name is this node's own: a running agent cannot forget itself.</summary>
    Self,

    /// <summary>Several nodes carry the name; the operator must name one by id.</summary>
    Ambiguous,
}
