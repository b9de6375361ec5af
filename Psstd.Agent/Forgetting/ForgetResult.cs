namespace Psstd.Agent.Forgetting;

/// <param name="Message">One line for the operator, saying what happened or what to do instead.</param>
internal sealed record ForgetResult(ForgetOutcome Outcome, string Message);
