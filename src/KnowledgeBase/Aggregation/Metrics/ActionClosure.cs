using KnowledgeBase.Model;

namespace KnowledgeBase.Aggregation.Metrics;

/// <summary>
/// How the follow-up work of a set of incidents is going, as of the build's reference date.
/// <list type="bullet">
/// <item><see cref="ClosureRate"/> = done ÷ (all − wont-do): won't-do actions were decided against, not forgotten.</item>
/// <item><see cref="PastDueDoneRate"/> = done ÷ (actions whose due date is before the reference date, wont-do left out).
/// The format records no completion date, so whether an action was closed <em>before</em> its deadline cannot be
/// known; this share is what can be known — of the work that should be finished by now, how much is — and it is
/// an upper bound on on-time closure. Its complement is the overdue work: every past-due action that is not done
/// is open or in progress, i.e. overdue.</item>
/// <item><see cref="OverdueShare"/> = overdue ÷ (all − wont-do).</item>
/// </list>
/// </summary>
public sealed record ActionClosure(int Total, int Open, int InProgress, int Done, int WontDo, int Overdue, int PastDue, int PastDueDone)
{
    public int Countable => Total - WontDo;

    public double? ClosureRate => Countable == 0 ? null : (double)Done / Countable;

    public double? PastDueDoneRate => PastDue == 0 ? null : (double)PastDueDone / PastDue;

    public double? OverdueShare => Countable == 0 ? null : (double)Overdue / Countable;

    public static ActionClosure Of(IEnumerable<ActionItem> actions, DateOnly asOf)
    {
        int total = 0, open = 0, inProgress = 0, done = 0, wontDo = 0, overdue = 0, pastDue = 0, pastDueDone = 0;
        foreach (var a in actions)
        {
            total++;
            switch (a.Status)
            {
                case ActionStatus.Open: open++; break;
                case ActionStatus.InProgress: inProgress++; break;
                case ActionStatus.Done: done++; break;
                case ActionStatus.WontDo: wontDo++; break;
            }
            if (a.IsOverdue(asOf)) overdue++;
            if (a.Status != ActionStatus.WontDo && a.Due < asOf)
            {
                pastDue++;
                if (a.Status == ActionStatus.Done) pastDueDone++;
            }
        }
        return new ActionClosure(total, open, inProgress, done, wontDo, overdue, pastDue, pastDueDone);
    }
}
