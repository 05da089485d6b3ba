//! The pasted histories of `fixtures/pastes/`: each is imported with `--dry-run` and must
//! give exactly the events (moment, text, place) and the lines not understood that its
//! `.toml` lists, written by hand from the paste.

use std::path::Path;

use serde_json::Value;

use crate::env::TestEnv;

fn check_paste(name: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/pastes");
    let expected: toml::Value =
        toml::from_str(&std::fs::read_to_string(dir.join(format!("{name}.toml"))).unwrap()).unwrap();
    let env = TestEnv::new();
    let country = expected["country"].as_str().unwrap();
    env.ok(&["order", "add", "--platform", "aliexpress", "--number", "1", "--country", country]);
    let paste = dir.join(format!("{name}.txt"));
    let report = env.json(&["status", "import", "1", paste.to_str().unwrap(), "--dry-run"]);
    let got: Vec<(String, String, Option<String>)> = report["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["at"].as_str().unwrap().to_string(),
                e["text"].as_str().unwrap().to_string(),
                e["place"].as_str().map(str::to_string),
            )
        })
        .collect();
    let want: Vec<(String, String, Option<String>)> = expected["event"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["at"].as_str().unwrap().to_string(),
                e["text"].as_str().unwrap().to_string(),
                e.get("place").and_then(toml::Value::as_str).map(str::to_string),
            )
        })
        .collect();
    assert_eq!(got, want, "{name}: events");
    let not_understood: Vec<(i64, String)> = report["not_understood"]
        .as_array()
        .unwrap()
        .iter()
        .map(|pair| (pair[0].as_i64().unwrap(), pair[1].as_str().unwrap().to_string()))
        .collect();
    let want_not: Vec<(i64, String)> = expected["not_understood"]
        .as_array()
        .unwrap()
        .iter()
        .map(|pair| (pair[0].as_integer().unwrap(), pair[1].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(not_understood, want_not, "{name}: lines not understood");
    if let Some(numbers) = expected.get("tracking") {
        let want: Vec<&str> = numbers.as_array().unwrap().iter().map(|n| n.as_str().unwrap()).collect();
        assert_eq!(report["tracking"], serde_json::json!(want), "{name}: tracking numbers");
    }
    if let Some(weight) = expected.get("weight_grams") {
        assert_eq!(report["weight_grams"], Value::from(weight.as_float().unwrap()), "{name}: weight");
    }
}

macro_rules! pastes {
    ($($test:ident => $name:literal,)*) => {
        $(
            #[test]
            fn $test() {
                check_paste($name);
            }
        )*

        /// Every paste of the folder has its test above.
        #[test]
        fn every_paste_has_a_test() {
            let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/pastes");
            let mut on_disk: Vec<String> = std::fs::read_dir(dir)
                .unwrap()
                .filter_map(|entry| entry.unwrap().file_name().into_string().unwrap().strip_suffix(".txt").map(str::to_string))
                .collect();
            on_disk.sort();
            let mut tested = vec![$($name.to_string()),*];
            tested.sort();
            assert_eq!(on_disk, tested);
        }
    };
}

pastes! {
    usps_en_records => "usps-en-records",
    cainiao_en_moment_first => "cainiao-en-moment-first",
    cainiao_zh_one_line => "cainiao-zh-one-line",
    pochta_ru_records => "pochta-ru-records",
    track17_en_lines => "17track-en-lines",
    fourpx_zh_table => "4px-zh-table",
    cdek_ru_records => "cdek-ru-records",
    correios_pt_records => "correios-pt-records",
    correos_es_moment_text => "correos-es-moment-text",
    dhl_de_dateheader => "dhl-de-dateheader",
    inpost_pl_records => "inpost-pl-records",
    laposte_fr_columns => "laposte-fr-columns",
}
