namespace KnowledgeBase.Aggregation.Metrics;

/// <summary>
/// Percentiles by linear interpolation between closest ranks (the method of Excel's PERCENTILE.INC, NumPy's
/// default and R's type 7). For n sorted values x[0] ≤ … ≤ x[n−1] and a fraction p in [0, 1], let
/// h = (n − 1)·p; the percentile is x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). The median (p = 0.5) is then the
/// middle value, or the mean of the two middle values when n is even; p90 (p = 0.9) of 10 values lies
/// 10 % of the way from the 9th to the 10th smallest.
/// </summary>
public static class Percentile
{
    public const double Median = 0.5;
    public const double P90 = 0.9;

    /// <param name="sorted">Values in ascending order; must not be empty.</param>
    /// <param name="p">The fraction, 0 ≤ p ≤ 1 (0.5 for the median, 0.9 for p90).</param>
    public static double Of(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0) throw new ArgumentException("no values", nameof(sorted));
        if (p is < 0 or > 1 || double.IsNaN(p)) throw new ArgumentOutOfRangeException(nameof(p));
        var h = (sorted.Count - 1) * p;
        var lower = (int)Math.Floor(h);
        if (lower >= sorted.Count - 1) return sorted[^1];
        return sorted[lower] + (h - lower) * (sorted[lower + 1] - sorted[lower]);
    }
}
