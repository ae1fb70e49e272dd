//! Arbitrary text read as JSON under a template, AppSpec or policy name,
//! then every analysis at many offsets.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some((name, text)) = awsls_fuzz::named_text(data, &awsls_fuzz::JSON_NAMES) {
        awsls_fuzz::analyse(name, &text, awsls_grammars::Format::Json);
    }
});
