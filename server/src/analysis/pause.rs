//! Pause points for background analyses. While the server answers a request
//! (a [`Hold`] is alive), background work such as diagnostics stops at its
//! next pause point and waits, so that the request has the machine to
//! itself: on a large template a whole-template validation otherwise competes
//! with every keystroke's completion for cores, caches and the allocator.
//!
//! Only threads marked with [`mark_background_thread`] ever wait; requests
//! and `awsls check` pass pause points at the cost of a thread-local read.
//! A pause lasts at most [`MAX_PAUSE`], whatever the holds say.

use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

/// The longest one pause point waits, so that a hold never released (a
/// request whose answer was lost) cannot stop background work for long.
pub const MAX_PAUSE: Duration = Duration::from_millis(100);

static HOLDS: AtomicUsize = AtomicUsize::new(0);
static RELEASED: Condvar = Condvar::new();
static LOCK: Mutex<()> = Mutex::new(());

thread_local! {
    static BACKGROUND: Cell<bool> = const { Cell::new(false) };
}

/// Makes the calling thread one whose work pauses while holds are alive.
pub fn mark_background_thread() {
    BACKGROUND.with(|b| b.set(true));
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

/// A pause point: on a background thread, waits while any hold is alive (at
/// most [`MAX_PAUSE`]); elsewhere returns at once.
pub fn point() {
    if !BACKGROUND.with(Cell::get) || HOLDS.load(Ordering::Acquire) == 0 {
        return;
    }
    let deadline = Instant::now() + MAX_PAUSE;
    let mut guard = LOCK.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    while HOLDS.load(Ordering::Acquire) > 0 {
        let Some(left) = deadline.checked_duration_since(Instant::now()) else {
            return;
        };
        guard = match RELEASED.wait_timeout(guard, left) {
            Ok((guard, _)) => guard,
            Err(poisoned) => poisoned.into_inner().0,
        };
    }
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
    fn a_hold_never_released_stops_work_for_a_bounded_time() {
        let held = hold();
        let waited = thread::spawn(|| {
            mark_background_thread();
            let started = Instant::now();
            point();
            started.elapsed()
        })
        .join()
        .expect("worker finished");
        assert!(waited >= MAX_PAUSE && waited < MAX_PAUSE * 5, "{waited:?}");
        drop(held);
    }
}
