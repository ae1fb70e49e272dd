//! Snapshot of every finding (code, range, message, fixes) for a template
//! with one mistake of each kind, so message wording changes are reviewed.

use super::yaml;

const TEMPLATE: &str = "\
Conditions:
  C: !Equals [a, b]
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BuketName: logs
      VersioningConfiguration:
        Status: enabled
      Tags:
        - Key: team
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      DelaySeconds: !If [C, 10, 901]
      FifoQueue: maybe
  Function:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python2.7
      Code:
        ZipFile: !Sub exit
  Typo:
    Type: AWS::SNS::Topc
";

#[test]
fn one_mistake_of_each_kind() {
    let rendered: Vec<String> = yaml(TEMPLATE)
        .iter()
        .map(|f| {
            let fixes: Vec<&str> = f.fixes.iter().map(|x| x.title.as_str()).collect();
            format!(
                "{} {}..{} `{}` {} | fixes: {}",
                f.code(),
                f.span.start,
                f.span.end,
                &TEMPLATE[f.span.start..f.span.end],
                f.message,
                fixes.join("; ")
            )
        })
        .collect();
    insta::assert_snapshot!(rendered.join("\n"));
}
