//! Lambda runtime lifecycle checks: deprecated runtimes (warning) and
//! runtimes that can no longer be used to create functions (error).

use crate::analysis::rules::Rule;
use std::time::{SystemTime, UNIX_EPOCH};

use awsls_grammars::{NodeId, NodeKind, ScalarKind};

use crate::analysis::{Finding, Fix, Snapshot};
use crate::schema::lambda_runtimes;

use super::edits;

/// Resource types whose `Runtime` property names a Lambda runtime.
pub(super) const FUNCTION_TYPES: &[&str] = &["AWS::Lambda::Function", "AWS::Serverless::Function"];

/// Today's UTC date as `YYYY-MM-DD`, from the system clock.
pub fn today() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    civil_date(secs / 86_400)
}

/// The proleptic Gregorian date of a day count since 1970-01-01.
pub(super) fn civil_date(days: u64) -> String {
    // Shift the epoch to 0000-03-01 so leap days fall at the end of a year.
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// Checks the runtime written at `node` (a plain string) against its lifecycle on `today`.
pub(super) fn check(snapshot: &Snapshot, node: NodeId, today: &str, findings: &mut Vec<Finding>) {
    let doc = &snapshot.document;
    let id = doc.resolve(node);
    let n = doc.node(id);
    let NodeKind::Scalar(scalar) = &n.kind else {
        return;
    };
    if scalar.kind != ScalarKind::String
        || n.tag.as_ref().is_some_and(|t| !t.name.starts_with("!!"))
    {
        return;
    }
    let Some(life) = lambda_runtimes::lookup(&scalar.value) else {
        return;
    };
    let name = &scalar.value;
    let advice = match life.successor.as_deref() {
        Some(next) => format!("; use `{next}` instead"),
        None => String::new(),
    };
    let finding = if life.is_create_blocked_on(today) {
        let since = life.block_create.as_deref().unwrap_or_default();
        Finding::new(Rule::BlockedLambdaRuntime,
            n.span,
            format!("The Lambda runtime `{name}` can no longer be used to create functions (blocked since {since}){advice}"),
        )
    } else if life.is_deprecated_on(today) {
        let since = life.deprecated.as_deref().unwrap_or_default();
        let blocked = match life.block_create.as_deref() {
            Some(date) => format!(", and creating functions with it will be blocked from {date}"),
            None => String::new(),
        };
        let mut finding = Finding::new(
            Rule::DeprecatedLambdaRuntime,
            n.span,
            format!("The Lambda runtime `{name}` is deprecated since {since}{blocked}{advice}"),
        );
        finding.deprecated = true;
        finding
    } else {
        return;
    };
    let finding = match life.successor.as_deref() {
        Some(next) => finding.with_fix(Fix {
            title: format!("Use `{next}`"),
            edits: vec![edits::replace_scalar(snapshot, id, next)],
            preferred: true,
        }),
        None => finding,
    };
    findings.push(finding);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(59), "1970-03-01");
        assert_eq!(civil_date(11_016), "2000-02-29");
        assert_eq!(civil_date(20_417), "2025-11-25");
        assert!(today().starts_with("20"));
        assert_eq!(today().len(), 10);
    }
}
