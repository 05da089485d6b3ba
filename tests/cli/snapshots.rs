//! Snapshots of the human output of the commands that show a judgement (`check`, `agenda`,
//! `advise`, `order show`, `status list`), taken on the sample case of `dossier demo` and
//! one case without statuses. Reviewed snapshots live in `tests/cli/snapshots/`; a layout
//! change fails here and shows the difference. The case id and the log head are random per
//! run and are replaced before comparing.

use crate::env::TestEnv;

/// A home with the demo case (order 1) and a second order with no statuses (order 2).
fn home(env: &TestEnv) -> String {
    let dir = env.path("sample");
    env.ok(&["demo", "-o", dir.to_str().unwrap()]);
    let home = dir.join("home").to_str().unwrap().to_string();
    env.ok(&[
        "--home",
        &home,
        "order",
        "add",
        "--platform",
        "ebay",
        "--number",
        "12-34567-89012",
        "--item",
        "Phone case",
        "--shipped",
        "2026-11-10",
        "--protection-days",
        "30",
        "--track",
        "LB123456785CN",
    ]);
    home
}

/// Output of a command on `home`, with the random parts replaced.
fn shown(env: &TestEnv, home: &str, args: &[&str]) -> String {
    let mut all = vec!["--home", home];
    all.extend_from_slice(args);
    let text = env.ok(&all);
    let case = env.json(&["--home", home, "order", "show", "1"]);
    let uuid = case["order"]["uuid"].as_str().unwrap();
    let head = case["log"]["head"].as_str().unwrap();
    text.replace(uuid, "[case id]").replace(head, "[log head]")
}

#[test]
fn human_output_of_the_judging_commands() {
    let env = TestEnv::new();
    let home = home(&env);
    insta::assert_snapshot!("check_one", shown(&env, &home, &["check", "1"]));
    insta::assert_snapshot!("check_all", shown(&env, &home, &["check"]));
    insta::assert_snapshot!("agenda", shown(&env, &home, &["agenda"]));
    insta::assert_snapshot!("advise", shown(&env, &home, &["advise", "1"]));
    insta::assert_snapshot!("advise_without_statuses", shown(&env, &home, &["advise", "2"]));
    insta::assert_snapshot!("order_show", shown(&env, &home, &["order", "show", "1"]));
    insta::assert_snapshot!("status_list", shown(&env, &home, &["status", "list", "1"]));
}
