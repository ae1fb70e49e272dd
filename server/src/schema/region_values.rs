//! Values allowed per region (instance types, node types, DB instance classes) and engine versions, from cfn-lint's schema extensions.
//!
//! The data file holds one sorted string table and every distinct list of
//! values once, as ascending indices into the table (delta-encoded). Each
//! data set (named like `aws_ec2_instance/instancetype`) gives, per region,
//! cases: the list of allowed values when the resource's properties read as
//! the case requires (no requirement for most sets; `Engine` and
//! `LicenseModel` for RDS instance classes). Decoded on first use.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use super::blob;

static DATA: &[u8] = include_bytes!("../../data/region-values.json.z");

/// A property requirement: the property's name and its value, `None` when
/// it must be absent.
type Requirement = (Box<str>, Option<Box<str>>);

/// One data set as written: its name, and per region the cases
/// (requirements and the index of the allowed list).
type RawSet = (Box<str>, Vec<(Box<str>, Vec<(Vec<Requirement>, u32)>)>);

#[derive(Deserialize)]
struct Raw {
    strings: Vec<Box<str>>,
    /// Delta-encoded ascending indices into `strings`.
    lists: Vec<Vec<u32>>,
    enums: Vec<RawSet>,
    engines: Vec<(Box<str>, RawEngines)>,
}

#[derive(Deserialize)]
struct RawEngines {
    engines: Option<u32>,
    versions: Vec<(Box<str>, u32)>,
}

/// One case of a data set in a region: `values` apply when every
/// requirement holds.
#[derive(Debug)]
pub struct Case {
    pub requires: Vec<Requirement>,
    list: u32,
}

/// The decoded data.
struct Data {
    strings: Vec<Box<str>>,
    lists: Vec<Vec<u32>>,
    /// Data set → region (`*`: every region) → cases.
    enums: HashMap<Box<str>, HashMap<Box<str>, Vec<Case>>>,
    engines: HashMap<Box<str>, RawEngines>,
}

fn data() -> &'static Data {
    static DECODED: OnceLock<Data> = OnceLock::new();
    DECODED.get_or_init(|| {
        let raw: Raw = blob::decode_json(DATA).unwrap_or(Raw {
            strings: Vec::new(),
            lists: Vec::new(),
            enums: Vec::new(),
            engines: Vec::new(),
        });
        let lists = raw
            .lists
            .into_iter()
            .map(|gaps| {
                let mut at = -1i64;
                gaps.into_iter()
                    .map(|gap| {
                        at += i64::from(gap);
                        u32::try_from(at).unwrap_or(u32::MAX)
                    })
                    .collect()
            })
            .collect();
        let enums = raw
            .enums
            .into_iter()
            .map(|(name, regions)| {
                let regions = regions
                    .into_iter()
                    .map(|(region, cases)| {
                        let cases = cases
                            .into_iter()
                            .map(|(requires, list)| Case { requires, list })
                            .collect();
                        (region, cases)
                    })
                    .collect();
                (name, regions)
            })
            .collect();
        Data {
            strings: raw.strings,
            lists,
            enums,
            engines: raw.engines.into_iter().collect(),
        }
    })
}

/// A list of allowed values.
#[derive(Clone, Copy, Debug)]
pub struct Values {
    indices: &'static [u32],
}

impl Values {
    fn of(list: u32) -> Values {
        let indices = data()
            .lists
            .get(list as usize)
            .map_or(&[][..], Vec::as_slice);
        Values { indices }
    }

    /// Whether `value` is in the list (exact match).
    pub fn contains(&self, value: &str) -> bool {
        let strings = &data().strings;
        strings
            .binary_search_by(|s| (**s).cmp(value))
            .is_ok_and(|at| self.indices.binary_search(&(at as u32)).is_ok())
    }

    /// The values, sorted.
    pub fn iter(&self) -> impl Iterator<Item = &'static str> {
        let strings = &data().strings;
        self.indices
            .iter()
            .filter_map(|i| strings.get(*i as usize).map(|s| &**s))
    }

    pub fn len(&self) -> usize {
        self.indices.len()
    }

    pub fn is_empty(&self) -> bool {
        self.indices.is_empty()
    }
}

impl Case {
    pub fn values(&self) -> Values {
        Values::of(self.list)
    }
}

/// The cases of data set `set` in `region`; `None` when the data says
/// nothing about the region (or the set is unknown).
pub fn cases(set: &str, region: &str) -> Option<&'static [Case]> {
    let regions = data().enums.get(set)?;
    regions
        .get(region)
        .or_else(|| regions.get("*"))
        .map(Vec::as_slice)
}

/// The engines and engine versions of data set `set`
/// (`aws_rds_dbinstance/engine_version`, or `..._deprecated` for the
/// versions no longer offered).
pub struct Engines {
    raw: &'static RawEngines,
}

/// The engine-version data set `set`.
pub fn engines(set: &str) -> Option<Engines> {
    data().engines.get(set).map(|raw| Engines { raw })
}

impl Engines {
    /// The engines the data set knows, when it lists them.
    pub fn engines(&self) -> Option<Values> {
        self.raw.engines.map(Values::of)
    }

    /// The versions listed for `engine` (exact name).
    pub fn versions(&self, engine: &str) -> Option<Values> {
        self.raw
            .versions
            .iter()
            .find(|(name, _)| &**name == engine)
            .map(|(_, list)| Values::of(*list))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ec2_instance_types_differ_by_region() {
        let east = cases("aws_ec2_instance/instancetype", "us-east-1").expect("us-east-1");
        assert_eq!(east.len(), 1);
        let values = east[0].values();
        assert!(values.contains("t3.micro"));
        assert!(!values.contains("t3.mirco"));
        assert!(values
            .iter()
            .collect::<Vec<_>>()
            .windows(2)
            .all(|w| w[0] < w[1]));
        assert!(cases("aws_ec2_instance/instancetype", "xx-nowhere-1").is_none());
    }

    #[test]
    fn rds_instance_classes_depend_on_engine() {
        let east = cases("aws_rds_dbinstance/dbinstanceclass", "us-east-1").expect("us-east-1");
        assert!(east.iter().any(|c| c
            .requires
            .iter()
            .any(|(name, value)| &**name == "Engine" && value.as_deref() == Some("mysql"))));
    }

    #[test]
    fn one_list_for_every_region() {
        let any = cases("aws_ec2_vpngateway/type", "eu-west-3").expect("every region");
        assert!(any[0].values().contains("ipsec.1"));
    }

    #[test]
    fn engine_versions() {
        let rds = engines("aws_rds_dbinstance/engine_version").expect("rds");
        assert!(rds.engines().is_some_and(|e| e.contains("mysql")));
        assert!(rds.versions("mysql").is_some_and(|v| !v.is_empty()));
        let old = engines("aws_rds_dbinstance/engine_version_deprecated").expect("deprecated");
        assert!(old.engines().is_none());
        assert!(old.versions("mysql").is_some());
    }
}
