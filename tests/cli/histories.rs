//! The tracker histories of `fixtures/histories/`, written from carriers' real wording with
//! the stage of every event, the flags and the next action a careful person expects (see
//! that folder's README). Each is recorded through the command line as a buyer would, and
//! `status list` and `check` must agree with it: one test per file.

use std::collections::BTreeSet;
use std::path::Path;

use serde::Deserialize;

use crate::env::TestEnv;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct History {
    carrier: String,
    languages: Vec<String>,
    #[allow(dead_code)]
    wording: String,
    scenario: String,
    now: String,
    order: Order,
    event: Vec<Event>,
    expect: Expect,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Order {
    platform: String,
    number: String,
    item: Option<String>,
    ordered: Option<String>,
    shipped: Option<String>,
    protection_until: Option<String>,
    protection_days: Option<u32>,
    country: Option<String>,
    city: Option<String>,
    postcode: Option<String>,
    weight: Option<String>,
    #[serde(default)]
    tracking: Vec<String>,
    #[serde(default)]
    manual_flags: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Event {
    at: String,
    text: String,
    place: Option<String>,
    weight: Option<String>,
    stage: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    flags: Vec<String>,
    action: String,
}

/// Records the history in a fresh home and returns every way the program's judgement
/// differs from the expected one (empty when it agrees).
fn differences(file: &str) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/histories").join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let history: History = toml::from_str(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
    let env = TestEnv::new();
    let now = history.now.as_str();
    let run = |args: &[&str]| {
        let mut all = vec!["--now", now];
        all.extend_from_slice(args);
        env.ok(&all)
    };

    let order = &history.order;
    let mut add = vec!["order", "add", "--platform", &order.platform, "--number", &order.number];
    let days = order.protection_days.map(|d| d.to_string());
    let first_number = order.tracking.first().cloned();
    for (flag, value) in [
        ("--item", &order.item),
        ("--ordered", &order.ordered),
        ("--shipped", &order.shipped),
        ("--protection-until", &order.protection_until),
        ("--protection-days", &days),
        ("--country", &order.country),
        ("--city", &order.city),
        ("--postcode", &order.postcode),
        ("--weight", &order.weight),
        ("--track", &first_number),
    ] {
        if let Some(value) = value {
            add.extend([flag, value.as_str()]);
        }
    }
    run(&add);
    for number in order.tracking.iter().skip(1) {
        run(&["track", "add", "1", number]);
    }
    for event in &history.event {
        let mut add = vec!["status", "add", "1", event.text.as_str(), "--at", &event.at, "--source", "tracker"];
        if let Some(place) = &event.place {
            add.extend(["--place", place]);
        }
        if let Some(weight) = &event.weight {
            add.extend(["--weight", weight]);
        }
        run(&add);
    }
    for flag in &order.manual_flags {
        run(&["flag", "set", "1", flag]);
    }

    let mut found = Vec::new();
    let listed: serde_json::Value = serde_json::from_str(&run(&["--json", "status", "list", "1"])).unwrap();
    let listed = listed.as_array().unwrap();
    assert_eq!(listed.len(), history.event.len(), "{file}: every event is recorded once");
    // `status list` is in time order, as the events of the file are.
    for (status, event) in listed.iter().zip(&history.event) {
        assert_eq!(status["text"], event.text.as_str(), "{file}: events are oldest first");
        if status["stage"] != event.stage.as_str() {
            found.push(format!("stage of {:?}: {} (expected {})", event.text, status["stage"], event.stage));
        }
    }
    let check: serde_json::Value = serde_json::from_str(&run(&["--json", "check", "1"])).unwrap();
    let raised: BTreeSet<&str> = check["flags"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|flag| flag["severity"] != "info")
        .map(|flag| flag["code"].as_str().unwrap())
        .collect();
    let expected: BTreeSet<&str> = history.expect.flags.iter().map(String::as_str).collect();
    if raised != expected {
        found.push(format!("flags {raised:?} (expected {expected:?})"));
    }
    if check["next_action"]["code"] != history.expect.action.as_str() {
        found.push(format!("next action {} (expected {})", check["next_action"]["code"], history.expect.action));
    }
    if !found.is_empty() {
        found.insert(0, format!("{file} ({}, {:?}): {}", history.carrier, history.languages, history.scenario));
    }
    found
}

fn check_history(file: &str) {
    let found = differences(file);
    assert!(found.is_empty(), "{}", found.join("\n  "));
}

macro_rules! histories {
    ($($test:ident => $file:literal,)*) => {
        $(
            #[test]
            fn $test() {
                check_history($file);
            }
        )*

        /// Every file of the folder has its test above.
        #[test]
        fn every_history_file_has_a_test() {
            let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/histories");
            let mut on_disk: Vec<String> = std::fs::read_dir(dir)
                .unwrap()
                .map(|entry| entry.unwrap().file_name().into_string().unwrap())
                .filter(|name| name.ends_with(".toml"))
                .collect();
            on_disk.sort();
            let mut tested = vec![$($file.to_string()),*];
            tested.sort();
            assert_eq!(on_disk, tested);
        }
    };
}

histories! {
    yto_zh_failed => "yto-zh-failed.toml",
    yto_zh_station_pickup => "yto-zh-station-pickup.toml",
    yodel_en_address_query => "yodel-en-address-query.toml",
    koreapost_en_customs_hold => "koreapost-en-customs-hold.toml",
    pickpoint_ru_no_first_scan => "pickpoint-ru-no-first-scan.toml",
    dpd_de_delivered => "dpd-de-delivered.toml",
    waslah_en_no_first_scan => "waslah-en-no-first-scan.toml",
    parcelforce_en_customs_charges => "parcelforce-en-customs-charges.toml",
    ceskaposta_en_balikovna => "ceskaposta-en-balikovna.toml",
    pitneybowes_usps_en_elsewhere => "pitneybowes-usps-en.toml",
    deppon_zh => "deppon-zh.toml",
    jtexpress_zh_elsewhere => "jtexpress-zh.toml",
    tcat_zh_refused => "tcat-zh.toml",
    thailandpost_en_returned_home => "thailandpost-en-returned-home.toml",
    dhlexpress_en_nz_customs => "dhlexpress-en-nz-customs.toml",
    canadapost_en_domestic => "canadapost-en-domestic.toml",
    zto_zh_locker => "zto-zh-locker.toml",
    belpost_ru_domestic_elsewhere => "belpost-ru-domestic-elsewhere.toml",
    fedex_en_domestic_failed => "fedex-en-domestic-failed.toml",
    chunghwapost_zh_pickup => "chunghwapost-zh-pickup.toml",
    jd_zh_elsewhere => "jd-zh-elsewhere.toml",
    chinapost_zh_branch => "chinapost-zh-branch.toml",
    mng_tr_elsewhere => "mng-tr-elsewhere.toml",
    upu_en_17track => "17track-upu-en.toml",
    fourpx_sunyou_en => "4px-sunyou-en.toml",
    belpost_ru => "belpost-ru.toml",
    cainiao_en_stalled => "cainiao-en-stalled.toml",
    cainiao_zh_delivered => "cainiao-zh-delivered.toml",
    canadapost_en => "canadapost-or-auspost-en.toml",
    boxberry_ru => "cdek-or-boxberry-ru.toml",
    chinapost_zh_ems => "chinapost-zh-ems.toml",
    correios_pt => "correios-pt.toml",
    correos_es => "correos-es.toml",
    deutschepost_de => "deutschepost-de.toml",
    kazpost_ru => "kazpost-ru.toml",
    laposte_fr => "laposte-fr.toml",
    pocztapolska_pl => "pocztapolska-pl.toml",
    postnl_en => "postnl-en.toml",
    ptt_tr => "ptt-tr.toml",
    royalmail_en => "royalmail-en.toml",
    russianpost_ru_delivered_elsewhere => "russianpost-ru-delivered-elsewhere.toml",
    russianpost_ru_pickup => "russianpost-ru-pickup.toml",
    ukrposhta_uk => "ukrposhta-uk.toml",
    usps_en_delivered => "usps-en-delivered.toml",
    usps_en_stalled => "usps-en-stalled.toml",
    yanwen_en_noscan => "yanwen-en-noscan.toml",
    yunexpress_en_delivered_elsewhere => "yunexpress-en-delivered-elsewhere.toml",
    australiapost_en => "australiapost-en.toml",
    ctt_pt => "ctt-pt.toml",
    inpost_pl => "inpost-pl.toml",
    japanpost_en => "japanpost-en.toml",
    cainiao_ru_tracker => "speedpak-or-ems-ru.toml",
    swisspost_de => "swisspost-de.toml",
    yurtici_tr => "yurtici-or-aras-tr.toml",
    cdek_ru_domestic => "cdek-ru-domestic.toml",
    usps_en_redelivery => "usps-en-redelivery.toml",
    russianpost_ru_domestic => "russianpost-ru-domestic.toml",
    dellin_ru => "dellin-ru.toml",
    gdeposylka_ru_return => "gdeposylka-ru-return.toml",
    chinapost_zh_domestic => "chinapost-zh-domestic.toml",
    sf_zh_delivered => "sf-zh-delivered.toml",
    mng_tr_delivered_elsewhere => "mng-tr-delivered-elsewhere.toml",
    dpd_pl_noscan => "dpd-pl-noscan.toml",
    gls_de_pickup => "gls-de-pickup.toml",
    seko_en_noscan => "seko-en-noscan.toml",
    relaiscolis_fr_returning => "relaiscolis-fr-returning.toml",
    hermes_de_pickup => "hermes-de-pickup.toml",
    posteitaliane_it_pickup => "posteitaliane-it-pickup.toml",
    usps_en_notice_stalled => "usps-en-notice-stalled.toml",
    russianpost_ru_exchange => "russianpost-ru-exchange.toml",
    postnl_nl_noscan => "postnl-nl-noscan.toml",
    hermes_de_return => "hermes-de-return.toml",
    correios_pt_customs => "correios-pt-customs.toml",
    andreani_es_failed => "andreani-es-failed.toml",
    jd_zh_station => "jd-zh-station.toml",
}
