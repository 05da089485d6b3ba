//! `dossier config`: defaults kept in the data home, used by `order add` (and `build`) when a
//! flag is not given, and never over a flag that is; the environment's empty values.

use crate::env::TestEnv;

#[test]
fn buyer_defaults_fill_order_add_and_flags_win() {
    let env = TestEnv::new();
    env.ok(&["config", "set", "buyer.country", "ru", "buyer.city", "Kazan", "buyer.postcode", "420000"]);
    env.ok(&["config", "set", "order.platform", "aliexpress"]);
    let text = std::fs::read_to_string(env.home.join("config.toml")).unwrap();
    assert!(text.contains("country = \"RU\""), "{text}");

    let said = env.ok(&["order", "add", "--number", "8123456789012345"]);
    assert!(said.contains("from config: platform aliexpress, country RU, city Kazan, postcode 420000"), "{said}");
    let first = env.json(&["order", "show", "1"]);
    assert_eq!(first["order"]["platform"], "aliexpress");
    assert_eq!(first["order"]["country"], "RU");
    assert_eq!(first["order"]["city"], "Kazan");
    assert_eq!(first["order"]["postcode"], "420000");

    // Flags given win; an empty flag leaves the field out rather than taking the default.
    let said = env.ok(&[
        "order",
        "add",
        "--platform",
        "ebay",
        "--number",
        "12-34567-89012",
        "--city",
        "Berlin",
        "--country",
        "DE",
        "--postcode",
        "",
    ]);
    assert!(!said.contains("from config"), "{said}");
    let second = env.json(&["order", "show", "2"]);
    assert_eq!(second["order"]["platform"], "ebay");
    assert_eq!(second["order"]["country"], "DE");
    assert_eq!(second["order"]["city"], "Berlin");
    assert!(second["order"]["postcode"].is_null(), "{}", second["order"]);
}

/// The address is one default: a city typed for one order is not completed with the
/// default's postcode (a false "delivered elsewhere" would follow).
#[test]
fn a_typed_address_part_is_never_completed_from_the_default_address() {
    let env = TestEnv::new();
    env.ok(&["config", "set", "buyer.country", "RU", "buyer.city", "Kazan", "buyer.postcode", "420000"]);
    let said = env.ok(&["order", "add", "--platform", "ebay", "--number", "12-1", "--city", "Москва"]);
    assert!(!said.contains("from config"), "{said}");
    let order = env.json(&["order", "show", "1"]);
    assert_eq!(order["order"]["city"], "Москва");
    assert!(order["order"]["country"].is_null() && order["order"]["postcode"].is_null(), "{}", order["order"]);
}

#[test]
fn order_add_without_a_platform_or_its_default_is_a_usage_error() {
    let env = TestEnv::new();
    let error = env.fail(&["order", "add", "--number", "8123456789012345"], 2);
    assert!(error.contains("--platform") && error.contains("config set order.platform"), "{error}");
    assert!(
        !env.home.join("dossier.db").exists() || env.json(&["order", "list", "--all"]).as_array().unwrap().is_empty()
    );
}

#[test]
fn list_get_unset_and_bad_values() {
    let env = TestEnv::new();
    let list = env.json(&["config", "list"]);
    let keys: Vec<&str> = list.as_array().unwrap().iter().map(|s| s["key"].as_str().unwrap()).collect();
    assert_eq!(keys, ["buyer.country", "buyer.city", "buyer.postcode", "order.platform", "dossier.lang"]);
    assert!(list.as_array().unwrap().iter().all(|s| s["value"].is_null()));

    env.ok(&["config", "set", "buyer.city", "Нижний Новгород"]);
    assert_eq!(env.ok(&["config", "get", "buyer.city"]), "Нижний Новгород\n");
    let shown = env.ok(&["config", "list"]);
    assert!(shown.contains("buyer.city") && shown.contains("Нижний Новгород"), "{shown}");

    env.ok(&["config", "unset", "buyer.city"]);
    let unset = env.fail(&["config", "get", "buyer.city"], 1);
    assert!(unset.contains("buyer.city is not set"), "{unset}");

    let typo = env.fail(&["config", "set", "buyer.town", "Kazan"], 2);
    assert!(typo.contains("'buyer.town' is not a setting") && typo.contains("buyer.city"), "{typo}");
    let country = env.fail(&["config", "set", "buyer.country", "Russia"], 1);
    assert!(country.contains("two-letter"), "{country}");
    let lang = env.fail(&["config", "set", "dossier.lang", "de"], 2);
    let platform = env.fail(&["config", "set", "order.platform", "amazon"], 2);
    assert!(platform.contains("aliexpress"), "{platform}");
    let control = env.fail(&["config", "set", "buyer.postcode", "42\n0000"], 1);
    assert!(control.contains("control character"), "{control}");
    assert!(lang.contains("en, ru, zh"), "{lang}");
    // A refused value leaves the file as it was, even with good pairs before it.
    env.fail(&["config", "set", "buyer.city", "Omsk", "buyer.country", "Russia"], 1);
    let file = std::fs::read_to_string(env.home.join("config.toml")).unwrap_or_default();
    assert!(!file.contains("Russia") && !file.contains("Omsk"), "{file}");
    let odd = env.fail(&["config", "set", "buyer.city", "Omsk", "buyer.country"], 2);
    assert!(odd.contains("'buyer.country' has no value"), "{odd}");
}

#[test]
fn the_dossier_language_default_is_used_by_build() {
    let env = TestEnv::new();
    env.order();
    env.ok(&["config", "set", "dossier.lang", "ru"]);
    let built = env.json(&["build", "1", "-o", "ru.pdf"]);
    assert_eq!(built["dossier"]["lang"], "ru");
    let built = env.json(&["build", "1", "-o", "en.pdf", "--lang", "en"]);
    assert_eq!(built["dossier"]["lang"], "en");
}

#[test]
fn an_empty_dossier_home_is_unset_and_an_empty_home_flag_is_refused() {
    let env = TestEnv::new();
    // Empty DOSSIER_HOME: the default data directory under $HOME, as XDG treats an empty
    // XDG_DATA_HOME.
    let out = env.cmd(&["config", "list", "--json"]).env("DOSSIER_HOME", "").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = env.cmd(&["--home", "", "config", "list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let error = String::from_utf8_lossy(&out.stderr);
    assert!(error.contains("--home needs a directory"), "{error}");
    // The usage line of an error never lists what came from the environment.
    let out = env.cmd(&["order", "show"]).output().unwrap();
    let usage = String::from_utf8_lossy(&out.stderr);
    assert!(usage.contains("Usage: dossier order show <ORDER>") && !usage.contains("--home"), "{usage}");
    // An empty DOSSIER_NOW is the real clock, not an unreadable date.
    let out = env.cmd(&["order", "list"]).env("DOSSIER_NOW", "").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}
