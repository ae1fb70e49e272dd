//! Pause points for background analyses. While the server answers a request
//! (a [`Hold`] is alive), background work such as diagnostics stops at its
//! next pause point and waits, so that the request has the machine to
//! itself: on a large template a whole-template validation otherwise competes
//! with every keystroke's completion for cores, caches and the allocator.
//!
//! A job may also ask to stay paused a moment after the last hold ends
//! ([`grace_after_answers`]): the client reads and acts on the answer (an
//! editor parses and draws a completion list), and on a small machine a
//! resumed validation would take the core it needs.
//!
//! Only threads marked with [`mark_background_thread`] ever wait; requests
//! and `awsls check` pass pause points at the cost of a thread-local read.
//! One background job pauses for at most [`MAX_PAUSE`] in all, whatever the
//! holds say, so that a stream of requests delays diagnostics but never
//! stops them.
//!
//! Pause points are also where a superseded job stops: once the condition
//! given to [`supersede_when`] holds (a newer edit arrived, so the job's
//! result would be thrown away), the next pause point unwinds with
//! [`Superseded`], which the job's runner catches.

use std::cell::{Cell, RefCell};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::OnceLock;
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

/// The longest one background job waits at its pause points in all, so that
/// neither a stream of requests nor a hold never released (a request whose
/// answer was lost) can stop background work for long.
pub const MAX_PAUSE: Duration = Duration::from_millis(100);

static HOLDS: AtomicUsize = AtomicUsize::new(0);
/// When the last hold ended, in microseconds since [`epoch`].
static LAST_RELEASE: AtomicU64 = AtomicU64::new(0);
static RELEASED: Condvar = Condvar::new();
static LOCK: Mutex<()> = Mutex::new(());

fn epoch() -> Instant {
    static EPOCH: OnceLock<Instant> = OnceLock::new();
    *EPOCH.get_or_init(Instant::now)
}

/// How long ago the last hold ended (`None`: none has).
fn since_release() -> Option<Duration> {
    let at = LAST_RELEASE.load(Ordering::Acquire);
    (at > 0).then(|| epoch().elapsed().saturating_sub(Duration::from_micros(at)))
}

thread_local! {
    static BACKGROUND: Cell<bool> = const { Cell::new(false) };
    /// What the current background job may still wait.
    static BUDGET: Cell<Duration> = const { Cell::new(Duration::ZERO) };
    /// When the current background job's result would be thrown away.
    static STALE: RefCell<Option<Box<dyn Fn() -> bool>>> = const { RefCell::new(None) };
    /// How long the current job stays paused after the last hold ends.
    static GRACE: Cell<Duration> = const { Cell::new(Duration::ZERO) };
    /// Pause points passed since the staleness was last asked.
    static PASSED: Cell<u32> = const { Cell::new(0) };
}

/// How many pause points pass between two questions to the staleness
/// condition (a point costs nanoseconds; asking costs a little more).
const ASK_EVERY: u32 = 16;

/// What a superseded job unwinds with at a pause point.
#[derive(Debug)]
pub struct Superseded;

/// Makes the calling thread one whose work pauses while holds are alive.
pub fn mark_background_thread() {
    BACKGROUND.with(|b| b.set(true));
}

/// Starts a background job on the calling thread: a new pause budget, and
/// no staleness condition yet.
pub fn start_job() {
    BUDGET.with(|b| b.set(MAX_PAUSE));
    GRACE.with(|g| g.set(Duration::ZERO));
    STALE.with(|s| *s.borrow_mut() = None);
}

/// Makes the current background job stay paused for `grace` after the last
/// hold ends (within its budget).
pub fn grace_after_answers(grace: Duration) {
    GRACE.with(|g| g.set(grace));
}

/// How much longer the job should wait: while holds are alive, or within
/// its grace after the last one ended.
fn wait_left() -> Option<Duration> {
    if HOLDS.load(Ordering::Acquire) > 0 {
        return Some(MAX_PAUSE);
    }
    let grace = GRACE.with(Cell::get);
    let since = since_release()?;
    grace.checked_sub(since).filter(|left| !left.is_zero())
}

/// Makes the current background job stop at a pause point once `stale`
/// returns true. Does nothing on threads that are not background threads.
pub fn supersede_when(stale: impl Fn() -> bool + 'static) {
    if BACKGROUND.with(Cell::get) {
        STALE.with(|s| *s.borrow_mut() = Some(Box::new(stale)));
    }
}

/// Whether the current job's staleness condition holds (asked at every
/// [`ASK_EVERY`]th call).
fn superseded() -> bool {
    let passed = PASSED.with(|p| {
        let n = p.get().wrapping_add(1);
        p.set(n);
        n
    });
    passed.is_multiple_of(ASK_EVERY)
        && STALE.with(|s| s.borrow().as_ref().is_some_and(|stale| stale()))
}

