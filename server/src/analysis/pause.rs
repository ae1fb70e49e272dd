//! Pause points for background analyses. While the server answers a request
//! (a [`Hold`] is alive), background work such as diagnostics stops at its
//! next pause point and waits, so that the request has the machine to
//! itself: on a large template a whole-template validation otherwise competes
//! with every keystroke's completion for cores, caches and the allocator.
//!
//! Only threads marked with [`mark_background_thread`] ever wait; requests
//! and `awsls check` pass pause points at the cost of a thread-local read.
//! One background job pauses for at most [`MAX_PAUSE`] in all, whatever the
//! holds say, so that a stream of requests delays diagnostics but never
//! stops them.

use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

/// The longest one background job waits at its pause points in all, so that
/// neither a stream of requests nor a hold never released (a request whose
/// answer was lost) can stop background work for long.
pub const MAX_PAUSE: Duration = Duration::from_millis(100);

static HOLDS: AtomicUsize = AtomicUsize::new(0);
static RELEASED: Condvar = Condvar::new();
static LOCK: Mutex<()> = Mutex::new(());

thread_local! {
    static BACKGROUND: Cell<bool> = const { Cell::new(false) };
    /// What the current background job may still wait.
    static BUDGET: Cell<Duration> = const { Cell::new(Duration::ZERO) };
}

/// Makes the calling thread one whose work pauses while holds are alive.
pub fn mark_background_thread() {
    BACKGROUND.with(|b| b.set(true));
}

/// Starts a background job on the calling thread: a new pause budget.
pub fn start_job() {
    BUDGET.with(|b| b.set(MAX_PAUSE));
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
            // Taking the lock orders this release after a waiter's check.
            let _guard = LOCK.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            RELEASED.notify_all();
        }
    }
}

/// A pause point: on a background thread, waits while any hold is alive
/// (within the job's budget); elsewhere returns at once.
pub fn point() {
    if !BACKGROUND.with(Cell::get) || HOLDS.load(Ordering::Acquire) == 0 {
        return;
    }
    let started = Instant::now();
    let deadline = started + BUDGET.with(Cell::get);
    let mut guard = LOCK.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    while HOLDS.load(Ordering::Acquire) > 0 {
        let Some(left) = deadline.checked_duration_since(Instant::now()) else {
            break;
        };
        guard = match RELEASED.wait_timeout(guard, left) {
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
