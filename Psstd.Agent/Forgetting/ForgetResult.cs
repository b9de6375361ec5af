namespace Psstd.Agent.Forgetting;

/// <param name="Message">One line for the operator, saying what happened or what to do instead.</param>
public sealed record ForgetResult(ForgetOutcome Outcome, string Message);
