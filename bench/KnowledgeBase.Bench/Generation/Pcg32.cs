using System.Numerics;

namespace KnowledgeBase.Bench.Generation;

/// <summary>
/// PCG32 (XSH-RR variant, O'Neill 2014): a small, fast, well-specified PRNG. We use our own instead
/// of <see cref="System.Random"/> because the framework does not promise that Random's sequence
/// stays the same across .NET versions, and the corpus must be byte-identical for the same seed
/// forever. Only integer arithmetic is used anywhere in generation (no doubles, no Math.Exp), so
/// results cannot differ between CPUs or libm versions either.
/// </summary>
public sealed class Pcg32
{
    private const ulong Multiplier = 6364136223846793005UL;
    private ulong _state;
    private readonly ulong _increment;

    public Pcg32(ulong seed, ulong stream)
    {
        _increment = (stream << 1) | 1UL;
        _state = 0;
        NextUInt();
        _state = unchecked(_state + seed);
        NextUInt();
    }

    /// <summary>An independent generator for one purpose of one document, so documents can be
    /// generated in parallel and in any order with the same result.</summary>
    public static Pcg32 For(ulong seed, int index, int purpose)
    {
        var mixed = SplitMix64(seed ^ SplitMix64(unchecked(((ulong)(uint)index << 8) | (uint)purpose)));
        return new Pcg32(mixed, unchecked((ulong)(uint)index * 16 + (uint)purpose));
    }

    public static ulong SplitMix64(ulong x)
    {
        unchecked
        {
            x += 0x9E3779B97F4A7C15UL;
            x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
            x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
            return x ^ (x >> 31);
        }
    }

    public uint NextUInt()
    {
        unchecked
        {
            var old = _state;
            _state = old * Multiplier + _increment;
            var xorShifted = (uint)(((old >> 18) ^ old) >> 27);
            var rotation = (int)(old >> 59);
            return BitOperations.RotateRight(xorShifted, rotation);
        }
    }

    /// <summary>Uniform integer in [0, maxExclusive), without modulo bias (Lemire's method).</summary>
    public int Next(int maxExclusive)
    {
        if (maxExclusive <= 0) throw new ArgumentOutOfRangeException(nameof(maxExclusive));
        var bound = (uint)maxExclusive;
        var product = (ulong)NextUInt() * bound;
        var low = (uint)product;
        if (low < bound)
        {
            var threshold = unchecked(0u - bound) % bound;
            while (low < threshold)
            {
                product = (ulong)NextUInt() * bound;
                low = (uint)product;
            }
        }
        return (int)(product >> 32);
    }

    /// <summary>Uniform integer in [min, maxInclusive].</summary>
    public int Between(int min, int maxInclusive) => min + Next(maxInclusive - min + 1);

    /// <summary>True with probability perMille / 1000.</summary>
    public bool Chance(int perMille) => Next(1000) < perMille;

    /// <summary>Index in [0, n) skewed towards 0 (minimum of two uniform draws): a few items are
    /// common, the long tail is rare — like tags and services in a real knowledge base.</summary>
    public int Skewed(int n) => Math.Min(Next(n), Next(n));

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>Index chosen by integer weights.</summary>
    public int Weighted(ReadOnlySpan<int> weights)
    {
        var total = 0;
        foreach (var w in weights) total += w;
        var roll = Next(total);
        for (var i = 0; i < weights.Length; i++)
        {
            if (roll < weights[i]) return i;
            roll -= weights[i];
        }
        return weights.Length - 1;
    }
}
