//! The pasted histories of `fixtures/pastes/`: each is imported with `--dry-run` and must
//! give exactly the events (moment, text, place) and the lines not understood that its
//! `.toml` lists, written by hand from the paste.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::env::TestEnv;

/// A fixture pair of `fixtures/FOLDER/`: the path of `NAME.txt`, and `NAME.toml` as JSON
/// (so that it compares with the command's report directly).
pub fn fixture(folder: &str, name: &str) -> (PathBuf, Value) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(folder);
    let expected: toml::Value =
        toml::from_str(&std::fs::read_to_string(dir.join(format!("{name}.toml"))).unwrap()).unwrap();
    (dir.join(format!("{name}.txt")), serde_json::to_value(expected).unwrap())
}

/// The `keys` of every entry of a list (null where an entry has none).
pub fn rows(list: &Value, keys: &[&str]) -> Vec<Vec<Value>> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|e| keys.iter().map(|k| e.get(*k).cloned().unwrap_or(Value::Null)).collect())
        .collect()
}

/// The names of the pairs in `fixtures/FOLDER/`, sorted.
pub fn fixture_names(folder: &str) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(folder);
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|entry| entry.unwrap().file_name().into_string().unwrap().strip_suffix(".txt").map(str::to_string))
        .collect();
    names.sort();
    names
}

fn check_paste(name: &str) {
    let (paste, expected) = fixture("pastes", name);
    let env = TestEnv::new();
    let country = expected["country"].as_str().unwrap();
    env.ok(&["order", "add", "--platform", "aliexpress", "--number", "1", "--country", country]);
    let report = env.json(&["status", "import", "1", paste.to_str().unwrap(), "--dry-run"]);
    let keys = ["at", "text", "place"];
    assert_eq!(rows(&report["events"], &keys), rows(&expected["event"], &keys), "{name}: events");
    assert_eq!(report["not_understood"], expected["not_understood"], "{name}: lines not understood");
    if let Some(numbers) = expected.get("tracking") {
        assert_eq!(&report["tracking"], numbers, "{name}: tracking numbers");
    }
    if let Some(weight) = expected.get("weight_grams") {
        assert_eq!(&report["weight_grams"], weight, "{name}: weight");
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
            let mut tested = vec![$($name.to_string()),*];
            tested.sort();
            assert_eq!(fixture_names("pastes"), tested);
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
