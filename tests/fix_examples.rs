//! `testdata/rules/<rule>/fix-*.yaml` fixtures give their `fix-*.fixed.yaml` twins when every fix
//! (safe and unsafe) is applied by the real fix loop. (Rule pages' `fixed` examples are checked
//! in rule_pages.rs, the corpus in corpus_fix.rs.)

mod common;

use kubeadm_lint::rules::RULES;

#[test]
fn fix_fixtures_give_their_fixed_twins() {
    let root = common::repo_root().join("testdata/rules");
    let mut failures = Vec::new();
    let mut checked = 0;
    for rule in RULES {
        let Ok(entries) = std::fs::read_dir(root.join(rule.name)) else {
            continue;
        };
        for entry in entries {
            let path = entry.expect("entry").path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if !name.starts_with("fix-") || name.ends_with(".fixed.yaml") {
                continue;
            }
            let text = common::read(&path);
            let expected = common::read(&path.with_file_name(name.replace(".yaml", ".fixed.yaml")));
            let source = kubeadm_lint::SourceFile::new(name.clone(), text.as_str());
            let options = common::options_from_header(&text);
            let got = kubeadm_lint::fix::fix_source(&source, &options, true)
                .unwrap_or_else(|e| panic!("{}/{name}: {e}", rule.name))
                .text;
            checked += 1;
            if got != expected {
                failures.push(format!(
                    "{}/{name}: got\n{got}\nexpected\n{expected}",
                    rule.name
                ));
            }
            // A second run changes nothing.
            let again = kubeadm_lint::SourceFile::new(name.clone(), got.as_str());
            let twice = kubeadm_lint::fix::fix_source(&again, &options, true)
                .expect("refix")
                .text;
            if twice != got {
                failures.push(format!(
                    "{}/{name}: a second fix changed it again",
                    rule.name
                ));
            }
        }
    }
    assert!(checked > 5, "too few fix fixtures found: {checked}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
