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

/// `home` with orders whose numbers are long and whose items are Cyrillic and Chinese.
fn wide_home(env: &TestEnv) -> String {
    let home = home(env);
    let add = |args: &[&str]| {
        let mut all = vec!["--home", home.as_str(), "order", "add"];
        all.extend_from_slice(args);
        env.ok(&all);
    };
    add(&[
        "--platform",
        "joom",
        "--number",
        "0123456789-0001-1",
        "--item",
        "Чехол для телефона, силиконовый, прозрачный, с подставкой",
        "--shipped",
        "2026-11-01",
        "--protection-until",
        "2026-12-15",
    ]);
    add(&[
        "--platform",
        "temu",
        "--number",
        "PO-211-05273839481029374",
        "--item",
        "USB 集线器 七合一 灰色 (HDMI 4K)",
        "--shipped",
        "2026-11-05",
        "--protection-days",
        "60",
        "--track",
        "LP00123456789012",
    ]);
    let status = |args: &[&str]| {
        let mut all = vec!["--home", home.as_str(), "status", "add"];
        all.extend_from_slice(args);
        env.ok(&all);
    };
    status(&["3", "Прибыло в сортировочный центр", "--at", "2026-11-10 08:00", "--place", "Москва, Внуково"]);
    status(&["4", "已到达【深圳转运中心】，正在分拣", "--at", "2026-11-07 22:15 +08:00", "--place", "深圳"]);
    home
}

/// Output at a terminal width.
fn at_width(env: &TestEnv, home: &str, columns: &str, args: &[&str]) -> String {
    let mut all = vec!["--home", home];
    all.extend_from_slice(args);
    let out = env.cmd(&all).env("COLUMNS", columns).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn tables_at_80_and_120_columns() {
    let env = TestEnv::new();
    let home = wide_home(&env);
    for columns in ["80", "120"] {
        for (name, args) in [
            ("order_list", &["order", "list"][..]),
            ("agenda", &["agenda"][..]),
            ("status_list", &["status", "list", "1"][..]),
            ("status_list_zh", &["status", "list", "4"][..]),
            ("evidence_list", &["evidence", "list", "1"][..]),
            ("order_show", &["order", "show", "1"][..]),
        ] {
            let text = at_width(&env, &home, columns, args);
            let width: usize = columns.parse().unwrap();
            for line in text.lines() {
                // Measured as a terminal shows it: Chinese characters take two columns.
                let shown = unicode_width::UnicodeWidthStr::width(line);
                assert!(shown <= width, "{name} at {columns}: {shown} columns: {line}");
            }
            let case = env.json(&["--home", &home, "order", "show", "1"]);
            let (uuid, head) = (case["order"]["uuid"].as_str().unwrap(), case["log"]["head"].as_str().unwrap());
            let text = text.replace(uuid, "[case id]").replace(head, "[log head]");
            insta::assert_snapshot!(format!("{name}_{columns}"), text);
        }
    }
}

#[test]
fn help_of_several_commands() {
    let env = TestEnv::new();
    let home = env.home.to_str().unwrap().to_string();
    for (name, args) in [
        ("help_main", &["--help"][..]),
        ("help_order_add", &["order", "add", "--help"][..]),
        ("help_status_import", &["status", "import", "--help"][..]),
        ("help_config_set", &["config", "set", "--help"][..]),
        ("help_agenda", &["agenda", "-h"][..]),
    ] {
        let out = env.cmd(args).env("COLUMNS", "80").output().unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap().replace(&home, "[home]");
        assert!(text.contains("Examples:\n  dossier"), "{name}: {text}");
        assert!(text.find("Global options:").is_some_and(|at| at < text.find("Examples:").unwrap()), "{name}");
        insta::assert_snapshot!(name, text);
    }
}
