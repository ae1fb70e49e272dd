//! A seed text and a sequence of random edits applied incrementally; the
//! result must equal a parse of the final text from scratch.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| awsls_fuzz::edits(data));
