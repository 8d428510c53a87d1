using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace KnowledgeBase.Serving;

/// <summary>
/// Where <c>kb serve</c> runs the work that may lag behind an edit (metrics, similar incidents, the search index):
/// a task scheduler with one thread per core, each at the lowest CPU priority (Linux nice 19). The edit that
/// follows gets the cores at once instead of sharing them with the previous edit's index run. The parallel loops
/// of those stages schedule on <see cref="TaskScheduler.Current"/> (<see cref="Pipeline.Parallelism.Options"/>),
/// so their work stays on these threads too.
/// </summary>
public sealed class BackgroundLane : TaskScheduler
{
    /// <summary>The process's lane; its threads are background threads and live as long as the process.</summary>
    public static BackgroundLane Shared { get; } = new(Environment.ProcessorCount);

    private const int LowestPriority = 19;
    private readonly BlockingCollection<Task> _queue = new();
    private readonly ThreadLocal<bool> _onLane = new();

    private BackgroundLane(int threads)
    {
        for (var i = 0; i < threads; i++)
        {
            new Thread(Work) { IsBackground = true, Name = "kb background " + i }.Start();
        }
    }

    /// <summary>Whether the lane's threads could be lowered in priority (Linux only; false elsewhere or if refused).</summary>
    public bool Lowered { get; private set; }

    public override int MaximumConcurrencyLevel => Environment.ProcessorCount;

    /// <summary>Runs <paramref name="work"/> on the lane.</summary>
    public Task Run(Action work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.DenyChildAttach, this);

    protected override void QueueTask(Task task) => _queue.Add(task);

    // Only the lane's own threads may run a lane task inline (a parallel loop waiting for its replicas).
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        _onLane.Value && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => _queue.ToArray();

    private void Work()
    {
        _onLane.Value = true;
        if (LowerThisThread()) Lowered = true;
        foreach (var task in _queue.GetConsumingEnumerable()) TryExecuteTask(task);
    }

    private static bool LowerThisThread()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            // On Linux the nice value is per thread: PRIO_PROCESS with a thread id lowers only that thread.
            return SetPriority(0, GetThreadId(), LowestPriority) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static extern int SetPriority(int which, int who, int priority);

    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetThreadId();
}
