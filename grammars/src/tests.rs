//! Tests of the whole parse: YAML and JSON constructs, intrinsics, problems.

use crate::*;

#[test]
fn explore() {
    for text in ["a: [1, 2\nb: 3\n", "a: b: c\n", "a:\n\tb: 1\n", "a: ]\n", "Resources:\n  X:\n    Type: A\n    Properties: {a: 1\n  Y: 2\n", "a: \"abc\n", "- a\nb: 1\n"] {
        let tree = parsers::parse_tree(text, Format::Yaml).unwrap();
        println!("{text:?}\n{}\n{:#?}", tree.root_node().to_sexp(), parse(text, Format::Yaml).problems);
    }
    for text in ["{\"a\": 1,}", "{\"a\" 1}", "[1, 2", "{\"a\": tru}"] {
        let tree = parsers::parse_tree(text, Format::Json).unwrap();
        println!("{text:?}\n{}\n{:#?}", tree.root_node().to_sexp(), parse(text, Format::Json).problems);
    }
}
