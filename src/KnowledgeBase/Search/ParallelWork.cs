using System.Runtime.ExceptionServices;

namespace KnowledgeBase.Search;

/// <summary>
/// Parallel loops and background work that never wait for the thread pool to get round to them. The index is
/// built side by side with the pages, whose loops keep the pool's queue full of their own work; <c>Parallel.For</c>
/// then finishes the range on the calling thread and waits, seconds at times, for a helper task that has not even
/// started. Here the calling thread does whatever no helper has claimed, and waits only for items in progress.
/// </summary>
internal static class ParallelWork
{
    /// <summary>Runs <paramref name="body"/> for 0 … count − 1 on the calling thread and up to one helper per other core.</summary>
    public static void For(int count, Action<int> body) => For(count, () => 0, (i, _) => body(i));

    /// <summary>As <see cref="For(int, Action{int})"/>, each thread with its own <paramref name="local"/> state.</summary>
    public static void For<TLocal>(int count, Func<TLocal> local, Action<int, TLocal> body)
    {
        if (count <= 0) return;
        var next = -1;
        var pending = count;
        var done = new ManualResetEventSlim(false);
        ExceptionDispatchInfo? error = null;

        void Work()
        {
            if (Volatile.Read(ref next) >= count - 1) return; // a late helper: nothing left to claim
            var state = local();
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                try
                {
                    body(i, state);
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref error, ExceptionDispatchInfo.Capture(e), null);
                }

                if (Interlocked.Decrement(ref pending) == 0) done.Set();
            }
        }

        var helpers = Math.Min(Environment.ProcessorCount, count) - 1;
        for (var h = 0; h < helpers; h++) Queue(Work);
        Work();
        done.Wait();
        error?.Throw();
    }

    /// <summary>Starts <paramref name="action"/> on the pool; <see cref="Background.Join"/> runs it inline if no pool thread has begun it.</summary>
    public static Background Start(Action action)
    {
        var work = new Background(action);
        Queue(work.TryRun);
        return work;
    }

    /// <summary>
    /// On the thread pool, or on the scheduler the caller runs on when that is another one: kb serve builds the index
    /// on its low-priority lane (Serving/BackgroundLane), and the helpers must stay there too.
    /// </summary>
    private static void Queue(Action work)
    {
        var scheduler = TaskScheduler.Current;
        if (ReferenceEquals(scheduler, TaskScheduler.Default)) ThreadPool.UnsafeQueueUserWorkItem(_ => work(), null);
        else Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.DenyChildAttach, scheduler);
    }

    internal sealed class Background(Action action)
    {
        private readonly ManualResetEventSlim done = new(false);
        private int started;
        private ExceptionDispatchInfo? error;

        internal void TryRun()
        {
            if (Interlocked.Exchange(ref started, 1) != 0) return;
            try
            {
                action();
            }
            catch (Exception e)
            {
                error = ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                done.Set();
            }
        }

        /// <summary>Waits for the work (doing it here if it has not started) and rethrows its exception.</summary>
        public void Join()
        {
            TryRun();
            done.Wait();
            error?.Throw();
        }
    }
}
