//! Lambda runtime lifecycle dates (deprecation, create block, update block), from cfn-lint.

use std::sync::OnceLock;

use serde::Deserialize;

use super::blob;

static DATA: &[u8] = include_bytes!("../../data/lambda-runtimes.json.z");

/// Lifecycle of one runtime identifier. Dates are ISO `YYYY-MM-DD`.
#[derive(Debug, Deserialize)]
pub struct RuntimeLifecycle {
    pub name: Box<str>,
    pub deprecated: Option<Box<str>>,
    /// From this date new functions can no longer use the runtime.
    pub block_create: Option<Box<str>>,
    /// From this date existing functions can no longer be updated.
    pub block_update: Option<Box<str>>,
    /// The recommended replacement runtime.
    pub successor: Option<Box<str>>,
}

fn on_or_after(date: Option<&str>, today: &str) -> bool {
    date.is_some_and(|d| d <= today)
}

impl RuntimeLifecycle {
    /// True when the runtime is deprecated on `today` (`YYYY-MM-DD`).
    pub fn is_deprecated_on(&self, today: &str) -> bool {
        on_or_after(self.deprecated.as_deref(), today)
    }

    pub fn is_create_blocked_on(&self, today: &str) -> bool {
        on_or_after(self.block_create.as_deref(), today)
    }

    pub fn is_update_blocked_on(&self, today: &str) -> bool {
        on_or_after(self.block_update.as_deref(), today)
    }
}

/// All runtimes, sorted by name.
pub fn runtimes() -> &'static [RuntimeLifecycle] {
    static RUNTIMES: OnceLock<Vec<RuntimeLifecycle>> = OnceLock::new();
    RUNTIMES.get_or_init(|| blob::decode_json(DATA).unwrap_or_default())
}

/// The lifecycle of a runtime identifier such as `python3.12` (exact match).
pub fn lookup(name: &str) -> Option<&'static RuntimeLifecycle> {
    let all = runtimes();
    all.binary_search_by(|r| (*r.name).cmp(name))
        .ok()
        .and_then(|i| all.get(i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python27_is_deprecated_and_blocked() {
        let py = lookup("python2.7").expect("python2.7");
        assert!(py.is_deprecated_on("2026-01-01"));
        assert!(py.is_create_blocked_on("2026-01-01"));
        assert!(!py.is_deprecated_on("2000-01-01"));
        assert!(py.successor.is_some());
    }

    #[test]
    fn lists_current_runtimes() {
        assert!(runtimes().len() > 20);
        assert!(runtimes().windows(2).all(|w| w[0].name < w[1].name));
        assert!(lookup("python3.12").is_some());
        assert!(lookup("cobol1").is_none());
    }
}
