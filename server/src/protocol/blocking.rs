//! Runs analysis work off the async runtime, turning a panic into an error
//! instead of a dead server: requests on tokio's blocking pool, background
//! work (diagnostics) on one thread of lower scheduling priority whose
//! analyses pause while requests are answered (`analysis::pause`), so that a
//! request arriving while a large template is validated has the machine.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc;
use std::sync::{Mutex, OnceLock};

use tower_lsp_server::jsonrpc;

use crate::analysis::pause;

/// Runs `work` on a blocking thread. A panic inside it is logged to stderr and
/// becomes an `InternalError` response.
pub async fn run<T, F>(what: &'static str, work: F) -> jsonrpc::Result<T>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    let joined = tokio::task::spawn_blocking(move || catch_unwind(AssertUnwindSafe(work))).await;
    settle(what, joined.map_err(|error| error.to_string()))
}

/// The answer for work that ran (`Ok`, its value or its panic) or did not
/// complete (`Err`, why): a panic or a lost task is logged and becomes an
/// `InternalError`.
fn settle<T>(what: &str, done: Result<std::thread::Result<T>, String>) -> jsonrpc::Result<T> {
    match done {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(panic)) => {
            let message = panic_message(&panic);
            eprintln!("awsls: internal error in {what}: {message}");
            Err(internal_error(format!(
                "awsls: internal error in {what}: {message}"
            )))
        }
        Err(error) => {
            eprintln!("awsls: {what} did not complete: {error}");
            Err(internal_error(format!("awsls: {what} did not complete")))
        }
    }
}

/// A unit of background work.
type Job = Box<dyn FnOnce() + Send>;

/// How much lower than requests background work runs (a `nice` increment).
#[cfg(target_os = "linux")]
const BACKGROUND_NICENESS: libc::c_int = 10;

/// Runs `work` on the background thread, after the background work queued
/// before it: its value, or `None` when the work was superseded (see
/// `analysis::pause::supersede_when`). A panic inside it is logged and
/// becomes an `InternalError`.
pub async fn run_in_background<T, F>(what: &'static str, work: F) -> jsonrpc::Result<Option<T>>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    let (send, receive) = tokio::sync::oneshot::channel();
    let job: Job = Box::new(move || {
        let outcome = match catch_unwind(AssertUnwindSafe(work)) {
            Ok(value) => Ok(Some(value)),
            Err(payload) if payload.is::<pause::Superseded>() => Ok(None),
            Err(panic) => Err(panic),
        };
        let _ = send.send(outcome);
    });
    let refused = match background().lock() {
        Ok(queue) => queue.send(job).err().map(|refused| refused.0),
        Err(_) => Some(job),
    };
    if let Some(job) = refused {
        // The background thread could not be started: use the blocking pool.
        tokio::task::spawn_blocking(job);
    }
    settle(what, receive.await.map_err(|error| error.to_string()))
}

/// The queue of the background thread, started on first use.
fn background() -> &'static Mutex<mpsc::Sender<Job>> {
    static QUEUE: OnceLock<Mutex<mpsc::Sender<Job>>> = OnceLock::new();
    QUEUE.get_or_init(|| {
        let (send, receive) = mpsc::channel::<Job>();
        let started = std::thread::Builder::new()
            .name("awsls-background".into())
            .spawn(move || {
                lower_priority();
                pause::mark_background_thread();
                while let Ok(job) = receive.recv() {
                    pause::start_job();
                    job();
                }
            });
        if let Err(error) = started {
            eprintln!("awsls: cannot start the background thread: {error}");
        }
        Mutex::new(send)
    })
}

/// Lowers the calling thread's scheduling priority (Linux schedules threads
/// individually; elsewhere the priority is left alone).
fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: `setpriority` with `PRIO_PROCESS` and id 0 changes only the
    // calling thread's nice value on Linux; failure is harmless.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, BACKGROUND_NICENESS);
    }
}

pub fn internal_error(message: String) -> jsonrpc::Error {
    jsonrpc::Error {
        code: jsonrpc::ErrorCode::InternalError,
        message: message.into(),
        data: None,
    }
}

pub fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block_on<T>(future: impl std::future::Future<Output = T>) -> T {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("runtime");
        runtime.block_on(future)
    }

    #[test]
    fn background_work_answers_or_reports_superseded_or_panicked() {
        let value = block_on(run_in_background("test", || {
            pause::point();
            7
        }));
        assert_eq!(value.ok(), Some(Some(7)));
        let superseded = block_on(run_in_background("test", || {
            pause::supersede_when(|| true);
            for _ in 0..1000 {
                pause::point();
            }
            7
        }));
        assert_eq!(superseded.ok(), Some(None));
        // The next job starts afresh.
        let after = block_on(run_in_background("test", || {
            for _ in 0..1000 {
                pause::point();
            }
            8
        }));
        assert_eq!(after.ok(), Some(Some(8)));
        let panicked = block_on(run_in_background("test", || -> i32 {
            panic!("boom");
        }));
        assert!(panicked.is_err());
    }
}
