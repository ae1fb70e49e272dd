//! FSx file systems: the storage capacity each file system type accepts.

use super::props::literal_int;
use super::{ResourceCtx, ResourceRule};
use crate::analysis::rules::Rule;
use crate::analysis::Finding;

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const FSX_STORAGE_CAPACITY: RuleDef = RuleDef {
        code: "fsx-storage-capacity",
        family: Family::CloudFormation,
        group: "FSx",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3725"],
        fix: false,
        summary: "A `StorageCapacity` outside the range of the file system type",
        explanation: "Each FSx file system type has its own storage range, in GiB: Lustre at least 1,200, Windows File Server 32 to 65,536, ONTAP at least 1,024 and OpenZFS 64 to 524,288. FSx rejects other capacities and the file system fails to create.",
        example: "`FileSystemType: LUSTRE` with `StorageCapacity: 1000`",
    };
}

pub const RULES: &[ResourceRule] = &[ResourceRule {
    types: &["AWS::FSx::FileSystem"],
    check: file_system,
}];

/// The smallest and largest capacity (GiB) of a file system type.
fn range(file_system_type: &str) -> Option<(i64, Option<i64>)> {
    Some(match file_system_type {
        "LUSTRE" => (1200, None),
        "WINDOWS" => (32, Some(65536)),
        "ONTAP" => (1024, None),
        "OPENZFS" => (64, Some(524288)),
        _ => return None,
    })
}

fn file_system(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    let Some(kind) = ctx.literal(ctx.property("FileSystemType")) else {
        return;
    };
    let Some((min, max)) = range(kind) else {
        return;
    };
    let Some(capacity) = literal_int(ctx, ctx.property("StorageCapacity")) else {
        return;
    };
    let problem = if capacity < min {
        format!("is below the minimum of {min} GiB")
    } else if let Some(max) = max.filter(|m| capacity > *m) {
        format!("is above the maximum of {max} GiB")
    } else {
        return;
    };
    if let Some(span) = ctx.key_span(ctx.properties, "StorageCapacity") {
        findings.push(Finding::new(
            Rule::FsxStorageCapacity,
            span,
            format!("`StorageCapacity: {capacity}` {problem} for a `{kind}` file system"),
        ));
    }
}