/// While alive, background work waits at its pause points.
#[must_use = "the pause ends when the hold is dropped"]
#[derive(Debug)]
pub struct Hold(());

/// Starts a hold (for a request being answered).
pub fn hold() -> Hold {
    HOLDS.fetch_add(1, Ordering::AcqRel);
    Hold(())
}

impl Drop for Hold {
    fn drop(&mut self) {
        if HOLDS.fetch_sub(1, Ordering::AcqRel) == 1 {
            let now = epoch().elapsed().as_micros().max(1);
            LAST_RELEASE.store(u64::try_from(now).unwrap_or(u64::MAX), Ordering::Release);
            // Taking the lock orders this release after a waiter's check.
            let _guard = LOCK.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            RELEASED.notify_all();
        }
    }
}

/// A pause point: on a background thread, waits while any hold is alive
/// (within the job's budget), and unwinds with [`Superseded`] when the job
/// was superseded; elsewhere returns at once.
pub fn point() {
    if !BACKGROUND.with(Cell::get) {
        return;
    }
    if superseded() {
        std::panic::resume_unwind(Box::new(Superseded));
    }
    if wait_left().is_none() {
        return;
    }
    let started = Instant::now();
    let deadline = started + BUDGET.with(Cell::get);
    let mut guard = LOCK.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    while let Some(wait) = wait_left() {
        let Some(left) = deadline.checked_duration_since(Instant::now()) else {
            break;
        };
        guard = match RELEASED.wait_timeout(guard, wait.min(left)) {
            Ok((guard, _)) => guard,
            Err(poisoned) => poisoned.into_inner().0,
        };
    }
    let waited = started.elapsed();
    BUDGET.with(|b| b.set(b.get().saturating_sub(waited)));
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;
    use std::thread;

    use super::*;

    #[test]
    fn background_work_waits_for_holds_and_requests_do_not() {
        // Not a background thread: passes at once, hold or not.
        let held = hold();
        let started = Instant::now();
        point();
        assert!(started.elapsed() < MAX_PAUSE);

        let (done, finished) = mpsc::channel();
        let worker = thread::spawn(move || {
            mark_background_thread();
            start_job();
            point();
            let _ = done.send(Instant::now());
        });
        thread::sleep(Duration::from_millis(20));
        assert!(finished.try_recv().is_err(), "passed while held");
        let released = Instant::now();
        drop(held);
        let passed = finished.recv().expect("worker finished");
        assert!(passed >= released);
        assert!(worker.join().is_ok());
    }

    #[test]
    fn a_job_with_grace_waits_a_moment_after_the_last_hold() {
        let grace = Duration::from_millis(30);
        let held = hold();
        let (done, finished) = mpsc::channel();
        let worker = thread::spawn(move || {
            mark_background_thread();
            start_job();
            grace_after_answers(grace);
            point();
            let _ = done.send(Instant::now());
        });
        thread::sleep(Duration::from_millis(10));
        let released = Instant::now();
        drop(held);
        let passed = finished.recv().expect("worker finished");
        assert!(passed >= released + grace, "{:?}", passed - released);
        assert!(worker.join().is_ok());
    }

    #[test]
    fn a_superseded_job_stops_at_a_pause_point() {
        let outcome = thread::spawn(|| {
            mark_background_thread();
            start_job();
            let stale = std::rc::Rc::new(Cell::new(false));
            let flag = stale.clone();
            supersede_when(move || flag.get());
            let mut points = 0;
            let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                for _ in 0..1000 {
                    if points == 100 {
                        stale.set(true);
                    }
                    point();
                    points += 1;
                }
            }));
            let superseded = run.err().is_some_and(|p| p.is::<Superseded>());
            // A new job starts without the old condition.
            start_job();
            point();
            (superseded, points)
        })
        .join()
        .expect("worker finished");
        assert!(outcome.0, "the job was not stopped");
        assert!(
            (100..100 + ASK_EVERY as usize).contains(&outcome.1),
            "{}",
            outcome.1
        );
        // Not a background thread: never stops.
        supersede_when(|| true);
        for _ in 0..100 {
            point();
        }
    }

    #[test]
    fn a_job_pauses_for_a_bounded_time_in_all() {
        let held = hold();
        let waited = thread::spawn(|| {
            mark_background_thread();
            start_job();
            let started = Instant::now();
            for _ in 0..10 {
                point();
            }
            let first_job = started.elapsed();
            // The next job has a budget of its own.
            start_job();
            let started = Instant::now();
            point();
            (first_job, started.elapsed())
        })
        .join()
        .expect("worker finished");
        for waited in [waited.0, waited.1] {
            assert!(waited >= MAX_PAUSE && waited < MAX_PAUSE * 3, "{waited:?}");
        }
        drop(held);
    }
}
