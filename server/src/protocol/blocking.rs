//! Runs analysis work on tokio's blocking pool, turning a panic into an error
//! instead of a dead server.

use std::panic::{catch_unwind, AssertUnwindSafe};

use tower_lsp_server::jsonrpc;

/// Runs `work` on a blocking thread. A panic inside it is logged to stderr and
/// becomes an `InternalError` response.
pub async fn run<T, F>(what: &'static str, work: F) -> jsonrpc::Result<T>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    let joined = tokio::task::spawn_blocking(move || catch_unwind(AssertUnwindSafe(work))).await;
    match joined {
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
