//! Client settings (`initializationOptions` and `workspace/configuration`,
//! section `awsls`): notes folders and which file kinds are enabled.

use std::path::PathBuf;

use serde_json::Value;

use crate::analysis::DocKind;

#[derive(Clone, Debug)]
pub struct Settings {
    pub notes_paths: Vec<PathBuf>,
    /// The regions templates are validated for (`awsls.regions`).
    pub regions: Vec<String>,
    pub cloudformation: bool,
    pub sam: bool,
    pub iam: bool,
    pub appspec: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            notes_paths: Vec::new(),
            regions: vec!["us-east-1".to_string()],
            cloudformation: true,
            sam: true,
            iam: true,
            appspec: true,
        }
    }
}

impl Settings {
    /// Reads the settings from a JSON value, accepting both the nested shape
    /// (`{"notes": {"paths": [..]}}`) and dotted keys (`{"notes.paths": [..]}`),
    /// with or without a leading `awsls` section. Unknown keys are ignored.
    pub fn merge_json(&mut self, value: &Value) {
        let value = value.get("awsls").unwrap_or(value);
        let lookup = |path: &[&str]| -> Option<&Value> {
            let dotted = path.join(".");
            if let Some(v) = value.get(&dotted) {
                return Some(v);
            }
            path.iter().try_fold(value, |v, key| v.get(*key))
        };
        if let Some(paths) = lookup(&["notes", "paths"]).and_then(Value::as_array) {
            self.notes_paths = paths
                .iter()
                .filter_map(Value::as_str)
                .map(PathBuf::from)
                .collect();
        }
        if let Some(regions) = lookup(&["regions"]).and_then(Value::as_array) {
            // Names awsls does not know are left out (a misspelt region
            // would otherwise make every resource type missing).
            let known = crate::schema::cfn::region_names();
            let regions: Vec<String> = regions
                .iter()
                .filter_map(Value::as_str)
                .filter(|r| known.iter().any(|k| &**k == *r))
                .map(str::to_string)
                .collect();
            if !regions.is_empty() {
                self.regions = regions;
            }
        }
        for (key, flag) in [
            ("cloudformation", &mut self.cloudformation),
            ("sam", &mut self.sam),
            ("iam", &mut self.iam),
            ("appspec", &mut self.appspec),
        ] {
            if let Some(enabled) = lookup(&[key, "enable"]).and_then(Value::as_bool) {
                *flag = enabled;
            }
        }
    }

    pub fn enabled(&self, kind: DocKind) -> bool {
        match kind {
            DocKind::CloudFormation => self.cloudformation,
            DocKind::Sam => self.sam,
            DocKind::IamPolicy => self.iam,
            DocKind::AppSpec => self.appspec,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_nested_and_dotted_shapes() {
        let mut s = Settings::default();
        s.merge_json(
            &json!({"awsls": {"notes": {"paths": ["/a", "/b"]}, "iam": {"enable": false}}}),
        );
        assert_eq!(
            s.notes_paths,
            vec![PathBuf::from("/a"), PathBuf::from("/b")]
        );
        assert!(!s.iam);
        let mut s = Settings::default();
        s.merge_json(&json!({"notes.paths": ["/c"], "appspec.enable": false}));
        assert_eq!(s.notes_paths, vec![PathBuf::from("/c")]);
        assert!(!s.appspec);
        assert!(s.cloudformation);
    }

    #[test]
    fn regions_keep_only_names_awsls_knows() {
        let mut s = Settings::default();
        assert_eq!(s.regions, ["us-east-1"]);
        s.merge_json(&json!({"regions": ["eu-west-1", "mars-north-1"]}));
        assert_eq!(s.regions, ["eu-west-1"]);
        s.merge_json(&json!({"regions": ["nowhere"]}));
        assert_eq!(s.regions, ["eu-west-1"], "nothing usable: the regions stay");
    }
}
