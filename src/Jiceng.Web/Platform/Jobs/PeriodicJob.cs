namespace Jiceng.Web.Platform.Jobs;

/// <summary>
/// A background job that runs one pass every <see cref="Interval"/> while <see cref="Enabled"/>, and outlives a failing
/// pass: the failure is logged and the next pass tries again. Once-only work across nodes is the pass's business (a
/// job lease or a conditional update); tests call the pass directly instead of waiting for the loop.
/// </summary>
public abstract class PeriodicJob : BackgroundService
{
    private readonly SemaphoreSlim _onePass = new(1, 1);

    protected abstract bool Enabled { get; }
    protected abstract TimeSpan Interval { get; }
    /// <summary>The clock the wait between passes uses (the app's TimeProvider, fake in tests).</summary>
    protected abstract TimeProvider Clock { get; }
    protected abstract Task RunPassAsync(CancellationToken cancellationToken);
    protected abstract void PassFailed(Exception exception);

    /// <summary>
    /// Waits until no other pass runs on this node (the loop's and a test's or a page's call of the pass never overlap
    /// here; across nodes the pass's own conditional update decides). Dispose the answer to let the next pass in.
    /// </summary>
    protected async Task<IDisposable> OnePassAtATimeAsync(CancellationToken cancellationToken)
    {
        await _onePass.WaitAsync(cancellationToken);
        return new PassRelease(_onePass);
    }

    private sealed class PassRelease(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release();
        }
    }

    public override void Dispose()
    {
        _onePass.Dispose();
        base.Dispose();
        GC.SuppressFinalize(this);
    }

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunPassAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                PassFailed(ex);
            }
            await Task.Delay(Interval, Clock, stoppingToken);
        }
    }
}
