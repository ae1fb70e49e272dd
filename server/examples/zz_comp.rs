fn main() {
    for f in ["/tmp/tpl/cfn-5000.json", "/tmp/tpl/cfn-5000.yaml"] {
        let t = std::fs::read_to_string(f).unwrap();
        let s = awsls::analysis::Snapshot::from_text(f, &t);
        let mid = t.len() / 2;
        let at = t[mid..].find("VisibilityTimeout").unwrap() + mid + if f.ends_with("json") { 4 } else { 3 };
        for _ in 0..3 {
            let t0 = std::time::Instant::now();
            let c = awsls::analysis::completion::complete(&s, at);
            println!("{f} {} items {:?}", c.len(), t0.elapsed());
        }
    }
}
