using System.Globalization;

namespace KnowledgeBase.Aggregation.Metrics;

/// <summary>A calendar month or quarter, identified by its first month; ordered chronologically.</summary>
public readonly record struct Period(int Year, int Month, bool IsQuarter) : IComparable<Period>
{
    public static Period MonthOf(DateOnly date) => new(date.Year, date.Month, false);

    public static Period QuarterOf(DateOnly date) => new(date.Year, (date.Month - 1) / 3 * 3 + 1, true);

    public int Quarter => (Month - 1) / 3 + 1;

    /// <summary><c>2024-03</c> for a month, <c>2024-Q1</c> for a quarter.</summary>
    public string Key => IsQuarter
        ? Year.ToString("0000", CultureInfo.InvariantCulture) + "-Q" + Quarter.ToString(CultureInfo.InvariantCulture)
        : Year.ToString("0000", CultureInfo.InvariantCulture) + "-" + Month.ToString("00", CultureInfo.InvariantCulture);

    public Period Next() => IsQuarter
        ? (Month >= 10 ? new(Year + 1, 1, true) : new(Year, Month + 3, true))
        : (Month == 12 ? new(Year + 1, 1, false) : new(Year, Month + 1, false));

    public int CompareTo(Period other) => (Year, Month).CompareTo((other.Year, other.Month));

    /// <summary>Every period from <paramref name="first"/> to <paramref name="last"/> inclusive, gaps included.</summary>
    public static IReadOnlyList<Period> Range(Period first, Period last)
    {
        var result = new List<Period>();
        for (var p = first; p.CompareTo(last) <= 0; p = p.Next()) result.Add(p);
        return result;
    }

    public override string ToString() => Key;
}
