//! What `--help` adds to clap's: a few real examples at the end of every command's help.
//!
//! The examples are kept in one table, by command path, so that a test can check that every
//! command has some and that every example parses (`tests` below).

use clap::CommandFactory;

use super::Cli;

/// Examples per command path ("" is the tool itself). Each line is a whole command line.
const EXAMPLES: &[(&str, &[&str])] = &[
    (
        "",
        &[
            "dossier demo",
            "dossier config set buyer.country RU",
            "dossier order add --platform aliexpress --number 8123456789012345 --track RS473102580CN",
            "dossier status import 1 history.txt",
            "dossier agenda",
            "dossier build 1 -o dossier.pdf",
        ],
    ),
    ("order", &["dossier order list", "dossier order show RS473102580CN"]),
    (
        "order add",
        &[
            "dossier order add --platform aliexpress --number 8123456789012345 --track RS473102580CN",
            "dossier order add --number 8123456789012345 --item \"USB hub\" --weight 350g --shipped 2026-09-15 --protection-until 2026-11-29",
            "dossier order add --platform ebay --number 12-34567-89012 --country DE --city Berlin --postcode 10115",
        ],
    ),
    ("order list", &["dossier order list", "dossier order list --all --json"]),
    ("order show", &["dossier order show 1", "dossier order show RS473102580CN --json"]),
    (
        "order edit",
        &[
            "dossier order edit 1 --protection-until 2026-12-20",
            "dossier order edit 1 --store \"\"",
            "dossier order edit 8123456789012345 --track LP00123456789012",
        ],
    ),
    (
        "order close",
        &[
            "dossier order close 1 --outcome refunded",
            "dossier order close 2 --outcome received --note \"arrived late\"",
        ],
    ),
    ("track", &["dossier track add 1 LP00123456789012", "dossier track check RS473102580CN"]),
    (
        "track add",
        &["dossier track add 1 LP00123456789012", "dossier track add 1 80012345678901 --carrier \"Russian Post\""],
    ),
    ("track check", &["dossier track check RS473102580CN", "dossier track check RS473102580CN LB123456785CN"]),
    ("status", &["dossier status import 1 history.txt", "dossier status list 1"]),
    (
        "status add",
        &[
            "dossier status add 1 \"Departed from sorting center\" --at \"2026-09-18 17:55\" --place Guangzhou",
            "dossier status add 1 \"Accepted\" --at yesterday --weight 352g --source post",
        ],
    ),
    ("status list", &["dossier status list 1", "dossier status list RS473102580CN --json"]),
    (
        "status import",
        &[
            "dossier status import 1 history.txt --dry-run",
            "dossier status import 1 history.txt --source cainiao",
            "xclip -o | dossier status import 1 -",
        ],
    ),
    (
        "status edit",
        &["dossier status edit 7 --stage import-customs", "dossier status edit 7 --at \"2026-09-29 20:42 +08:00\""],
    ),
    ("status remove", &["dossier status remove 7", "dossier status remove 7 8 9"]),
    ("stage", &["dossier stage explain \"Arrival at inward office of exchange\""]),
    (
        "stage explain",
        &[
            "dossier stage explain \"Arrival at inward office of exchange\"",
            "dossier stage explain \"Прибыло в сортировочный центр\" --previous import-customs",
            "dossier stage explain \"Delivered\" --place \"Kazan 420000\" --json",
        ],
    ),
    (
        "message",
        &[
            "dossier message import 1 chat.txt --me kbrennan_77",
            "dossier message add 1 --from seller --at today \"Please wait\"",
        ],
    ),
    (
        "message add",
        &[
            "dossier message add 1 --from me --at \"2026-11-06 10:22\" \"No update since 3 October.\"",
            "dossier message add 1 --from seller --at yesterday \"Please wait 15 days\" --evidence E4",
        ],
    ),
    (
        "message import",
        &["dossier message import 1 chat.txt --dry-run", "dossier message import 1 chat.txt --me kbrennan_77"],
    ),
    ("message edit", &["dossier message edit 3 --from platform", "dossier message edit 3 --evidence E4"]),
    ("message remove", &["dossier message remove 3", "dossier message remove 3 4"]),
    ("evidence", &["dossier evidence add 1 order-page.png --kind order", "dossier evidence list 1"]),
    (
        "evidence add",
        &[
            "dossier evidence add 1 order-page.png --kind order",
            "dossier evidence add 1 chat-1.png chat-2.png --kind chat --note \"seller's answers\"",
            "dossier evidence add 1 scale.jpg --kind photo --taken \"2026-11-20 08:12\"",
        ],
    ),
    ("evidence list", &["dossier evidence list 1", "dossier evidence list 1 --json"]),
    ("evidence remove", &["dossier evidence remove 1 E3", "dossier evidence remove 1 E3 E4"]),
    ("flag", &["dossier flag set 1 template-replies", "dossier flag clear 1 template-replies"]),
    ("flag set", &["dossier flag set 1 template-replies", "dossier flag set 1 not-received --note \"mailbox empty\""]),
    ("flag clear", &["dossier flag clear 1 not-received"]),
    ("check", &["dossier check 1", "dossier check --all --strict", "dossier check 1 --json"]),
    ("agenda", &["dossier agenda", "dossier agenda --now 2026-12-01"]),
    ("advise", &["dossier advise 1", "dossier advise 1 --template extension-request"]),
    ("calendar", &["dossier calendar -o dossier.ics"]),
    ("rules", &["dossier rules", "dossier rules --json"]),
    (
        "build",
        &[
            "dossier build 1",
            "dossier build 1 -o ~/Desktop/ --lang ru",
            "dossier build 1 --max-size 3MB --leave-out E3",
        ],
    ),
    ("export", &["dossier export 1", "dossier export 1 -o case-1.zip"]),
    ("import", &["dossier import case-1.zip --dry-run", "dossier import case-1.zip"]),
    ("verify", &["dossier verify", "dossier verify 1", "dossier verify --gc"]),
    ("demo", &["dossier demo", "dossier demo -o sample"]),
    ("config", &["dossier config set buyer.country RU", "dossier config list", "dossier config unset buyer.postcode"]),
    (
        "config set",
        &[
            "dossier config set buyer.country RU buyer.city Kazan buyer.postcode 420000",
            "dossier config set order.platform aliexpress",
            "dossier config set dossier.lang ru",
        ],
    ),
    ("config get", &["dossier config get buyer.country"]),
    ("config list", &["dossier config list", "dossier config list --json"]),
    ("config unset", &["dossier config unset buyer.postcode"]),
    ("completions", &["dossier completions bash > ~/.local/share/bash-completion/completions/dossier"]),
    ("man", &["dossier man | man -l -", "mkdir -p ~/.local/share/man/man1 && dossier man -o ~/.local/share/man/man1"]),
];

