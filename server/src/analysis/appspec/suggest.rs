//! "Did you mean" suggestions: the closest known name to a misspelt one.

/// The candidate closest to `word`, when it is close enough to be a likely
/// typo (see [`crate::analysis::suggest::closest`]).
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    crate::analysis::suggest::closest(word, candidates.iter().copied())
}

/// " Did you mean `x`?" or nothing.
pub fn did_you_mean(suggestion: Option<&str>) -> String {
    suggestion
        .map(|s| format!(" Did you mean `{s}`?"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_typos_and_case() {
        let keys = ["location", "timeout", "runas"];
        assert_eq!(closest("locaton", &keys), Some("location"));
        assert_eq!(closest("Timeout", &keys), Some("timeout"));
        assert_eq!(closest("run_as", &keys), Some("runas"));
        assert_eq!(closest("script", &keys), None);
    }

    #[test]
    fn swaps_count_once() {
        assert_eq!(
            closest("BeforeIntsall", &["BeforeInstall", "AfterInstall"]),
            Some("BeforeInstall")
        );
    }
}
