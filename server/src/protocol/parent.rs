//! Watching the client process named by `processId` in `initialize`: when it
//! is gone, the session ends, so a server whose editor crashed does not linger.

use std::sync::Arc;
use std::time::Duration;

use super::transport::{End, Lifecycle};

/// How often the client process is looked for.
const POLL: Duration = Duration::from_secs(1);

/// Ends `lifecycle` once process `pid` no longer exists (checked every
/// second). Does nothing where processes cannot be looked up.
pub fn watch(pid: u32, lifecycle: Arc<Lifecycle>) {
    if !alive(pid).unwrap_or(false) {
        // A pid that never existed here (a client in a container or on
        // another host) is not watched.
        return;
    }
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(POLL).await;
            if alive(pid) == Some(false) {
                lifecycle.end(End::ParentGone);
                return;
            }
        }
    });
}

/// Whether process `pid` exists; `None` when this platform cannot tell.
#[cfg(unix)]
fn alive(pid: u32) -> Option<bool> {
    let pid = libc::pid_t::try_from(pid).ok()?;
    if pid <= 0 {
        return None;
    }
    // SAFETY: signal 0 only checks that the process exists and may be
    // signalled; nothing is sent.
    let result = unsafe { libc::kill(pid, 0) };
    if result == 0 {
        return Some(true);
    }
    match std::io::Error::last_os_error().raw_os_error() {
        Some(libc::ESRCH) => Some(false),
        // EPERM: it exists but belongs to someone else.
        _ => Some(true),
    }
}

#[cfg(not(unix))]
fn alive(_pid: u32) -> Option<bool> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn this_process_is_alive_and_a_reaped_child_is_not() {
        assert_eq!(alive(std::process::id()), Some(true));
        let mut child = std::process::Command::new("true")
            .spawn()
            .expect("spawn true");
        let pid = child.id();
        let _ = child.wait();
        assert_eq!(alive(pid), Some(false));
    }
}