/// The tool's clap command with the examples attached: what parsing, completions and manual
/// pages use.
pub fn command() -> clap::Command {
    EXAMPLES.iter().fold(Cli::command(), |command, (path, lines)| with_examples(command, path, lines))
}

fn with_examples(command: clap::Command, path: &str, lines: &[&str]) -> clap::Command {
    match path.split_once(' ') {
        _ if path.is_empty() => command.after_help(examples_text(lines)),
        None => command.mut_subcommand(path, |sub| with_examples(sub, "", lines)),
        Some((first, rest)) => command.mut_subcommand(first, |sub| with_examples(sub, rest, lines)),
    }
}

fn examples_text(lines: &[&str]) -> clap::builder::StyledStr {
    let heading = clap::builder::Styles::default().get_header().to_owned();
    let mut text = format!("{heading}Examples:{heading:#}\n");
    for line in lines {
        text.push_str(&folded(line));
    }
    text.into()
}

/// The widest an example line gets: help is read in 80-column terminals, and a line that
/// clap wrapped could not be copied.
const EXAMPLE_WIDTH: usize = 78;

/// An example line indented, and folded with shell continuations (` \`) where it is wider
/// than [`EXAMPLE_WIDTH`], never inside quotes.
fn folded(line: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut quoted = false;
    for piece in line.split(' ') {
        match words.last_mut() {
            Some(last) if quoted => {
                last.push(' ');
                last.push_str(piece);
            }
            _ => words.push(piece.to_string()),
        }
        quoted ^= piece.matches('"').count() % 2 == 1;
    }
    // A flag and its value stay on one line.
    let mut units: Vec<String> = Vec::new();
    for word in words {
        match units.last_mut() {
            Some(flag) if flag.starts_with("--") && !flag.contains(' ') && !word.starts_with('-') => {
                flag.push(' ');
                flag.push_str(&word);
            }
            _ => units.push(word),
        }
    }
    let words = units;
    let mut out = String::from("  ");
    let mut width = 2;
    for (i, word) in words.iter().enumerate() {
        if i > 0 && width + 1 + word.chars().count() + 2 > EXAMPLE_WIDTH {
            out.push_str(" \\\n      ");
            width = 6;
        } else if i > 0 {
            out.push(' ');
            width += 1;
        }
        out.push_str(word);
        width += word.chars().count();
    }
    out.push('\n');
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// Every command path, "" for the tool, "order add" for a subcommand.
    fn paths(command: &clap::Command, prefix: &str, out: &mut Vec<String>) {
        out.push(prefix.to_string());
        for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
            let path =
                if prefix.is_empty() { sub.get_name().to_string() } else { format!("{prefix} {}", sub.get_name()) };
            paths(sub, &path, out);
        }
    }

    /// Splits a shell line into words: double quotes group, `\"` is a quote.
    fn words(line: &str) -> Vec<String> {
        let (mut out, mut word, mut quoted, mut any) = (Vec::new(), String::new(), false, false);
        let mut chars = line.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some('\n') => {}
                    other => word.extend(other),
                },
                '"' => (quoted, any) = (!quoted, true),
                ' ' if !quoted => {
                    if any || !word.is_empty() {
                        out.push(std::mem::take(&mut word));
                    }
                    any = false;
                }
                c => word.push(c),
            }
        }
        if any || !word.is_empty() {
            out.push(word);
        }
        out
    }

    #[test]
    fn every_command_has_examples_and_nothing_else_does() {
        let mut all = Vec::new();
        paths(&Cli::command(), "", &mut all);
        let given: Vec<&str> = EXAMPLES.iter().map(|(path, _)| *path).collect();
        let missing: Vec<&String> = all.iter().filter(|p| !given.contains(&p.as_str())).collect();
        assert!(missing.is_empty(), "commands without examples: {missing:?}");
        let unknown: Vec<&&str> = given.iter().filter(|p| !all.iter().any(|a| a == *p)).collect();
        assert!(unknown.is_empty(), "examples of no command: {unknown:?}");
    }

    #[test]
    fn every_example_parses_as_the_command_it_illustrates() {
        for (path, lines) in EXAMPLES {
            assert!(!lines.is_empty(), "{path}: no examples");
            for line in *lines {
                // The parts around a pipe or an && are other programs'.
                let own =
                    line.split(['|', '&']).map(str::trim).find(|part| part.starts_with("dossier ")).unwrap_or(line);
                let own = own.split(" > ").next().unwrap_or(own);
                let words = words(own);
                let parsed = command().try_get_matches_from(&words);
                assert!(parsed.is_ok(), "{line}: {}", parsed.err().map(|e| e.to_string()).unwrap_or_default());
                let mut at = parsed.ok();
                for name in path.split(' ').filter(|n| !n.is_empty()) {
                    let sub =
                        at.as_ref().and_then(|m| m.subcommand()).filter(|(n, _)| *n == name).map(|(_, m)| m.clone());
                    assert!(sub.is_some(), "{line} is not an example of `{path}`");
                    at = sub;
                }
            }
        }
    }

    #[test]
    fn folded_examples_fit_and_read_back_as_the_same_words() {
        for (_, lines) in EXAMPLES {
            for line in *lines {
                let text = folded(line);
                assert!(text.lines().all(|l| l.chars().count() <= EXAMPLE_WIDTH), "{text}");
                assert_eq!(words(text.trim()), words(line), "{text}");
            }
        }
    }

    #[test]
    fn help_ends_with_the_examples() {
        let mut command = command();
        let help = command.find_subcommand_mut("agenda").map(|c| c.render_help().to_string()).unwrap_or_default();
        assert!(help.trim_end().ends_with("dossier agenda --now 2026-12-01"), "{help}");
    }
}
