//! Stage classification: turns the status text a tracker shows (English, Chinese or Russian)
//! into a [`Stage`] of domain.md §6, so the silence thresholds of §2 can be applied.
//!
//! Invariants: pure functions, no I/O; text no rule knows is [`Stage::Unknown`], never
//! guessed; empty text is `Unknown`; no input panics. Rules are one ordered table, most
//! specific first: the first row with a matching phrase wins. Three phrase families depend on
//! where the parcel already is (sorting, customs without a direction, "arrived at destination
//! country") and are resolved from a [`Context`].

use rustc_hash::FxHashMap as HashMap;
use std::cmp::Reverse;

use crate::model::{Case, Stage};

/// What the classifier knows about where a status happened, to resolve context-dependent phrases.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context<'a> {
    /// The furthest main stage of the statuses before this one (None for the first).
    pub previous: Option<Stage>,
    /// The stage of the status just before this one, whatever it is (None for the first).
    pub last: Option<Stage>,
    /// The place text of this status, if any.
    pub place: Option<&'a str>,
    /// The buyer's destination country (ISO alpha-2, e.g. "RU", as `parse_country` gives
    /// it: no spaces around), if known.
    pub destination: Option<&'a str>,
    /// The parcel started in the buyer's country: it never crosses a border.
    pub domestic: bool,
    /// In a domestic route, whether this status's place is away from where the parcel was
    /// taken in (another city, or the buyer's own); None when it has no place.
    pub moved: Option<bool>,
    /// On a route not known to be domestic, whether this status's place is the buyer's own
    /// town: a sorting there is on the destination side, wherever the parcel came from.
    pub in_buyers_town: bool,
    /// The country the parcel started from, when it is not the buyer's: the one that issued
    /// the tracking number, else the country of the route's first place. A place there is on
    /// the origin side even in a country that is often a transit hub (a Turkish seller's
    /// parcel in İstanbul, a UPS parcel taken in at Lummen, Belgium).
    pub origin: Option<&'a str>,
    /// On a domestic route whose statuses show it start at home (not only its number), an
    /// arrival is at a hub or depot of the same network and is sided by its town like a
    /// sorting ("Transfer Merkezinde" in the sender's town, then in the buyer's). A route
    /// domestic by its number alone may be an import under a local number ("Objeto recebido
    /// pelos Correios do Brasil").
    pub hub_arrivals: bool,
}

/// What a rule row yields: a fixed stage, or a family the context resolves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Is(Stage),
    /// Sorting scans: destination sorting once the parcel is in the destination country.
    Sorting,
    /// Customs scans and holds with no direction: import, unless going on from export customs.
    Customs,
    /// "Arrived at destination country": a transit hub when the place is one.
    Arrival,
    /// An office of exchange that names no side ("Прибыло в место международного обмена",
    /// "Centro Scambi Internazionale"): with no place, the outward one while the statuses
    /// before it are all on the origin side before any departure, else an arrival.
    Exchange,
}

use Target::{Arrival, Customs, Exchange, Is, Sorting};

/// The phrase tables, one file per language (`src/rules/phrases/*.tsv`), compiled in. Each
/// line is `TARGET<TAB>PHRASE[<TAB>where it was seen]`; `#` starts a comment. TARGET is a
/// stage code or one of the families `sorting`, `customs`, `arrival`, `exchange` that the context
/// resolves. PHRASE is written as carriers show it (case, accents and punctuation do not
/// matter); `word*` is a stem (and lets anything follow it before the next word); `…` or
/// `{place}` lets anything come between two parts; `=PHRASE` must be the whole text.
pub const PHRASE_FILES: &[(&str, &str)] = &[
    ("en", include_str!("phrases/en.tsv")),
    ("zh", include_str!("phrases/zh.tsv")),
    ("ru", include_str!("phrases/ru.tsv")),
    ("uk", include_str!("phrases/uk.tsv")),
    ("es", include_str!("phrases/es.tsv")),
    ("pt", include_str!("phrases/pt.tsv")),
    ("fr", include_str!("phrases/fr.tsv")),
    ("de", include_str!("phrases/de.tsv")),
    ("pl", include_str!("phrases/pl.tsv")),
    ("tr", include_str!("phrases/tr.tsv")),
    ("nl", include_str!("phrases/nl.tsv")),
    ("it", include_str!("phrases/it.tsv")),
    ("sv", include_str!("phrases/sv.tsv")),
    ("th", include_str!("phrases/th.tsv")),
    ("ko", include_str!("phrases/ko.tsv")),
    ("ja", include_str!("phrases/ja.tsv")),
    ("he", include_str!("phrases/he.tsv")),
    ("ar", include_str!("phrases/ar.tsv")),
    ("cs", include_str!("phrases/cs.tsv")),
    ("sk", include_str!("phrases/sk.tsv")),
    ("hu", include_str!("phrases/hu.tsv")),
    ("ro", include_str!("phrases/ro.tsv")),
    ("lt", include_str!("phrases/lt.tsv")),
    ("lv", include_str!("phrases/lv.tsv")),
    ("et", include_str!("phrases/et.tsv")),
    ("bg", include_str!("phrases/bg.tsv")),
    ("hr", include_str!("phrases/hr.tsv")),
    ("sr", include_str!("phrases/sr.tsv")),
    ("sl", include_str!("phrases/sl.tsv")),
    ("kk", include_str!("phrases/kk.tsv")),
    ("be", include_str!("phrases/be.tsv")),
    ("uz", include_str!("phrases/uz.tsv")),
    ("ka", include_str!("phrases/ka.tsv")),
    ("hy", include_str!("phrases/hy.tsv")),
    ("vi", include_str!("phrases/vi.tsv")),
    ("id", include_str!("phrases/id.tsv")),
    ("ms", include_str!("phrases/ms.tsv")),
    ("da", include_str!("phrases/da.tsv")),
    ("nb", include_str!("phrases/nb.tsv")),
    ("fi", include_str!("phrases/fi.tsv")),
    ("el", include_str!("phrases/el.tsv")),
];

/// Targets in order of precedence when two matching phrases are equally long: the traps
/// (returns, failures, hand-overs) before the words they contain.
const PRECEDENCE: &[Target] = &[
    Is(Stage::Unknown),
    Is(Stage::CarrierUpdate),
    Is(Stage::Returned),
    Is(Stage::Returning),
    Is(Stage::DeliveryFailed),
    Is(Stage::Exception),
    Is(Stage::AwaitingPickup),
    Is(Stage::OutForDelivery),
    Is(Stage::AtLocalOffice),
    Is(Stage::LastMileHandover),
    Is(Stage::ExportCustoms),
    Is(Stage::ImportCustoms),
    Customs,
    Is(Stage::TransitHub),
    Is(Stage::LinehaulHandover),
    Is(Stage::DepartedOrigin),
    Is(Stage::ArrivedDestination),
    Arrival,
    Exchange,
    Is(Stage::DestinationSorting),
    Is(Stage::OriginSorting),
    Sorting,
    Is(Stage::Delivered),
    Is(Stage::Accepted),
    Is(Stage::InfoReceived),
    Is(Stage::OrderPlaced),
    Is(Stage::InTransit),
];

/// One phrase of a table, ready to match.
#[derive(Debug, Clone)]
pub struct Rule {
    target: Target,
    /// Normalised parts in order; a part ending in `*` is a stem.
    parts: Vec<String>,
    /// Letters in the parts: the longest matching phrase is the most specific one.
    weight: usize,
    /// The table's language.
    pub lang: &'static str,
    /// The phrase as written in the table.
    pub phrase: String,
    /// Written `=PHRASE`: the phrase must be the whole text, a bare scan name ("Processed",
    /// "Sealing") that as a part of a longer text says less than its other words.
    whole: bool,
}

impl Rule {
    /// True when the rule occurs in the normalised `text`.
    fn occurs_in(&self, text: &str) -> bool {
        if self.whole {
            return text.trim() == self.parts.join(" ");
        }
        contains_parts(text, &self.parts)
    }

    /// The stage code or family the rule names.
    pub fn target(&self) -> &'static str {
        match self.target {
            Is(stage) => crate::model::Code::code(stage),
            Sorting => "sorting",
            Customs => "customs",
            Arrival => "arrival",
            Exchange => "exchange",
        }
    }
}

/// Reads one table line into a rule; `None` for comments, blank lines and bad lines (the
/// tables are tested to have none).
fn parse_line(lang: &'static str, line: &str) -> Option<Rule> {
    let line = line.trim_end();
    if line.trim_start().starts_with('#') || line.trim().is_empty() {
        return None;
    }
    let mut fields = line.split('\t');
    let (target, phrase) = (fields.next()?, fields.next()?);
    parse_rule(lang, target, phrase)
}

/// A rule from its target (a stage code or the family `sorting`, `customs`, `arrival`) and
/// its phrase; `None` when the target is unknown or the phrase has no letters.
pub fn parse_rule(lang: &'static str, target: &str, phrase: &str) -> Option<Rule> {
    let written = phrase.trim();
    let (whole, phrase) = written.strip_prefix('=').map_or((false, written), |rest| (true, rest.trim()));
    let target = match target.trim() {
        "sorting" => Sorting,
        "customs" => Customs,
        "arrival" => Arrival,
        "exchange" => Exchange,
        code => Is(<Stage as crate::model::Code>::from_code(code)?),
    };
    let mut gapped = phrase.to_string();
    while let (Some(open), Some(close)) = (gapped.find('{'), gapped.find('}')) {
        if close < open {
            break;
        }
        gapped.replace_range(open..=close, "…");
    }
    // A stem inside a phrase ends its part: `вручен* отправител*` is two stems in order.
    let parts: Vec<String> = gapped
        .replace("* ", "*…")
        .split('…')
        .filter_map(|part| {
            let part = part.trim();
            let (word, stem) = part.strip_suffix('*').map_or((part, false), |word| (word, true));
            let word = normalise(word).trim().to_string();
            (!word.is_empty()).then(|| if stem { format!("{word}*") } else { word })
        })
        .collect();
    let weight = parts.iter().map(|p| p.trim_end_matches('*').chars().filter(|c| *c != ' ').count()).sum();
    (!parts.is_empty()).then(|| Rule { target, parts, weight, lang, phrase: written.to_string(), whole })
}

/// Every rule of every table, read once, with an index by the longest whole word of the
/// phrase's first part (its first character when it starts with a Chinese part, as Chinese
/// has no spaces): a text is tried only against the rules whose key word or character it
/// contains (thousands of rules, a few dozen candidates). A first part that is only a stem
/// ("doručen*", "배달완료*") is indexed by the stem's first three letters, which a word of the
/// text must begin with; shorter stems are always tried.
struct Tables {
    rules: Vec<Rule>,
    by_key: HashMap<String, Vec<usize>>,
    by_stem: HashMap<String, Vec<usize>>,
    always: Vec<usize>,
}

fn tables() -> &'static Tables {
    static TABLES: std::sync::LazyLock<Tables> = std::sync::LazyLock::new(|| {
        let rules: Vec<Rule> = PHRASE_FILES
            .iter()
            .flat_map(|&(lang, table)| table.lines().filter_map(move |line| parse_line(lang, line)))
            .collect();
        let mut by_key = HashMap::<String, Vec<usize>>::default();
        let (mut by_stem, mut always) = (HashMap::<String, Vec<usize>>::default(), Vec::new());
        for (index, rule) in rules.iter().enumerate() {
            let first = rule.parts[0].split(' ').next().unwrap_or_default();
            // The longest whole word of the first part is the most telling key ("the" or
            // "item" would make every English text try hundreds of rules).
            let key = rule.parts[0]
                .split(' ')
                .filter(|w| !w.is_empty() && !w.ends_with('*'))
                .max_by_key(|w| w.chars().count());
            if let Some(c) = first.chars().next().filter(|&c| is_unspaced(c)) {
                by_key.entry(c.to_string()).or_default().push(index);
            } else if let Some(key) = key {
                by_key.entry(key.to_string()).or_default().push(index);
            } else if let Some(prefix) = stem_prefix(first.trim_end_matches('*')) {
                by_stem.entry(prefix.to_string()).or_default().push(index);
            } else {
                always.push(index);
            }
        }
        Tables { rules, by_key, by_stem, always }
    });
    &TABLES
}

/// The rule that decides `text`: a phrase of the user's own (`[phrases]` in `rules.toml`,
/// given here as `user`) when one occurs in it, else one of the built-in tables; in either,
/// the longest matching phrase, then [`PRECEDENCE`].
pub fn deciding_rule<'r>(text: &str, user: &'r [Rule]) -> Option<&'r Rule> {
    user_rule(text, user).or_else(|| table_rule(text))
}

/// The best of the user's own rules that occurs in `text`.
fn user_rule<'r>(text: &str, user: &'r [Rule]) -> Option<&'r Rule> {
    if user.is_empty() {
        return None;
    }
    best(&normalise(text), user, 0..user.len())
}

/// Of the `candidates` (indices into `rules`), the rule that occurs in the normalised `text`
/// and decides it: the longest, then the first in [`PRECEDENCE`]; equally long and equally
/// ranked, the rule earlier in `rules` wins, whatever the order the candidates came in.
///
/// One exception to length: a loss is never read as plain movement. When the longest phrase
/// only says the parcel moves (`in-transit`, a sorting scan) and the text declares a loss
/// ([`declares_loss`]: "Parcel lost while being transported", "Отправление утрачено в
/// транзите"), the best matching `exception` rule decides. Damage is left out on purpose:
/// with every `exception` rule, a bare "exception" would turn "Exception resolved, shipment
/// in transit" into a problem (tried against the harvested lists and such texts).
fn best<'r>(text: &str, rules: &'r [Rule], candidates: impl Iterator<Item = usize>) -> Option<&'r Rule> {
    let precedence = |target: Target| PRECEDENCE.iter().position(|&t| t == target).unwrap_or(PRECEDENCE.len());
    let rank = |&index: &usize| (rules[index].weight, Reverse(precedence(rules[index].target)), Reverse(index));
    let matching: Vec<usize> = candidates.filter(|&index| rules[index].occurs_in(text)).collect();
    let mut winner = matching.iter().copied().max_by_key(rank)?;
    // An exception that gives a failed delivery as its reason is the failed delivery
    // ("Exception: customer not home", J&T's "已进行问题件扫描…问题原因【收件人电话无人接听】"),
    // and goes on to the return's test below. (Not when the exception's own phrase holds the
    // failure's words: "Delivery failed, Package damaged" was written so.)
    if rules[winner].target == Is(Stage::Exception) && !declares_loss(text) {
        let own = format!(" {} ", rules[winner].parts.join(" "));
        let failed = matching
            .iter()
            .copied()
            .filter(|&index| {
                rules[index].target == Is(Stage::DeliveryFailed) && !contains_parts(&own, &rules[index].parts)
            })
            .max_by_key(rank);
        if let Some(failed) = failed {
            winner = failed;
        }
    }
    // A scan of the way back reads like any other scan ("Return Shipment Out for Delivery",
    // "Out for Delivery for RTS", "Dispatched for RTO"): when the text marks a return and a
    // rule of the return matches too, that rule decides (a delivery then is the return's).
    // A failed delivery that says the parcel goes back is the return's start ("Return to
    // sender: addressee unknown", "已进行退回件登记，退回原因【多次派送无法联系收件人】").
    let back: &[Target] = match rules[winner].target {
        Is(Stage::Delivered) => &[Is(Stage::Returned)],
        Is(Stage::DeliveryFailed) => &[Is(Stage::Returning)],
        target if moves(target) => &[Is(Stage::Returning), Is(Stage::Returned)],
        _ => &[],
    };
    if !back.is_empty() && marks_return(text) {
        let best_back = matching.iter().copied().filter(|&index| back.contains(&rules[index].target)).max_by_key(rank);
        if let Some(best_back) = best_back {
            return Some(&rules[best_back]);
        }
    }
    if matches!(rules[winner].target, Is(Stage::InTransit) | Sorting) && declares_loss(text) {
        let loss =
            matching.iter().copied().filter(|&index| rules[index].target == Is(Stage::Exception)).max_by_key(rank);
        if let Some(loss) = loss {
            return Some(&rules[loss]);
        }
    }
    // On the way to a place is not being there: "Your parcel is on its way to the local
    // delivery office", "Заказ едет в пункт выдачи". When a rule that only says the parcel
    // is under way ("on its way", "в пути") matches before the words of a place it has not
    // reached, and the place's own phrase does not hold those words ("on its way to be
    // delivered" was written so), the parcel is in transit.
    let there = matches!(
        rules[winner].target,
        Is(Stage::AtLocalOffice | Stage::AwaitingPickup | Stage::DestinationSorting | Stage::ArrivedDestination)
            | Arrival
    );
    if there {
        // Where a rule's first part first occurs: its start and its end.
        let span = |rule: &Rule| {
            let first = &rule.parts[0];
            find_part(text, 0, first).map(|end| (end - first.trim_end_matches('*').len(), end))
        };
        let own = format!(" {} ", rules[winner].parts.join(" "));
        let place_at = span(&rules[winner]).map(|(start, _)| start);
        // Joined to the place by a word of direction ("В пути. Прибыло в место вручения" is
        // a tracker's heading before an arrival): the heading ends with one, or one follows.
        let heading = matching.iter().copied().filter(|&index| {
            let rule = &rules[index];
            let phrase = rule.parts.join(" ");
            let towards = |end: usize| {
                let next = text[end..].split_whitespace().next().unwrap_or_default();
                TOWARDS.iter().any(|word| phrase.ends_with(&format!(" {word}")) || next == *word)
            };
            rule.target == Is(Stage::InTransit)
                && HEADING.contains(&phrase.as_str())
                && !contains_parts(&own, &rule.parts)
                && span(rule).zip(place_at).is_some_and(|((start, end), place)| start < place && towards(end))
        });
        if let Some(heading) = heading.max_by_key(rank) {
            return Some(&rules[heading]);
        }
    }
    Some(&rules[winner])
}

/// The phrases of rules that say a parcel is under way to somewhere, normalised: before the
/// name of a place, they say it is not there yet (see [`best`]).
const HEADING: &[&str] = &[
    "on the way",
    "on its way",
    "en route",
    "in transit to",
    "heading to",
    "в пути",
    "едет в",
    "везут в",
    "направляется в",
    "en viaje",
    "en camino",
    "en transito",
    "en ruta",
    "em transito",
    "a caminho",
    "en cours d acheminement",
    "unterwegs",
    "w drodze",
    "onderweg",
    "in viaggio",
    "in transito",
];

/// Words of direction after a [`HEADING`], normalised: "on its way to", "в пути до", "en
/// viaje a", "a caminho da", "unterwegs zur", "w drodze do", "onderweg naar", "in viaggio verso".
const TOWARDS: &[&str] = &[
    "to", "в", "во", "до", "a", "al", "hacia", "para", "da", "do", "ao", "vers", "zu", "zum", "zur", "nach", "naar",
    "verso",
];

/// True when a whole text is a single word or two of an order's, a shop's or a label's state
/// that no rule reads, as shops and young carriers print them before the carrier has the
/// parcel ("Pending", "Confirmed", "Packed", "Criado", "Ingresado", "In Bearbeitung").
fn bare_pre_carrier(text: &str) -> bool {
    const WORDS: &[&str] = &[
        "pending",
        "confirmed",
        "packed",
        "registered",
        "submitted",
        "created",
        "create",
        "print",
        "printed",
        "processing",
        "placed",
        "new",
        "criado",
        "creado",
        "ingresado",
        "procesando",
        "pendiente",
        "confirmado",
        "registrado",
        "in bearbeitung",
        "erstellt",
        "en preparation",
        "новый",
        "новые",
        "в обработке",
        "резерв",
        "待处理",
        "已确认",
    ];
    let text = normalise(text);
    WORDS.contains(&text.trim())
}

/// True for a rule target that only says the parcel moves or is handled on its way.
fn moves(target: Target) -> bool {
    match target {
        Sorting | Arrival | Exchange => true,
        Is(stage) => moving(stage) || matches!(stage, Stage::Accepted | Stage::OutForDelivery),
        _ => false,
    }
}

/// True when a (normalised) text marks its scan as part of a return to the sender: the
/// couriers' RTO/RTS ("return to origin/shipper"), a reverse hub, a return shipment, a
/// Chinese courier's returned piece (退件, 退回件) or its return to the sender.
/// Only words that say nothing else: a bare "return" is also a delivery's return receipt,
/// and a bare 退回 (or 退回原因) also a parcel brought back to the delivering branch.
fn marks_return(text: &str) -> bool {
    const MARKS: &[&str] = &[
        " rto ",
        " rts ",
        " reverse ",
        " return shipment ",
        " return to sender ",
        " return to shipper ",
        " returned to sender ",
        " returned to shipper ",
        " being returned ",
        " zwrot do nadawcy ",
        " zwrot przesylki do nadawcy ",
        " devolucion al remitente ",
        " devolucao ao remetente ",
        " para su devolucion ",
        " rientro al mittente ",
        " retour a l expediteur ",
        " retour afzender ",
        " rucksendung an absender ",
        " возврат отправителю ",
        " повернення відправнику ",
        // (Turkish couriers put the word before any scan of the way back: Sürat's "İade
        // Transfer Merkezinde", PTT's "İADE-Adres Hatalı/Okunmuyor".)
        " iade ",
        "退回件",
        "退件",
        "退回寄件人",
        "退回发件人",
        "退还寄件人",
    ];
    // (A return called off is none: "RTO cancelled", "RTS request cancelled", "已取消退件"; nor is
    // one only threatened, "如三天内无法联系将退件", Correios' "Objeto sujeito a atraso na entrega
    // ou a devolução ao remetente".)
    const OFF: &[&str] = &["取消", "撤销", "撤回", "将退"];
    MARKS.iter().any(|mark| text.contains(mark))
        && !contains_phrase(text, "cancel*")
        && !contains_phrase(text, "iptal")
        && !contains_phrase(text, "sujeito a")
        && !OFF.iter().any(|word| text.contains(word))
}

/// The rule of the built-in tables that decides `text`. 17TRACK prints a status with the
/// carrier's own words after it ("Accepted by carrier, Carrier note: Order information
/// received"): the status decides when a rule reads it as a stage, else the whole text (a
/// head that only says "Carrier update" or "Shipment on the way" leaves it to the note).
fn table_rule(text: &str) -> Option<&'static Rule> {
    let note = text.to_ascii_lowercase().find("carrier note:");
    let head = note.map(|at| text[..at].trim_end_matches([',', ' ', ';'])).filter(|head| !head.is_empty());
    let says_a_stage =
        |rule: &&Rule| !matches!(rule.target, Is(Stage::InTransit | Stage::Unknown | Stage::CarrierUpdate));
    head.and_then(rule_of_tables).filter(says_a_stage).or_else(|| rule_of_tables(text))
}

/// [`table_rule`] for one text.
fn rule_of_tables(text: &str) -> Option<&'static Rule> {
    let text = normalise(text);
    let tables = tables();
    let mut chars = text.chars().filter(|&c| is_unspaced(c)).collect::<Vec<_>>();
    chars.sort_unstable();
    chars.dedup();
    let by_char = chars.into_iter().filter_map(|c| tables.by_key.get(c.encode_utf8(&mut [0; 4]) as &str));
    let by_stem = text.split(' ').filter_map(|word| tables.by_stem.get(stem_prefix(word)?));
    let by_word = text.split(' ').filter_map(|word| tables.by_key.get(word)).chain(by_char).chain(by_stem).flatten();
    best(&text, &tables.rules, tables.always.iter().chain(by_word).copied())
}

/// The first three letters of a word, the key of the stems that may begin it; `None` when
/// it is shorter.
fn stem_prefix(word: &str) -> Option<&str> {
    let end = word.char_indices().nth(3).map_or(word.len(), |(at, _)| at);
    (word[..end].chars().count() == 3).then(|| &word[..end])
}

/// Places a status can name, by country (ISO alpha-2), and whether the country is a known
/// transit hub on the way to other countries (`true`). Same phrase syntax as the tables. Small
/// on purpose (the countries, their capitals, main hubs and largest cities): a place matching
/// none is taken as the tracker says.
#[rustfmt::skip]
const PLACES: &[(&str, bool, &[&str])] = &[
    ("NL", true, &["netherlands", "holland", "amsterdam", "schiphol",
                   "нидерланд*", "голланди*", "амстердам*", "荷兰", "阿姆斯特丹"]),
    ("LV", true, &["latvia", "riga", "латви*", "рига", "риге", "риги", "拉脱维亚", "里加"]),
    ("BE", true, &["belgium", "liege", "brussels", "бельги*", "льеж*", "брюссел*", "比利时", "列日"]),
    ("FI", true, &["finland", "helsinki", "vantaa", "финлянди*", "хельсинки", "芬兰", "赫尔辛基"]),
    ("KZ", true, &["kazakhstan", "almaty", "astana", "казахстан*", "алматы", "астана", "哈萨克斯坦"]),
    ("HU", true, &["hungary", "budapest", "венгри*", "будапешт*", "匈牙利", "布达佩斯"]),
    ("PL", true, &["poland", "polska", "pologne", "polonia", "polen", "polonya", "warsaw", "warszawa", "krakow", "wroclaw", "poznan",
                   "gdansk", "lodz", "katowice", "szczecin", "lublin", "bydgoszcz",
                   "польш*", "варшав*", "波兰", "华沙"]),
    ("AE", true, &["united arab emirates", "uae", "dubai", "оаэ", "дубай", "阿联酋", "迪拜"]),
    ("DE", true, &["germany", "deutschland", "allemagne", "alemania", "germania", "niemcy", "almanya", "alemanha", "frankfurt", "leipzig", "berlin", "hamburg", "munchen",
                   "koln", "cologne", "dortmund", "essen", "stuttgart", "dusseldorf",
                   "hannover", "nurnberg", "duisburg",
                   "германи*", "франкфурт*", "德国"]),
    ("LT", true, &["lithuania", "vilnius", "литв*", "вильнюс*", "立陶宛"]),
    ("EE", true, &["estonia", "tallinn", "эстони*", "таллин*", "爱沙尼亚"]),
    ("BY", true, &["belarus", "minsk", "беларус*", "белорусси*", "минск*", "白俄罗斯"]),
    ("TR", true, &["turkey", "turkiye", "turquie", "turquia", "turchia", "turkei", "turcja", "istanbul", "ankara", "izmir", "bursa", "antalya",
                   "турци*", "стамбул*", "土耳其"]),
    ("HK", true, &["hong kong", "hongkong", "гонконг*", "香港"]),
    ("SG", true, &["singapore", "сингапур*", "新加坡"]),
    ("CN", false, &["china", "chine", "cina", "chiny", "cin", "shenzhen", "guangzhou", "dongguan", "yiwu", "shanghai", "beijing", "hangzhou",
                    "китай", "китае", "шэньчжэн*", "шеньчжен*", "гуанчжоу", "пекин*", "шанха*",
                    "中国", "深圳", "广州", "东莞", "义乌", "上海", "北京", "杭州",
                    // China in the other tables' languages, as their trackers name it.
                    "kina", "kiina", "hiina", "kinija", "кина", "κινα", "סין", "الصين", "중국"]),
    ("RU", false, &["russia", "russie", "rusia", "russland", "rosja", "rusya", "russian federation", "moscow", "saint petersburg", "st petersburg",
                    "росси*", "рф", "москв*", "санкт петербург*", "новосибирск*", "екатеринбург*",
                    "казан*", "нижний новгород", "краснодар*", "самара", "самаре", "самары", "ростов на дону", "уф*",
                    "челябинск*", "перм*", "воронеж*", "омск*", "красноярск*", "внуково", "шереметьево",
                    "俄罗斯", "莫斯科"]),
    ("UA", false, &["ukraine", "kyiv", "kiev", "kharkiv", "odesa", "lviv", "dnipro", "украин*", "україн*",
                    "киев*", "київ*", "харків*", "харьков*", "одес*", "львів*", "львов*", "дніпр*", "乌克兰"]),
    ("US", false, &["united states", "usa", "etats unis", "stati uniti", "vereinigte staaten", "new york", "new mexico", "los angeles", "chicago", "miami", "san francisco",
                    "jamaica ny", "atlanta", "dallas", "houston", "seattle", "сша", "美国"]),
    ("GB", false, &["united kingdom", "uk", "royaume uni", "reino unido", "regno unito", "great britain", "england", "scotland",
                    "northern ireland", "london", "heathrow", "coventry", "glasgow", "edinburgh", "birmingham", "manchester",
                    "east midlands", "великобритани*", "лондон*", "英国"]),
    ("FR", false, &["france", "francia", "frankreich", "francja", "fransa", "paris", "roissy", "lyon", "marseille", "toulouse", "bordeaux", "lille", "nantes",
                    "strasbourg", "франци*", "париж*", "法国"]),
    ("ES", false, &["spain", "espagne", "spanien", "spagna", "hiszpania", "ispanya", "espana", "madrid", "barcelona", "sevilla", "zaragoza",
                    "malaga", "bilbao", "испани*", "мадрид*", "西班牙"]),
    ("IT", false, &["italy", "italia", "italie", "italien", "wlochy", "italya", "milan", "milano", "rome", "napoli", "torino", "bologna", "firenze",
                    "genova", "palermo", "malpensa", "fiumicino", "итали*", "意大利"]),
    ("BR", false, &["brazil", "brasil", "bresil", "brasile", "brasilien", "brazylia", "brezilya", "sao paulo", "rio de janeiro", "curitiba", "brasilia",
                    "belo horizonte", "porto alegre", "fortaleza", "recife",
                    "бразили*", "巴西"]),
    ("PT", false, &["portugal", "lisboa", "португали*", "葡萄牙"]),
    ("AU", false, &["australia", "sydney", "melbourne", "brisbane", "perth", "nsw", "qld", "австрали*", "澳大利亚"]),
    // Hubs some posts route Chinese parcels through (Swiss, Swedish, Norwegian, Malaysian,
    // Japanese and Korean posts' numbers on AliExpress parcels).
    ("CH", true, &["switzerland", "suisse", "schweiz", "svizzera", "suiza", "suica", "szwajcaria", "isvicre", "zurich",
                   "geneve", "geneva", "basel", "bern", "швейцари*", "цюрих*", "瑞士"]),
    ("SE", true, &["sweden", "suede", "schweden", "svezia", "suecia", "szwecja", "isvec", "sverige", "stockholm", "malmo",
                   "arlanda", "швеци*", "стокгольм*", "瑞典"]),
    ("NO", true, &["norway", "norvege", "norwegen", "norvegia", "noruega", "norwegia", "norvec", "norge", "oslo",
                   "норвеги*", "осло", "挪威"]),
    ("MY", true, &["malaysia", "malaisie", "malasia", "kuala lumpur", "малайзи*", "马来西亚", "吉隆坡"]),
    ("JP", true, &["japan", "japon", "japao", "giappone", "japonia", "japonya", "tokyo", "osaka", "narita", "япони*", "токио",
                   "日本"]),
    ("KR", true, &["south korea", "korea", "coree", "corea", "coreia", "korea poludniowa", "kore", "seoul", "incheon", "busan",
                   "корея", "кореи", "корею", "сеул*", "韩国", "首尔", "仁川"]),
    ("CA", false, &["canada", "kanada", "toronto", "montreal", "vancouver", "calgary", "ottawa", "mississauga", "winnipeg",
                    "edmonton", "quebec", "канад*", "торонто", "加拿大"]),
    ("NZ", false, &["new zealand", "nouvelle zelande", "neuseeland", "nueva zelanda", "nova zelandia", "nowa zelandia",
                    "yeni zelanda", "auckland", "wellington", "christchurch", "новая зеланди*", "новой зеланди*", "新西兰"]),
    ("MX", false, &["mexico", "mexique", "mexiko", "messico", "meksyk", "meksika", "monterrey", "мексик*", "墨西哥"]),
    ("CL", false, &["chile", "chili", "cile", "чили", "智利"]),
    ("AR", false, &["argentina", "argentine", "argentinien", "arjantin", "buenos aires", "аргентин*", "阿根廷"]),
    ("CO", false, &["colombia", "colombie", "kolumbien", "kolumbia", "kolombiya", "bogota", "колумби*", "哥伦比亚"]),
    ("PE", false, &["peru", "perou", "перу", "秘鲁"]),
    ("IL", false, &["israel", "israele", "izrael", "tel aviv", "израил*", "以色列"]),
    ("SA", false, &["saudi arabia", "arabie saoudite", "riyadh", "jeddah", "саудовск*", "沙特"]),
    ("AT", false, &["austria", "autriche", "osterreich", "avusturya", "wien", "vienna", "австри*", "вена", "奥地利"]),
    ("DK", false, &["denmark", "danemark", "danmark", "dinamarca", "dania", "danimarka", "copenhagen", "kobenhavn", "дания",
                    "дании", "丹麦"]),
    ("IE", false, &["ireland", "irlande", "irland", "irlanda", "irlandia", "dublin", "ирланди*", "爱尔兰"]),
    ("GR", false, &["greece", "grece", "griechenland", "grecia", "grecja", "yunanistan", "athina", "греци*", "希腊"]),
    ("CZ", false, &["czech republic", "czechia", "tchequie", "tschechien", "chequia", "czechy", "cekya", "praha", "prague",
                    "чехи*", "捷克"]),
    ("SK", false, &["slovakia", "slovaquie", "slowakei", "eslovaquia", "slowacja", "bratislava", "словаки*", "斯洛伐克"]),
    ("RO", false, &["romania", "roumanie", "rumanien", "rumunia", "romanya", "bucuresti", "bucharest", "румыни*", "罗马尼亚"]),
    ("BG", false, &["bulgaria", "bulgarie", "bulgarien", "bulgaristan", "болгари*", "保加利亚"]),
    ("HR", false, &["croatia", "croatie", "kroatien", "croacia", "chorwacja", "hirvatistan", "zagreb", "хорвати*", "克罗地亚"]),
    ("RS", false, &["serbia", "serbie", "serbien", "sirbistan", "beograd", "belgrade", "серби*", "塞尔维亚"]),
    ("MD", false, &["moldova", "moldavie", "moldawien", "moldavia", "moldawia", "chisinau", "молдов*", "молдави*", "кишинев*",
                    "摩尔多瓦"]),
    ("GE", false, &["sakartvelo", "tbilisi", "грузи*", "тбилиси", "格鲁吉亚"]),
    ("AM", false, &["armenia", "armenie", "armenien", "ermenistan", "yerevan", "армени*", "ереван*", "亚美尼亚"]),
    ("AZ", false, &["azerbaijan", "azerbaidjan", "aserbaidschan", "azerbaiyan", "azerbejdzan", "azerbaycan", "baku",
                    "азербайджан*", "баку", "阿塞拜疆"]),
    ("UZ", false, &["uzbekistan", "ouzbekistan", "usbekistan", "ozbekistan", "tashkent", "узбекистан*", "ташкент*",
                    "乌兹别克斯坦"]),
    ("KG", false, &["kyrgyzstan", "kirghizistan", "kirgisistan", "kirgizistan", "bishkek", "киргиз*", "кыргызстан*", "бишкек*",
                    "吉尔吉斯斯坦"]),
    ("TJ", false, &["tajikistan", "tadjikistan", "tadschikistan", "dushanbe", "таджикистан*", "душанбе", "塔吉克斯坦"]),
    ("TW", false, &["taiwan", "taipei", "тайван*", "台湾", "台北"]),
    ("TH", false, &["thailand", "thailande", "tailandia", "tajlandia", "tayland", "bangkok", "таиланд*", "泰国", "曼谷"]),
    ("VN", false, &["vietnam", "viet nam", "hanoi", "ho chi minh", "вьетнам*", "越南"]),
    ("ID", false, &["indonesia", "indonesie", "indonesien", "indonezja", "endonezya", "jakarta", "индонези*", "印度尼西亚", "印尼"]),
    ("PH", false, &["philippines", "filipinas", "philippinen", "filipiny", "filipinler", "manila", "филиппин*", "菲律宾"]),
    ("IN", false, &["india", "inde", "indien", "hindistan", "mumbai", "delhi", "индия", "индии", "印度"]),
    ("PK", false, &["pakistan", "karachi", "пакистан*", "巴基斯坦"]),
    ("ZA", false, &["south africa", "afrique du sud", "sudafrika", "sudafrica", "johannesburg", "юар", "南非"]),
    ("EG", false, &["egypt", "egypte", "agypten", "egipto", "egitto", "egipt", "misir", "cairo", "египет", "египта", "埃及"]),
    // DHL's and Qatar Airways' hubs for the Middle East and India.
    ("BH", true, &["bahrain", "bahrein", "manama", "бахрейн*", "巴林"]),
    ("QA", true, &["qatar", "katar", "doha", "катар*", "卡塔尔"]),
    ("MA", false, &["morocco", "maroc", "marokko", "marruecos", "marocco", "maroko", "casablanca", "марокко", "摩洛哥"]),
    // Smaller countries and territories buyers live in or parcels cross (their names in the
    // languages of the tables where they differ, capitals and main towns).
    ("BD", false, &["bangladesh", "dhaka", "chittagong", "chattogram", "khulna", "sylhet", "rajshahi"]),
    ("LK", false, &["sri lanka", "kandy"]),
    ("NP", false, &["nepal", "kathmandu"]),
    ("MM", false, &["myanmar", "yangon", "mandalay"]),
    ("KH", false, &["cambodia", "phnom penh"]),
    ("LA", false, &["laos", "vientiane"]),
    ("MN", false, &["mongolia", "ulaanbaatar", "ulan bator", "монголи*", "улан батор*", "蒙古"]),
    ("KW", false, &["kuwait", "koweit", "кувейт*", "科威特"]),
    ("OM", false, &["oman", "muscat", "salalah", "sohar", "оман*", "阿曼"]),
    ("JO", false, &["jordan", "jordanie", "jordanien", "amman", "иордани*", "约旦"]),
    ("LB", false, &["lebanon", "liban", "beirut", "ливан*", "黎巴嫩"]),
    ("IQ", false, &["iraq", "irak", "baghdad", "erbil", "basra", "ирак*", "伊拉克"]),
    ("IR", false, &["iran", "tehran", "иран*", "伊朗"]),
    ("CY", false, &["cyprus", "chypre", "zypern", "chipre", "cipro", "cypr", "kibris", "nicosia", "lefkosia", "limassol", "larnaca", "paphos", "кипр*", "塞浦路斯"]),
    ("LU", false, &["luxembourg", "luxemburg", "luksemburg", "lussemburgo", "luxemburgo", "bettembourg", "esch sur alzette", "люксембург*", "卢森堡"]),
    ("IS", false, &["iceland", "islande", "islandia", "reykjavik", "исланди*", "冰岛"]),
    ("SI", false, &["slovenia", "slovenie", "slowenien", "eslovenia", "slovenija", "slowenia", "slovenya", "ljubljana", "maribor", "celje", "kranj", "koper", "novo mesto", "словени*", "любляна", "斯洛文尼亚"]),
    ("BA", false, &["bosnia", "bosnie", "bosnien", "bosna", "sarajevo", "banja luka", "mostar", "zenica", "босни*", "波黑"]),
    ("ME", false, &["crna gora", "podgorica", "черногори*", "黑山"]),
    ("MK", false, &["north macedonia", "macedoine", "mazedonien", "skopje", "bitola", "македони*", "北马其顿"]),
    ("AL", false, &["albania", "albanie", "albanien", "shqiperia", "tirana", "tirane", "durres", "албани*", "阿尔巴尼亚"]),
    ("XK", false, &["kosovo", "pristina", "prishtina", "косово"]),
    ("MT", false, &["malta", "malte", "valletta", "birkirkara", "мальт*", "马耳他"]),
    ("TM", false, &["turkmenistan", "ashgabat", "туркменистан*", "туркмени*", "ашхабад*", "土库曼斯坦"]),
    ("GT", false, &["guatemala", "guatemala city", "guatemala ciudad", "гватемал*", "危地马拉"]),
    ("SV", false, &["сальвадор*", "萨尔瓦多"]),
    ("HN", false, &["honduras", "tegucigalpa", "san pedro sula", "гондурас*", "洪都拉斯"]),
    ("NI", false, &["nicaragua", "managua", "никарагу*", "尼加拉瓜"]),
    ("CR", false, &["costa rica", "san jose costa rica", "коста рик*", "哥斯达黎加"]),
    ("PA", false, &["panama", "ciudad de panama", "панам*", "巴拿马"]),
    ("CU", false, &["cuba", "havana", "la habana", "куба", "кубе", "кубы", "古巴"]),
    ("DO", false, &["dominican republic", "republica dominicana", "santiago de los caballeros", "доминиканск*", "多米尼加"]),
    ("PR", false, &["puerto rico", "san juan puerto rico", "пуэрто рико", "波多黎各"]),
    ("EC", false, &["ecuador", "equateur", "ekwador", "ekvador", "quito", "guayaquil", "cuenca ecuador", "эквадор*", "厄瓜多尔"]),
    ("BO", false, &["bolivia", "bolivie", "boliwia", "la paz bolivia", "santa cruz de la sierra", "cochabamba", "el alto", "боливи*", "玻利维亚"]),
    ("PY", false, &["paraguay", "paragwaj", "asuncion", "ciudad del este", "парагва*", "巴拉圭"]),
    ("UY", false, &["uruguay", "urugwaj", "montevideo", "уругва*", "乌拉圭"]),
    ("VE", false, &["venezuela", "wenezuela", "caracas", "maracaibo", "barquisimeto", "valencia venezuela", "венесуэл*", "委内瑞拉"]),
    ("NG", false, &["nigeria", "lagos nigeria", "abuja", "ikeja", "kano", "ibadan", "port harcourt", "benin city", "enugu", "kaduna", "нигери*", "尼日利亚"]),
    ("KE", false, &["kenya", "nairobi", "mombasa", "kisumu", "nakuru", "eldoret", "кени*", "肯尼亚"]),
    ("GH", false, &["ghana", "accra", "kumasi", "гана", "加纳"]),
    ("ET", false, &["ethiopia", "addis ababa", "эфиопи*", "埃塞俄比亚"]),
    ("TZ", false, &["tanzania", "dar es salaam", "dodoma", "танзани*", "坦桑尼亚"]),
    ("UG", false, &["uganda", "kampala", "уганд*", "乌干达"]),
    ("DZ", false, &["algeria", "algerie", "algerien", "argelia", "algieria", "cezayir", "alger", "algiers", "constantine algerie", "алжир*", "阿尔及利亚"]),
    ("TN", false, &["tunisia", "tunisie", "tunesien", "tunez", "tunezja", "tunus", "tunis", "sfax", "sousse", "тунис*", "突尼斯"]),
];

/// Main stages in route order; the index is the rank.
const ROUTE: [Stage; 17] = [
    Stage::OrderPlaced,
    Stage::InfoReceived,
    Stage::Accepted,
    Stage::OriginSorting,
    Stage::ExportCustoms,
    Stage::LinehaulHandover,
    Stage::DepartedOrigin,
    Stage::TransitHub,
    Stage::ArrivedDestination,
    Stage::ImportCustoms,
    Stage::LastMileHandover,
    Stage::DestinationSorting,
    Stage::AtLocalOffice,
    Stage::OutForDelivery,
    Stage::DeliveryFailed,
    Stage::AwaitingPickup,
    Stage::Delivered,
];

/// The stage of one status text and the table rule that decided it (`None`: no rule knows
/// the text, and the stage is `unknown`). `stage explain` shows this.
pub fn explain<'r>(text: &str, ctx: Context<'_>, user: &'r [Rule]) -> (Stage, Option<&'r Rule>) {
    let rule = deciding_rule(text, user);
    (rule.map_or(Stage::Unknown, |rule| resolve_text(rule.target, text, ctx)), rule)
}

/// Classifies one status text.
pub fn classify(text: &str, ctx: Context<'_>, user: &[Rule]) -> Stage {
    match_rule(text, user).map_or(Stage::Unknown, |target| resolve_text(target, text, ctx))
}

/// The stage a rule's target gives `text` in its context. Customs with a direction word
/// says which side it is, whatever came before ("International shipment release - Export",
/// then "Clearance delay - Import").
fn resolve_text(target: Target, text: &str, ctx: Context<'_>) -> Stage {
    match target {
        Customs | Is(Stage::ImportCustoms | Stage::ExportCustoms) => {
            customs_direction(text).unwrap_or_else(|| resolve(target, ctx))
        }
        target => match resolve(target, ctx) {
            // A departure that names the origin is the origin's, after a "transit center" too
            // (4PX's "Departed from origin country" after its "Arrive in transit center").
            Stage::TransitHub if target == Is(Stage::DepartedOrigin) && names_origin(text) => Stage::DepartedOrigin,
            Stage::DestinationSorting if reaches_outlet(text) => Stage::AtLocalOffice,
            // Reaching a branch before any sorting is the carrier's intake there (J&T's
            // "包裹顺利到达【义乌福田网点】" after its courier's "已取件").
            // (Only a site named as a branch: "快件到達 【深圳】" names a town's hub.)
            Stage::OriginSorting
                if !ctx.previous.is_some_and(|p| is_at_least(p, Stage::OriginSorting))
                    && ctx.last.is_none_or(|last| {
                        matches!(last, Stage::OrderPlaced | Stage::InfoReceived | Stage::Accepted)
                    })
                    && names_outlet(text.split("上一站").next().unwrap_or(text))
                    && reaches_outlet(text) =>
            {
                Stage::Accepted
            }
            // A sorting scan on the destination side at a post office is the delivery
            // office's: Poczta Polska's "Nadejście" at "UP Gdańsk 50", India Post's "Bag
            // Received" at "Hatkoti S.O".
            Stage::DestinationSorting if ctx.place.is_some_and(names_post_office) => Stage::AtLocalOffice,
            // A bare "Collected" is the carrier's collection from the sender when nothing
            // before it shows the carrier had the parcel (Royal Mail's and Pos Malaysia's
            // "Item Collected"); after that, the buyer's collection.
            Stage::Delivered
                if ["collected", "item collected", "parcel collected", "order collected", "picked up collected"]
                    .contains(&normalise(text).trim())
                    && !ctx.previous.is_some_and(|p| is_at_least(p, Stage::Accepted)) =>
            {
                Stage::Accepted
            }
            // The UPU's IPS event names mark the inward side: "Receive item at sorting center
            // (Inb)" was scanned by the destination post, whatever the status before it was,
            // unless the place names another country (a return's inward scans at the sender's
            // post). ("(Otb)" is not read: posts print it on inward scans too.)
            Stage::OriginSorting
                if target == Sorting
                    && text.to_ascii_lowercase().contains("(inb)")
                    && ctx
                        .place
                        .and_then(|place| country_at(place, ctx.destination))
                        .zip(ctx.destination)
                        .is_none_or(|(at, to)| at.eq_ignore_ascii_case(to)) =>
            {
                Stage::DestinationSorting
            }
            // An arrival in the buyer's country, named ("The postal item has arrived in
            // Israel"), is on the destination side whatever came before.
            Stage::OriginSorting | Stage::TransitHub
                if matches!(target, Sorting | Arrival) && arrives_in(text, ctx.destination) =>
            {
                Stage::ArrivedDestination
            }
            stage => stage,
        },
    }
}

/// Whether a text says the parcel arrived in the country `to` by naming it straight after the
/// arrival's words, as the whole of that clause ("has arrived in Israel", "Item arrived in Hong
/// Kong and is being processed", "郵件已抵達香港，正在處理中"), not as where it goes next
/// ("Arrived at sorting center, destination Israel") or a forecast ("Estimated arrival in
/// Israel", "not yet arrived in Israel").
fn arrives_in(text: &str, to: Option<&str>) -> bool {
    // (Chinese in both scripts: `country_of` reads the traditional forms of the clause itself.)
    const ARRIVED: &[&str] =
        &["arrived in ", "arrived at ", "arrival in ", "reached ", "已到达", "已到達", "已抵达", "已抵達"];
    let Some(to) = to else {
        return false;
    };
    // (A look at the bytes first: most sorting scans say none of the words.)
    if !["rriv", "RRIV", "each", "EACH", "已到", "已抵"].iter().any(|word| text.contains(word)) {
        return false;
    }
    let lower = text.to_lowercase();
    let named = ARRIVED.iter().any(|words| {
        let Some(at) = lower.find(words) else {
            return false;
        };
        let rest = &lower[at + words.len()..];
        let clause = rest.split([',', '.', ';', ':', '(', '-', '，', '。', '；', '：', '（']).next().unwrap_or("");
        let clause = clause.split(" and ").next().unwrap_or("").trim();
        clause.split_whitespace().count() <= 3
            && country_of(clause).is_some_and(|country| country.eq_ignore_ascii_case(to))
    });
    named && {
        let text = normalise(&lower);
        !["not", "yet", "expected", "estimated", "will"].iter().any(|word| contains_phrase(&text, word))
    }
}

/// Words of a Chinese site's name that make it a hub, not a branch or outlet (转运中心,
/// 分拨中心, 集散中心, 互换局, …).
const HUB_WORDS: &[&str] = &[
    "中心",
    "中转",
    "转运",
    "分拨",
    "集散",
    "枢纽",
    "分拣",
    "处理",
    "航空",
    "口岸",
    "互换",
    "海关",
    "机场",
    "仓库",
    "国",
    "目的地",
];

/// Whether a Chinese site's name, or a text naming one, names a hub (read in simplified
/// characters: "轉運中心" is "转运中心").
fn names_hub(name: &str) -> bool {
    let simplified = simplet2s::convert(name);
    HUB_WORDS.iter().any(|word| simplified.contains(word))
}

/// A Chinese courier's arrival at a site that is no sorting hub: on the destination side,
/// that is the delivery outlet (网点: "快件已经到达 【杭州仓前】", "【…中和一部公司】 已收入"),
/// while hubs name themselves by what they do (中转部, 转运中心, 分拨中心, 集散中心) or by
/// their town alone ("【北京市】 快件已经到达 【北京】", "【河南省商丘市公司】 已收入").
fn reaches_outlet(text: &str) -> bool {
    const ARRIVING: &[&str] = &["到达", "已收入", "到件"];
    const LEAVING: &[&str] = &["离开", "发往", "发出", "下一站", "装车", "派件", "派送"];
    if !text.chars().any(is_cjk) {
        return false; // only Chinese couriers name their sites so
    }
    let arriving = |text: &str| {
        let any = |words: &[&str]| words.iter().any(|word| text.contains(word));
        any(ARRIVING) && !any(LEAVING)
    };
    // A site's name ends with what it is: a branch (分部, 营业部, 网点) is an outlet even
    // when its name holds a hub word ("到达济南历城区盖世物流中心快递分部"). The site is the
    // one reached: named right after 到达, else the first in brackets ("【…】已收入"), not a
    // previous stop named after it ("…，上一站【杭州萧山网点】").
    let simplified = simplet2s::convert(text);
    let reached = match simplified.split_once("到达") {
        // (ZJS joins a site's parts with "_" in square brackets: "到达 [深圳_龙岗区营业所_坪山营业厅]".)
        // (STO joins them with a dash: "已到达-浙江绍兴柯桥华舍营业厅".)
        Some((_, after)) => {
            after.trim_start_matches([' ', '【', '[', '-']).split(|c: char| !is_cjk(c) && c != '_').next()
        }
        None => simplified.split(['【', '】']).nth(1),
    };
    // (A station, 站, is an outlet unless its name says it is a hub: "深圳华侨城站", not
    // "姜堰区转运站".)
    let outlet = |site: &str| {
        let site = site.trim();
        OUTLETS.iter().any(|outlet| site.ends_with(outlet)) || (site.ends_with('站') && !names_hub(site))
    };
    if reached.is_some_and(outlet) {
        return arriving(&normalise(text));
    }
    let mut names: Vec<&str> = text.split(['【', '】']).skip(1).step_by(2).map(str::trim).collect();
    if names.is_empty() {
        names.extend(site_in_text(text)); // "广东省深圳市梅林公司 已收入"
    }
    let Some((site, towns)) = names.split_last() else {
        return false;
    };
    // A courier's company named by province and town alone ("【江苏南京公司】") is that
    // town's hub; an outlet's company names a unit below the town ("…市孙村公司", "…一部公司").
    let company = site.strip_suffix("公司");
    let site = company.unwrap_or(site);
    let town_company = company.is_some_and(|name| !name.contains(['市', '区', '县', '镇', '部', '点', '站']));
    if site.is_empty()
        || site.ends_with(['市', '省'])
        || town_company
        || towns.iter().any(|town| town.starts_with(site))
    {
        return false;
    }
    let text = normalise(text);
    arriving(&text) && !names_hub(&text)
}

/// True for a place named as a post office, the office that delivers or hands out parcels:
/// Poland's "UP Warszawa 62" (urząd pocztowy), India's "Jubbal S.O" (sub office; B.O, P.O),
/// "… Post Office", "bureau de poste", Russia's "ОПС", China's "邮局". A sorting or mail
/// centre is not one.
fn names_post_office(place: &str) -> bool {
    const WORDS: &[&str] = &[
        " post office ",
        " bureau de poste ",
        " agence postale ",
        " опс ",
        " почтовое отделение ",
        // Vietnamese, Indonesian and Malay post offices ("Bưu cục Cầu Giấy").
        " buu cuc ",
        " kantor pos ",
        " pejabat pos ",
    ];
    const CJK: &[&str] = &["邮局", "邮政支局"];
    let place = normalise(place);
    place.starts_with(" up ")
        || [" s o ", " b o ", " p o ", " so ", " bo "].iter().any(|end| place.ends_with(end))
        || WORDS.iter().any(|word| place.contains(word))
        || CJK.iter().any(|word| place.contains(word))
}

/// True when a Chinese text names an outlet (a branch, 网点, 营业部, …). The last characters
/// of the outlets' names are looked for first: most texts have none, and folding a text to
/// simplified characters costs more than the look.
fn names_outlet(text: &str) -> bool {
    const LAST: &[char] = &['部', '点', '點', '所', '厅', '廳', '店', '站'];
    text.contains(LAST) && {
        let simplified = simplet2s::convert(text);
        OUTLETS.iter().any(|outlet| simplified.contains(outlet))
    }
}

/// How the names of Chinese couriers' delivery outlets end.
const OUTLETS: &[&str] =
    &["分部", "营业部", "营业点", "营业所", "营业厅", "网点", "服务部", "揽投部", "投递部", "门店", "配送站", "站点"];

/// The side a customs text names by a direction word: import or export, in the languages
/// of the tables; None when it names neither (or both).
fn customs_direction(text: &str) -> Option<Stage> {
    memo(&DIRECTION_MEMO, text, || direction_named(text))
}

fn direction_named(text: &str) -> Option<Stage> {
    // In the tables' syntax (`word*` a stem), read with `contains_phrase`.
    const IMPORT: &[&str] = &["import*", "inbound*", "импорт*", "ввоз*", "ithalat*", "einfuhr*", "进口"];
    const EXPORT: &[&str] = &["export*", "outbound*", "eksport*", "экспорт*", "вывоз*", "ihracat*", "ausfuhr*", "出口"];
    // "important" is not "import": such words are left out before the stems are read.
    let text: String = normalise(text)
        .split(' ')
        .filter(|word| !word.starts_with("importan"))
        .fold(String::from(" "), |text, word| if word.is_empty() { text } else { text + word + " " });
    let names = |stems: &[&str]| stems.iter().any(|stem| contains_phrase(&text, stem));
    match (names(IMPORT), names(EXPORT)) {
        (true, false) => Some(Stage::ImportCustoms),
        (false, true) => Some(Stage::ExportCustoms),
        (true, true) => None,
        // Else the side named in English ("Origin customs processing", "DESTINATION CUSTOMS
        // RELEASED"), but not the goods' origin ("country of origin", "certificate of origin").
        (false, false) => {
            let origin = contains_phrase(&text, "origin") && !contains_phrase(&text, "of origin");
            match (contains_phrase(&text, "destination"), origin) {
                (true, false) => Some(Stage::ImportCustoms),
                (false, true) => Some(Stage::ExportCustoms),
                _ => None,
            }
        }
    }
}

/// How many distinct texts the per-thread memo keeps before it starts over.
const MEMO_LIMIT: usize = 65_536;

thread_local! {
    /// Real histories repeat the same few hundred phrases thousands of times, and scanning
    /// the phrase table is the costly part: the context-free match is remembered per text.
    /// The result depends on the text alone, so the memo changes no answer.
    static RULE_MEMO: std::cell::RefCell<HashMap<String, Option<Target>>> = Default::default();
    /// The same for the customs side a text names.
    static DIRECTION_MEMO: std::cell::RefCell<HashMap<String, Option<Stage>>> = Default::default();
    /// The same for place names.
    static PLACE_MEMO: std::cell::RefCell<HashMap<String, Option<&'static str>>> = Default::default();
    /// The same for a place's Chinese province.
    static PROVINCE_MEMO: std::cell::RefCell<HashMap<String, Option<&'static str>>> = Default::default();
}

fn memo<V: Copy>(
    cell: &'static std::thread::LocalKey<std::cell::RefCell<HashMap<String, V>>>,
    key: &str,
    compute: impl FnOnce() -> V,
) -> V {
    if let Some(value) = cell.with(|m| m.borrow().get(key).copied()) {
        return value;
    }
    let value = compute();
    cell.with(|m| {
        let mut m = m.borrow_mut();
        if m.len() >= MEMO_LIMIT {
            m.clear();
        }
        m.insert(key.to_string(), value);
    });
    value
}

/// The target of the rule that decides the text (see [`deciding_rule`]); the built-in
/// tables' answer is remembered, the user's few rules are tried each time.
fn match_rule(text: &str, user: &[Rule]) -> Option<Target> {
    user_rule(text, user)
        .map(|rule| rule.target)
        .or_else(|| memo(&RULE_MEMO, text, || table_rule(text).map(|rule| rule.target)))
}

/// Classifies a whole history in time order (text, place, the user's explicit `--stage`).
///
/// Each status's context is the previous result; `explicit` wins where Some. Generic
/// `in-transit` keeps the rank, so the context passed on after an in-transit status is the
/// last main stage.
///
/// The same holds for every stage without a rank (carrier update, returns, exception,
/// unknown): an unreadable or side status does not make the parcel forget where it is. Nor
/// does a main stage lower than one already reached: a destination post's "shipping
/// information received" after the import leaves the parcel in the destination country.
pub fn classify_all(
    items: &[(&str, Option<&str>, Option<Stage>)],
    destination: Option<&str>,
    user: &[Rule],
) -> Vec<Stage> {
    classify_route(items, &targets(items, user), destination.map(str::trim), false, None, None, None)
}

/// The target of the rule that decides each status's text, found once per status (None for
/// a status whose stage the user set, and for a text no rule knows).
fn targets(items: &[Item<'_>], user: &[Rule]) -> Vec<Option<Target>> {
    items.iter().map(|&(text, _, explicit)| explicit.is_none().then(|| match_rule(text, user)).flatten()).collect()
}

/// A status's stage without the statuses around it: the stage the user set, else its rule's
/// target read with no context.
fn stage_alone((text, _, explicit): Item<'_>, target: Option<Target>) -> Stage {
    explicit.unwrap_or_else(|| target.map_or(Stage::Unknown, |target| resolve_text(target, text, Context::default())))
}

/// [`classify_all`] with each status's rule target found (see [`targets`]), for a parcel whose
/// route is `domestic` (then `destination` is not used) to the buyer's `city`.
fn classify_route(
    items: &[Item<'_>],
    targets: &[Option<Target>],
    destination: Option<&str>,
    domestic: bool,
    city: Option<&str>,
    issued_in: Option<&str>,
    home_region: Option<&'static str>,
) -> Vec<Stage> {
    let hub_arrivals = domestic && destination.is_some_and(|to| starts_here(items, targets, to));
    let country = destination.filter(|_| domestic);
    let destination = if domestic { None } else { destination };
    // A domestic parcel's sorting is on the origin side in the town where it was taken in
    // (the first place named), and on the destination side in any other town or in the
    // buyer's own: Moscow's sorting centre for a parcel from Moscow to Kazan is origin
    // sorting, Kazan's is destination sorting.
    // (A domestic route is sided by towns; any other by country, and by the buyer's own
    // town when no number says the parcel started abroad.)
    // The origin is where the carrier took it in: the first place of a carrier's status (a
    // seller's notice names the seller's country as often as a town), else the first place.
    let origin_place = if domestic {
        let carrier_place = items.iter().zip(targets).find_map(|(&item, &target)| {
            let stage = stage_alone(item, target);
            item.1.filter(|_| !matches!(stage, Stage::OrderPlaced | Stage::InfoReceived))
        });
        carrier_place.or_else(|| items.iter().find_map(|&(_, place, _)| place))
    } else {
        None
    };
    let origin = origin_place.map(Town::of);
    // On a route between two regions (China's provinces, the United States' states), a
    // sorting in the sender's region is the origin's and one in the buyer's the
    // destination's, however many hubs it passed (see `provinces.tsv` and [`us_state`]).
    let region = |place: &str| country.and_then(|country| region_of(country, place));
    let regions = origin_place.and_then(region).zip(home_region).filter(|(from, to)| from != to);
    let region_side = |place: Option<&str>| {
        let (from, to) = regions?;
        let at = region(place?)?;
        (at == from || at == to).then_some(at == to)
    };
    // (Not when a tracking number was issued in another country: Córdoba, Richmond or
    // Mérida may be the sender's town of the same name there.)
    let buyers_town = city.filter(|_| !domestic && issued_in.is_none()).map(Town::of);
    // Where an international parcel started: the country that issued its number, else the
    // country of its first place when that is not the buyer's. A usual hub country counts
    // only when the carrier's intake comes first (a history the destination's post shows may
    // start at the hub in Riga; a Turkish courier's "Kabul Edildi" at Kadıköy, then İstanbul).
    let started_in = issued_in.or_else(|| {
        let to = destination?;
        let (at, from) = items
            .iter()
            .enumerate()
            .find_map(|(i, item)| item.1.and_then(|place| country_at(place, Some(to))).map(|c| (i, c)))?;
        // (A parcel handed to an airline or gone from its country before it was named
        // there was taken in elsewhere: Kuala Lumpur after Cainiao's "Security check success".)
        let stages: Vec<Stage> =
            items[..=at].iter().zip(targets).map(|(&item, &target)| stage_alone(item, target)).collect();
        let taken_in = stages.iter().any(|s| matches!(s, Stage::Accepted | Stage::InfoReceived | Stage::OrderPlaced))
            && !stages[..at]
                .iter()
                .any(|s| matches!(s, Stage::LinehaulHandover | Stage::DepartedOrigin | Stage::TransitHub));
        (!from.eq_ignore_ascii_case(to) && (!is_transit_country(from) || taken_in)).then_some(from)
    });
    let city = city.filter(|_| domestic).map(Town::of);
    // The town of the first sorting: the carrier's hub for the origin side (Podolsk's
    // sorting centre for a parcel taken in at Moscow), unless it is the buyer's town or the
    // parcel was said to be on its way before it (then that town is on the way).
    let (mut hub, mut travelled): (Option<Town>, bool) = (None, false);
    let (mut previous, mut last_stage, mut returning) = (None, None, false);
    // The place and stage of the status before: leaving the facility it just arrived at, a
    // parcel is on the side that arrival named ("Arrived at USPS Regional Origin Facility",
    // then "Departed USPS Regional Facility" in the same town).
    let mut last: Option<(Town, Stage)> = None;
    let sender_pickup = sender_pickups(items, targets);
    let mut stages: Vec<Stage> = items
        .iter()
        .zip(targets)
        .zip(&sender_pickup)
        .map(|((&(text, place, explicit), &target), &sender_pickup)| {
            let here = place.filter(|_| domestic).map(Town::of);
            // (The status before comes first: a parcel sent within the buyer's own town is
            // sorted there on the origin side too.)
            let moved = here.as_ref().map(|at| match &last {
                Some((there, Stage::OriginSorting | Stage::Accepted)) if at.is(there) => false,
                Some((there, Stage::DestinationSorting)) if at.is(there) => true,
                _ if city.as_ref().is_some_and(|city| at.is(city)) => true,
                _ if [&origin, &hub].into_iter().flatten().any(|town| at.is(town)) => false,
                // (Once on the buyer's side, a scan back in the sender's region is no step
                // back: Vancouver, WA, then Troutdale, OR, for a parcel from Portland to
                // Seattle.)
                _ => match region_side(place) {
                    Some(false) if previous.is_some_and(|p| is_at_least(p, Stage::DestinationSorting)) => true,
                    side => side.unwrap_or(hub.is_some() || travelled),
                },
            });
            // (Only a sorting scan reads it: the towns are compared for those alone.)
            let in_buyers_town = target == Some(Sorting)
                && place.zip(buyers_town.as_ref()).is_some_and(|(place, town)| Town::of(place).is(town));
            let context = Context {
                previous,
                last: last_stage,
                place,
                destination,
                domestic,
                moved,
                in_buyers_town,
                origin: started_in,
                hub_arrivals,
            };
            let mut stage =
                explicit.unwrap_or_else(|| target.map_or(Stage::Unknown, |target| resolve_text(target, text, context)));
            // A bare word of a shop's or a label's state ("Pending", "Confirmed", "Packed",
            // "Criado") before the carrier has the parcel is the notice stage; later it says
            // nothing, and stays unknown.
            if explicit.is_none()
                && target.is_none()
                && !previous.is_some_and(|p| is_at_least(p, Stage::Accepted))
                && bare_pre_carrier(text)
            {
                stage = Stage::InfoReceived;
            }
            if sender_pickup {
                stage = Stage::InfoReceived;
            }
            // Once a parcel is on its way back, its sorting and transport scans are that
            // journey's, not progress towards the buyer.
            // A branch of the sender's own town that receives it then is the return's end
            // of the road, not a delivery office for the buyer (Paquetexpress's "Recibida en
            // Sucursal" in Monterrey after "Solicitud de devolución").
            let home_again = stage == Stage::AtLocalOffice
                && here.as_ref().zip(origin.as_ref()).is_some_and(|(at, from)| at.is(from));
            // (So is a scan of taking it in again on the sender's side, "Recibida en sucursal
            // de origen" or "Gönderici şubede" after the return began.)
            if explicit.is_none() && returning && (moving(stage) || home_again || stage == Stage::Accepted) {
                stage = Stage::Returning;
            }
            match stage {
                // A post's "returned to sender" is often scanned where the return begins:
                // the sorting scans after it are still that journey (Pošta Srbije's
                // "Vraćeno pošiljaocu" in Niš, then "Otprema" in Belgrade).
                Stage::Returning | Stage::Returned => returning = true,
                // Back on the way to the buyer (a redelivery, a pick-up point) or ended.
                Stage::AtLocalOffice
                | Stage::OutForDelivery
                | Stage::DeliveryFailed
                | Stage::AwaitingPickup
                | Stage::Delivered => returning = false,
                _ => {}
            }
            if rank(stage).is_some() && rank(stage) >= previous.and_then(rank) {
                previous = Some(stage);
            }
            last_stage = Some(stage);
            if domestic && hub.is_none() {
                match stage {
                    // A sorting in another town is the hub; in the origin town, only a
                    // sorting facility's scan ("Departed from Facility, Columbus"), not the
                    // post office's own "Покинуло место приёма".
                    Stage::OriginSorting => {
                        let elsewhere = here.as_ref().is_some_and(|at| !origin.as_ref().is_some_and(|o| at.is(o)));
                        // A Chinese courier's branch that took the parcel in scans it before
                        // the hub ("[福建漳州公司]进行装车扫描，即将发往：福建晋江分拨中心"): the
                        // site the status is at (its opening name unless that is a bare town,
                        // "【杭州市】", else its place and text) is a hub only when named as one.
                        let branch = match site_in_text(text).filter(|site| !site.ends_with(['市', '区', '县', '省']))
                        {
                            Some(site) => !names_hub(site),
                            // (The hub a departure names as its next stop is not where it
                            // is: "【广东省潮州市】 已发出 下一站 【揭阳转运中心】" leaves the branch.)
                            None => place.is_some_and(|place| {
                                let here = ["下一站", "发往"]
                                    .iter()
                                    .filter_map(|next| text.find(next))
                                    .min()
                                    .map_or(text, |end| &text[..end]);
                                place.chars().any(is_cjk) && !names_hub(place) && !names_hub(here)
                            }),
                        };
                        let facility = target == Some(Sorting) && !branch;
                        if elsewhere || facility {
                            hub = place.map(Town::of);
                        }
                    }
                    // (A Chinese courier's branch always sends the parcel to its own hub
                    // first: "您的快件已发车" before the hub is no journey past it, unless it
                    // names the hub it went to, "快件已发往 荆州中转部".)
                    Stage::InTransit if text.chars().any(is_cjk) && !names_hub(text) => {}
                    Stage::InTransit | Stage::LinehaulHandover | Stage::DepartedOrigin => travelled = true,
                    _ => {}
                }
            }
            last = here.map(|at| (at, stage));
            stage
        })
        .collect();
    if domestic {
        mark_return(items, origin.as_ref(), city.as_ref(), &mut stages);
    } else {
        mark_departure(items, destination, &mut stages);
        mark_home_again(items, destination, &mut stages);
    }
    stages
}

/// An international parcel on its way back that reaches the office which took it in is the
/// return's end of the road, not a delivery office for the buyer: after Thailand Post's
/// "Return to Sender", its "Arrival at post office" and "Final delivery" at the posting office
/// are the return and its end. (The same town as the first intake scan, which must not be in
/// the buyer's country: a buyer's own post office is where a parcel waits for the buyer. Never
/// over a stage set by hand.)
fn mark_home_again(items: &[Item<'_>], destination: Option<&str>, stages: &mut [Stage]) {
    let Some(intake) = stages.iter().position(|&stage| stage == Stage::Accepted) else {
        return;
    };
    let Some(place) = items[intake].1 else {
        return;
    };
    let at_home =
        destination.is_some_and(|to| country_at(place, Some(to)).is_some_and(|at| at.eq_ignore_ascii_case(to)));
    if at_home {
        return;
    }
    let posted_at = Town::of(place);
    let Some(back) = (intake + 1..stages.len()).find(|&index| stages[index] == Stage::Returning) else {
        return;
    };
    for index in back + 1..stages.len() {
        let home = items[index].2.is_none() && items[index].1.is_some_and(|place| Town::of(place).is(&posted_at));
        match stages[index] {
            Stage::AtLocalOffice | Stage::OutForDelivery if home => stages[index] = Stage::Returning,
            Stage::Delivered if home => {
                stages[index] = Stage::Returned;
                return;
            }
            Stage::Delivered | Stage::Returned => return,
            _ => {}
        }
    }
}

/// Which statuses are a "pick-up" before any carrier scan, followed by the origin side's
/// scans: the carrier's collection from the sender, not the buyer's (CJ Logistics' "Pickup
/// Start" at the sender's agency, then its loading at the depot; Post Haste's bare
/// "Pickup"). Read from each status's stage alone, before the route is resolved: straight
/// after the seller's notice the classifier reads it so already, and this covers a history
/// that starts with it. A history whose only or last status is a pick-up stays the buyer's,
/// and a stage set by hand is never changed.
fn sender_pickups(items: &[Item<'_>], targets: &[Option<Target>]) -> Vec<bool> {
    let alone = |index: usize| stage_alone(items[index], targets[index]);
    // (Not an acceptance: a bare "Collected" or "Picked up" after a pick-up point's notice
    // is the buyer's collection.)
    let origin_side = |stage: Stage| {
        matches!(stage, Stage::OriginSorting | Stage::ExportCustoms | Stage::LinehaulHandover | Stage::DepartedOrigin)
    };
    // Scans after the parcel was delivered or turned back are no longer the way out.
    let ended = |stage: Stage| {
        matches!(
            stage,
            Stage::Delivered | Stage::DeliveryFailed | Stage::Returning | Stage::Returned | Stage::Exception
        )
    };
    // Only the statuses before the carrier's first scan are read (most histories stop at
    // the first or second).
    let mut marks = vec![false; items.len()];
    for index in 0..items.len() {
        let stage = alone(index);
        if stage != Stage::AwaitingPickup && is_at_least(stage, Stage::Accepted) {
            break; // the carrier has it: a pick-up from here on is the buyer's
        }
        marks[index] = stage == Stage::AwaitingPickup
            && items[index].2.is_none()
            && (index + 1..items.len()).map(alone).take_while(|&stage| !ended(stage)).any(origin_side);
    }
    marks
}

/// A domestic parcel signed for in the town it was sent from, after a delivery office in
/// another town had it, went back to the sender: that signature ends the return, and the
/// scans after the last delivery round elsewhere are the way back (Yunda's "客户拒收" in
/// Beijing, loading scans to Fujian, then "[福建漳州公司]快件已被 已签收 签收" in the sender's
/// town). Not when the buyer lives in that town, and never over a stage set by hand.
fn mark_return(items: &[Item<'_>], origin: Option<&Town>, city: Option<&Town>, stages: &mut [Stage]) {
    let Some(origin) = origin.filter(|origin| !city.is_some_and(|city| city.is(origin))) else {
        return;
    };
    let at_origin = |index: usize| items[index].1.is_some_and(|place| Town::of(place).is(origin));
    let Some(end) = stages.iter().rposition(|&stage| stage == Stage::Delivered) else {
        return;
    };
    if items[end].2.is_some() || !at_origin(end) {
        return;
    }
    let round_elsewhere = (0..end).rev().find(|&index| {
        matches!(stages[index], Stage::AtLocalOffice | Stage::OutForDelivery | Stage::DeliveryFailed)
            && items[index].1.is_some()
            && !at_origin(index)
    });
    let Some(away) = round_elsewhere else {
        return;
    };
    for index in away + 1..end {
        if items[index].2.is_none() && (moving(stages[index]) || stages[index] == Stage::OutForDelivery) {
            stages[index] = Stage::Returning;
        }
    }
    stages[end] = Stage::Returned;
}

/// The departure from the origin country, when no status says it: the origin-side scan of a
/// parcel leaving a facility straight before a status at a transit hub or on the destination
/// side ("Departed Facility in GUANGZHOU - CHINA MAINLAND", then "Arrived at DHL Sort
/// Facility AUCKLAND"; "离开上海市 发往洛杉矶", then the import).
fn mark_departure(items: &[Item<'_>], destination: Option<&str>, stages: &mut [Stage]) {
    if stages.contains(&Stage::DepartedOrigin) {
        return;
    }
    // Only where the origin side was seen: a history of the destination post alone starts
    // with its own sorting ("Покинуло сортировочный центр", then the local office).
    let found = (1..stages.len()).find(|&next| {
        let at = next - 1;
        let abroad =
            items[at].1.and_then(country_of).zip(destination).is_some_and(|(c, to)| !c.eq_ignore_ascii_case(to));
        // (Or under way at a place that is only the name of a country abroad, not a city
        // state's: Correios' "Objeto em trânsito - por favor aguarde" at "CHINA", Belpost's
        // "Отправлено" at "Китай", before the arrival.)
        let country_left = stages[at] == Stage::InTransit
            && abroad
            && items[at].1.is_some_and(names_only_country)
            && !items[at].1.and_then(country_of).is_some_and(|c| ["HK", "SG", "MO"].contains(&c));
        let sorting_left = stages[at] == Stage::OriginSorting
            && (abroad || stages[..at].contains(&Stage::Accepted))
            && leaves(items[at].0);
        items[at].2.is_none()
            && matches!(
                stages[next],
                Stage::TransitHub | Stage::ArrivedDestination | Stage::ImportCustoms | Stage::LastMileHandover
            )
            && (sorting_left || country_left)
    });
    if let Some(next) = found {
        stages[next - 1] = Stage::DepartedOrigin;
    }
}

/// True when a status text says the parcel left a place, in the languages of the tables.
fn leaves(text: &str) -> bool {
    // In the tables' syntax (`word*` a stem), read with `contains_phrase`.
    const WORDS: &[&str] = &[
        "depart",
        "departed",
        "departure",
        "departing",
        "left",
        "leaving",
        "leaves",
        "salida",
        "salio",
        "saiu",
        "saida",
        "parti",
        "partie",
        "partito",
        "partita",
        "quitte",
        "verlassen",
        "ayrildi",
        "vertrokken",
        "покинул*",
        "убыл*",
        "opuscil*",
        "wyjechal*",
        "离开",
        "已发出",
    ];
    let text = normalise(text);
    WORDS.iter().any(|word| contains_phrase(&text, word))
}

/// True when a carrier's problem status says the parcel is gone for good or cannot be found:
/// lost, stolen, destroyed or disposed of, seized, or traced ("Exception_Lost", "Отправление
/// утрачено", "包裹遗失", "Objeto extraviado", "Colis perdu", "Zaginięcie przesyłki"). Read
/// only for statuses whose stage is already `exception`: an address query, a damage report
/// or a claim is a problem that may pass. Words that also mean something else are matched
/// whole or in phrases ("robo" is not "robotic", "没收" is not "没收到"), and a parcel found
/// again, or taken out of a locker, is no loss.
pub(crate) fn declares_loss(text: &str) -> bool {
    // In the tables' syntax (`word*` a stem), read with `contains_phrase`.
    const LOSS: &[&str] = &[
        "lost*",
        "stolen*",
        "theft*",
        "destroyed*",
        "destruction*",
        "disposed*",
        "discarded*",
        "confiscated*",
        "misplaced*",
        "impounded*",
        "утрач*",
        "утрат*",
        "утер*",
        "потер*",
        "похищ*",
        "изъят*",
        "уничтож*",
        "утилиз*",
        "конфиск*",
        "розыск*",
        "extravi*",
        "robad*",
        "roubad*",
        "destruid*",
        "incautad*",
        "confiscad*",
        "decomis*",
        "apreendid*",
        "apreensao*",
        "refug*",
        "egare*",
        "detruit*",
        "confisque*",
        "verloren*",
        "verlust*",
        "zerstort*",
        "vernichtet*",
        "entsorgt*",
        "beschlagnahm*",
        "gestohlen*",
        "zagin*",
        "zagubi*",
        "zniszcz*",
        "skradzion*",
        "kradziez*",
        "utracon*",
        "skonfiskowan*",
        "kayip*",
        "kaybol*",
        "imha*",
        "vernietigd*",
        "gestolen*",
        "vermist*",
        "in beslag genomen",
        "smarrit*",
        "distrutt*",
        "rubat*",
        "furto",
        "sequestrat*",
        "seized",
        "robo",
        "roubo",
        "hurto",
        "perdido",
        "perdu",
        "perdue",
        "vole",
        "volee",
        "seizure",
        "trace initiated",
        "investigation to locate",
        "reported missing",
        "dead letter",
        "dead mail",
        "parcel not found",
        "package not found",
        "shipment not found",
        "consignment not found",
        "item not found",
        "shipment not located",
        "parcel not located",
        "item not located",
        "shipment untraceable",
        "parcel untraceable",
        "saisi par",
        "saisi en douane",
        "enquete",
        "verbleib der sendung",
        "kann nicht gefunden werden",
        "nicht auffindbar",
        "отправление не найдено",
        "посылка не найдена",
        "груз не найден",
        "заказ не найден",
        "objeto nao localizado",
        "envio no localizado",
        "el koy*",
        "втрачен*",
        "викраден*",
        "знищен*",
        "утилізован*",
        "конфіскован*",
        "розшук*",
        "丢失",
        "遗失",
        "丢件",
        "灭失",
        "销毁",
        "被没收",
        "已没收",
        "予以没收",
        "协寻",
        "被盗",
    ];
    // A parcel found again (not "не найдено", "未找到", "no encontrado"), a locker's
    // storage run out.
    const FOUND_AGAIN: &[&str] = &[
        "has been found",
        "was found",
        "been located",
        "found and",
        "a ete retrouve",
        "отправление найдено",
        "посылка найдена",
        "відправлення знайдено",
        "посилку знайдено",
        "посилка знайдена",
        "груз найден",
        "foi encontrado",
        "fue encontrado",
        "ha sido encontrado",
        "из почтомата",
        "из постамата",
        "из ячейки",
        "已找到",
        "已找回",
    ];
    let text = normalise(text);
    !FOUND_AGAIN.iter().any(|phrase| contains_phrase(&text, phrase))
        && LOSS.iter().any(|phrase| contains_phrase(&text, phrase))
}

/// A status as the classifier reads it: its text, its place, the stage set by hand.
type Item<'a> = (&'a str, Option<&'a str>, Option<Stage>);

/// The stage in force of each status of a case, in the case's order: the stage the user set,
/// else the classification of the text in the context of the statuses before it. The one
/// place a case's history is classified (`judge` calls it for every command that shows one).
pub fn classify_case<'c>(case: &'c Case, user: &[Rule]) -> Vec<Stage> {
    // (A place printed at the end of the text stands for the place the tracker left empty.)
    // (So does a Chinese line's opening office abroad, `country_opening`; a transit post
    // named in a carrier's scan is added below.)
    let destination = case.order.country.as_deref().map(str::trim);
    let mut as_recorded: Vec<Item<'_>> = case
        .statuses
        .iter()
        .map(|s| {
            let place = s.place.as_deref().or_else(|| place_in_text(&s.text)).or_else(|| country_opening(&s.text));
            (s.text.as_str(), place, s.stage)
        })
        .collect();
    let targets = targets(&as_recorded, user);
    // (A carrier's scan only: "pre-advised to PostNL" happened before the parcel was there.)
    if let Some(to) = destination {
        for (item, &target) in as_recorded.iter_mut().zip(&targets) {
            if item.1.is_none() && !matches!(stage_alone(*item, target), Stage::OrderPlaced | Stage::InfoReceived) {
                item.1 = transit_post_in_text(item.0, to);
            }
        }
    }
    // A parcel that starts in the buyer's own country never crosses a border: the rules
    // that tell the origin side from the destination side by the place do not apply. Its
    // tracking number may say so; a number issued in another country says it is an import.
    let (by_number, foreign_number) = destination.map_or((false, false), |to| {
        let by_number = case.tracking.iter().any(|t| {
            let v = &t.verdict;
            v.origin_country.as_deref().is_some_and(|c| c.eq_ignore_ascii_case(to))
                || (v.format == crate::tracking::Format::RuDomestic
                    && v.valid == Some(true)
                    && to.eq_ignore_ascii_case("RU"))
        });
        let foreign_number = case
            .tracking
            .iter()
            .any(|t| t.verdict.origin_country.as_deref().is_some_and(|c| !c.eq_ignore_ascii_case(to)));
        (by_number, foreign_number)
    });
    // On a domestic route, a status that names no place but names the buyer's town in its
    // text happened there ("…im Hermes Verteilzentrum Berlin-Vogelsdorf eingetroffen" for a
    // buyer in Berlin); a Chinese courier's status names its site first ("【漯河转运中心】
    // 已发出", "深圳转运中心 已发出"), and that site is its place. (Not on an import: "next
    // stop Berlin" is said in China.)
    let town = case.order.city.as_deref().and_then(TownInText::new);
    let named = |text: &'c str| match &town {
        Some(town) => town.is_named_in(text).then_some(town.city).or_else(|| site_in_text(text)),
        None => site_in_text(text),
    };
    let sites = town.is_some() || case.statuses.iter().any(|s| s.place.is_none() && site_in_text(&s.text).is_some());
    let with_town: Option<Vec<Item<'_>>> =
        (sites && destination.is_some() && (by_number || !foreign_number)).then(|| {
            case.statuses
                .iter()
                .map(|s| (s.text.as_str(), s.place.as_deref().or_else(|| named(&s.text)), s.stage))
                .collect()
        });
    // Found by its places only when no status says it crossed a border and no tracking
    // number was issued in another country: an import seen only by the destination post
    // can start with a sorting too.
    let route = with_town.as_deref().unwrap_or(&as_recorded);
    // (A number of the buyer's own post on an import, Correios' "NL…BR", does not make a
    // route with customs or a departure from abroad domestic.)
    let domestic = destination.is_some_and(|to| {
        let abroad = |item: &Item<'_>| item.1.and_then(|place| country_at(place, Some(to))).is_some_and(|c| c != to);
        let crosses = crosses_border(route, &targets);
        !crosses && ((by_number && !route.iter().any(abroad)) || (!foreign_number && starts_here(route, &targets, to)))
    });
    let items = match with_town {
        Some(with_town) if domestic => with_town,
        _ => as_recorded,
    };
    // The country that issued a tracking number, when it is not the buyer's.
    let origin = issuing_country(case)
        .filter(|from| destination.is_some_and(|to| !from.eq_ignore_ascii_case(to)))
        .and_then(|from| origin_by_number(from, &items, &targets, destination?));
    // The buyer's region: by the postcode where it tells one (a ZIP code), else by the town.
    let home_region = destination.and_then(|to| {
        let postcode = case.order.postcode.as_deref().and_then(|postcode| region_of(to, postcode));
        postcode.or_else(|| case.order.city.as_deref().and_then(|city| region_of(to, city)))
    });
    classify_route(&items, &targets, destination, domestic, case.order.city.as_deref(), origin, home_region)
}

/// The country whose post issued the case's first tracking number that names one (an S10
/// number's suffix), as a known country code.
pub(crate) fn issuing_country(case: &Case) -> Option<&'static str> {
    case.tracking.iter().find_map(|t| t.verdict.origin_country.as_deref().and_then(country_code))
}

/// Where a parcel issued a number in `issued` started, read with its route. A number issued
/// in a usual transit country says little: AliExpress parcels to Portugal carry PostNL's
/// "RS…NL" and start in Guangzhou, those to Latvia Malaysia Post's "RQ…MY", first named at
/// Kuala Lumpur after the hand-over to the airline. Such a number names the origin only when
/// its country is the first named abroad before any hand-over (a Japan Post number's parcel
/// taken in at Tokyo, then Los Angeles); else the first country named abroad that is no usual
/// hub, else none is known (the route's places tell, see `classify_route`).
fn origin_by_number(
    issued: &'static str,
    items: &[Item<'_>],
    targets: &[Option<Target>],
    destination: &str,
) -> Option<&'static str> {
    if !is_transit_country(issued) {
        return Some(issued);
    }
    let mut handed_over = false;
    for (&item, &target) in items.iter().zip(targets) {
        let country = item.1.and_then(|place| country_at(place, Some(destination)));
        if let Some(at) = country.filter(|at| !at.eq_ignore_ascii_case(destination)) {
            if at.eq_ignore_ascii_case(issued) {
                return (!handed_over).then_some(issued);
            }
            return (!is_transit_country(at)).then_some(at);
        }
        handed_over |=
            matches!(stage_alone(item, target), Stage::LinehaulHandover | Stage::DepartedOrigin | Stage::TransitHub);
    }
    None
}

/// The place that ends a status printed with no place of its own, as DHL Express writes it:
/// the town in capitals, a dash, the country ("Arrived at Sort Facility BAHRAIN - BAHRAIN",
/// "Processed at LONDON-HEATHROW - UNITED KINGDOM", "Departed Facility in SAN
/// FRANCISCO,CA-USA"). Only a known country's name after the last dash counts, so "INTENTO
/// DE ENTREGA - DOMICILIO CERRADO" names no place.
pub(crate) fn place_in_text(text: &str) -> Option<&str> {
    let text = text.trim_end();
    let (before, country) = text.rsplit_once('-')?;
    let country = country.trim();
    if country.is_empty() || country.chars().any(char::is_lowercase) || !names_only_country(country) {
        return None;
    }
    // The town: the run of words in capitals right before the dash.
    let capital = |word: &str| word.chars().any(char::is_alphabetic) && !word.chars().any(char::is_lowercase);
    let mut start = None;
    let mut at = 0;
    for word in before.split(' ') {
        if word.is_empty() {
        } else if capital(word) {
            start.get_or_insert(at);
        } else {
            start = None;
        }
        at += word.len() + 1;
    }
    start.map(|at| &text[at..])
}

/// The place a Chinese status opens with when it is abroad: China Post's and Yanwen's lines
/// name the office first ("葡萄牙里斯本 到达互换局", Lisbon in Portugal). Only a country other
/// than China counts; Chinese sites are read by `site_in_text` on domestic routes.
fn country_opening(text: &str) -> Option<&str> {
    let first = text.trim_start().split([' ', '\u{3000}']).next()?;
    (first.chars().count() >= 2 && first.chars().all(is_cjk) && country_of(first).is_some_and(|c| c != "CN"))
        .then_some(first)
}

/// True when a departure's text names the origin side ("Departed from origin country",
/// "Покинуло страну отправления", "离开始发地").
fn names_origin(text: &str) -> bool {
    const WORDS: &[&str] =
        &["origin*", "departure country", "country of departure", "страны отправления", "始发", "出口"];
    let text = normalise(text);
    WORDS.iter().any(|word| contains_phrase(&text, word))
}

/// The country of a post that AliExpress parcels cross on their way to other countries,
/// when a status with no place names it and the buyer lives elsewhere: "The item is at the
/// PostNL sorting center" for a buyer in Portugal happened in the Netherlands, a transit hub.
/// (PostNL also delivers in Belgium: not for a buyer there.)
fn transit_post_in_text(text: &str, destination: &str) -> Option<&'static str> {
    const POSTS: &[(&str, &str, &[&str])] = &[
        ("postnl", "Netherlands", &["NL", "BE"]),
        ("bpost", "Belgium", &["BE"]),
        ("singpost", "Singapore", &["SG"]),
        ("singapore post", "Singapore", &["SG"]),
        ("latvijas pasts", "Latvia", &["LV"]),
    ];
    // (Most texts name no post: a look at the bytes spares normalising them.)
    let bytes = text.as_bytes();
    let has = |word: &[u8]| bytes.windows(word.len()).any(|window| window.eq_ignore_ascii_case(word));
    if !has(b"post") && !has(b"pasts") {
        return None;
    }
    let text = normalise(text);
    POSTS
        .iter()
        .find(|(post, _, _)| contains_phrase(&text, post))
        .filter(|(_, _, home)| !home.iter().any(|h| h.eq_ignore_ascii_case(destination)))
        .map(|&(_, country, _)| country)
}

/// The site a Chinese courier's status names first, as its place: a name in brackets that
/// opens the text ("【漯河转运中心公司】 已收入", "[上海市]快件已经到达…"), else a leading name
/// set apart by a space or a bracket that ends as a place or a facility does ("深圳转运中心
/// 已发出", "广东省汕头市公司(点击查询电话) 已揽收"), or the bracketed name right after a verb
/// that places the parcel ("您的快件已到达【重庆分拣中心】"). A sentence without brackets ("快件
/// 已到达 杭州转运中心", "派送不成功 原因…"), a courier's brand ("中通快递 …") or any other
/// name in brackets further on (a courier's, a previous or next stop's) is no site. A city
/// written right before the first brackets ("到深圳市【深圳转运中心】") is the site's town.
fn site_in_text(text: &str) -> Option<&str> {
    const ENDINGS: &[char] = &['市', '省', '区', '县', '镇', '司', '心', '部', '站', '点', '局', '仓', '所', '场'];
    if text.is_ascii() || !text.chars().any(is_cjk) {
        return None;
    }
    let text = text.trim_start_matches([' ', '\u{3000}']);
    // The site a status is at: in brackets that open it, in brackets right after a verb
    // that places the parcel ("您的快件已到达【重庆分拣中心】", "快件在【…】已装车", "快件离开【…】
    // 已发往【…】", JD's and SF's sentences), or a name set apart before its verb.
    const AT: &[&str] = &["到达", "在", "由", "离开", "从"];
    let name = match text.strip_prefix(['【', '[', '［']) {
        Some(rest) => rest.split_once(['】', ']', '］']).map(|(name, _)| name),
        None => match text.split_once(['【', '［']) {
            Some((before, rest)) if AT.iter().any(|verb| before.trim_end().ends_with(verb)) => {
                rest.split_once(['】', '］']).map(|(name, _)| name)
            }
            // BEST's "到深圳市【深圳转运中心】" and "东莞市【虎门转运中心】，正发往【…】": the city
            // written before the site's brackets, after an optional "到" (arrived at).
            Some((before, _))
                if {
                    let town = before.trim().trim_start_matches('到');
                    town.chars().count() >= 2 && town.chars().all(is_cjk) && town.ends_with(['市', '省', '县', '区'])
                } =>
            {
                Some(before.trim().trim_start_matches('到'))
            }
            _ => text
                .split_once([' ', '\u{3000}', '(', '（'])
                .map(|(first, _)| first)
                .filter(|first| first.ends_with(ENDINGS)),
        },
    }?;
    let name = name.trim();
    (name.chars().count() >= 2 && name.chars().all(is_cjk)).then_some(name)
}

/// The buyer's town, to be found in status texts that name no place.
struct TownInText<'c> {
    city: &'c str,
    /// The town's longest name word as typed, in upper case and in title case (no two
    /// alike): a quick test before the whole comparison of [`same_town`].
    forms: Vec<String>,
}

impl<'c> TownInText<'c> {
    fn new(city: &'c str) -> Option<Self> {
        let word = city.split(|c: char| !c.is_alphabetic()).max_by_key(|w| w.chars().count())?;
        if word.chars().count() < 4 || word.chars().any(is_cjk) {
            return None; // a Chinese place is one run of characters with its district
        }
        let lower = word.to_lowercase();
        let mut chars = lower.chars();
        let title = chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default();
        let mut forms = vec![word.to_string(), word.to_uppercase(), title];
        forms.sort_unstable();
        forms.dedup();
        Some(TownInText { city, forms })
    }

    fn is_named_in(&self, text: &str) -> bool {
        self.forms.iter().any(|form| text.contains(form.as_str())) && same_town(text, self.city)
    }
}

/// Stages of a parcel moving between offices: on a return they are the return's.
pub(crate) fn moving(stage: Stage) -> bool {
    matches!(
        stage,
        Stage::InTransit
            | Stage::OriginSorting
            | Stage::DestinationSorting
            | Stage::LinehaulHandover
            | Stage::DepartedOrigin
            | Stage::TransitHub
            | Stage::ArrivedDestination
            | Stage::LastMileHandover
    )
}

/// Words that name a kind of facility or a country, not a town: "İstanbul Transfer" and
/// "Eskişehir Transfer" are two towns. (Normalised: lower case, no accents.)
pub(crate) const FACILITY_WORDS: &[&str] = &[
    "transfer",
    "merkez",
    "merkezi",
    "sube",
    "aktarma",
    "center",
    "centre",
    "facility",
    "facilities",
    "distribution",
    "network",
    "regional",
    "sorting",
    "office",
    "depot",
    "terminal",
    "international",
    "processing",
    "delivery",
    "station",
    "airport",
    "gateway",
    "branch",
    "logistics",
    "service",
    "unit",
    "post",
    "mail",
    "parcel",
    "hub",
    "centro",
    "distribucion",
    "tratamento",
    "unidade",
    "operativo",
    "logistico",
    "sucursal",
    "agencia",
    "agence",
    "plateforme",
    "courrier",
    "bureau",
    "poste",
    "logistikzentrum",
    "verteilzentrum",
    "paketzentrum",
    "briefzentrum",
    "sortownia",
    "sortowni",
    "oddzial",
    "centrum",
    "центр",
    "сортировочный",
    "почтамт",
    "отделение",
    "пункт",
    "выдачи",
    "склад",
    "терминал",
    "логистический",
    "магистральный",
    "участок",
    "обмена",
    "международного",
    // Words of countries' names: "Columbus, OH, United States" and "Phoenix, AZ, United
    // States" are two towns, as are "Berlin, Germany" and "München, Germany".
    "germany",
    "deutschland",
    "china",
    "россия",
    "russia",
    "italia",
    "italy",
    "brasil",
    "brazil",
    "polska",
    "poland",
    "turkiye",
    "turkey",
    "france",
    "espana",
    "spain",
    "portugal",
    "ukraine",
    "украина",
    "україна",
    "canada",
    "australia",
    "казахстан",
    "беларусь",
    "united",
    "states",
    "kingdom",
    "federation",
    "republic",
    "estados",
    "unidos",
    "российская",
    "федерация",
    "republica",
];

/// True when two places name the same town: they share a name word ("Москва 125009",
/// "СЦ Москва" and "МОСКВА PCI-3" are one town). Words of fewer than four letters ("New",
/// "San", "СЦ") are not names enough to tell. A Chinese place is written from the province
/// down to the street in one run of characters: its town is the unit that ends in 市
/// ("广东省深圳市南山区" is 深圳; provinces, districts, counties and the facility after the
/// town are not towns: "南京市鼓楼区" and "福州市鼓楼区" are two). A run that names no city
/// may begin with a town's name, when a street does not follow it ("臺中民權路郵局" is in
/// 臺中市, "中山路投递部" is not in 中山市).
pub(crate) fn same_town(a: &str, b: &str) -> bool {
    Town::of(a).is(&Town::of(b))
}

/// A place's town name words (see [`same_town`]), sorted and without repeats: two places
/// with the same words name one town and no other.
pub(crate) fn town_words(place: &str) -> Vec<String> {
    let mut words: Vec<String> = Town::of(place).0.into_iter().map(|(word, _)| word).collect();
    words.sort_unstable();
    words.dedup();
    words
}

/// One town's names in several languages, normalised and with German umlauts written out
/// folded (see [`town_word`]): a buyer who types "Rome" lives where the carrier prints
/// "ROMA". The first name stands for the others.
const TOWN_NAMES: &[&[&str]] = &[
    &["rome", "roma"],
    &["milan", "milano"],
    &["naples", "napoli"],
    &["turin", "torino"],
    &["florence", "firenze"],
    &["venice", "venezia"],
    &["genoa", "genova"],
    &["munich", "munchen"],
    &["cologne", "koln"],
    &["nuremberg", "nurnberg"],
    &["hanover", "hannover"],
    &["vienna", "wien"],
    &["geneva", "geneve", "genf"],
    &["lucerne", "luzern"],
    &["lisbon", "lisboa"],
    &["seville", "sevilla"],
    &["warsaw", "warszawa"],
    &["cracow", "krakow"],
    &["prague", "praha"],
    &["brussels", "bruxelles", "brussel"],
    &["antwerp", "antwerpen", "anvers"],
    &["hague", "haag", "gravenhage"],
    &["ghent", "gent", "gand"],
    &["bruges", "brugge"],
    &["copenhagen", "kobenhavn"],
    &["gothenburg", "goteborg"],
    &["athens", "athina", "athen"],
    &["bucharest", "bucuresti"],
    &["belgrade", "beograd"],
    &["marseille", "marseilles"],
    &["dunkirk", "dunkerque"],
    &["moscow", "moskva"],
    &["petersburg", "peterburg"],
    &["beijing", "peking"],
    &["kyiv", "kiev", "київ", "киев"],
    &["kharkiv", "kharkov", "харків", "харьков"],
    &["odesa", "odessa", "одеса", "одесса"],
    &["lviv", "lvov", "львів", "львов"],
];

/// A normalised name word as towns are compared: German umlauts written out folded
/// ("muenchen" is "munchen", as "münchen" normalises), and a name of [`TOWN_NAMES`] as the
/// first of its town's names.
fn town_word(word: &str) -> String {
    let word = match word.contains('e') {
        true => word.replace("ae", "a").replace("oe", "o").replace("ue", "u"),
        false => word.to_string(),
    };
    TOWN_NAMES.iter().find(|names| names.contains(&word.as_str())).map_or(word, |names| names[0].to_string())
}

/// A place's name words, read once to be compared with several places (see [`same_town`]).
/// A word marked open is a Chinese run that names no city ("臺中民權路郵局"): it may begin
/// with a town's name.
struct Town(Vec<(String, bool)>);

/// Store chains whose pick-up points name the chain before the town (in simplified
/// characters, as places are read).
const STORE_CHAINS: &[&str] = &["全家", "莱尔富", "统一超商", "超商"];

/// China's provinces and autonomous regions by their short names (the four cities at
/// province level are towns, and stay).
const PROVINCES: &[&str] = &[
    "河北",
    "山西",
    "内蒙古",
    "辽宁",
    "吉林",
    "黑龙江",
    "江苏",
    "浙江",
    "安徽",
    "福建",
    "江西",
    "山东",
    "河南",
    "湖北",
    "湖南",
    "广东",
    "广西",
    "海南",
    "四川",
    "贵州",
    "云南",
    "西藏",
    "陕西",
    "甘肃",
    "青海",
    "宁夏",
    "新疆",
];

/// Characters that, right after a town's name, make it a street's: 中山路, 南京街, 長沙灣.
pub(crate) const STREET_AFTER_NAME: &[char] = &['路', '街', '道', '巷', '弄', '湾', '投'];

impl Town {
    fn of(place: &str) -> Town {
        let mut words = Vec::new();
        let normalised = normalise(place);
        // A country's name is no town's ("Aramex Tunisia, Tunisia" and "Branch Bizerte,
        // Tunisia" are two places).
        let name_word = |run: &str| {
            run.chars().all(char::is_alphabetic) && !FACILITY_WORDS.contains(&run) && !names_only_country(run)
        };
        for run in normalised.split(' ') {
            if !run.chars().any(is_cjk) {
                if run.chars().count() >= 4 && name_word(run) {
                    words.push((town_word(run), false));
                }
                continue;
            }
            let units: Vec<&str> = run.split_inclusive(['省', '市', '区', '县']).collect();
            let names_city = units.iter().any(|unit| unit.ends_with('市'));
            // Provinces (and autonomous regions) come first; only they may precede an open run.
            let mut above_town = true;
            for unit in units {
                if unit.ends_with('省') || unit.ends_with("自治区") {
                    continue;
                }
                let first = std::mem::replace(&mut above_town, false);
                let name = match unit.strip_suffix('市') {
                    // "西安市" is the town "西安".
                    Some(town) => (town.chars().count() >= 2).then(|| (town.to_string(), false)),
                    None if !names_city && first && !unit.ends_with(['区', '县']) => {
                        // Couriers write the province without 省 before the town: "福建漳州公司".
                        // A Taiwanese convenience store names its chain before the town:
                        // "全家高雄苓雅四維店" is FamilyMart's store in Kaohsiung.
                        let unit = STORE_CHAINS
                            .iter()
                            .find_map(|chain| unit.strip_prefix(chain).filter(|rest| rest.chars().count() >= 2))
                            .unwrap_or(unit);
                        let unit = PROVINCES
                            .iter()
                            .find_map(|province| unit.strip_prefix(province).filter(|rest| rest.chars().count() >= 2))
                            .unwrap_or(unit);
                        (unit.chars().count() >= 2).then(|| (unit.to_string(), true))
                    }
                    None => None,
                };
                words.extend(name);
            }
        }
        // A name of short words only ("Ha Noi", "Da Lat") is those words run together, as it
        // is also written ("Hanoi").
        if words.is_empty() {
            let runs: Vec<&str> = normalised.split(' ').filter(|run| !run.is_empty()).collect();
            if runs.len() > 1 && runs.iter().all(|run| name_word(run)) {
                words.push((town_word(&runs.concat()), false));
            }
        }
        Town(words)
    }

    fn is(&self, other: &Town) -> bool {
        let begins = |(run, open): &(String, bool), (town, _): &(String, bool)| {
            *open
                && run
                    .strip_prefix(town.as_str())
                    .is_some_and(|rest| town.chars().any(is_cjk) && !rest.starts_with(STREET_AFTER_NAME))
        };
        self.0.iter().any(|w| other.0.iter().any(|v| w.0 == v.0 || begins(w, v) || begins(v, w)))
    }
}

/// True when a status of the route says the parcel crossed a border: customs, a departure
/// from the origin country, a transit country. (A hand-over to a line-haul carrier or an
/// arrival in the recipient's city happen on domestic routes too: CDEK's "Сдан перевозчику",
/// "Встречен в г. получателе".)
fn crosses_border(items: &[Item<'_>], targets: &[Option<Target>]) -> bool {
    items.iter().zip(targets).any(|(&item, &target)| {
        let stage = stage_alone(item, target);
        matches!(stage, Stage::ExportCustoms | Stage::DepartedOrigin | Stage::TransitHub | Stage::ImportCustoms)
    })
}

/// True when the first status that names a country is the carrier taking the parcel in (or
/// its notice of it, or its first sorting) in the buyer's country `to`, and no status before
/// it is a carrier scan beyond the origin side's acceptance and sorting:
/// a domestic parcel. A destination post's view of an import starts with an arrival or
/// customs, not with an acceptance, and a history that shows the export first is not domestic.
fn starts_here(items: &[Item<'_>], targets: &[Option<Target>], to: &str) -> bool {
    let pre_carrier = |stage: Stage| matches!(stage, Stage::OrderPlaced | Stage::InfoReceived);
    // A Chinese courier names every place as a city or province ("佛山市", "广东省") or by its
    // site ("重庆分拣中心"): for a buyer in China such a place, in Chinese and naming no
    // other country, is at home. (Only here: "大阪市" is in Japan, "莫斯科市" in Russia, and a
    // tracker writes Chinese for any country.)
    let at_home = |place: &str| {
        let chinese = place.chars().filter(|c| c.is_alphabetic()).all(is_cjk) && place.chars().any(is_cjk);
        (to.eq_ignore_ascii_case("CN") && (place.contains(['市', '省']) || chinese)).then_some("CN")
    };
    for (&item, &target) in items.iter().zip(targets) {
        let stage = stage_alone(item, target);
        match item.1.and_then(|p| country_at(p, Some(to)).or_else(|| at_home(p))) {
            // A status no rule reads says nothing of the route ("Consigne supplémentaire").
            Some(_) if stage == Stage::Unknown => {}
            Some(at) => {
                return at.eq_ignore_ascii_case(to)
                    && (pre_carrier(stage) || matches!(stage, Stage::Accepted | Stage::OriginSorting));
            }
            // An acceptance or sorting whose place names no known country ("vom Absender im
            // PaketShop abgegeben", "Paketzentrum, Wesel") says nothing of the country; a
            // later stage (a departure, an arrival, customs) does.
            None if is_at_least(stage, Stage::ExportCustoms) => return false,
            None => {}
        }
    }
    false
}

/// Route order rank of a main stage (order-placed = 0 … delivered = 16); None for side stages and unknown.
pub fn rank(stage: Stage) -> Option<u8> {
    ROUTE.iter().position(|&main| main == stage).and_then(|index| u8::try_from(index).ok())
}

/// True for stages after which the parcel is in the destination country (arrived-destination and later main stages).
pub fn in_destination(stage: Stage) -> bool {
    is_at_least(stage, Stage::ArrivedDestination)
}

fn is_at_least(stage: Stage, floor: Stage) -> bool {
    matches!((rank(stage), rank(floor)), (Some(r), Some(f)) if r >= f)
}

fn resolve(target: Target, ctx: Context<'_>) -> Stage {
    let arrived = ctx.previous.is_some_and(in_destination);
    // The place names the buyer's country: the parcel is on the destination side. After
    // statuses of the origin side, it is the first scan seen there, which is the arrival.
    let country = ctx.place.and_then(|place| country_at(place, ctx.destination));
    let here = country.zip(ctx.destination).is_some_and(|(at, to)| at.eq_ignore_ascii_case(to));
    let first_here = here && !arrived && ctx.previous.is_some_and(|previous| rank(previous).is_some());
    // The place names a country that is neither the buyer's nor a transit hub: the parcel is
    // still on the origin side, whatever the wording ("Прибыло в место международного
    // обмена, Китай" is the outward office of exchange, leaving it is the departure).
    let abroad = country
        .zip(ctx.destination)
        .is_some_and(|(at, to)| !at.eq_ignore_ascii_case(to) && (!is_transit_country(at) || ctx.origin == Some(at)));
    // A usual hub country that is neither the buyer's nor the origin, reached after the
    // parcel was handed to the line-haul: every scan there is the transit hub's, whatever
    // it says ("Consignment received at the PostNL Acceptance Centre", "International
    // dispatch" at Kuala Lumpur, for parcels from China to Ireland and Latvia).
    let hub_country = || {
        country.is_some_and(|at| {
            is_transit_country(at)
                && ctx.destination.is_some_and(|to| !at.eq_ignore_ascii_case(to))
                && ctx.origin.is_none_or(|from| !at.eq_ignore_ascii_case(from))
        })
    };
    let handed_over = !arrived && ctx.previous.is_some_and(|p| is_at_least(p, Stage::LinehaulHandover));
    let passing = matches!(
        target,
        Sorting
            | Arrival
            | Exchange
            | Is(Stage::Accepted
                | Stage::OriginSorting
                | Stage::DestinationSorting
                | Stage::ArrivedDestination
                | Stage::LinehaulHandover
                | Stage::DepartedOrigin
                | Stage::InTransit
                | Stage::LastMileHandover)
    );
    if handed_over && passing && hub_country() {
        return Stage::TransitHub;
    }
    // Leaving again after a transit hub, before any arrival, is that hub's departure (PostNL's
    // "The item is on transport to the country of destination" after its sorting centre).
    // (Not one that names the origin: see `resolve_text`.)
    if target == Is(Stage::DepartedOrigin) && ctx.previous == Some(Stage::TransitHub) && !here {
        return Stage::TransitHub;
    }
    match target {
        Is(Stage::ArrivedDestination | Stage::DestinationSorting) | Arrival | Exchange | Sorting if abroad => {
            Stage::OriginSorting
        }
        Is(Stage::LastMileHandover) if abroad => Stage::DepartedOrigin,
        // A "transit" exchange office in the country the parcel started from is that
        // country's outward side (Kazpost's "прибыло в промежуточный пункт обмена" at
        // "Китай" for a parcel from China).
        Is(Stage::TransitHub)
            if abroad && country.zip(ctx.origin).is_some_and(|(at, from)| at.eq_ignore_ascii_case(from)) =>
        {
            Stage::OriginSorting
        }
        Is(Stage::ImportCustoms) | Customs if abroad => Stage::ExportCustoms,
        // A carrier taking the parcel in once it is in the destination country is the
        // hand-over to the last mile ("Shipment received by PostNL", "pris en charge par La
        // Poste", "an DHL übergeben" after the import), not the first acceptance.
        // (Taken in at a post office once there, it is the office that delivers: India
        // Post's "Item Received" at "Edappally SO" after the sorting.)
        // (Not once it was there: taken in again then is a return's start.)
        Is(Stage::Accepted)
            if arrived
                && ctx.place.is_some_and(names_post_office)
                && !ctx.previous.is_some_and(|p| is_at_least(p, Stage::AtLocalOffice)) =>
        {
            Stage::AtLocalOffice
        }
        Is(Stage::Accepted) if arrived => Stage::LastMileHandover,
        // Taken in after it left the origin country ("Item Received" from Royal Mail after
        // Cainiao's departure), it is the destination's first scan: the arrival.
        Is(Stage::Accepted)
            if ctx.previous.is_some_and(|p| is_at_least(p, Stage::DepartedOrigin))
                && country.zip(ctx.destination).is_none_or(|(at, to)| at.eq_ignore_ascii_case(to)) =>
        {
            Stage::ArrivedDestination
        }
        Is(Stage::Accepted | Stage::OriginSorting) if first_here => Stage::ArrivedDestination,
        // A sorting that names the destination side, seen straight after the parcel left the
        // origin with no arrival before it ("Arrived at destination country/region sorting center" after
        // Cainiao's departure), is the first scan there: the arrival. (Held-out writers, three
        // cases of three; once arrived, it is the sorting it says.)
        Is(Stage::DestinationSorting)
            if !arrived && !ctx.domestic && ctx.previous.is_some_and(|p| is_at_least(p, Stage::LinehaulHandover)) =>
        {
            Stage::ArrivedDestination
        }
        // Straight after the order or the seller's notice, "waiting for pick-up" is the
        // carrier's collection from the seller (Cainiao, couriers' pick-up requests), not the
        // buyer's; after a status that says the parcel moves, it is the buyer's ("В пути",
        // then "Ожидает получения").
        Is(Stage::AwaitingPickup)
            if matches!(ctx.last, Some(Stage::OrderPlaced | Stage::InfoReceived))
                && !ctx.previous.is_some_and(|p| is_at_least(p, Stage::Accepted)) =>
        {
            Stage::InfoReceived
        }
        // No parcel crosses a transit hub in the buyer's own country on its way there: a
        // "transit" office there (Kazpost's "промежуточный пункт обмена" at Almaty for a buyer
        // in Kazakhstan) is the arrival, or a sorting once arrived.
        Is(Stage::TransitHub) if here && arrived => Stage::DestinationSorting,
        Is(Stage::TransitHub) if here => Stage::ArrivedDestination,
        Is(stage) => stage,
        Sorting if ctx.domestic => sided_by_town(ctx),
        Arrival if ctx.domestic && ctx.hub_arrivals => sided_by_town(ctx),
        // A sorting in the buyer's own town, when nothing says the parcel started abroad, is
        // no border crossing, even as the first scan seen on that side (Estafeta's "Llegada a
        // centro de distribución CVA Cuernavaca" after Mérida, for a buyer in Cuernavaca);
        // after places abroad it is the arrival ("Arrived at DHL Sort Facility AUCKLAND"
        // after Guangzhou, for a buyer in Auckland).
        Sorting if ctx.in_buyers_town && ctx.origin.is_none() => Stage::DestinationSorting,
        Sorting if first_here => Stage::ArrivedDestination,
        // A sorting in a third country that is a usual hub, on the way from a known origin
        // (DHL's "Processed at BRUSSELS - BELGIUM" for a parcel from Karachi to New York), is
        // the transit hub's.
        Sorting
            if !arrived
                && country.zip(ctx.destination).zip(ctx.origin).is_some_and(|((at, to), from)| {
                    is_transit_country(at) && !at.eq_ignore_ascii_case(to) && !at.eq_ignore_ascii_case(from)
                }) =>
        {
            Stage::TransitHub
        }
        Sorting if arrived || here || ctx.in_buyers_town => Stage::DestinationSorting,
        Sorting => Stage::OriginSorting,
        // Only a known stage before the flight makes it export: most buyers see only the
        // destination side, and an unknown past is the usual case there.
        // Customs without a direction word is the import side (posts and trackers show the
        // destination's customs; export clearance says "export"), unless it goes on from an
        // export-customs event.
        Customs if ctx.previous == Some(Stage::ExportCustoms) => Stage::ExportCustoms,
        Customs => Stage::ImportCustoms,
        // The outward office: only origin-side scans before it, and no place named (a place
        // abroad is the origin side above; any other place is the office a post names at
        // home, "Centro Scambi Internazionale"). With no stage before it (a destination
        // post's history), it is the arrival.
        Exchange if ctx.place.is_none() && matches!(ctx.previous, Some(Stage::Accepted | Stage::OriginSorting)) => {
            Stage::OriginSorting
        }
        Arrival | Exchange => {
            let hub = country.filter(|country| is_transit_country(country));
            match (hub, ctx.destination) {
                (Some(hub), Some(destination)) if !hub.eq_ignore_ascii_case(destination) => Stage::TransitHub,
                _ => Stage::ArrivedDestination,
            }
        }
    }
}

/// A sorting's side on a domestic route: the destination's in another town than where the
/// parcel was taken in, or in the buyer's own.
fn sided_by_town(ctx: Context<'_>) -> Stage {
    match ctx.moved {
        Some(true) => Stage::DestinationSorting,
        Some(false) => Stage::OriginSorting,
        // No place: the side of the statuses before it.
        None if ctx.previous.is_some_and(|p| is_at_least(p, Stage::DestinationSorting)) => Stage::DestinationSorting,
        None => Stage::OriginSorting,
    }
}

/// The country (ISO alpha-2) a place text names, if it names one this module knows.
pub fn country_of(place: &str) -> Option<&'static str> {
    memo(&PLACE_MEMO, place, || {
        let normalised = normalise(place);
        let named = PLACES.iter().find(|(_, _, names)| names.iter().any(|name| contains_phrase(&normalised, name)));
        named
            .map(|row| row.0)
            .or_else(|| names_chinese_province(place).then_some("CN"))
            .or_else(|| town_country(&normalised))
    })
}

/// The names of a compiled-in place list (`towns.tsv`, `provinces.tsv`: a key, a tab, names
/// separated by commas; `#` starts a comment line), normalised, each with its line's key.
fn name_table(text: &'static str) -> Vec<(String, &'static str)> {
    text.lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| line.split_once('\t'))
        .flat_map(|(key, names)| names.split(',').map(move |name| (normalise(name).trim().to_string(), key)))
        .filter(|(name, _)| !name.is_empty())
        .collect()
}

/// The country of the town, region or site name of `towns.tsv` found first in a normalised
/// place, the longest of those found at one spot ("sort centre shah alam" is in Malaysia;
/// "petropavlovsk kamchatsky" is Russia's, "petropavlovsk" Kazakhstan's; "广东京东亚洲一号"
/// begins with 广东, not 东京).
fn town_country(normalised: &str) -> Option<&'static str> {
    static TOWNS: std::sync::LazyLock<Vec<(String, &'static str)>> =
        std::sync::LazyLock::new(|| name_table(include_str!("towns.tsv")));
    let found = TOWNS.iter().filter_map(|(name, country)| {
        let end = find_part(normalised, 0, name)?;
        let word = name.trim_end_matches('*');
        Some((end - word.len(), std::cmp::Reverse(word.len()), *country))
    });
    found.min().map(|(_, _, country)| country)
}

/// The region of a place in `country` that sides a domestic route: a Chinese province, a
/// state of the United States.
fn region_of(country: &str, place: &str) -> Option<&'static str> {
    match country.trim() {
        to if to.eq_ignore_ascii_case("CN") => province_of(place),
        to if to.eq_ignore_ascii_case("US") => us_state(place),
        _ => None,
    }
}

/// The state of the United States a place is in: by its ZIP code ("ORLANDO, FL 32809",
/// "Teterboro, New Jersey 07608", a buyer's "94704"), else by the state's code after the town
/// ("SACRAMENTO, CA"; "Memphis, TN, US"), or before a USPS network centre's words ("OAK
/// CREEK WI DISTRIBUTION CENTER").
fn us_state(place: &str) -> Option<&'static str> {
    // The first three digits of a ZIP code and the state they are in (military and
    // territories' ranges left out).
    const ZIP3: &[(u16, u16, &str)] = &[
        (5, 5, "NY"),
        (6, 9, "PR"),
        (10, 27, "MA"),
        (28, 29, "RI"),
        (30, 38, "NH"),
        (39, 49, "ME"),
        (50, 54, "VT"),
        (55, 55, "MA"),
        (56, 59, "VT"),
        (60, 69, "CT"),
        (70, 89, "NJ"),
        (100, 149, "NY"),
        (150, 196, "PA"),
        (197, 199, "DE"),
        (200, 200, "DC"),
        (201, 201, "VA"),
        (202, 205, "DC"),
        (206, 219, "MD"),
        (220, 246, "VA"),
        (247, 268, "WV"),
        (270, 289, "NC"),
        (290, 299, "SC"),
        (300, 319, "GA"),
        (320, 339, "FL"),
        (341, 349, "FL"),
        (350, 369, "AL"),
        (370, 385, "TN"),
        (386, 397, "MS"),
        (398, 399, "GA"),
        (400, 427, "KY"),
        (430, 459, "OH"),
        (460, 479, "IN"),
        (480, 499, "MI"),
        (500, 528, "IA"),
        (530, 549, "WI"),
        (550, 567, "MN"),
        (570, 577, "SD"),
        (580, 588, "ND"),
        (590, 599, "MT"),
        (600, 629, "IL"),
        (630, 658, "MO"),
        (660, 679, "KS"),
        (680, 693, "NE"),
        (700, 714, "LA"),
        (716, 729, "AR"),
        (730, 732, "OK"),
        (733, 733, "TX"),
        (734, 749, "OK"),
        (750, 799, "TX"),
        (800, 816, "CO"),
        (820, 831, "WY"),
        (832, 838, "ID"),
        (840, 847, "UT"),
        (850, 865, "AZ"),
        (870, 884, "NM"),
        (885, 885, "TX"),
        (889, 898, "NV"),
        (900, 961, "CA"),
        (967, 968, "HI"),
        (970, 979, "OR"),
        (980, 994, "WA"),
        (995, 999, "AK"),
    ];
    let words: Vec<&str> = place.split([' ', ',']).filter(|word| !word.is_empty()).collect();
    // (The last such word: a street number may come first, "10001 Commerce Dr, Reno, NV 89502".)
    let zip = words.iter().rev().find_map(|word| {
        let digits = word.split('-').next().unwrap_or(word);
        (digits.len() == 5 && digits.bytes().all(|b| b.is_ascii_digit())).then(|| digits[..3].parse::<u16>().ok())?
    });
    if let Some(zip) = zip {
        return ZIP3.iter().find(|(low, high, _)| (*low..=*high).contains(&zip)).map(|(_, _, state)| *state);
    }
    let state = |word: &str| US_STATES.iter().find(|state| **state == word).copied();
    if let Some((_, after_town)) = place.split_once(',') {
        // The state's code, or its name written out ("San Bernardino, CALIFORNIA, US").
        let part = after_town.split(',').map(str::trim).find(|part| !part.is_empty()).unwrap_or("");
        let named = STATE_NAMES.iter().find(|(name, _)| part.eq_ignore_ascii_case(name)).map(|(_, code)| *code);
        return named.or_else(|| after_town.split([' ', ',']).find(|word| !word.is_empty()).and_then(state));
    }
    let network = ["DISTRIBUTION", "PROCESSING", "NETWORK", "NDC", "P&DC"];
    words.windows(2).skip(1).find_map(|pair| match pair {
        [code, next] if network.contains(next) => state(code),
        _ => None,
    })
}

/// The two-letter codes of the states of the United States (with DC and Puerto Rico), as USPS
/// prints them after the town.
const US_STATES: &[&str] = &[
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA",
    "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR",
    "PA", "PR", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY",
];

/// The states of the United States by name, as some trackers print them after the town.
const STATE_NAMES: &[(&str, &str)] = &[
    ("Alabama", "AL"),
    ("Alaska", "AK"),
    ("Arizona", "AZ"),
    ("Arkansas", "AR"),
    ("California", "CA"),
    ("Colorado", "CO"),
    ("Connecticut", "CT"),
    ("Delaware", "DE"),
    ("District of Columbia", "DC"),
    ("Florida", "FL"),
    ("Georgia", "GA"),
    ("Hawaii", "HI"),
    ("Idaho", "ID"),
    ("Illinois", "IL"),
    ("Indiana", "IN"),
    ("Iowa", "IA"),
    ("Kansas", "KS"),
    ("Kentucky", "KY"),
    ("Louisiana", "LA"),
    ("Maine", "ME"),
    ("Maryland", "MD"),
    ("Massachusetts", "MA"),
    ("Michigan", "MI"),
    ("Minnesota", "MN"),
    ("Mississippi", "MS"),
    ("Missouri", "MO"),
    ("Montana", "MT"),
    ("Nebraska", "NE"),
    ("Nevada", "NV"),
    ("New Hampshire", "NH"),
    ("New Jersey", "NJ"),
    ("New Mexico", "NM"),
    ("New York", "NY"),
    ("North Carolina", "NC"),
    ("North Dakota", "ND"),
    ("Ohio", "OH"),
    ("Oklahoma", "OK"),
    ("Oregon", "OR"),
    ("Pennsylvania", "PA"),
    ("Puerto Rico", "PR"),
    ("Rhode Island", "RI"),
    ("South Carolina", "SC"),
    ("South Dakota", "SD"),
    ("Tennessee", "TN"),
    ("Texas", "TX"),
    ("Utah", "UT"),
    ("Vermont", "VT"),
    ("Virginia", "VA"),
    ("Washington", "WA"),
    ("West Virginia", "WV"),
    ("Wisconsin", "WI"),
    ("Wyoming", "WY"),
];

/// The Chinese province (its short name in `provinces.tsv`) of the name found first in a
/// place, the longest at one spot; a name a street's character follows (中山路) is none.
fn province_of(place: &str) -> Option<&'static str> {
    static NAMES: std::sync::LazyLock<Vec<(String, &'static str)>> =
        std::sync::LazyLock::new(|| name_table(include_str!("provinces.tsv")));
    memo(&PROVINCE_MEMO, place, || {
        let normalised = normalise(place);
        let found = NAMES.iter().filter_map(|(name, province)| {
            let end = find_part(&normalised, 0, name)?;
            // (A street: 中山路, and with a direction between, 中山南路 or 西藏中路.)
            let rest = &normalised[end..];
            let rest = rest.strip_prefix(['东', '南', '西', '北', '中']).unwrap_or(rest);
            (!rest.starts_with(STREET_AFTER_NAME)).then_some((end - name.len(), Reverse(name.len()), *province))
        });
        found.min().map(|(_, _, province)| province)
    })
}

/// China Post's English pages run a province and a town together in pinyin:
/// "GuangDongShengShenZhenShi 51802168", "ShangHaiShi". A province's name followed at once by
/// "sheng", "shi" or "zizhiqu" names China.
fn names_chinese_province(place: &str) -> bool {
    const PROVINCES: &[&str] = &[
        "anhui",
        "beijing",
        "chongqing",
        "fujian",
        "gansu",
        "guangdong",
        "guangxi",
        "guizhou",
        "hainan",
        "hebei",
        "heilongjiang",
        "henan",
        "hubei",
        "hunan",
        "jiangsu",
        "jiangxi",
        "jilin",
        "liaoning",
        "neimenggu",
        "ningxia",
        "qinghai",
        "shaanxi",
        "shandong",
        "shanghai",
        "shanxi",
        "sichuan",
        "tianjin",
        "xinjiang",
        "xizang",
        "yunnan",
        "zhejiang",
    ];
    // In one word, and the suffix ends it or a capital, a digit or the end follows
    // ("GuangDongShengShenZhenShi"; "Guangdong Shipping Agency" is no such word).
    place.split_whitespace().any(|word| {
        let lower = word.to_ascii_lowercase();
        PROVINCES.iter().any(|province| {
            ["sheng", "shi", "zizhiqu"].iter().any(|suffix| {
                let head = province.len() + suffix.len();
                lower.starts_with(province)
                    && lower[province.len()..].starts_with(suffix)
                    && word
                        .get(head..)
                        .and_then(|rest| rest.chars().next())
                        .is_none_or(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            })
        })
    })
}

/// The country of a place for a buyer in `to`: for a buyer in the United States, Canada or
/// Australia, the buyer's own when a state or province code follows the town with a postcode
/// or the country's name after it ("SPARKS, NV 89431", "CALGARY, AB T2P", "FRESNO, CA, US"),
/// or alone when it is no country's code too ("SPARKS, NV"; "BREMEN, DE" is Germany and
/// "BIRMINGHAM, AL 35203" Alabama); else, for such a buyer, the country whose code ends the
/// place ("St. Petersburg, US"); else the country its words name.
pub fn country_at(place: &str, to: Option<&str>) -> Option<&'static str> {
    const CA: &[&str] = &["AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"];
    const AU: &[&str] = &["NSW", "VIC", "QLD", "WA", "SA", "TAS", "ACT", "NT"];
    let by_state = || {
        let (country, codes, names): (_, _, &[&str]) = match to?.trim() {
            to if to.eq_ignore_ascii_case("US") => ("US", US_STATES, &["US", "USA"]),
            to if to.eq_ignore_ascii_case("CA") => ("CA", CA, &["CA", "CANADA"]),
            to if to.eq_ignore_ascii_case("AU") => ("AU", AU, &["AU", "AUSTRALIA"]),
            _ => return None,
        };
        // Australia Post prints no comma: "SUNSHINE WEST VIC", "MASCOT NSW 2020". Only the
        // three-letter codes are read that way; "WA" or "SA" after a town say too little.
        // A place that names a country is that country's ("HONG KONG ACT"), and a postcode
        // after the code has Australia's four digits ("CTA VIC 08500" is in Catalonia).
        if country == "AU" && !place.contains(',') {
            let mut words = place.split_whitespace().rev().peekable();
            let postcode = words.next_if(|word| word.bytes().all(|b| b.is_ascii_digit()));
            let code = words.next()?.to_ascii_uppercase();
            let australian = code.len() == 3
                && codes.contains(&code.as_str())
                && words.next().is_some()
                && postcode.is_none_or(|p| p.len() == 4)
                && country_of(place).is_none();
            return australian.then_some(country);
        }
        let (_, after_town) = place.split_once(',')?;
        let mut words = after_town.split([' ', ',']).filter(|word| !word.is_empty()).peekable();
        // (USPS's API prints the ZIP code before the state: "JAMAICA, 11430, NY".)
        let zip_first = country == "US"
            && words.next_if(|word| word.len() == 5 && word.bytes().all(|b| b.is_ascii_digit())).is_some();
        let code = words.next().filter(|code| codes.contains(code))?;
        // (Only when the ZIP code is that state's: "KOELN, 51147, DE" is Cologne, not Delaware.)
        if zip_first {
            return (us_state(place) == Some(code)).then_some(country);
        }
        let confirmed = match words.next() {
            Some(next) => {
                next.starts_with(|c: char| c.is_ascii_digit())
                    || (country == "CA" && next.len() == 3 && next.starts_with(|c: char| c.is_ascii_uppercase()))
                    || names.contains(&next.to_ascii_uppercase().as_str())
            }
            None => country_code(code).is_none(),
        };
        confirmed.then_some(country)
    };
    // A country's code as the last part names that country, before any town's name ("St.
    // Petersburg, US" is Florida), unless it is also a state's code: "Town, DE" is printed
    // the American way more often than not, so it says nothing on its own.
    let by_code = || {
        // Only where "Town, XX" is how addresses are printed: an Italian "GENOVA, GE" or a
        // Brazilian "MANAUS, AM" ends with a province's code.
        to.filter(|to| ["US", "CA", "AU"].iter().any(|home| to.trim().eq_ignore_ascii_case(home)))?;
        let code = place.rsplit_once(',')?.1.trim();
        let printed = code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase());
        let state = [US_STATES, CA, AU].iter().any(|codes| codes.contains(&code));
        if !printed || state {
            return None;
        }
        country_code(code)
    };
    // A country's code alone ("HK", "US" on a forwarder's line), unless it is a state's code
    // of the buyer's country too ("CA" for a buyer in the United States).
    let alone = || {
        let code = place.trim();
        let printed = code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase());
        let state = match to.map(str::trim) {
            Some(to) if to.eq_ignore_ascii_case("US") => US_STATES.contains(&code),
            Some(to) if to.eq_ignore_ascii_case("CA") => CA.contains(&code),
            Some(to) if to.eq_ignore_ascii_case("AU") => AU.contains(&code),
            _ => false,
        };
        if printed && !state { country_code(code) } else { None }
    };
    // For a buyer anywhere, a state's code and a ZIP code of that state after the town name
    // the United States ("BELLEVILLE, NJ 07109" is not Belleville, Ontario); "MILANO, MI
    // 20121" is no Michigan ZIP code.
    let zip_state = || {
        let (_, after_town) = place.split_once(',')?;
        let mut words = after_town.split([' ', ',']).filter(|word| !word.is_empty());
        let (code, zip) = (words.next()?, words.next()?);
        (US_STATES.contains(&code) && us_state(zip) == Some(code)).then_some("US")
    };
    by_state().or_else(by_code).or_else(alone).or_else(zip_state).or_else(|| country_of(place))
}

/// True for countries parcels commonly cross on the way elsewhere (Netherlands, Latvia, …).
pub fn is_transit_country(country: &str) -> bool {
    let country = country.trim();
    PLACES.iter().any(|&(code, transit, _)| transit && code.eq_ignore_ascii_case(country))
}

/// True for a place that names a country and nothing else: its code ("CA", as Canada Post's
/// tracker prints every status after the import), its English name ("Canada", "UNITED
/// STATES") or a common name in its own language ("Deutschland"). Such a place says nothing
/// of the town.
pub fn names_only_country(place: &str) -> bool {
    let place = place.trim();
    let code = place.len() == 2 && place.chars().all(|c| c.is_ascii_uppercase()) && country_code(place).is_some();
    let name = || {
        let place = normalise(place);
        let place = place.trim();
        // Trackers print the country in its own language too ("Deutschland" on DHL's).
        const OWN_NAMES: &[&str] = &[
            "deutschland",
            "osterreich",
            "schweiz",
            "suisse",
            "polska",
            "espana",
            "italia",
            "nederland",
            "belgique",
            "belgie",
            "turkiye",
            "brasil",
            "россия",
            "беларусь",
            "казахстан",
            "китай",
            "украина",
            "україна",
            "中国",
            "中國",
        ];
        place == "usa"
            || OWN_NAMES.contains(&place)
            || PLACES.iter().any(|(_, _, names)| names.first().is_some_and(|name| *name == place))
    };
    code || name()
}

/// The known country code equal to `code` (any case), as a `'static` string.
pub fn country_code(code: &str) -> Option<&'static str> {
    PLACES.iter().map(|row| row.0).find(|known| known.eq_ignore_ascii_case(code.trim()))
}

/// Lower case, `ё` → `е`, common accents and full-width forms folded, punctuation to spaces,
/// a space between Chinese and other letters, single spaces, and one space at each end so
/// whole words can be found by their surrounding spaces.
pub(crate) fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push(' ');
    if text.is_ascii() {
        // The same rules for plain ASCII, without the Unicode tables (most phrases and
        // statuses are ASCII; the tables are read at every start).
        for b in text.bytes() {
            if b.is_ascii_alphanumeric() {
                out.push(char::from(b.to_ascii_lowercase()));
            } else if !out.ends_with(' ') {
                out.push(' ');
            }
        }
        return spelled(out);
    }
    // Traditional characters are read as their simplified forms (Hongkong Post's and Chunghwa
    // Post's "郵件已送達" is "邮件已送达"): the Chinese tables are written in simplified.
    let simplified;
    let text = if text.chars().any(is_cjk) {
        simplified = simplet2s::convert(text);
        simplified.as_str()
    } else {
        text
    };
    let mut previous_unspaced = false;
    // Combining marks (the dot of Turkish `İ` once lower-cased), Hebrew points and Arabic
    // vowel signs and tatweel are dropped, not spaces.
    let letters = text.chars().map(fold_width).flat_map(char::to_lowercase).filter(|&c| !is_mark(c));
    for ch in letters.map(fold_letter) {
        // Thai's vowel and tone marks are no letters to Unicode, but part of the word.
        if ch.is_alphanumeric() || is_thai(ch) {
            let unspaced = is_unspaced(ch);
            if unspaced != previous_unspaced && !out.ends_with(' ') {
                out.push(' ');
            }
            previous_unspaced = unspaced;
            out.push(ch);
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    spelled(out)
}

/// Ends a normalised text with its space, and writes spelling variants that would otherwise
/// double the table one way.
fn spelled(mut out: String) -> String {
    if !out.ends_with(' ') {
        out.push(' ');
    }
    if out.contains(" pick up ") || out.contains(" centre ") {
        out = out.replace(" pick up ", " pickup ").replace(" centre ", " center ");
    }
    out
}

fn fold_width(ch: char) -> char {
    match ch {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(ch) - 0xFEE0).unwrap_or(ch),
        '\u{3000}' => ' ',
        _ => ch,
    }
}

/// A letter without its accents: the Latin and Greek letters that Unicode composes from a
/// base and marks ("ř", "ș", "ά") are read as their base letter, so "doručena" and "dorucena",
/// "παραδόθηκε" and "ΠΑΡΑΔΟΘΗΚΕ" are one word. Cyrillic keeps its letters (й is not и) but
/// for ё; the few letters that are not composed are folded by hand.
fn fold_letter(ch: char) -> char {
    if matches!(ch, '\u{C0}'..='\u{24F}' | '\u{370}'..='\u{3FF}' | '\u{1E00}'..='\u{1FFF}') {
        let mut base = None;
        unicode_normalization::char::decompose_canonical(ch, |part| {
            base.get_or_insert(part);
        });
        if let Some(base) = base.filter(|&base| base != ch) {
            return fold_letter(base);
        }
    }
    match ch {
        'ё' => 'е',
        'ł' => 'l',
        'ı' => 'i',
        'ß' => 's',
        'ø' => 'o',
        // Vietnamese đ is often typed as d ("Da giao hang"); Viettel Post writes ð for it.
        'đ' | 'ð' => 'd',
        // Belarusian writes у as ў after a vowel ("Адпраўленне ўручана", "уручана адрасату").
        'ў' => 'у',
        // Greek's word-final sigma: upper case has one sigma, lower case two.
        'ς' => 'σ',
        // Arabic's hamza and madda forms of alif, tā' marbūṭa and alif maqṣūra are written
        // either way ("إلى" and "الى", "الشحنة" and "الشحنه").
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ة' => 'ه',
        'ى' => 'ي',
        // Ukrainian writes its apostrophe as a modifier letter too ("звʼязку"): a break
        // between letters, like ' and ’.
        'ʼ' => '\'',
        _ => ch,
    }
}

fn is_cjk(ch: char) -> bool {
    matches!(ch, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

fn is_thai(ch: char) -> bool {
    ('\u{0E00}'..='\u{0E7F}').contains(&ch)
}

/// A mark written over or under a letter that does not change the word: combining accents,
/// Hebrew points and cantillation, Arabic vowel signs, shadda and tatweel.
fn is_mark(ch: char) -> bool {
    matches!(
        ch,
        '\u{300}'..='\u{36F}'
            | '\u{591}'..='\u{5BD}'
            | '\u{5BF}'
            | '\u{5C1}'..='\u{5C2}'
            | '\u{5C4}'..='\u{5C5}'
            | '\u{5C7}'
            | '\u{640}'
            | '\u{64B}'..='\u{65F}'
            | '\u{670}'
    )
}

/// Japanese kana (hiragana, katakana and the long-vowel mark).
fn is_kana(ch: char) -> bool {
    ('\u{3040}'..='\u{30FF}').contains(&ch) && ch != '\u{30FB}'
}

/// A script written without spaces between words (Chinese, Japanese, Thai): its phrases
/// match anywhere.
fn is_unspaced(ch: char) -> bool {
    is_cjk(ch) || is_kana(ch) || is_thai(ch)
}

/// Whether normalised `text` contains `phrase`: its parts in order, as whole words or stems.
fn contains_phrase(text: &str, phrase: &str) -> bool {
    let parts: Vec<&str> = phrase.split(" … ").collect();
    contains_parts(text, &parts)
}

/// Whether normalised `text` contains the parts in order, as whole words or stems.
fn contains_parts(text: &str, parts: &[impl AsRef<str>]) -> bool {
    let mut from = 0;
    for part in parts {
        match find_part(text, from, part.as_ref()) {
            Some(end) => from = end,
            None => return false,
        }
    }
    true
}

/// The end of the first match of one part at or after `from`.
fn find_part(text: &str, from: usize, part: &str) -> Option<usize> {
    let (word, stem) = part.strip_suffix('*').map_or((part, false), |word| (word, true));
    if word.is_empty() {
        return None;
    }
    let unspaced = word.chars().next().is_some_and(is_unspaced);
    text.get(from..)?
        .match_indices(word)
        .map(|(index, _)| from + index)
        .find(|&start| {
            let end = start + word.len();
            unspaced || (text[..start].ends_with(' ') && (stem || text[end..].starts_with(' ')))
        })
        .map(|start| start + word.len())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::Code;
    use Stage::*;

    fn plain(text: &str) -> Stage {
        classify(text, Context::default(), &[])
    }

    fn after(previous: Stage) -> Context<'static> {
        Context { previous: Some(previous), last: Some(previous), ..Context::default() }
    }

    fn at(place: Option<&'static str>, destination: Option<&'static str>) -> Context<'static> {
        Context { place, destination, ..Context::default() }
    }

    /// (situation, status text, stage with no context).
    #[rustfmt::skip]
    const PHRASES: &[(&str, &str, Stage)] = &[
        // Real phrasings that were found wrong by trying them, several languages.
        ("de on the round", "Die Sendung ist auf Zustelltour gegangen.", OutForDelivery),
        ("fr collected", "Vous avez récupéré votre colis", Delivered),
        ("pl collected", "Paczka odebrana przez odbiorcę", Delivered),
        ("pl from sender", "Przesyłka odebrana od nadawcy", Accepted),
        ("en mailbox", "Left in mailbox", Delivered),
        ("royal mail hold", "We're holding it", AwaitingPickup),
        ("es ready to collect", "Listo para recoger en el punto de entrega", AwaitingPickup),
        ("pl locker waiting", "Przesyłka czeka na odbiór w Paczkomacie", AwaitingPickup),
        ("tr branch waiting", "Şubede teslim alınmayı bekliyor", AwaitingPickup),
        ("pt not delivered", "Não foi possível entregar o objeto", DeliveryFailed),
        ("marketplace courier", "Курьер везёт заказ", OutForDelivery),
        ("marketplace locker", "Посылка в постамате", AwaitingPickup),
        ("canada post card", "Notice card left indicating where and when to pick up item", DeliveryFailed),
        ("sendle card", "Card Left", DeliveryFailed),
        // The order list says so once the seller has entered a tracking number: shipped, not yet scanned.
        ("aliexpress order list", "Awaiting delivery", InfoReceived),
        ("taobao unshipped", "等待卖家发货", OrderPlaced),
        ("yunda round", "【江苏南京江宁区公司】进行派件扫描；派送业务员：王师傅", OutForDelivery),
        ("cainiao export problem", "出口清关异常", ExportCustoms),
        ("tr delivery unit", "Gönderi Teslim Birimine Ulaştı", AtLocalOffice),
        ("tr to the address", "Gönderi Teslimat Adresine Yönlendirildi", OutForDelivery),
        ("de buyer's region", "Die Sendung ist in der Region des Empfängers angekommen.", DestinationSorting),
        ("es stored at depot", "ALMACENADO", AtLocalOffice),
        ("pl on the road", "Przesyłka wyjechała w drogę do punktu docelowego", InTransit),
        ("nl collected at a point", "Afgehaald bij PostNL-punt", Delivered),
        ("nl carrier collected", "Zending afgehaald", Accepted),
        ("nl delivery failed", "Bezorging niet gelukt, pakket gaat naar PostNL-punt", DeliveryFailed),
        ("pl temporary locker", "Paczka magazynowana w tymczasowym automacie.", AwaitingPickup),
        ("tr arrival branch", "Varış Şubesine Ulaştı", AtLocalOffice),
        ("de order placed", "Bestellung aufgegeben", OrderPlaced),
        ("zh leaves outward exchange", "邮件离开【上海市国际互换局】，正在发往下一站", DepartedOrigin),
        ("australian border force", "Item released by Border Force", ImportCustoms),
        ("canadian border agency", "Item released by Canada Border Services Agency", ImportCustoms),
        ("evri received", "We've received your parcel", Accepted),
        ("evri tried", "We tried to deliver your parcel", DeliveryFailed),
        ("dpd to the depot", "Your parcel is on its way to your local depot", InTransit),
        ("ups access point", "Your package is at the UPS Access Point™ location and is scheduled to be picked up.", AwaitingPickup),
        ("ups export scan", "Export Scan", ExportCustoms),
        ("ups origin scan", "Origin Scan", Accepted),
        ("zh picked in warehouse", "您的订单已被拣货", InfoReceived),
        ("zh refused", "已拒收", DeliveryFailed),
        ("zh forwarded", "快件转寄", InTransit),
        ("zh return signed", "退回件已签收", Returned),
        ("ru into a locker", "Посылка доставлена в постамат", AwaitingPickup),
        ("neighbour", "Left with neighbour", Delivered),
        ("resident", "Handed to resident", Delivered),
        ("address incomplete", "Address incomplete", DeliveryFailed),
        ("seized", "Seized by customs", Exception),
        ("lost", "Lost in transit", Exception),
        ("local partner", "Handed over to local delivery partner", LastMileHandover),
        ("tr notice left", "Adreste yok, haber kağıdı bırakıldı", DeliveryFailed),
        ("nl missed you", "Wij hebben je gemist, we komen nog een keer", DeliveryFailed),
        ("hongkong post left", "The item (RB729150368HK) left Hong Kong for its destination on 17-Oct-2026", DepartedOrigin),
        ("india post bagged", "Item Bagged for NSH MUMBAI", OriginSorting),
        ("customs data ahead", "Transmitted customs information", InfoReceived),
        ("nl not delivered", "Zending kon niet worden bezorgd", DeliveryFailed),
        ("nl received by dhl", "Zending is ontvangen door DHL", Accepted),
        ("fr canada post card", "Avis laissé indiquant où et quand ramasser l'article", DeliveryFailed),
        ("fr canada post pickup", "Article disponible pour ramassage au bureau de poste", AwaitingPickup),
        ("es dhl courier", "Con mensajero para entrega", OutForDelivery),
        ("es dhl destination", "Llegó a la instalación de destino", DestinationSorting),
        ("de shipment data", "Die Sendungsdaten wurden übermittelt.", InfoReceived),
        ("de label", "Label erstellt", InfoReceived),
        ("tr delivery branch", "Teslimat Şubesinde", AtLocalOffice),
        // The UPU's IPS event names, as many posts print them.
        ("ips taken in", "Receive item from customer (Otb)", Accepted),
        ("ips outward exchange", "Receive item at office of exchange (Otb)", OriginSorting),
        ("ips inward exchange", "Receive item at office of exchange (Inb)", ArrivedDestination),
        ("ips abroad", "Send item abroad (EDI-received)", DepartedOrigin),
        ("ips domestic", "Send item to domestic location (Inb)", LastMileHandover),
        ("ips location", "Receive item at location (Inb)", DestinationSorting),
        ("ips failed", "Unsuccessful item delivery (Inb)", DeliveryFailed),
        ("ips delivered", "Deliver item (Inb)", Delivered),
        ("attempted to deliver", "Attempted to deliver item", DeliveryFailed),
        ("ru sent abroad", "Отправка за границу", DepartedOrigin),
        ("ru back from customs", "Возвращено из таможни", ImportCustoms),
        ("ru delivery did not happen", "Доставка не состоялась", DeliveryFailed),
        ("ru refused", "Адресат отказался от получения", DeliveryFailed),
        ("ru registered", "Отправление зарегистрировано", InfoReceived),
        ("zh pick-up locker", "包裹已到达自提柜", AwaitingPickup),
        ("zh left origin country", "已从始发国出发", DepartedOrigin),
        ("delivery hub", "Parcel has arrived at delivery hub", AtLocalOffice),
        ("preparing to ship", "Seller is preparing to ship your parcel", InfoReceived),
        ("with the driver", "Your parcel is with our driver", OutForDelivery),
        ("destination branch", "Shipment arrived at destination branch", AtLocalOffice),
        ("customer picked up", "Picked up by customer", Delivered),
        ("ru post delivered, English", "Delivery,Delivery to the addressee", Delivered),
        ("ru post returned, English", "Delivery,Delivery to the sender", Returned),
        ("ru post return, English", "Return,Expired storage period", Returning),
        ("ru post awaiting, English", "Processing,Awaiting addressee at delivery point", AwaitingPickup),
        ("seller facility", "Package has left seller facility and is in transit to carrier", InfoReceived),
        ("details received", "Shipment Details Received", InfoReceived),
        ("label first", "LABEL CREATED, TRACKING DETAILS WILL BE AVAILABLE ONCE THE PACKAGE ARRIVES", InfoReceived),
        ("pending handover", "Pending handover to Ninja Van", InfoReceived),
        ("pick up successful", "Pick up successful", Accepted),
        ("pending redelivery", "Pending redelivery", DeliveryFailed),
        ("il shelf", "Arrived at the postal unit for delivery to addressee (shelf no 3170)", AwaitingPickup),
        ("pl not delivered", "Przesyłka nie została doręczona i wróciła do oddziału", DeliveryFailed),
        ("pl courier took it from the point", "Przesyłka została podjęta z punktu przez kuriera", Accepted),
        ("fr bpost notice", "Informations relatives à l'envoi reçues de la part de l'expéditeur", InfoReceived),
        ("fr bpost received", "bpost a reçu l'envoi", Accepted),
        ("fr bpost round", "Envoi en route pour distribution", OutForDelivery),
        ("es documented", "ENVIO DOCUMENTADO", InfoReceived),
        ("es linehaul", "EN ARRASTRE", InTransit),
        ("pt label", "Etiqueta criada", InfoReceived),
        ("pt shop order", "Pedido faturado", OrderPlaced),
        ("tr handed to the carrier", "Kargoya Verildi", Accepted),
        ("tr order", "Siparişiniz Hazırlanıyor", OrderPlaced),
        ("zh courier picked up", "【杭州萧山新塘网点】您的极兔小哥王磊(13757112345)已取件。", Accepted),
        ("zh refused", "拒收(調查處理中)", DeliveryFailed),
        ("zh return done", "退貨完成", Returned),
        ("being delivered", "Your parcel is being delivered by Flash Express", OutForDelivery),
        ("return run", "Parcel is out for delivery to sender", Returning),
        ("failed to the addressee", "Failed delivery to the addressee", DeliveryFailed),
        ("first mile hub", "Left Domestic First Mile Hub", OriginSorting),
        ("last mile hub", "Enter Last Mile Hub", AtLocalOffice),
        ("courier assigned", "Courier assigned for your order, kindly wait for pick up.", InfoReceived),
        ("ready to be claimed", "Parcel is ready to be claimed", AwaitingPickup),
        ("pt not delivered", "Cliente desconhecido no local - Entrega não realizada", DeliveryFailed),
        ("pt back to the seller", "Não entregue - Retornado ao vendedor", Returned),
        ("pt export permit", "Aguardando autorização para exportação", ExportCustoms),
        ("zh-tw collected from the locker", "i郵箱取件成功", Delivered),
        ("zh-tw not at home", "不在家", DeliveryFailed),
        ("zh signer", "快件已在 【天河区】 签收,签收人: 本人, 感谢使用中通快递", Delivered),
        ("tr recipient refused", "Alıcı Kabul Etmedi (Ücret, Ürün Bedeli vb. Nedenlerle)", DeliveryFailed),
        ("tr courier out", "KURYE DAĞITMAK ÜZERE ÇIKARDI", OutForDelivery),
        ("tr return done", "İade Yapıldı", Returned),
        ("es stolen", "Robo", Exception),
        ("es wrong address", "DIRECCION INCORRECTA", DeliveryFailed),
        ("es locker full", "Punto de Conveniencia sin Hueco", DeliveryFailed),
        ("pl locker wait", "W Paczkomacie, w POP lub punkcie sieci Partnerskiej", AwaitingPickup),
        ("pl on the way to the locker", "W drodze do wybranego Paczkomatu.", InTransit),
        ("pl collected", "Przesyłka odebrana", Delivered),
        ("pl from the sender", "Odebrano przesyłkę od nadawcy", Accepted),
        ("fr left the country", "Le colis a quitté le pays d'origine", DepartedOrigin),
        ("fr in the van", "Se trouve dans un véhicule de Purolator aux fins de livraison", OutForDelivery),
        ("still travelling", "Shipment arrived at Aramex sorting hub - in transit - will keep moving to reach its final destination country", TransitHub),
        ("usps outbound customs", "Outbound Out of Customs", ExportCustoms),
        ("agent for final delivery", "In transit - Tendered to authorized agent for final delivery", LastMileHandover),
        ("tendered at facility", "Tendered at FedEx Facility", Accepted),
        ("arriving on time", "Shipment arriving On-Time", InTransit),
        ("usps arrival at unit", "Arrival at Unit", AtLocalOffice),
        ("data before posting", "Receipt of data about consignment before posting", InfoReceived),
        ("ru lost on delivery", "Неудачная попытка вручения, Утрата", Exception),
        ("ru on the way back", "Заказ в пути к отправителю", Returning),
        ("zh landed at port", "已到港", ArrivedDestination),
        ("zh no such recipient", "找不到收件人", DeliveryFailed),
        ("customs charges", "Awaiting Payment of Customs Charges", ImportCustoms),
        ("cz pick-up point", "The consignment was deposited to Balikovna.", AwaitingPickup),
        ("to the domestic leg", "Departed from International Hub to domestic location", LastMileHandover),
        ("ru np branch", "Прибыл на отделение", AwaitingPickup),
        ("ru np waybill only", "Отправитель самостоятельно создал эту накладную, но еще не предоставил к отправке", InfoReceived),
        ("ru courier brought it back", "Возвращено курьером", DeliveryFailed),
        ("zh self-pickup point", "快件到达指定自取点", AwaitingPickup),
        ("fr colissimo soon", "Votre Colissimo va bientôt nous être confié !", InfoReceived),
        ("zh outlet at destination", "[太原市]到达目的地网点太原小店区，快件很快进行派送", AtLocalOffice),
        ("zh returned signed", "快件已在 【杭州萧山】 被 退件签收，签收人：王五，感谢使用中通快递", Returned),
        ("zh collect soon", "您的快递已经投递至 【菜鸟驿站】，地址：文一路，请及时领取。", AwaitingPickup),
        ("zh loading scan", "[嘉兴市]进行装车扫描，即将发往：山西太原分拨中心", OriginSorting),
        // Words of one reading that must not take texts of another (review of the session).
        ("repeated delivery", "Delivery attempt failed, delivery to the addressee will be repeated", DeliveryFailed),
        ("out, to the addressee", "Out for delivery, delivery to the addressee today", OutForDelivery),
        ("zh courier collected", "快递员取件成功", Unknown),
        ("zh not all delivered", "包裹未配完，明日再配送", Unknown),
        ("zh recipient told", "已通知签收人取件", Unknown),
        ("pl not collected in time", "Nie odebrano przesyłki w terminie", AwaitingPickup),
        ("pl not collected, back", "Przesyłka nie odebrana przez adresata - zwrot", Returning),
        ("pl customs store", "Przesyłka magazynowana w magazynie celnym", ImportCustoms),
        ("es goods out", "Mercancía en reparto", OutForDelivery),
        ("fr at customs", "Colis arrivé à la douane", ImportCustoms),
        ("fr left its country", "Le colis a quitté son pays d'origine", DepartedOrigin),
        ("not possible, returned", "Delivery not possible, returned to sender", Returned),
        ("pickup from seller booked", "Pickup from seller scheduled", InfoReceived),
        ("tr on the way back", "Kargo iade için yola çıktı", Returning),
        ("es unknown state", "Estado desconocido", Unknown),
        ("es picked up by the addressee", "Recogido por el destinatario", Delivered),
        ("ru problem solved", "Проблемная ситуация решена, заказ доставлен", Delivered),
        // Future and refused deliveries, pick-up shops and pre-carrier notices from the
        // carriers' lists of the fourth round (UPS, DPD, GLS, Evri, Colissimo, Correios, CDEK…).
        ("dpd future delivery", "The parcel is expected to be delivered during the day.", OutForDelivery),
        ("gls to be delivered", "Parcel to be delivered by courier", OutForDelivery),
        ("dpd rescheduled", "As requested, your parcel will now be delivered on Mon 02 June 2014", InTransit),
        ("dpd not as arranged", "We're sorry but your parcel couldn't be delivered as arranged.", DeliveryFailed),
        ("ups access point", "Delivered to UPS Access Point™ location and awaiting customer pickup.", AwaitingPickup),
        ("dpd parcelshop", "Delivered by driver to Pickup parcelshop", AwaitingPickup),
        ("dpd picked up by consignee", "Picked up from Pickup parcelshop by consignee.", Delivered),
        ("evri collected by carrier", "Collected by Evri", Accepted),
        ("dhl airport terminal", "COLLECTED FROM AIRPORT TERMINAL", InTransit),
        ("order details only", "we've received your order details, but have not yet received your parcel", InfoReceived),
        ("gls pickup ordered", "Pickup ordered for: 14.09.2026", InfoReceived),
        ("dhl duties paid", "duties and taxes paid", ImportCustoms),
        ("ups clearing agency", "Your package is awaiting release from the clearing agency.", ImportCustoms),
        ("dhl instruction data", "The instruction data for this shipment have been provided by the sender to DHL electronically.", InfoReceived),
        ("imile last mile vendor", "Shipment delivered to iMile RDC or Lastmile vendor", LastMileHandover),
        ("ems export office", "Departed from export office", DepartedOrigin),
        ("ems import office", "Arrived at destination import office", ArrivedDestination),
        ("fr could not", "Votre colis n'a pu être livré. Le destinataire peut nous faire part de son choix de livraison.", DeliveryFailed),
        ("fr cannot yet", "Le colis ne peut actuellement être livré au Destinataire : L'adresse de livraison est incomplète", DeliveryFailed),
        ("fr seized", "Votre colis a été saisi par les autorités douanières, il ne sera pas livré à son destinataire.", Exception),
        ("fr back to sender", "Votre colis est livré à l'expéditeur suite à un retour.", Returned),
        ("pt will be delivered", "Objeto será entregue em instantes", OutForDelivery),
        ("pt to the contracting party", "Objeto entregue ao contratante", Returned),
        ("ru to the pick-up point", "Заказ доставлен в ПВЗ или постамат", AwaitingPickup),
        ("ru regional route", "Выдано на маршрут внутрирегиональный", InTransit),
        ("ru np to the courier", "Посылка выдана курьеру в Киев для доставки", OutForDelivery),
        ("ru np collected", "Посылка получена", Delivered),
        ("ru returned order", "Оформлен возврат", Returning),
        ("ru return to the courier", "Возврат выдан курьеру", Returning),
        ("pl to the courier", "przesyłka przekazana kurierowi do doręczenia", OutForDelivery),
        ("es awaiting pick-up", "En Espera de Retiro por Sucursal - Suc: USHUAIA", AwaitingPickup),
        ("zh left to collect", "客户签收人: 他人代签世纪联华超市圆通快递公司己暂放尽快来取拿件 已签收", AwaitingPickup),
        ("zh store logistics centre", "貨品已至物流中心", OriginSorting),
        ("en unable to be delivered", "Parcel unable to be delivered", DeliveryFailed),
        ("en not today", "Your parcel will not be delivered today", DeliveryFailed),
        ("ru handed back to the sender", "Почтовое отправление выдано отправителю", Returned),
        ("ru ready for the carrier", "Готов к передаче в службу доставки", InfoReceived),
        ("swiss post data delivered", "Consignment recorded by the foreign sender (data delivered)", InfoReceived),
        ("mailed back", "Item was mailed back to sender", Returning),
        ("landmark to the carrier", "Shipment information transmitted to carrier", InfoReceived),
        // Found by the review of the fourth round's phrases: no delivery in these.
        ("courier picked up", "The courier has picked up the shipment", Accepted),
        ("no signature", "No signature obtained - delivery failed", DeliveryFailed),
        ("ru received by the sender", "Посылка получена отправителем", Returned),
        ("ru to the postman", "Посылка выдана почтальону", OutForDelivery),
        ("ru in your town", "Заказ уже у вас в городе", DestinationSorting),
        ("de return delivered", "Die Retoure wurde ausgeliefert", Returned),
        ("not left in a safe place", "Could not be left in safe place", DeliveryFailed),
        ("delivered, order received", "Delivered - order received by customer", Delivered),
        ("delivered by the last mile", "Delivered to recipient by last mile courier", Delivered),
        ("notified to collect", "Addressee notified to pick up the item", AwaitingPickup),
        ("es customs processing", "Envío procesado en aduana", ImportCustoms),
        ("pl posted at a kiosk", "Przesyłka została nadana w kiosku Ruch", Accepted),
        ("fr after duties", "Votre colis ne sera livré qu'après paiement des droits de douane", ImportCustoms),
        ("fr future return", "Votre colis sera livré à l'expéditeur", Returning),
        ("zh left with the guard", "已签收，暂放门卫，如有疑问请联系派件员取件", Delivered),
        ("ru courier took it", "Получен курьером", Accepted),
        ("ru customs goods code", "Получен код ТН ВЭД", ImportCustoms),
        ("gls origin customs", "Customs parcel locked in origin country.", ExportCustoms),
        ("dpd delivery centre", "PARCEL AT DELIVERY CENTRE", AtLocalOffice),
        ("landmark crossdock", "Scanned at Landmark crossdock facility", OriginSorting),
        ("landmark border", "Crossing border and in transit to carrier hub", DepartedOrigin),
        ("ru np refused", "Получатель отказался от посылки. Отправитель уведомлен.", DeliveryFailed),
        ("ru np disposal", "Ваш груз поставлен на удаление", Exception),
        ("fr mondial relay registered", "Code tracing : Colis enregistré", InfoReceived),
        // Real phrasings tried after the session, no test held them.
        ("de handed to the recipient", "Paket wurde an den Empfänger übergeben", Delivered),
        ("de sent back", "Sendung wurde zurückgesandt", Returning),
        ("recipient not available", "Shipment on hold - recipient not available", DeliveryFailed),
        ("cainiao hub", "Arrived at Hub, Shanghai", OriginSorting),
        // Negated deliveries, each language.
        ("de not possible", "Zustellung nicht möglich", DeliveryFailed),
        ("es could not", "No se pudo entregar el envío", DeliveryFailed),
        ("ru not delivered", "Посылка не доставлена", DeliveryFailed),
        ("zh not signed", "未签收", DeliveryFailed),
        ("fr failure", "Échec de livraison", DeliveryFailed),
        ("nl attempt failed", "Bezorgpoging mislukt", DeliveryFailed),
        ("pick-up point arrival", "包裹已到达自提点", AwaitingPickup),
        ("royal mail fee", "A fee is due before we can deliver your item", ImportCustoms),
        ("parcelshop collection", "Your parcel is waiting to be collected from ParcelShop", AwaitingPickup),
        ("traditional chinese delivered", "郵件已送達", Delivered),
        ("locker delivered to", "快件已送达取件点，请及时取件", AwaitingPickup),
        // English: Cainiao, AliExpress, couriers.
        ("platform order placed", "Order placed", OrderPlaced),
        ("platform payment", "Payment confirmed", OrderPlaced),
        ("shipment info", "Shipment information received", InfoReceived),
        ("ready for shipping", "Package ready for shipping", InfoReceived),
        ("warehouse got the order", "Order received by warehouse", InfoReceived),
        ("logistics company", "Received by logistics company", Accepted),
        ("picked up", "Shipment picked up", Accepted),
        ("pickup scan is acceptance", "Pickup scan", Accepted),
        ("arrived sorting", "Arrived at sorting center", OriginSorting),
        ("departed sorting", "Departed from sorting center", OriginSorting),
        ("outbound sorting", "Outbound in sorting center", OriginSorting),
        ("export started", "Export customs clearance started", ExportCustoms),
        ("export complete", "Export customs clearance complete", ExportCustoms),
        ("airline handover", "Hand over to airline", LinehaulHandover),
        ("departure hub", "Arrived at departure transport hub", LinehaulHandover),
        ("leaving is the handover", "Leaving from departure country/region", LinehaulHandover),
        ("departed is the flight", "Departed from departure country/region", DepartedOrigin),
        ("flight departed", "Flight departed", DepartedOrigin),
        ("transit country", "Arrived in transit country", TransitHub),
        ("arrived destination", "Arrived at destination country/region", ArrivedDestination),
        ("linehaul office", "Arrived at linehaul office", ArrivedDestination),
        ("import started", "Import customs clearance started", ImportCustoms),
        ("import complete", "Import customs clearance complete", ImportCustoms),
        ("customs hold", "Held by customs", ImportCustoms),
        ("customs done", "Таможенное оформление завершено", ImportCustoms),
        ("the sender", "Delivered to the sender", Returned),
        ("the local carrier", "Handed over to the local carrier", LastMileHandover),
        ("departed customs", "Departed from customs", LastMileHandover),
        ("last mile accepted", "Accepted by last mile", LastMileHandover),
        ("local carrier is not delivered", "Delivered to local carrier", LastMileHandover),
        ("a hand-over for final delivery is not delivered", "Handed over to the local courier for final delivery", LastMileHandover),
        ("handed to last mile", "Handed over to last mile", LastMileHandover),
        ("local delivery center", "Arrived at local delivery center", AtLocalOffice),
        ("british centre", "Arrived at local delivery centre", AtLocalOffice),
        ("out for delivery", "Out for delivery", OutForDelivery),
        ("attempt failed", "Delivery attempt failed", DeliveryFailed),
        ("not at home", "Recipient not at home", DeliveryFailed),
        ("undelivered is a failure", "Undelivered", DeliveryFailed),
        ("awaiting collection", "Awaiting collection", AwaitingPickup),
        ("ready for pickup", "Ready for pickup", AwaitingPickup),
        ("station signed is not delivered", "Cainiao pick-up station signed", AwaitingPickup),
        ("delivered to locker", "Delivered to parcel locker", AwaitingPickup),
        ("delivered", "Delivered", Delivered),
        ("mailbox", "Delivered to mailbox", Delivered),
        ("return to sender", "Return to sender", Returning),
        ("returning", "Returning to sender", Returning),
        ("return in progress", "Return in progress", Returning),
        ("back with sender", "Delivered to sender", Returned),
        ("lost", "Parcel lost", Exception),
        ("destroyed", "Destroyed", Exception),
        ("new number", "New tracking number: LP00123456789012", CarrierUpdate),
        ("relabel", "Relabelled by carrier", CarrierUpdate),
        ("in transit", "In transit", InTransit),
        // Chinese: Cainiao and domestic couriers.
        ("下单", "买家已下单", OrderPlaced),
        ("付款成功", "付款成功", OrderPlaced),
        ("商家发货", "商家发货", InfoReceived),
        ("电子预报", "接收到电子预报", InfoReceived),
        ("揽收成功", "揽收成功", Accepted),
        ("已揽收", "【深圳】已揽收", Accepted),
        ("入库成功", "入库成功", OriginSorting),
        ("出库成功", "出库成功", OriginSorting),
        ("到达转运中心", "到达【东莞转运中心】", OriginSorting),
        ("离开转运中心", "离开转运中心", OriginSorting),
        ("出口清关开始", "出口清关开始", ExportCustoms),
        ("出口清关完成", "出口清关完成", ExportCustoms),
        ("交接成功", "交接成功", LinehaulHandover),
        ("交航安检成功", "交航安检成功", LinehaulHandover),
        ("航班起飞", "航班起飞", DepartedOrigin),
        ("到达中转", "到达中转国", TransitHub),
        ("航班到达", "航班到达", ArrivedDestination),
        ("目的地国家", "已到达目的地国家/地区", ArrivedDestination),
        ("清关开始", "清关开始", ImportCustoms),
        ("清关完成", "清关完成", ImportCustoms),
        ("清关转交成功 is last mile", "清关转交成功", LastMileHandover),
        ("最后投递站", "到达最后投递站", AtLocalOffice),
        ("开始投递", "开始投递", OutForDelivery),
        ("派送中", "派送中", OutForDelivery),
        ("派件中", "快递员派件中", OutForDelivery),
        ("投递失败", "投递失败", DeliveryFailed),
        ("等待自提", "等待用户自提", AwaitingPickup),
        ("自提点签收 is not delivered", "自提点签收", AwaitingPickup),
        ("驿站签收 is not delivered", "菜鸟驿站签收", AwaitingPickup),
        ("快递柜", "已放入快递柜", AwaitingPickup),
        ("用户签收", "用户签收", Delivered),
        ("已签收", "已签收", Delivered),
        ("妥投", "妥投", Delivered),
        ("退回卖家签收", "退回卖家签收", Returned),
        ("退回", "包裹退回", Returning),
        ("异常", "包裹异常", Exception),
        ("转单", "转单", CarrierUpdate),
        ("运输中", "运输中", InTransit),
        // Russian Post.
        ("регистрация", "Регистрация отправки", InfoReceived),
        ("электронная регистрация", "Получена электронная регистрация", InfoReceived),
        ("приём", "Приём", Accepted),
        ("принято", "Принято в отделении связи", Accepted),
        ("место приёма", "Покинуло место приёма", OriginSorting),
        ("прибыло в СЦ", "Прибыло в сортировочный центр", OriginSorting),
        ("покинуло СЦ", "Покинуло сортировочный центр", OriginSorting),
        ("сортировка", "Сортировка", OriginSorting),
        ("экспорт is the flight", "Экспорт международной почты", DepartedOrigin),
        ("транзит", "Прибыло в место транзита", TransitHub),
        ("территория РФ", "Прибыло на территорию РФ", ArrivedDestination),
        ("импорт", "Импорт международной почты", ArrivedDestination),
        ("приём на таможню", "Приём на таможню", ImportCustoms),
        ("выпущено", "Выпущено таможней", ImportCustoms),
        ("выпуск приостановлен", "Выпуск приостановлен", ImportCustoms),
        ("ММПО left", "Покинуло место международного обмена", LastMileHandover),
        ("место вручения", "Прибыло в место вручения", AtLocalOffice),
        ("почтальону", "Передано почтальону", OutForDelivery),
        ("неудачная попытка", "Неудачная попытка вручения", DeliveryFailed),
        ("почтомат", "Прибыло в почтомат", AwaitingPickup),
        ("извещение", "Направлено извещение", AwaitingPickup),
        ("срок хранения истекает", "Истекает срок хранения", AwaitingPickup),
        ("вручение адресату", "Вручение адресату", Delivered),
        ("вручение отправителю is a return", "Вручение отправителю", Returned),
        ("возврат", "Возврат", Returning),
        ("возврат beats storage", "Возврат. Истёк срок хранения", Returning),
        ("утрачено", "Утрачено", Exception),
        ("изъято", "Изъято", Exception),
        ("уничтожение", "Уничтожение", Exception),
        ("новый номер", "Зарегистрировано с новым номером", CarrierUpdate),
        ("в пути", "В пути", InTransit),
        // Nothing known: never guessed.
        ("empty", "", Unknown),
        ("blank", "  \t ", Unknown),
        ("punctuation only", "—/…", Unknown),
        ("unrelated", "Hello world", Unknown),
        ("bare вручение", "Вручение", Unknown),
        ("bare обработка", "Обработка", Unknown),
        ("unpaid is not paid", "Unpaid", Unknown),
        ("assigned is not signed", "Assigned by dispatcher", Unknown),
        // Real phrasings tried after the fixtures were written, none of them in a fixture.
        ("DHL clearance", "Clearance processing complete at LEIPZIG - GERMANY", ImportCustoms),
        ("China Post leaves the office of exchange", "离开【广州国际互换局】", DepartedOrigin),
        ("Correos inward office of exchange", "Llegada a la oficina de cambio internacional", ArrivedDestination),
        ("Correos on the way to the office", "Envío en tránsito hacia la oficina de destino", InTransit),
        ("French hand-over to the carrier", "Votre colis a été remis au transporteur", Accepted),
        ("Ukrainian delivered", "Відправлення доставлено", Delivered),
        ("Ukrainian delivered to the branch", "Відправлення доставлено до відділення", AwaitingPickup),
        // Round 6 of held-out sets: general words they showed missing.
        ("past return to the sender", "Item returned to the sender", Returned),
        ("past return to origin", "Parcel returned to origin", Returned),
        ("future return to the sender", "Your item will be returned to the sender", Returning),
        ("delivery back to the sender under way", "The parcel is being delivered to the sender", Returning),
        ("pick-up point wording, customer between", "Awaiting customer collection at the counter", AwaitingPickup),
        ("drop-off location", "Left at the drop-off location chosen by the customer", AwaitingPickup),
        ("consignee silent", "Consignee no response", DeliveryFailed),
        ("delivery under way, not done", "Your parcel is being delivered", OutForDelivery),
        ("future delivery notice", "You will be notified when the parcel is delivered", Unknown),
        ("parcel taken from a locker", "Package removed from locker", Delivered),
        ("delivered to the sender, bracketed", "Item Delivered(Sender)", Returned),
        ("return after pick-up ended", "Returned to sender. No longer available for pickup", Returning),
        ("Royal Mail rural round", "Out on rural delivery", OutForDelivery),
        ("UPU inward office of exchange, short form", "Departure from inward OE", LastMileHandover),
        ("UPU out of customs", "Out of customs", LastMileHandover),
        ("USPS outbound customs stays export", "Outbound Out of Customs", ExportCustoms),
        ("pre-advice only", "No shipment has been received yet, only notification of the shipment.", InfoReceived),
        ("ru client's pick-up is an acceptance", "Получен от клиента", Accepted),
        ("ru return to the shop", "Заказ возвращен клиенту", Returned),
        ("ru courier on the round", "На доставке", OutForDelivery),
        ("ru delivery done", "Доставка успешно выполнена", Delivered),
        ("ru delivery not done", "Доставка не выполнена", DeliveryFailed),
        ("ru handing over impossible", "Вручение отправления невозможно", DeliveryFailed),
        ("ru transit country", "Прибыло в промежуточную страну", TransitHub),
        ("ru local delivery company", "Заказ принят местным отделением службы доставки", LastMileHandover),
        ("zh guard collected", "您的快件已由门卫代收", Delivered),
        ("zh locker collected", "您的快件已由【小区快递柜】代收", AwaitingPickup),
        ("zh stored at a station", "您的包裹已存放至【兔喜生活+】，请及时取件", AwaitingPickup),
        ("zh China Post's company is not China", "离开中国邮政速递物流广州处理中心 发往广州天河营投部", OriginSorting),
        ("zh next stop is the exchange office", "离开【乌市航站】，下一站【乌鲁木齐互换局】", OriginSorting),
        ("zh closed dispatch for export is still at the exchange office", "【上海市国际互换局】已出口直封", OriginSorting),
        ("zh signed by a station for the buyer", "投递并签收，签收人：他人收 12号菜鸟驿站", AwaitingPickup),
        ("zh J&T delivery with its call note", "快递员正在为您派件【952300为极兔快递员外呼专属号码，请放心接听】", OutForDelivery),
        ("tr recipient not found", "Alıcı teslimat adresinde bulunamadı", DeliveryFailed),
        ("tr past return", "İade edildi", Returned),
        ("pl not delivered, short form", "Nie dostarczona", DeliveryFailed),
        ("pl not delivered, other verb", "Przesyłka nie doręczona", DeliveryFailed),
        ("pl taken from the locker", "Odebrana z paczkomatu", Delivered),
        ("pl pick-up time over", "Upłynął czas odbioru z paczkomatu", Returning),
        ("ru not handed to the addressee", "Отправление не вручено адресату", DeliveryFailed),
        ("ru delivery did not work", "Доставка не удалась", DeliveryFailed),
        ("fr not delivered, past participle", "Colis non livré", DeliveryFailed),
        ("fr not distributed", "Colis non distribué", DeliveryFailed),
        ("en delivery not completed", "Delivery not completed", DeliveryFailed),
        ("pl undelivered, one word", "Paczka niedoręczona", DeliveryFailed),
        ("uk not handed over", "Відправлення не вручено", DeliveryFailed),
        ("zh delivery done", "貨件配送完成", Delivered),
        ("zh delivery not yet done", "包裹尚未配送完成", InTransit),
        ("zh return collected by the sender's store", "退回原寄件門市且已取件", Returned),
        // The review of round 6: exceptions that keep decisive words decisive.
        ("future return to the seller", "Your package will be returned to the seller", Returning),
        ("return with a failure's reason", "Returned to shipper - no response from consignee", Returned),
        ("failure then a return", "Consignee no response, return to shipper", Returning),
        ("failure then a neighbour", "Recipient unavailable - delivered to neighbour", Delivered),
        ("damage in transport", "Parcel damaged in transport", Exception),
        ("a notice inside out-for-delivery", "Out for delivery. You will get a text when your parcel is delivered", OutForDelivery),
        ("delivery to a pick-up point under way", "Your item is being delivered to the pickup point", AwaitingPickup),
        ("delivered by the delivery team", "Your parcel was delivered by our delivery team", Delivered),
        ("locker emptied by the courier", "Removed from locker by courier - pickup time expired", Returning),
        ("out of export customs", "Out of Customs (Export)", ExportCustoms),
        ("ru return received from the client", "Возврат получен от клиента", Returning),
        ("ru delivery done to a pick-up point", "Доставка выполнена в пункт выдачи", AwaitingPickup),
        ("zh family took it", "您的快件已由家人代收", Delivered),
        ("zh left at a locker with consent", "经客户同意，快件已放在【丰巢柜】，请及时取件", AwaitingPickup),
        ("zh future return to the customer", "快件将退回客户", Returning),
        ("uk handed to the sender", "Доручено відправнику", Returned),
        ("ru customs allow the departure", "Таможенное оформление - Убытие разрешено", ExportCustoms),
        ("ru carrier sent it back", "Обработка перевозчиком - Возвращено", Returning),
        // Round 8: UPU IPS names as Cyprus Post, Hrvatska pošta and others print them; a
        // failed collection or a future delivery is no delivery; pick-up agents.
        ("ips acceptance", "Receive item from sender/ Κατάθεση αντικειμένου από τον αποστολέα", Accepted),
        ("ips delivery", "Deliver item to Addressee (Inb)/ Παράδοση αντικειμένου στον παραλήπτη", Delivered),
        ("ips attempt stays a failure", "Attempted to deliver item", DeliveryFailed),
        ("ips inward office", "Item received at office of exchange (Inb)", ArrivedDestination),
        ("ips customs hold", "Retention reason: Invoice missing (Inb)", ImportCustoms),
        ("ips return", "Return item to sender (Inb)", Returning),
        ("ips inward sorting", "Receive item at sorting center (Inb)", DestinationSorting),
        ("correos import", "Subject to import procedure - Notice Sent to Recipient", ImportCustoms),
        ("ctt importing", "Importing", ImportCustoms),
        ("not collected, by whom unsaid", "Shipment not collected", Unknown),
        ("not collected, then returned", "Item not collected - returned", Returned),
        ("not collected from a pick-up point", "PUDO – Not collected by the consignee", Returning),
        ("bare not collected", "Parcel not collected", Unknown),
        ("a return names the failure", "Returned to shipper - consignee on holiday", Returned),
        ("customs names the failure", "Held at customs - address information required", ImportCustoms),
        ("delivered despite the letterbox", "Shipment does not fit through letterbox, delivered to neighbours", Delivered),
        ("ips failure to deliver", "Could not deliver item to addressee - addressee absent", DeliveryFailed),
        ("ru pick-up point delivery", "Посылка доставлена в ПВЗ.", AwaitingPickup),
        ("ru delivered to a sorting centre", "Посылка доставлена в сортировочный центр компании QIWI Post.", OriginSorting),
        ("ru will not be delivered", "Посылка доставлена не будет", DeliveryFailed),
        ("ru return names customs", "Возврат. Таможенный запрет", Returning),
        ("zh waiting at a station despite no one home", "无人收货，已放至驿站，请凭取件码取件", AwaitingPickup),
        ("tr not received, returned", "Şubeden teslim alınmadı, göndericiye iade ediliyor", Returning),
        ("de customs before delivery", "Die Sendung wird beim Zoll bearbeitet und anschließend zugestellt.", ImportCustoms),
        ("to be collected", "Shipment to be collected at pick-up location", AwaitingPickup),
        ("receiver picked it up", "The receiver has picked up their package.", Delivered),
        ("left with someone", "Left with Individual", Delivered),
        ("notice left", "We've left a notice about the package.", DeliveryFailed),
        ("de delivery today", "Die Sendung wird voraussichtlich heute zugestellt.", OutForDelivery),
        ("de delivery announced", "Sendung wird an die Hausadresse zugestellt", InTransit),
        ("es office delivery", "Entregado en oficina", Delivered),
        ("es future delivery", "El envío será entregado mañana", InTransit),
        ("pt wrong address", "Endereço incorreto", DeliveryFailed),
        ("tr not received", "TESLİM ALINMADI", DeliveryFailed),
        ("ru feminine delivery", "Посылка доставлена", Delivered),
        ("ru feminine at office", "Посылка доставлена в отделение", AtLocalOffice),
        ("ru future at office", "Посылка будет доставлена в Отделение №5", InTransit),
        ("ru feminine at locker", "Посылка доставлена в постамат", AwaitingPickup),
        ("ru customs outweighs arrival", "Отправление прибыло в зону таможенного оформления.", ImportCustoms),
        ("ru pick-up point abbreviation", "Груз прибыл в ПВЗ", AwaitingPickup),
        ("ru transport request", "Обработка заявки на перевозку", InfoReceived),
        ("zh not delivered yet", "您的快件暂时未投递成功", DeliveryFailed),
        ("zh agent point signs", "客户 签收人: 爱家代理点 已签收 感谢使用圆通速递", AwaitingPickup),
        ("zh signed in person", "[湖北监利县公司]快件已被 本人 签收", Delivered),
        ("zh locker still waits", "江西南昌青云谱区 快件已被 丰巢智能柜 代签收。", AwaitingPickup),
        ("zh customer took it", "客户已取件，提货点：【百世邻里 祥符区城关小辉超市】", Delivered),
        ("zh no such person", "查无此人", DeliveryFailed),
        ("zh returned signed", "此快件单已退签", Returned),
        ("zh waybill made", "运单已生成", InfoReceived),
        ("fedex possession", "In FedEx possession", Accepted),
        ("dpd van", "Your parcel is on a van and due for delivery", OutForDelivery),
        ("correios out for delivery", "Saída para Entrega", OutForDelivery),
        ("correios inspection", "Objeto encaminhado para fiscalização - ANATEL", ImportCustoms),
        ("aras at branch", "ŞUBEDE", AtLocalOffice),
        ("jt kept at the outlet", "留仓件入仓", AtLocalOffice),
        ("zh courier brings it", "【驻马店市】配送员李峰 15286875954正为您派送，感谢您的耐心等待", OutForDelivery),
        ("ru return to a terminal", "Доставлена на транзитный терминал (возврат)", Returning),
        ("ru courier took it in", "Курьер принял", Accepted),
        ("ru being carried", "В перевозке", InTransit),
        ("ru at the delivery office", "В офисе доставки", AtLocalOffice),
        ("ru placed in a locker", "Посылка размещена в терминале.", AwaitingPickup),
        ("ru not picked up yet", "Получатель не забрал посылку терминала в течение 3 суток.", AwaitingPickup),
        ("ru no answer", "Получатель на звонки не отвечает", DeliveryFailed),
        ("ru return names no answer", "Возврат: на звонки не отвечает", Returning),
        ("ru returned to the sender", "Посылка возвращена отправителю.", Returned),
        ("ips location scan sided by route", "Receive item at location (Otb)", OriginSorting),
        ("ips bagged and sent abroad", "Insert item into bag (Otb) and Send item abroad", DepartedOrigin),
        ("courier collection failed", "collection-failed-attempt", InfoReceived),
        ("ontrac local facility", "Package received by your local OnTrac facility and is processing for delivery", AtLocalOffice),
        ("israel post notice", "The postal item arrived at the Neve Noy postal unit in Beer Sheva. The addressee was notified on 06/10/2026 to claim the item at the postal unit.", AwaitingPickup),
        ("pl courier delivered", "Kurier doręczył przesyłkę do odbiorcy.", Delivered),
        ("pl courier did not deliver", "Kurier nie doręczył przesyłki", DeliveryFailed),
        ("fr swiss post office", "Arrivée à l’office de retrait / à l’office de distribution", AtLocalOffice),
        ("fr swiss post notice", "Annoncé pour retrait (invitation à retirer un envoi)", AwaitingPickup),
        ("es pickup done", "Recolección Realizada", Accepted),
        ("es at the branch", "Recibida en Sucursal", AtLocalOffice),
        ("pl delivered to a pick-up point", "Kurier doręczył przesyłkę do punktu odbioru", Unknown),
        ("pl customs branch", "Przesyłka zatrzymana w oddziale celnym", ImportCustoms),
        ("ru future return", "Посылка будет возвращена отправителю", Returning),
        ("ru handed over at the delivery office", "Вручено в офисе доставки", Delivered),
        ("ru return under way", "Возврат в перевозке", Returning),
        ("ru collection planned", "Ожидается забор у отправителя", InfoReceived),
        ("fr delivered by the office", "Distribué par l'office de distribution", Delivered),
        ("en local customs office", "Package received by your local customs office", ImportCustoms),
        ("ru feminine dispatch", "Отправлена", InTransit),
        ("ru not dispatched", "Посылка не отправлена", InfoReceived),
        ("ru awaiting collection from the sender", "Ожидает забора", InfoReceived),
        ("ru return awaiting collection", "Возврат ожидает забора отправителем", Returning),
        ("en return started", "Package return process started", Returning),
        ("en sender wait", "Passport does not have the package yet.", InfoReceived),
        // Round 11.
        ("zh origin customs", "离开始发国海关", ExportCustoms),
        ("zh origin airport", "到达始发国机场", LinehaulHandover),
        ("zh destination customs", "到达目的国海关", ImportCustoms),
        ("zh nobody home", "【河北唐山公司】 已进行疑难件扫描，,疑难件原因 送无人,电话联系不上明日送", DeliveryFailed),
        ("zh picked up and sent on", "已取件，离开 [北京_东城营业所] 发往 [北京运转中心]", Accepted),
        ("ru on the way to a pick-up point", "На пути в пункт выдачи", InTransit),
        ("ru pick-up order", "Заявка на забор зарегистрирована", InfoReceived),
        ("ru taken for carriage", "Принят к перевозке", Accepted),
        ("fr attempted", "Nous avons tenté de livrer votre colis.", DeliveryFailed),
        ("fr waiting at relay", "Votre colis vous attend au relais", AwaitingPickup),
        ("fr days left to collect", "2 jours restants pour retirer le colis", AwaitingPickup),
        ("pl no access", "brak dostępu do posesji lub osiedle zamknięte", DeliveryFailed),
        ("pl posted at a parcelshop", "nadana w DHL Parcelshop przesyłka oczekuje na odbiór przez kuriera DHL", Accepted),
        ("de Austrian sender prepares", "Versender*in bereitet die Sendung für den Versand vor", InfoReceived),
        ("de Austrian posting", "Postaufgabe", Accepted),
        ("de Austrian bad address", "Empfängeradresse ungenügend", DeliveryFailed),
        ("pt pick-up requested", "COLETA SOLICITADA", InfoReceived),
        ("es destination platform", "EN PLATAFORMA DE DESTINO", DestinationSorting),
        ("en sorting failed", "Sorting failed []", Exception),
        ("en customs broker", "The shipment is picked up by customs broker", ImportCustoms),
        ("en import complete", "The import is complete and all fees have been handled.", ImportCustoms),
        ("en delivery round", "The postman's delivery round for your item has started", OutForDelivery),
        ("en import charge", "Import Charge sent to recipient.", ImportCustoms),
        ("en DHL servicepoint is no delivery", "Delivered at DHL ServicePoint", AwaitingPickup),
        ("en delivered back", "Delivered at the sender", Returned),
        ("en RTO delivered", "RTO Delivered", Returned),
        ("en pickup order", "Pickup order scanned by the courier", InfoReceived),
        ("en not handed over", "The parcel has not been handed over to GLS.", InfoReceived),
        ("en cash on delivery", "Cash on delivery amount changed on request of the sender", Unknown),
        ("en no one in attendance", "No one in attendance", DeliveryFailed),
        ("en return to the sender", "Not collected from DHL Locker, return to the sender", Returning),
        ("en bare collected", "Collected", Accepted),
        ("de not delivered", "Die Sendung wurde nicht erfolgreich zugestellt.", DeliveryFailed),
        ("fr handed over", "Votre colis a été remis au destinataire", Delivered),
        ("fr not handed over", "Votre colis n'a pas pu être remis au destinataire", DeliveryFailed),
        ("fr will be delivered", "Votre colis va être livré", InTransit),
        ("fr at relay", "Votre colis est disponible au relais", AwaitingPickup),
        ("fr impossible", "Livraison impossible", DeliveryFailed),
        ("fr round", "Votre colis est en tournée de livraison", OutForDelivery),
        ("fr waiting for carrier", "En attente de prise en charge", InfoReceived),
        ("en Yanwen failed pick-up", "Yanwen Pickup failed", InfoReceived),
        ("es customer inquiry", "Aclaración en proceso - Reporte generado por el cliente", Unknown),
        ("fr not collected", "Colis non retiré par le destinataire, retour à l'expéditeur", Returning),
        ("fr not handed", "Avis de passage : colis non remis au destinataire, destinataire absent", DeliveryFailed),
        ("fr will be handed", "Votre colis sera remis au destinataire demain", InTransit),
        ("fr made available later", "Votre colis sera disponible en relais demain", InTransit),
        ("fr customs", "Colis mis à disposition des douanes", ImportCustoms),
        ("de return delivered", "Die Sendung wurde an den Absender ausgeliefert", Returned),
        ("de delivered today", "Die Sendung wird heute ausgeliefert", OutForDelivery),
        ("de delivered to a shop", "Sendung in Filiale zur Abholung ausgeliefert", AwaitingPickup),
        ("en refused on delivery", "We're sorry but your shipment was refused on delivery.", DeliveryFailed),
        ("en payable on delivery", "Import duty payable on delivery", ImportCustoms),
        ("en failure then return", "Delivery interrupted, return to sender", Returning),
        ("en not handed", "Package could not be handed to recipient", DeliveryFailed),
        ("en recipient received", "The recipient has received the item", Unknown),
        ("zh drone delivery", "快件已送达，由配送无人车投递", Delivered),
        ("en loaded for delivery", "Loaded on truck for delivery", OutForDelivery),
        ("fr refused then return", "Colis refusé par le destinataire, retour à l'expéditeur", Returning),
        ("fr investigation", "enquete est ouverte", Exception),
        ("fr seller created", "L’information liée à l’objet a été créée par le vendeur", InfoReceived),
        ("fr accepted", "Accepté", Accepted),
        ("fr accepted by customs", "Accepté par la douane", ImportCustoms),
        ("fr notice left", "Avis de passage", DeliveryFailed),
        ("pl posting problem", "Obserwujemy problem z nadaniem", InfoReceived),
        ("de Amazon driver", "Der Fahrer hat auf dem Weg zu Ihnen noch einige Sendungen auszuliefern", OutForDelivery),
        ("zh Pickupp failed", "未能送件", DeliveryFailed),
        ("zh Pickupp returned", "已回件給商戶", Returned),
        ("en City-Link local", "At City-Link Local Facility", AtLocalOffice),
        ("zh anomaly on the way", "运送途中发生异常", Exception),
        ("fr delivered to a relay", "Votre colis a été livré dans votre Point Relais", AwaitingPickup),
        ("fr arrived at a relay", "Votre colis est arrivé dans votre Point Relais", AwaitingPickup),
        // Round 13: Indian couriers, Latin American couriers, Russian carriers and brokers,
        // Chinese aggregators' state names, Poste Maroc, Kolay Gelsin, Pocztex, UPS in German.
        ("en Blue Dart return delivered", "DELIVERED BACK TO SHIPPER", Returned),
        ("en Blue Dart customs broker", "CNEE CUSTOMS BROKER NOTIFIED FOR CLRNCE", ImportCustoms),
        ("en Delhivery consignee away", "Consignee Unavailable", DeliveryFailed),
        ("en Delhivery manifest", "Manifest uploaded", InfoReceived),
        ("en Delhivery self collect", "Self Collect requested by customer", AwaitingPickup),
        ("en Ecom out of station", "Consignee Out Of Station", DeliveryFailed),
        ("en a receipt by the customer", "Delivered - order received by customer", Delivered),
        ("ru L-Post ready at the shop", "Готово к отгрузке со склада Интернет-магазина", InfoReceived),
        ("ru MeaSoft courier brought it back", "Курьер вернул на склад", DeliveryFailed),
        ("ru customs warehouse", "Прибыл на СВХ", ImportCustoms),
        ("zh waiting for collection", "待揽收", InfoReceived),
        ("zh into a locker", "已投柜", AwaitingPickup),
        ("es Servientrega return", "INGRESO AL CENTRO LOGISTICO POR DEVOLUCION - NO RECLAMADO", Returning),
        ("es Coordinadora COD refused", "Destinatario no cancela", DeliveryFailed),
        ("es 99minutos delivery round", "En camino a entrega", OutForDelivery),
        ("fr Poste Maroc failure", "Echec livraison,à récupérer", DeliveryFailed),
        ("fr Poste Maroc counter", "A récupèrer au guichet", AwaitingPickup),
        ("fr a second presentation", "2ème présentation", OutForDelivery),
        ("de UPS being delivered", "Wird zugestellt", OutForDelivery),
        ("pl prepared for delivery", "Przesyłka przygotowana do doręczenia", OutForDelivery),
        ("tr wrong address", "Alıcı adresi hatalı", DeliveryFailed),
        ("tr refuses", "Kabul Etmiyor", DeliveryFailed),
        // Round 14: CJ Logistics, XLC, Meest, Yandex Market, J&T Express Brasil, Loggi.
        ("en CJ pick-up from the sender", "Pickup Complete", Accepted),
        ("en XLC pick-up scheduled", "Your parcel has been scheduled for pickup", InfoReceived),
        ("en XLC not yet received", "Parcel information submitted,we haven't received the parcel yet", InfoReceived),
        ("en XLC returned", "Your parcel has been successfully returned as requested.", Returned),
        ("ru storage time over", "Закончился срок хранения заказа в ПВЗ.", Returning),
        ("pt J&T signed", "[Teresina] O pacote foi assinado! O signatário é [Recebimento por terc]", Delivered),
        ("pt Loggi label", "A etiqueta de envio já foi criada e o pacote está pronto para a coleta.", InfoReceived),
        // Rounds 15-18: aggregators' statuses, ShipEngine's details, Brazil's SSW and PROCEDA
        // occurrences, IPS-based posts, Taiwanese store-to-store, and the reviews' guards.
        ("en awaited collection", "Awaiting Consignee for Collection", AwaitingPickup),
        ("en courier to collect from the sender", "Awaiting collection by courier", InfoReceived),
        ("en carrier not yet holding it", "Your package is waiting to be picked up by the carrier.", InfoReceived),
        ("en ShipEngine receipt", "Your shipment has been received by the carrier.", Accepted),
        ("en ShipEngine receipt negated", "Parcel not yet received by the carrier", InfoReceived),
        ("en ShipEngine refused and returning", "Delivery refused. Shipment being returned. Contact the sender.", Returning),
        ("en safe place negated", "Your parcel couldn't be left safe, we'll try again", DeliveryFailed),
        ("en customs reminder", "Second reminder: customs charges unpaid", ImportCustoms),
        ("en warehouse picking", "Order picked and packed", InfoReceived),
        ("en Pakistan Post delivery", "Delivered at delivery office Karachi South to ADDRESSEE", Delivered),
        ("en parcel terminal", "The shipment was delivered to the parcel self-service terminal", AwaitingPickup),
        ("pt PROCEDA arrival at the branch", "Chegada na cidade ou filial de destino", AtLocalOffice),
        ("pt handed to the carrier", "Objeto entregue à transportadora", Accepted),
        ("pt airline", "Entregue à companhia aérea", LinehaulHandover),
        ("pt SSW refusal", "CLIENTE RECUSA/NAO PODE RECEBER MERCAD", DeliveryFailed),
        ("pt SSW received for transport", "MERCADORIA RECEBIDA PARA TRANSPORTE", Accepted),
        ("ru buying agent", "Выкуплен у продавца", OrderPlaced),
        ("ru bought out at a pick-up point", "Выкуплен (служба доставки)", Delivered),
        ("ru not flown", "Посылка ещё не вылетела", LinehaulHandover),
        ("ru to be handed to delivery", "В течение суток он будет передан на доставку.", InfoReceived),
        ("zh customs approval", "海关审核通过", ImportCustoms),
        ("zh Shopee TW buyer collected", "[高雄民族 - 智取店] 買家取件成功", Delivered),
        ("zh station collection", "您已在成都华润凤凰城二期6栋店完成取件，感谢使用菜鸟驿站", Delivered),
        ("de forecast", "Voraussichtlich geliefert am Montag", InTransit),
        ("fr Yalidine not yet collected", "Pas encore ramassé", InfoReceived),
        ("tr Fest return leg", "İade - İade Çıkış Şubesine Ulaştı", Returning),
        ("zh UPS pickup scan", "取件扫描", Accepted),
        ("zh UPS out for delivery", "外出派送", OutForDelivery),
        ("zh UPS label only", "发件人已创建标签，但是 UPS 尚未收到包裹。", InfoReceived),
        ("en Sendcloud announced", "Announced: not collected", InfoReceived),
        ("en Posti handed to the recipient", "Item has been handed over to the recipient", Delivered),
        ("en return under way, bare", "Return", Returning),
        ("en courier coming back", "Courier will return tomorrow", DeliveryFailed),
        ("en loss while moving", "Parcel lost while being transported", Exception),
        ("ru loss in transit", "Отправление утрачено в транзите", Exception),
        ("en found again and moving", "Parcel was found and is in transit again", InTransit),
        ("es lost on the way", "Paquete extraviado en el camino", Exception),
        ("en NDR refusal over a cancellation", "Customer Refused to accept/Order Cancelled", DeliveryFailed),
        ("en NDR area not served", "AREA NON SERVICEABLE-(DIR)", DeliveryFailed),
        // Round 20 of held-out histories: words a delivery may sit inside, and platforms' texts.
        ("delivered to an airport is no delivery", "Package has been packed and delivered to airport", LinehaulHandover),
        ("a failed delivery that names the post office", "Delivery failed, please contact your local post office or the seller", DeliveryFailed),
        ("airline acceptance is no carrier acceptance", "Shipment accepted by an airline", LinehaulHandover),
        ("a local courier after import", "Shipment with a local shipping company", LastMileHandover),
        ("shipcloud de problem", "Ein Problem wurde festgestellt", Exception),
        ("shipcloud fr pickup by customers", "En attente de collecte par les clients", AwaitingPickup),
        ("shipcloud es label", "Se ha creado una etiqueta", InfoReceived),
        ("sendeo failed: not at the address", "Alıcı Adresinde Yok", DeliveryFailed),
        ("sendeo returned", "İade Olarak Teslim", Returned),
        ("forwarder flight left", "航班已飞", DepartedOrigin),
        ("forwarder warehouse order", "仓库已接单", InfoReceived),
        ("ru bare returned", "Возвращено", Returning),
        // Review s14's guards, and round 22's readings.
        ("es out for delivery over a bare departure", "Salida de reparto", OutForDelivery),
        ("es customs arrival over a bare arrival", "Llegada a aduana", ImportCustoms),
        ("pl not collected is no delivery", "Przesyłka nie została odebrana", AwaitingPickup),
        ("pl a return the sender collected", "Paczka zwrotna odebrana przez nadawcę", Returned),
        ("de a return on its way", "Die Rücksendung ist auf dem Weg", Returning),
        ("tr a return moving", "İade gönderi hareket etti", Returning),
        ("en not yet at the destination", "Expected to arrive at destination", InTransit),
        ("fr collected by the carrier", "Colis collecté par le transporteur", Accepted),
        ("cainiao large shipment ready for the carrier", "Order has been packed into a large shipment and ready for the delivery company to pick up.", InfoReceived),
        ("cainiao large shipment picked up", "Delivery company has picked up the large shipment", Accepted),
        ("smartpost hand-over to usps", "In transit to U.S. Postal Service", LastMileHandover),
        // Everyday wording tried at the stop of the tenth session.
        ("es waiting at the post office", "Su paquete está disponible en la oficina de Correos", AwaitingPickup),
        ("pl waiting at a pick-up point", "Przesyłka oczekuje w punkcie odbioru", AwaitingPickup),
        ("tr loaded on the delivery van", "Gönderiniz dağıtım aracına yüklendi", OutForDelivery),
        // Rounds 24 and 25, and the whole lists harvested then.
        ("pl delivery planned is no delivery", "Przesyłka zostanie doręczona do odbiorcy dziś lub w ciągu najbliższych dwóch dni roboczych", AtLocalOffice),
        ("pl delivery withheld until fees are paid", "doręczenie wstrzymane do czasu uregulowania opłat przez odbiorcę", AtLocalOffice),
        ("pl refused", "odbiorca odmówił przyjęcia przesyłki", DeliveryFailed),
        ("aramex picked up by the buyer", "Shipment Picked up by Consignee", Delivered),
        ("aramex delivered later by the post", "Will be Delivered by Postal Services", LastMileHandover),
        ("swiss post delivery office", "Eingang Zustellstelle", AtLocalOffice),
        ("swiss post border office of the destination", "Ankunft an Grenzstelle im Bestimmungsland", ArrivedDestination),
        ("customs named by the origin side", "Origin customs processing", ExportCustoms),
        ("customs named by the destination side", "DESTINATION CUSTOMS RELEASED", ImportCustoms),
        ("processed by customs is customs", "The shipment is being processed by customs", ImportCustoms),
        ("correo argentino pick-up period over", "INTENTO DE ENTREGA - PLAZO VENCIDO", Returning),
        ("colissimo missed round", "Nous sommes passés mais nous n'avons pu vous remettre votre colis. Il va être acheminé vers votre point de retrait.", DeliveryFailed),
        ("cdek sent out from the sender's town", "Выдан на отправку в городе-отправителе", OriginSorting),
        ("zh a bare signature is the delivery", "签收", Delivered),
        ("zh expected but not arrived", "应到未到件", Unknown),
        ("zh asked to sign is no signature", "请注意签收", OutForDelivery),
        ("customs of the goods' origin is no side", "Held by customs: certificate of origin required", ImportCustoms),
        ("17track status before its carrier note", "Accepted by carrier, Carrier note: Order information received", Accepted),
        ("17track generic status leaves it to the note", "Carrier update, Carrier note: Shipment departed from facility", OriginSorting),
        ("dhl region of the recipient", "The shipment arrived in the region of recipient and will be transported to the delivery base in the next step.", DestinationSorting),
        ("ru registration feminine", "Посылка прошла регистрацию", InfoReceived),
        ("ups delay notice says no side", "A late UPS trailer arrival has delayed delivery. We're adjusting plans to deliver your package as quickly as possible.", InTransit),
        ("canada post run-together notice", "Electronicinformation submitted by shipper", InfoReceived),
        ("usps agent of the recipient", "Delivered to Agent, Front Desk/Reception/Mail Room", Delivered),
        ("canada post signature image", "Signature image recorded for Online viewing", Delivered),
        ("canada post french out for delivery is no sorting", "Article sorti pour livraison", OutForDelivery),
        ("canada post french pick-up", "Envoi disponible pour le ramassage par le client", AwaitingPickup),
        ("aftership call before delivery", "The customer is contacted before the final delivery", OutForDelivery),
        ("aftership pick-up not yet collected", "Package available for the pickup but not collected by the customer", AwaitingPickup),
        ("redirection to a service point is no failure", "Delivery instruction changed to delivery at DHL ServicePoint", InTransit),
        ("royal mail local collect", "Local Collect arrived at Post Office", AwaitingPickup),
        ("royal mail late record of delivery", "Item Delivered - RECORDED LATE AT DELIVERY OFFICE", Delivered),
        ("pl delivery stopped", "doręczenie przesyłki do DHL Parcelshop zostało wstrzymane", DeliveryFailed),
        ("pl failed attempt before the next round", "próba doręczenia zakończona niepowodzeniem. Przesyłka oczekuje na kolejny cykl doręczenia", DeliveryFailed),
        ("pl return announced", "przesyłka będzie zwrócona do nadawcy. Doręczenie nie było możliwe", Returning),
        ("zh planned airline hand-over", "计划交航", InTransit),
        ("ru first-mile warehouse before the carrier", "Отправлено на склад 1-ой мили.", InfoReceived),
        ("pt ctt customs declaration", "O envio está em Procedimentos Declarativos", ImportCustoms),
        ("pl noun of delivery in a wait", "Dodanie do księgi awiz - oczekiwanie na doręczenie", AtLocalOffice),
        ("pl courier found nobody", "kurier DHL nie zastał odbiorcy pod wskazanym adresem. Doręczenie przesyłki nastąpi w kolejnym dniu roboczym", DeliveryFailed),
        ("pl delivered to a pick-up point", "Przesyłka doręczona do punktu DHL SERVICEPOINT. Przesyłka oczekuje na odbiór", AwaitingPickup),
        ("de delivery depot is no french posting", "Die Sendung wird im Zustell-Depot für die Zustellung vorbereitet", AtLocalOffice),
        ("fr colissimo waits at the pick-up point", "Votre colis vous attend dans votre point de retrait", AwaitingPickup),
        ("zh forwarder warehouse signature", "美国仓库中心已签收", Accepted),
        ("zh sea freight arrived", "抵达目的港", ArrivedDestination),
        ("ru kse failed attempt", "Попытка вручения не состоялась", DeliveryFailed),
        ("zh chunghwa not delivered", "投遞局未投妥", DeliveryFailed),
        ("zh chunghwa counter pick-up marked for return", "窗口招領批退", Returning),
        ("dhl express duties on hold", "On hold awaiting for payment of shipment related fees", ImportCustoms),
        ("tr perfect form of delivered", "Kargonuz teslim edilmiştir", Delivered),
        ("tr passive: ready to be collected", "Kargonuz şubeden teslim alınmaya hazır", AwaitingPickup),
        ("tr on its way for delivery", "Kargonuz dağıtım için yola çıktı", OutForDelivery),
        ("uk feminine arrival at the branch", "Посилка прибула до відділення", AwaitingPickup),
        ("en pick-up failure at the sender", "Pickup was refused", InfoReceived),
        ("en a return's delivery attempt", "Return delivery was attempted - no one at home", Returning),
        ("en negated doorstep delivery", "Not left at front door - no safe place", DeliveryFailed),
        ("en a shipping partner before USPS has it", "Departed Shipping Partner Facility, USPS Awaiting Item", OriginSorting),
        ("en Parcel Select's hand-over", "Accepted at USPS Regional Destination Facility", LastMileHandover),
        ("en an undeliverable reason", "Moved, Left no Address", DeliveryFailed),
        ("en handed over for delivery, not delivered", "The shipment has been delivered for delivery", OutForDelivery),
        ("en taken from a parcel terminal", "The shipment has been withdrawn by the receiver", Delivered),
        ("en the courier lacked the parcel", "The courier did not have the package with them", DeliveryFailed),
        ("ru carried to customs, not there yet", "Заказ везут на таможню в стране назначения", InTransit),
        ("ru handed to the courier round", "Заказ передали в курьерскую доставку", OutForDelivery),
        ("de damaged in the network", "Die Sendung wurde beschädigt.", Exception),
        ("de delivered damaged is delivered", "Die Sendung wurde beschädigt zugestellt.", Delivered),
        ("fr on the round to a pick-up point", "Colis en cours de livraison au point de retrait", OutForDelivery),
        ("it the morning round", "AFFIDATA AL CORRIERE LA MATTINA", OutForDelivery),
        ("it at the delivery branch", "PROCESSATA PRESSO FILIALE DI CONSEGNA", AtLocalOffice),
        ("nl an inspection at clearance", "Zending vertraagd in land van bestemming door aanvullend onderzoek bij inklaring", ImportCustoms),
        ("nl destroyed for customs", "De zending is vernietigd namens de douane in land van bestemming", Exception),
        ("pl a notice left is no delivery", "Pozostawiono Awizo", DeliveryFailed),
        ("pl the sender collected the return", "Odebrana – zwrot", Returned),
        ("en Packeta's collection from the sender", "Packet has been collected and is on its way.", Accepted),
        ("en on the way back", "Packet is on the way back to the sender.", Returning),
        ("en a Packstation posting", "The shipment has been taken from the PACKSTATION for onward transportation", Accepted),
        ("ru loaded onto the plane", "Погрузка в самолёт", LinehaulHandover),
        ("en a recipient's receipt is no carrier's", "Your parcel has been delivered, the recipient has received the package", Delivered),
        ("it a round from the delivering branch", "In consegna dalla filiale di consegna", OutForDelivery),
        ("it held for the sender's instructions", "Spedizione in giacenza presso la sede GLS, siamo in attesa di istruzioni.", AtLocalOffice),
        ("ru carried back to the seller", "Возврат: заказ везут на склад продавца", Returning),
        ("pl a return in preparation", "Zwrot w trakcie przygotowania", Returning),
        ("en the reason with the return", "Moved, Left No Address - Return to Sender", Returning),
        ("de damaged, still to be delivered", "Die Sendung wurde beschädigt und wird zugestellt", OutForDelivery),
        ("es a visit without delivery", "SE VISITA, NO SE LOGRA ENTREGA", DeliveryFailed),
        ("tr taken out of the bag at the office", "Torbadan Alındı", AtLocalOffice),
        ("en on the way to the depot, not there", "Your parcel is on its way to the delivery depot", InTransit),
        ("nl destroyed by customs", "Zending is door de douane vernietigd", Exception),
        ("pl on the way to the locker", "Przesyłka w drodze do Paczkomatu", InTransit),
        ("ru on the way to the pick-up point", "Заказ везут в пункт выдачи", InTransit),
        ("ru handed to courier delivery (в)", "Посылка передана в курьерскую доставку", OutForDelivery),
        ("zh courier's pick-up is no delivery", "快递员已完成取件", Unknown),
        ("es Andreani's intake", "Ingresado - Tu envío fue recibido. Pronto lo enviaremos a la sucursal", Accepted),
        ("tr perfect form back to the sender", "Kargonuz göndericiye teslim edilmiştir", Returned),
        ("tr perfect form not delivered", "Kargonuz teslim edilememiştir", DeliveryFailed),
        ("a partner facility is no delivery", "Delivered to Partner Facility", LastMileHandover),
        ("uk waiting for the delivery is no delivery", "Очікує вручення", AwaitingPickup),
        ("uk returned to the sender", "Повернуто відправнику", Returned),
        ("tr perfect form of arrival at the branch", "Kargonuz dağıtım şubesine ulaşmıştır", AtLocalOffice),
        ("a return called off", "Out for delivery - RTS request cancelled", OutForDelivery),
        ("contact the sender later is a problem", "Damage found, we will contact sender for instructions", Exception),
        ("tr leaving the destination hub", "YOLDA; Kargonuz varış transfer merkezinden varış şubesine gönderiliyor.", DestinationSorting),
        ("zh a problem scan whose reason is a failed delivery", "【南京玄武网点】已进行问题件扫描，问题原因【收件人电话无人接听】", DeliveryFailed),
        ("zh a problem scan for another reason stays one", "【杭州网点】已进行问题件扫描，问题原因【包装破损】", Exception),
        ("zh a return registered for a failed delivery", "【南京玄武网点】已进行退回件登记，退回原因【多次派送无法联系收件人】", Returning),
        ("en an exception naming a failed delivery", "Exception: customer not home", DeliveryFailed),
        ("en a failed delivery going back", "Return to sender: addressee unknown", Returning),
        ("en J&T's consolidation warehouse takes it in", "Received by Consolidation Warehouse", Accepted),
        ("en J&T's stowing into the flight", "Aviation Stowage", LinehaulHandover),
        ("en Cainiao's warehouse ships it out", "Package shipped out from warehouse", Accepted),
        ("en customs duty awaiting payment", "Awaiting payment customs taxes", ImportCustoms),
        ("ru Nova Poshta's come and collect", "Отправление прибыло. Приглашаем получить по адресу: Отделение №112", AwaitingPickup),
        ("zh at the pick-up store", "包裹已送抵取件門市", AwaitingPickup),
        ("zh made, not yet posted", "訂單成立未寄件", InfoReceived),
        ("en on its way to the office, not there", "Your parcel is on its way to the local delivery office", InTransit),
        ("en en route to the pick-up point, not there", "Parcel en route to the pickup point", InTransit),
        ("en at the office, then on its way to the buyer", "Arrived at the delivery office, on its way to you soon", AtLocalOffice),
        ("ru riding to the pick-up point, not there", "Заказ едет в пункт выдачи", InTransit),
        ("tr loaded and out with the courier", "Kargo Yüklendi - Kuryede/zimmetlendi (dağıtıma çıktı)", OutForDelivery),
        ("nl PostNL has it", "Zending is bij PostNL", Accepted),
        ("en Thailand Post's pre-advice", "Preload", InfoReceived),
        ("ru a tracker's heading before an arrival", "В пути. Прибыло в место вручения", AtLocalOffice),
        ("en an exception's failure that goes back", "Shipment exception - addressee unknown - return to sender", Returning),
        ("zh signed for, nobody home is no failure", "已签收，家中无人，放门口", Delivered),
        ("zh a return only threatened", "派件失败，收件人电话关机，如三天内无法联系将退件", DeliveryFailed),
        ("zh a return called off", "【南京网点】已取消退件，重新派送", OutForDelivery),
        ("en an ePacket's sorting center is a sorting", "Arrival at Sorting Center", OriginSorting),
        ("en CTT's English round", "In distribution", OutForDelivery),
        ("en FedEx holds it nearby", "FedEx redirected your package to a nearby FedEx location", AwaitingPickup),
        ("en PostNord's notice of a parcel waiting", "E-mail notification has been sent to the recipient.", AwaitingPickup),
        ("fr ready to leave the sending territory", "Votre colis est prêt à partir de son territoire d’expédition.", LinehaulHandover),
        ("pt CTT's collection", "Recolha", Accepted),
        ("zh 4PX has the parcel's data", "包裹信息已接收", InfoReceived),
        ("en leaving a facility", "Package left the facility", OriginSorting),
        ("zh taken in at a store, please collect", "快件已由济南历城区翡翠雅郡北区西门店代收，请及时取件", AwaitingPickup),
        ("ru Belpost's intake at the office", "Принят в отделении", Accepted),
        ("pl failed, marked as a return", "zwrot przesyłki do nadawcy - odbiorca odmówił przyjęcia przesyłki", Returning),
        ("ru failed, marked as a return", "Неудачная попытка вручения, возврат отправителю", Returning),
        ("de failed, marked as a return", "Zustellung nicht möglich - Rücksendung an Absender", Returning),
        ("en back to the depot is no return", "Not at home, returning to depot", DeliveryFailed),
        ("th Thailand Post delivered", "นำจ่ายสำเร็จ", Delivered),
        ("th Thailand Post failed, not delivered", "นำจ่ายไม่สำเร็จ", DeliveryFailed),
        ("th Thailand Post at the office, words run together", "ถึงที่ทำการไปรษณีย์บางรัก", AtLocalOffice),
        ("nl PostNL not delivered", "Zending is niet afgeleverd, geadresseerde is onbereikbaar", DeliveryFailed),
        ("nl PostNL to be delivered", "Zending wordt afgeleverd op een ander adres", InTransit),
        ("nl PostNL not delivered, back to the sender", "Zending niet afgeleverd, past niet. Retour afzender.", Returning),
        ("en DPD's destination depot is no French dépôt", "Destination depot – Inbound", DestinationSorting),
        ("fr La Poste's posting", "Dépôt au bureau de poste", Accepted),
        ("en Royal Mail's export stopped", "This item will not be exported due to the sender's request.", Exception),
        ("en IPS outbound customs", "Send item to customs (Otb)", ExportCustoms),
        ("zh locker signed, not the buyer", "快件已签收,签收人是丰巢，签收网点是大连黄泥川分部", AwaitingPickup),
        ("es Correos's locker drop-off by the sender", "Entregado en CityPaq para admisión", Accepted),
        ("lt Lithuanian Post delivered", "Siunta įteikta gavėjui", Delivered),
        ("uk brought to the customs terminal is no delivery", "Доставлено до митного терміналу", ImportCustoms),
        ("zh arrived in the country of destination", "到达寄达国", ArrivedDestination),
        ("en Evri on its way back", "On its way back", Returning),
        ("en DPD's destination depot leaves the outcome to the rest", "Destination depot – Out for delivery", OutForDelivery),
        ("en customs' release is not Posti's release for delivery", "Import clearance complete, released for delivery", ImportCustoms),
        ("en ready for the courier to collect from the sender", "Ready to be picked up by courier", InfoReceived),
        ("en back to the depot is no return to the sender", "Your parcel is on its way back to the depot", InTransit),
        ("tr delivered at the branch", "Dağıtım şubesinde teslim edildi", Delivered),
        ("tr returned to the sender after a bad address", "Adres yetersiz - göndericiye iade edildi", Returned),
        ("nl delivered into a locker waits for the buyer", "Zending geleverd in de pakketautomaat", AwaitingPickup),
        ("nl to be delivered tomorrow", "Je pakket wordt morgen bezorgd", InTransit),
        ("pl unpaid duty is customs", "Odbiorca nie uiścił opłaty celnej", ImportCustoms),
        ("th acceptance cancelled is no acceptance", "ยกเลิกการรับฝาก", Unknown),
        ("uk Meest leaving the outward exchange", "ВІДПРАВКА З МІЖНАРОДНОГО СОРТУВАЛЬНОГО ЦЕНТРУ", DepartedOrigin),
        ("en redirected, not handed to a partner", "Item forwarded for delivery to the addressee's new address", InTransit),
        ("en no proof of delivery is no delivery", "Proof of delivery not available", Unknown),
        ("ru Ozon's pick-up point waits for the buyer", "Ваше отправление прибыло в пункт выдачи Ozon", AwaitingPickup),
        ("ru Kazpost's own status at the office", "Отправление прибыло в пункт выдачи", AtLocalOffice),
        ("tr reached the branch", "Kargonuz şubeye ulaştı", AtLocalOffice),
        // Session 21's sweeps and round 47.
        ("tr iade marks a return's scan", "İade Transfer Merkezinde", Returning),
        ("tr iade before a failed delivery", "İADE-Adres Hatalı/Okunmuyor", Returning),
        ("tr a return called off goes on", "İade İptal Edildi", InTransit),
        ("tr iadeli is registered mail", "İadeli Taahhütlü Gönderi Kabul Edildi", Accepted),
        ("tr PTT delivered to a family member", "Birinci Adreste Aile Bireyine Teslim", Delivered),
        ("tr PTT a bag's record called off", "Torbası İptal Edildi", Unknown),
        ("tr PTT an instruction is no round", "Talimat Verildi(Gonderiyi Tekrar Dağıtıma Çıkarma)", Unknown),
        ("tr in the delivery vehicle", "Dağıtım Aracında", OutForDelivery),
        ("es on the way to the branch", "En viaje a Sucursal de Destino", InTransit),
        ("de on the way to the locker", "Unterwegs zur Packstation", InTransit),
        ("it under way", "In viaggio verso l'ufficio postale", InTransit),
        ("pt under way", "A caminho da agência", InTransit),
        ("es Paquetexpress not delivered at home", "Devolución EAD", DeliveryFailed),
        ("es Andreani visit with a reason", "Visita", DeliveryFailed),
        ("nl bpost on its way", "Onderweg", InTransit),
        ("nl bpost announced", "Aangemeld", InfoReceived),
        ("nl bpost today", "Wordt vandaag geleverd", OutForDelivery),
        ("nl bpost future", "Uw pakket wordt morgen geleverd", InTransit),
        ("uk Rozetka storage ran out", "Вийшов термін зберігання", Returning),
        ("uk Rozetka handed out", "Видано", Delivered),
        ("ru Justin trunk route", "Отправлен на магистральный маршрут", InTransit),
        // Session 21's sweeps by language.
        ("es IPS outward customs", "Enviar envío a aduana (salida)", ExportCustoms),
        ("es IPS inward office of exchange", "Recibir envío en oficina de cambio (entrada)", ArrivedDestination),
        ("es handed to the local carrier", "Entregado al transportista local", LastMileHandover),
        ("es being returned", "Tu paquete está siendo devuelto al remitente", Returning),
        ("pt a return only threatened", "Endereço incorreto - Entrega não realizada - Objeto sujeito a atraso na entrega ou a devolução ao remetente", DeliveryFailed),
        ("pt not yet delivered", "Sua encomenda ainda não foi entregue", InTransit),
        ("fr Canada Post collect at the office", "Article peut être ramassé au bureau de poste", AwaitingPickup),
        ("fr not delivered", "Votre colis n'a pas été livré", DeliveryFailed),
        ("de delivered back to the sender", "Die Sendung wurde dem Absender zugestellt.", Returned),
        ("de left the origin country", "Die Sendung hat das Abgangsland verlassen", DepartedOrigin),
        ("it handed to the airline", "Consegnato alla compagnia aerea", LinehaulHandover),
        ("it future", "Sarà consegnato domani", InTransit),
        ("nl out for delivery, Flemish", "Onderweg voor levering", OutForDelivery),
        ("pl left the origin country", "Przesyłka opuściła kraj nadania", DepartedOrigin),
        ("pl a locker is no delivery", "Paczka dostarczona do automatu paczkowego", AwaitingPickup),
        ("tr handed in at the branch", "Kargo şubeye teslim edildi", Accepted),
        ("tr failed with a notice", "Teslim Edilemedi : PTT İşyerinde İhbarlandı", DeliveryFailed),
        ("en a driver sent to the seller", "Courier has been allocated. Waiting to pick up.", InfoReceived),
        ("en a return done", "RTO shipment delivered back to the origin warehouse", Returned),
        ("en a future round", "Your parcel will be out for delivery tomorrow", InTransit),
        ("en China Post's outward office in English", "Have been exported directly", OriginSorting),
        ("zh waiting for the courier's collection", "商家已打印运单，等待快递员上门揽收", InfoReceived),
        ("zh the way back failed", "退回投遞不成功", Returning),
        ("zh a store's return, announced", "包裹今日23:59後將退回物流中心", AwaitingPickup),
        ("ru Ozon's courier on the way", "Курьер в пути", OutForDelivery),
        ("ru not yet at the point", "Посылка ещё не поступила в пункт выдачи", InTransit),
        ("uk waiting for payment is no pick-up", "Очікує отримання оплати", OrderPlaced),
        ("uk delivered to a pick-up point", "Доставлено до пункту видачі", AwaitingPickup),
        ("uk Ukrposhta's inward office", "Прибуло до установи обміну призначення", ArrivedDestination),
        ("en Delhivery's hub scan", "Trip Arrived", OriginSorting),
        ("en Aramex's origin facility", "Received at Origin Facility", OriginSorting),
        ("en Landmark into the domestic network", "Departure to distribution network", LastMileHandover),
        ("it BRT's departure from the centre", "PARTITA", OriginSorting),
        ("pl handed to the postman", "Przygotowano do doręczenia", OutForDelivery),
        ("zh China Post at Pudong airport", "上海浦东 到达", LinehaulHandover),
        // Session 21's audit of stems and gaps, and its review.
        ("ru the item delivered in a town", "Отправление вручено в г. Москва", Delivered),
        ("ru an attempt that names the addressee", "Попытка вручения, адресат отсутствует", DeliveryFailed),
        ("ru data about the recipient", "Получена информация о получателе", InfoReceived),
        ("ru a delivery that names the sender", "Вручено. Отправитель: AliExpress", Delivered),
        ("ru duty paid", "Таможенная пошлина оплачена", ImportCustoms),
        ("en an attempt forecast", "Delivery attempt scheduled for today", OutForDelivery),
        ("en duty paid", "Duties paid", ImportCustoms),
        ("en shipped with a courier", "Your parcel has been shipped with courier DPD", InTransit),
        ("en a delivery that notifies the sender", "Delivered to recipient, notification sent to sender", Delivered),
        ("en a future return", "This item will now be returned to the sender.", Returning),
        ("fr letterbox", "Votre colis a été déposé dans votre boîte aux lettres", Delivered),
        ("fr feminine future", "Votre commande sera livrée le 14 mai", InTransit),
        ("fr back to the depot", "Retour en agence", DeliveryFailed),
        ("it feminine future", "La spedizione sarà consegnata domani", InTransit),
        ("pl the guard longer than the delivery", "Kurier nie doręczył przesyłki do odbiorcy", DeliveryFailed),
        ("de not collected at the branch", "Die Sendung wurde innerhalb der Lagerfrist nicht in der Filiale abgeholt. Die Rücksendung an den Absender wurde eingeleitet.", Returning),
        ("nl cannot be delivered", "Uw pakket kan niet worden geleverd", DeliveryFailed),
        ("zh a hub scan naming the next stop", "快件到达【广州转运中心】，下一站【天河区驿站】", OriginSorting),
        ("zh delivered, with a contact line", "您的快件已送达，如有疑问请联系网点", Delivered),
        ("de Hermes gap: the branch decides", "Die Sendung ist in der Filiale eingetroffen.", AwaitingPickup),
        ("en waiting at the post office", "Your parcel is waiting at the Post Office for collection", AwaitingPickup),
        ("de handed to a parcel shop", "Paket wurde an den Paketshop übergeben", AwaitingPickup),
        ("ru the recipient's town's sorting centre", "Посылка прибыла в сортировочный центр города получателя", DestinationSorting),
        ("uk arrived at the branch, waits", "Відправлення надійшло у відділення № 5, очікує отримувача", AwaitingPickup),
        ("fr the local carrier", "Colis remis au transporteur local", LastMileHandover),
        ("uk a return only threatened", "Відправлення прибуло у відділення. Безкоштовне зберігання 5 днів, після чого буде повернено відправнику", AwaitingPickup),
        ("uk apostrophe as a modifier letter", "Надходження до відділення звʼязку", AtLocalOffice),
        ("uk Meest in the buyer's country's exchange", "НАДХОДЖЕННЯ ДО МІЖНАРОДНОГО СОРТУВАЛЬНОГО ЦЕНТРУ", ArrivedDestination),
        ("uk Meest registered for dispatch", "ОФОРМЛЕНО ДЛЯ ВІДПРАВКИ", Accepted),
        ("uk Meest parcel did not arrive", "ВІДПРАВЛЕННЯ НЕ ПРИБУЛО", Exception),
        ("en Meest parcel did not arrive", "PARCEL NOT ARRIVED", Exception),
        ("en Meest sender's office", "ARRIVAL AT SENDER OFFICE", Accepted),
        ("uk Ukrposhta at the exchange", "Надійшло у ММПО України (імпорт)", ArrivedDestination),
        ("en Ukrposhta's branch", "Arrival to the branch office", AtLocalOffice),
        ("ru Nova Poshta's negated receipt", "НЕ получен", Unknown),
        ("ru Kazpost back into storage", "Возврат на хранение", AwaitingPickup),
        ("pl DPD's pick-up point", "Przyjęcie przesyłki do punktu Pickup", AwaitingPickup),
        ("pl Poczta Polska's e-mail notice", "Wysłanie e-mail dla przesyłki", Unknown),
        ("pl InPost's absent customer", "W doręczeniu - klient nieobecny.", DeliveryFailed),
        ("pt Correios not collected", "Objeto não coletado", InfoReceived),
        ("pt Correios's simplified import declaration", "Objeto encaminhado para emissão de DSI", ImportCustoms),
        ("pt Loggi's data file", "Arquivo integrado", InfoReceived),
        ("zh SunYou's airline hand-over failed", "交航失败", Exception),
        ("ru Evropochta still at the intake office", "Почтовое отправление подготовлено в ОПС к доставке на сортировочный пункт", Accepted),
        ("ru Russian Post ready to hand over", "Готово к вручению", AwaitingPickup),
        ("ru Russian Post's redirection point has no side", "Прибыло в место возврата/досылки", InTransit),
        ("usps delivered into a locker", "Delivered, In/At Parcel Locker", Delivered),
        ("usps status not updated is no new number", "Delivery Status Not Updated", InTransit),
        ("usps arrived abroad", "Arrived Abroad", ArrivedDestination),
        ("en waiting for the carrier to collect", "Waiting for carrier pick up", InfoReceived),
        ("en a drop-off at the door after the round", "Driver dropped off the parcel in your mailbox", Delivered),
        ("en a parcel shop waiting for the courier", "Parcel awaiting collection from Parcelshop by courier", Accepted),
        ("en UniUni's warehouse scan", "Shipment was scanned at a warehouse", OriginSorting),
        ("en Pos Malaysia's departure overseas", "Departed from International Hub to Overseas Destination", DepartedOrigin),
        ("pl the sender's locker", "Nadano w automacie Paczkomat", Accepted),
        ("pl collected from the sender's locker", "Odebrana z paczkomatu nadawczego", Accepted),
        ("tr back to the branch after a round", "Şubeye iade edildi", AtLocalOffice),
        ("tr back to the sending branch", "Gönderi çıkış şubesine iade edildi", Returning),
        ("es received at the branch of origin", "Recibida en sucursal de origen", Accepted),
        ("uk an address change is no new number", "Змінено адресу", InTransit),
        ("uk a forecast delivery", "Відправлення буде доставлено завтра", InTransit),
        ("uk not yet at the branch", "Відправлення ще не надійшло до відділення", InTransit),
        ("uk a notice of arrival is no delivery", "Повідомлення про надходження відправлення доставлено адресату", AwaitingPickup),
        ("uk returned to the sender", "Отримано відправником", Returned),
        ("uk Ukrposhta's sorting", "Сортування завершено", OriginSorting),
        ("uk waiting to be posted", "Очікує прийому на пошті", InfoReceived),
        ("uk paid storage", "Платне зберігання", AwaitingPickup),
        ("uk AliExpress's arrival", "Посилка прибула в країну призначення", ArrivedDestination),
        ("uk a loss", "Відправлення втрачено", Exception),
        ("pt a loss, not a Spanish notice", "Extravio informado pela transportadora", Exception),
        ("pt heading to the destination country", "O item está sendo transportado para o país de destino.", DepartedOrigin),
        ("pt a return decided", "Será devolvido por solicitação do remetente", Returning),
        ("pt a seizure", "Apreendido por órgão de fiscalização ou outro órgão anuente", Exception),
        ("pt Jadlog on its way to the pick-up point", "EM ROTA PICKUP", InTransit),
        ("pt Mercado Livre's collection", "A transportadora coletou o pacote.", Accepted),
        ("pt a Portuguese courier's wrong address", "ENDEREÇO INCORRECTO", DeliveryFailed),
        ("pt AliExpress in Brazil", "Pedido chegou no Brasil", ArrivedDestination),
        ("nl PostNL's closed address", "Aflevering uitgesteld i.v.m. gesloten verklaring", DeliveryFailed),
        ("nl a bare damage", "Zending beschadigd", Exception),
        ("fr a returned item at the post office", "Votre envoi retourné est disponible au bureau de poste.", Returning),
        ("it Poste Italiane's bare abroad", "all'estero", InTransit),
        ("en an Amazon locker is a pick-up", "Your package was delivered to the Amazon Locker", AwaitingPickup),
        ("en left at the door is the delivery", "Your package was left near the front door or porch.", Delivered),
        ("en a forecast for today", "Your parcel will be delivered today between 10:24 and 11:24", OutForDelivery),
        ("en a negated round", "Your parcel is not yet out for delivery", InTransit),
        ("en a damage the sender was told of", "The package has been damaged and the sender has been notified.", Exception),
        ("en Evri's pre-advice", "The sender has told us your parcel is on its way to us", InfoReceived),
        ("en a failed attempt with the next one announced", "Exception: The receiver was not available. A second delivery attempt will be made.", DeliveryFailed),
        ("en La Poste's delivery site", "Your parcel has arrived at its delivery site.", AtLocalOffice),
        ("ru track24's intermediate point", "В пути - Прибыла в промежуточный пункт", OriginSorting),
        ("es handed to the airline", "Entregado a la aerolínea", LinehaulHandover),
        ("es a negated delivery", "Tu paquete aún no ha sido entregado", InTransit),
        ("es a Citypaq locker", "Tu envío ha sido depositado en el Citypaq", AwaitingPickup),
        ("es a failed visit", "Visita fallida", DeliveryFailed),
        ("tr handed to the airline", "Havayoluna teslim edildi", LinehaulHandover),
        ("tr a HepsiMat locker", "HepsiMat'a teslim edildi", AwaitingPickup),
        ("tr waiting at the branch", "Teslimat şubesinde alıcısını bekliyor", AwaitingPickup),
        ("it a negated delivery", "La spedizione non è stata consegnata", DeliveryFailed),
        ("it the post office for collection", "Consegnata all'ufficio postale per il ritiro", AwaitingPickup),
        ("it cleared customs", "Sdoganata", ImportCustoms),
        ("uk delivered into a locker is a pick-up", "Відправлення доставлено до поштомату", AwaitingPickup),
        ("es a mailbox at the address", "Su paquete ha sido depositado en el buzón", Delivered),
        ("en a return's warehouse scan", "Return scanned at a warehouse", Returning),
        ("tr back to the sender's branch", "Gönderici şubeye iade edildi", Returning),
        ("en the sender's drop-off, a door only forecast", "Dropped off at the Post Office by the sender. Delivery to your door expected Friday", Accepted),
        ("en a safe place only forecast", "Will be left at a safe place if you are not in", InTransit),
        ("pt Mercado Livre's return to the seller", "Entregamos o pacote ao vendedor", Returned),
        ("uk collected from a locker", "Посилку забрано з поштомату", Delivered),
        ("es the carrier's collection", "El envío puede ser recogido por el transportista", InfoReceived),
        ("it a return from the destination depot", "Partita dalla sede GLS di destinazione per il rientro al mittente", Returning),
    ];

    /// A rule written `=PHRASE` reads the whole text only, in the tables and the user's own.
    #[test]
    fn a_whole_text_rule_reads_only_the_whole_text() {
        assert_eq!(classify("PROCESSED", Context::default(), &[]), Stage::OriginSorting);
        assert_eq!(
            classify("The shipment is being processed by customs", Context::default(), &[]),
            Stage::ImportCustoms
        );
        let user = [parse_rule("user", "delivered", "=Done").unwrap()];
        assert_eq!(classify("Done", Context::default(), &user), Stage::Delivered);
        assert_ne!(classify("Done with sorting", Context::default(), &user), Stage::Delivered);
    }

    /// The under-way phrases `best` reads before a place are rules of the tables.
    #[test]
    fn every_heading_is_an_in_transit_rule() {
        for heading in HEADING {
            let rule = tables().rules.iter().find(|rule| rule.parts.join(" ") == *heading);
            assert!(rule.is_some_and(|rule| rule.target == Is(Stage::InTransit)), "{heading}");
        }
    }

    #[test]
    fn phrases_classify_without_context() {
        let wrong: Vec<String> = PHRASES
            .iter()
            .filter(|&&(_, text, expected)| plain(text) != expected)
            .map(|&(name, text, want)| format!("{name}: {text:?} -> {} not {want}", plain(text)))
            .collect();
        assert!(wrong.is_empty(), "{wrong:#?}");
        assert!(PHRASES.len() >= 70);
    }

    /// Traditional characters are read as simplified ones, in texts and in the tables alike.
    #[test]
    fn traditional_chinese_reads_as_simplified() {
        assert_eq!(normalise("郵件已送達"), normalise("邮件已送达"));
        assert_eq!(plain("郵件已送達"), Delivered);
        assert_eq!(plain("投遞不成功"), DeliveryFailed);
        assert_eq!(plain("您的包裹已送達菜鳥驛站"), AwaitingPickup);
        assert_eq!(plain("招領中"), AwaitingPickup);
        // Other scripts pass as they were.
        assert_eq!(normalise("Доставлено Ё"), " доставлено е ");
    }

    #[test]
    fn context_resolves_sorting_customs_and_arrival() {
        let sorting = "Arrived at sorting center";
        let arrived = "Arrived at destination country/region";
        #[rustfmt::skip]
        let cases: &[(&str, &str, Context<'_>, Stage)] = &[
            ("sorting after arrival", sorting, after(ArrivedDestination), DestinationSorting),
            ("入库 after customs", "入库成功", after(ImportCustoms), DestinationSorting),
            ("сортировка at local office", "Сортировка", after(AtLocalOffice), DestinationSorting),
            ("sorting after departure", sorting, after(DepartedOrigin), OriginSorting),
            ("sorting after side stage", "出库成功", after(InTransit), OriginSorting),
            ("hold before departure is still import", "Held by customs", after(OriginSorting), ImportCustoms),
            ("customs right after export customs goes on", "Customs clearance complete", after(ExportCustoms), ExportCustoms),
            ("hold after arrival is import", "Выпуск приостановлен", after(ArrivedDestination), ImportCustoms),
            ("clearance after departure is import", "Customs clearance started", after(DepartedOrigin), ImportCustoms),
            ("import wording wins", "Import customs clearance started", after(OriginSorting), ImportCustoms),
            ("riga is a hub for RU", arrived, at(Some("Riga"), Some("RU")), TransitHub),
            ("рига in Russian", "Прибыло на территорию", at(Some("Рига, Латвия"), Some("RU")), TransitHub),
            ("荷兰 in Chinese", "航班到达", at(Some("荷兰"), Some("ru")), TransitHub),
            ("liège with accent", arrived, at(Some("LIÈGE"), Some("RU")), TransitHub),
            ("amsterdam airport", "Flight arrived", at(Some("Amsterdam Schiphol"), Some("FR")), TransitHub),
            ("riga for a latvian buyer", arrived, at(Some("Riga"), Some("LV")), ArrivedDestination),
            ("moscow is not a hub", arrived, at(Some("Moscow"), Some("RU")), ArrivedDestination),
            ("no destination, no guess", arrived, at(Some("Riga"), None), ArrivedDestination),
            ("rigatoni is not riga", arrived, at(Some("Rigatoni"), Some("RU")), ArrivedDestination),
        ];
        for (name, text, ctx, expected) in cases {
            assert_eq!(classify(text, *ctx, &[]), *expected, "{name}: {text:?}");
        }
    }

    /// Runs `classify_all` over (text, place, explicit stage, expected stage) steps.
    fn history(destination: Option<&str>, steps: &[(&str, Option<&str>, Option<Stage>, Stage)]) {
        let items: Vec<_> = steps.iter().map(|&(text, place, explicit, _)| (text, place, explicit)).collect();
        let expected: Vec<Stage> = steps.iter().map(|step| step.3).collect();
        assert_eq!(classify_all(&items, destination, &[]), expected);
    }

    /// A carrier's intake once the parcel is in the destination country is the hand-over to
    /// the last mile; the first scan at a place in the buyer's country after origin-side
    /// statuses is the arrival, and sorting there is the destination side.
    #[test]
    fn intake_and_sorting_in_the_destination_country() {
        history(
            Some("US"),
            &[
                ("Acceptance", Some("CHINA"), None, Accepted),
                ("Processed Through Facility", Some("GUANGZHOU EMS,CHINA"), None, OriginSorting),
                ("Processed Through Facility", Some("ISC CHICAGO IL (USPS)"), None, ArrivedDestination),
                ("Processed Through Facility", Some("CHICAGO IL NDC"), None, DestinationSorting),
            ],
        );
        history(
            Some("NL"),
            &[
                ("Arrived at destination country", None, None, ArrivedDestination),
                ("Shipment received by PostNL", None, None, LastMileHandover),
                ("Shipment sorted", None, None, DestinationSorting),
            ],
        );
        // A domestic parcel's first scan is still its acceptance.
        history(Some("GB"), &[("Item Received", Some("London"), None, Accepted)]);
    }

    #[test]
    fn cainiao_history_sorts_by_side_and_in_transit_keeps_rank() {
        let (cn, ru) = (Some("深圳"), Some("Москва"));
        let steps = [
            ("买家下单", None, None, OrderPlaced),
            ("揽收成功", cn, None, Accepted),
            ("入库成功", cn, None, OriginSorting),
            ("出库成功", cn, None, OriginSorting),
            ("航班起飞", cn, None, DepartedOrigin),
            ("运输中", None, None, InTransit),
            ("航班到达", ru, None, ArrivedDestination),
            ("运输中", None, None, InTransit),
            ("入库成功", ru, None, DestinationSorting),
            ("到达最后投递站", ru, None, AtLocalOffice),
        ];
        history(Some("RU"), &steps);
    }

    #[test]
    fn explicit_stage_wins_and_becomes_the_context() {
        let steps = [
            ("something the rules do not know", None, Some(ArrivedDestination), ArrivedDestination),
            ("Сортировка", None, None, DestinationSorting),
            ("入库成功", None, Some(Delivered), Delivered),
            ("Unreadable scan", None, None, Unknown),
            ("Held by customs", None, None, ImportCustoms),
        ];
        history(None, &steps);
    }

    #[test]
    fn transit_hub_then_real_arrival_for_a_russian_buyer() {
        let steps = [
            ("Departed from departure country/region", Some("Shenzhen"), None, DepartedOrigin),
            ("Arrived at destination country/region", Some("Riga"), None, TransitHub),
            // A sorting in the hub's country, on the way from China, is the hub's too.
            ("Arrived at sorting center", Some("Riga"), None, TransitHub),
            ("Прибыло на территорию РФ", Some("Москва"), None, ArrivedDestination),
            ("Сортировка", Some("Москва"), None, DestinationSorting),
        ];
        history(Some("RU"), &steps);
    }

    /// A hub country on the way from a known origin: DHL Express from Karachi to New York
    /// through Brussels. The origin is the route's first place when no number names one.
    #[test]
    fn a_sorting_in_a_hub_country_between_origin_and_destination_is_the_transit_hub() {
        let steps = [
            ("Shipment picked up", Some("KARACHI - PAKISTAN"), None, Accepted),
            ("Arrived at Sort Facility BRUSSELS - BELGIUM", Some("BRUSSELS - BELGIUM"), None, TransitHub),
            ("Processed at BRUSSELS - BELGIUM", Some("BRUSSELS - BELGIUM"), None, TransitHub),
            ("Customs clearance status updated", Some("NEW YORK, NY - USA"), None, ImportCustoms),
            ("Delivered", Some("QUEENS, NY - USA"), None, Delivered),
        ];
        history(Some("US"), &steps);
        // Bought in Belgium, the same scans are the origin's.
        let local = [
            ("Shipment picked up", Some("BRUSSELS - BELGIUM"), None, Accepted),
            ("Processed at BRUSSELS - BELGIUM", Some("BRUSSELS - BELGIUM"), None, OriginSorting),
        ];
        history(Some("US"), &local);
    }

    #[test]
    fn a_country_code_alone_is_that_country_unless_a_state_of_the_buyers() {
        assert_eq!(country_at("HK", Some("US")), Some("HK"));
        assert_eq!(country_at("US", Some("US")), Some("US"));
        assert_eq!(country_at("CA", Some("US")), None, "California or Canada");
        assert_eq!(country_at("CA", Some("DE")), Some("CA"));
    }

    #[test]
    fn a_place_ends_a_text_only_as_town_dash_country() {
        assert_eq!(place_in_text("Arrived at Sort Facility BAHRAIN - BAHRAIN"), Some("BAHRAIN - BAHRAIN"));
        assert_eq!(
            place_in_text("Processed at LONDON-HEATHROW - UNITED KINGDOM"),
            Some("LONDON-HEATHROW - UNITED KINGDOM")
        );
        assert_eq!(place_in_text("Departed Facility in SAN FRANCISCO,CA-USA"), Some("SAN FRANCISCO,CA-USA"));
        assert_eq!(place_in_text("INTENTO DE ENTREGA - DOMICILIO CERRADO"), None);
        assert_eq!(place_in_text("Delivered - Signed for by"), None);
        assert_eq!(place_in_text("Arrived at facility - China"), None, "a country in capitals only");
    }

    #[test]
    fn a_country_alone_is_no_town() {
        for place in ["CA", "Canada", "UNITED STATES", "Deutschland", "Österreich", "España", "Türkiye", "Россия"]
        {
            assert!(names_only_country(place), "{place}");
        }
        for place in ["Berlin", "Riga", "Deutschland Süd", "Kazan"] {
            assert!(!names_only_country(place), "{place}");
        }
    }

    #[test]
    fn rank_orders_main_stages_and_in_destination_starts_at_arrival() {
        for (index, &stage) in Stage::ALL.iter().enumerate() {
            let expected = u8::try_from(index).ok().filter(|&rank| rank <= 16);
            assert_eq!(rank(stage), expected, "{stage}");
        }
        assert_eq!((rank(OrderPlaced), rank(ArrivedDestination), rank(Delivered)), (Some(0), Some(8), Some(16)));
        for side in [InTransit, CarrierUpdate, Returning, Returned, Exception, Unknown] {
            assert_eq!(rank(side), None, "{side}");
        }
        assert!(in_destination(ArrivedDestination) && in_destination(Delivered));
        assert!(!in_destination(TransitHub) && !in_destination(Returned) && !in_destination(InTransit));
    }

    /// A Chinese courier's site: in brackets that open the text, or a name set apart before
    /// its verb that ends as a place or facility does; never a sentence, a brand or a name
    /// further on.
    #[test]
    fn a_site_is_named_first_in_brackets_or_before_its_verb() {
        assert_eq!(site_in_text("【漯河转运中心公司】 已收入"), Some("漯河转运中心公司"));
        assert_eq!(site_in_text("[上海市]快件已经到达 上海嘉定转运中心"), Some("上海市"));
        assert_eq!(site_in_text("深圳转运中心 已发出,下一站 广东省深圳市梅林"), Some("深圳转运中心"));
        assert_eq!(site_in_text("广东省汕头市公司(点击查询电话) 已揽收"), Some("广东省汕头市公司"));
        assert_eq!(site_in_text("深圳转运中心\u{3000}已发出"), Some("深圳转运中心"));
        assert_eq!(site_in_text("您的快件已到达【重庆分拣中心】"), Some("重庆分拣中心"));
        assert_eq!(
            site_in_text("快件在【北京首都机场集散中心】已装车,准备发往 【石家庄高开集散中心】"),
            Some("北京首都机场集散中心")
        );
        assert_eq!(site_in_text("快件到达 【衡水桃城集散点】"), Some("衡水桃城集散点"));
        assert_eq!(site_in_text("到深圳市【深圳转运中心】"), Some("深圳市"));
        assert_eq!(site_in_text("东莞市【虎门转运中心】，正发往【深圳转运中心】"), Some("东莞市"));
        for none in [
            "快件已到达 杭州转运中心",
            "派送不成功 原因：客户不在",
            "中通快递 已揽收",
            "配送员【王小明】已出发",
            "上一站【杭州中心】，快件已到达【杭州萧山】",
            "Arrived at facility",
            "",
            "【",
            "【】",
            "】深圳【",
        ] {
            assert_eq!(site_in_text(none), None, "{none}");
        }
    }

    /// The rule `stage explain` names for a loss inside a movement phrase is the loss's, and a
    /// movement phrase without a loss keeps its own rule.
    #[test]
    fn explain_names_the_loss_rule_over_a_longer_movement_phrase() {
        let lost = deciding_rule("Parcel lost while being transported", &[]).unwrap();
        assert_eq!((lost.target(), lost.lang), (Stage::Exception.code(), "en"));
        assert_eq!(lost.phrase.to_lowercase(), "lost");
        let moving = deciding_rule("Parcel is being transported", &[]).unwrap();
        assert_eq!(moving.target(), Stage::InTransit.code());
    }

    /// Every table line is a rule, and a text made of a phrase's own words is decided by a
    /// rule of the same target (it is not shadowed by a longer phrase of another target).
    #[test]
    fn every_table_line_is_a_rule_that_decides_its_own_words() {
        let mut shadowed = Vec::new();
        for &(lang, table) in PHRASE_FILES {
            for (n, line) in table.lines().enumerate() {
                if line.trim().is_empty() || line.starts_with('#') {
                    continue;
                }
                let rule = parse_line(lang, line).unwrap_or_else(|| panic!("{lang}.tsv line {}: {line:?}", n + 1));
                let text = rule.parts.iter().map(|p| p.trim_end_matches('*')).collect::<Vec<_>>().join(" ");
                let decided = deciding_rule(&text, &[]).unwrap();
                if decided.target() != rule.target() {
                    shadowed.push(format!(
                        "{lang}\t{}\t{} <- {} {:?} ({}.tsv)",
                        rule.phrase,
                        rule.target(),
                        decided.target(),
                        decided.phrase,
                        decided.lang
                    ));
                }
            }
        }
        assert!(shadowed.is_empty(), "shadowed rules:\n{}", shadowed.join("\n"));
        for &(country, _, names) in PLACES {
            for name in names {
                let literal = name.replace('*', "");
                assert_eq!(normalise(&literal), format!(" {literal} "), "not normalised: {name}");
                assert_eq!(country_of(&literal), Some(country), "{name} is shadowed");
            }
        }
    }

    /// Statuses in the languages beyond the first dozen are read with or without their
    /// accents and marks (Greek in capitals without tonos, Czech typed without háčky, Arabic's
    /// two spellings of tā' marbūṭa), Japanese inside a sentence, and a "delivered" verb
    /// inside a pick-up point's or a return's phrase is not the delivery.
    #[test]
    fn statuses_in_more_languages_read_with_or_without_their_marks() {
        let cases: &[(&str, Stage)] = &[
            ("Η αποστολή παραδόθηκε", Stage::Delivered),
            ("Η ΑΠΟΣΤΟΛΗ ΠΑΡΑΔΟΘΗΚΕ", Stage::Delivered),
            ("Zásilka byla doručena.", Stage::Delivered),
            ("Zasilka byla dorucena", Stage::Delivered),
            ("お届け先にお届け済み", Stage::Delivered),
            ("ご不在のため持ち戻り", Stage::DeliveryFailed),
            ("배달완료", Stage::Delivered),
            ("تم تسليم الشحنة", Stage::Delivered),
            ("تم تسليم الشحنه", Stage::Delivered),
            ("נמסר ליעדו", Stage::Delivered),
            ("Försändelsen har levererats till ett serviceställe", Stage::AwaitingPickup),
            ("Colet returnat la expeditor", Stage::Returned),
            ("Livrată cu succes", Stage::Delivered),
            ("Siunta įteikta gavėjui", Stage::Delivered),
            ("Zásilka byla dodána", Stage::Delivered),
            ("Zásilka byla dodána na poštu", Stage::AtLocalOffice),
            ("배송이 완료되었습니다", Stage::Delivered),
            ("배송이 완료될 예정입니다", Stage::InTransit),
            ("Đã giao hàng thành công", Stage::Delivered),
            ("Da giao hang thanh cong", Stage::Delivered),
            ("Chuyển hoàn thành công", Stage::Returned),
            ("Paket telah diterima oleh (YBS)", Stage::Delivered),
            ("Тапсырыс алушыға тапсырылды", Stage::Delivered),
            ("Уручана адпраўніку", Stage::Returned),
            ("Адпраўленне ўручана адрасату", Stage::Delivered),
            ("Item tiba di pusat penghantaran", Stage::AtLocalOffice),
            ("Zadužena za isporuku", Stage::OutForDelivery),
            ("Задужена за испоруку", Stage::OutForDelivery),
        ];
        for &(text, want) in cases {
            let rule = deciding_rule(text, &[]).unwrap_or_else(|| panic!("no rule for {text:?}"));
            assert_eq!(rule.target(), want.code(), "{text:?} decided by {:?} ({})", rule.phrase, rule.lang);
        }
    }

    /// The UPU event set (EMSEVT) as posts and trackers display it, in English, Russian and
    /// Chinese, each in the context it comes in (the stage before it).
    #[test]
    fn upu_event_names_in_english_russian_and_chinese() {
        #[rustfmt::skip]
        let cases: &[(&str, &str, Option<Stage>, Stage)] = &[
            ("EMA", "Posting/collection", None, Accepted),
            ("EMB", "Arrival at outward office of exchange", Some(Accepted), OriginSorting),
            ("EXA", "Item presented to export customs", Some(OriginSorting), ExportCustoms),
            ("EXB", "Item held by export customs", Some(OriginSorting), ExportCustoms),
            ("EXC", "Item returned from export customs", Some(ExportCustoms), ExportCustoms),
            ("EMC", "Departure from outward office of exchange", Some(ExportCustoms), DepartedOrigin),
            ("EMJ", "Arrival at transit office of exchange", Some(DepartedOrigin), TransitHub),
            ("EMK", "Departure from transit office of exchange", Some(TransitHub), TransitHub),
            ("EMD", "Arrival at inward office of exchange", Some(DepartedOrigin), ArrivedDestination),
            ("EDB", "Item presented to import customs", Some(ArrivedDestination), ImportCustoms),
            ("EME", "Handed over to customs", Some(ArrivedDestination), ImportCustoms),
            ("EDC", "Item returned from customs", Some(ImportCustoms), ImportCustoms),
            ("EMF", "Departure from inward office of exchange", Some(ImportCustoms), LastMileHandover),
            ("EDD", "Item into sorting centre", Some(LastMileHandover), DestinationSorting),
            ("EDE", "Item out of sorting centre", Some(DestinationSorting), DestinationSorting),
            ("EMG", "Arrival at delivery office", Some(DestinationSorting), AtLocalOffice),
            ("EDG", "Item out for delivery", Some(AtLocalOffice), OutForDelivery),
            ("EDH", "Item arrived at collection point for pick-up", Some(AtLocalOffice), AwaitingPickup),
            ("EMH", "Unsuccessful (attempted) delivery", Some(OutForDelivery), DeliveryFailed),
            ("EMI", "Final delivery", Some(OutForDelivery), Delivered),
            ("EMA ru", "Приём", None, Accepted),
            ("EMD ru", "Прибыло в место международного обмена", Some(DepartedOrigin), ArrivedDestination),
            ("EME ru", "Передано таможне", Some(ArrivedDestination), ImportCustoms),
            ("EDC ru", "Выпущено таможней", Some(ImportCustoms), ImportCustoms),
            ("EMF ru", "Покинуло место международного обмена", Some(ImportCustoms), LastMileHandover),
            ("EDD ru", "Прибыло в сортировочный центр", Some(LastMileHandover), DestinationSorting),
            ("EMG ru", "Прибыло в место вручения", Some(DestinationSorting), AtLocalOffice),
            ("EDG ru", "Передано почтальону", Some(AtLocalOffice), OutForDelivery),
            ("EMH ru", "Неудачная попытка вручения", Some(OutForDelivery), DeliveryFailed),
            ("EMI ru", "Вручение адресату", Some(OutForDelivery), Delivered),
            ("EMJ ru", "Прибыло в место транзита", Some(DepartedOrigin), TransitHub),
            ("EMA zh", "收寄", None, Accepted),
            ("EXA zh", "出口海关", Some(OriginSorting), ExportCustoms),
            ("EMC zh", "航班起飞", Some(ExportCustoms), DepartedOrigin),
            ("EME zh", "进口海关", Some(ArrivedDestination), ImportCustoms),
            ("EMG zh", "到达最后投递站", Some(DestinationSorting), AtLocalOffice),
            ("EDG zh", "开始投递", Some(AtLocalOffice), OutForDelivery),
            ("EMH zh", "投递失败", Some(OutForDelivery), DeliveryFailed),
            ("EMI zh", "妥投", Some(OutForDelivery), Delivered),
        ];
        let mut wrong = Vec::new();
        for &(code, text, previous, expected) in cases {
            let got = classify(
                text,
                Context {
                    previous,
                    last: previous,
                    place: None,
                    destination: Some("RU"),
                    domestic: false,
                    moved: None,
                    in_buyers_town: false,
                    origin: None,
                    hub_arrivals: false,
                },
                &[],
            );
            if got != expected {
                wrong.push(format!("{code} {text:?}: {got} instead of {expected}"));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    /// The destination post's words for the office of exchange, customs and sorting, placed
    /// in the origin country, are the origin side (Russian Post shows China's outward office
    /// of exchange with the same names as Moscow's inward one).
    #[test]
    fn destination_words_placed_in_the_origin_country_are_the_origin_side() {
        let ctx = |previous, place| Context {
            previous: Some(previous),
            last: Some(previous),
            place: Some(place),
            destination: Some("RU"),
            domestic: false,
            moved: None,
            in_buyers_town: false,
            origin: None,
            hub_arrivals: false,
        };
        let cases = [
            ("Прибыло в место международного обмена", Accepted, "Китай", OriginSorting),
            ("Покинуло место международного обмена", OriginSorting, "Китай", DepartedOrigin),
            ("Передано таможне", OriginSorting, "Shenzhen", ExportCustoms),
            ("Прибыло в место международного обмена", DepartedOrigin, "Москва-Внуково ММПО", ArrivedDestination),
            ("Покинуло место международного обмена", ImportCustoms, "Москва-Внуково ММПО", LastMileHandover),
            ("Прибыло в место транзита", DepartedOrigin, "Netherlands", TransitHub),
        ];
        for (text, previous, place, expected) in cases {
            assert_eq!(classify(text, ctx(previous, place), &[]), expected, "{text} at {place}");
        }
    }

    #[test]
    fn places_name_countries_and_transit_hubs() {
        assert_eq!(country_of("Москва, сортировочный центр"), Some("RU"));
        assert_eq!(country_of("【深圳】"), Some("CN"));
        assert_eq!(country_of("Los Angeles, CA"), Some("US"));
        assert_eq!(country_of("广东省深圳"), Some("CN"));
        assert_eq!(country_of("俄罗斯莫斯科市"), Some("RU"), "Chinese writing, Russian place");
        assert_eq!(country_of("大阪市"), Some("JP"), "a city in Japan is not in China");
        assert_eq!(country_of("GRANVILLE NSW"), Some("AU"), "an Australian state");
        assert_eq!(country_of("Москва"), Some("RU"));
        assert_eq!(country_of("Somewhere"), None);
        assert_eq!(country_of("AUCKLAND - NEW ZEALAND"), Some("NZ"));
        assert_eq!(country_of("EAST MIDLANDS - UK"), Some("GB"));
        assert_ne!(country_of("КОРЕНОВСК 353180"), Some("KR"), "a Russian town, not Korea");
        assert_ne!(country_of("广东京东亚洲一号"), Some("JP"), "广东 and 京东, not 东京");
        assert_eq!(country_of("Incheon, Korea"), Some("KR"));
        assert_eq!(country_of("印度尼西亚雅加达"), Some("ID"), "Indonesia's name begins with India's");
        assert_eq!(country_of("Santa Fe, New Mexico"), Some("US"));
        // A state or province code after the town is read only for the buyer's own country.
        assert_eq!(country_at("SPARKS, NV 89431", Some("US")), Some("US"));
        // A state's code with one of its ZIP codes names the United States for any buyer;
        // an Italian or Spanish postcode after a code that is also a state's does not.
        assert_eq!(country_at("BELLEVILLE, NJ 07109", Some("IT")), Some("US"));
        assert_ne!(country_at("MILANO, MI 20121", Some("IT")), Some("US"));
        assert_ne!(country_at("MADRID, MD 28001", Some("ES")), Some("US"));
        assert_eq!(country_at("SPARKS, NV", Some("US")), Some("US"));
        assert_eq!(country_at("FRESNO, CA 93721", Some("us")), Some("US"), "California");
        assert_eq!(country_at("FRESNO, CA, US", Some("US")), Some("US"));
        assert_eq!(country_at("FRESNO, CA", Some("US")), None, "CA alone is Canada's code too");
        assert_eq!(country_at("BIRMINGHAM, AL 35203", Some("US")), Some("US"), "the state before the town's name");
        assert_eq!(country_at("Dover, DE 19901", Some("US")), Some("US"), "Delaware to an American");
        assert_eq!(country_at("HAMBURG, DE", Some("US")), Some("DE"));
        assert_eq!(country_at("BREMEN, DE", Some("US")), Some("DE"), "a German town of towns.tsv");
        assert_eq!(country_at("WILMINGTON, DE", Some("US")), None, "no town known: Delaware or Germany");
        assert_eq!(country_at("Dover, DE", Some("GB")), None);
        assert_eq!(country_at("RED DEER, AB", Some("CA")), Some("CA"));
        assert_eq!(country_at("LONDON, ON N6A 1A1", Some("CA")), Some("CA"));
        assert_eq!(country_at("RED DEER, AB", Some("US")), Some("CA"), "a Canadian town of towns.tsv");
        assert_eq!(country_at("PONOKA, AB", Some("US")), None, "no town known, and AB is no US state");
        assert_eq!(country_at("NV", Some("US")), None, "no town, no state");
        assert_eq!(country_at("St. Petersburg, US", Some("US")), Some("US"), "the code, not the town");
        assert_eq!(country_at("St. Petersburg, RU", Some("US")), Some("RU"));
        assert_eq!(country_at("GuangDongShengShenZhenShi 51802168", Some("TR")), Some("CN"), "pinyin run together");
        assert_eq!(country_at("ShangHaiShi", Some("US")), Some("CN"));
        assert_eq!(country_at("Hebei Street", Some("US")), None, "a province's name alone is no province");
        assert_eq!(country_at("SUNSHINE WEST VIC", Some("AU")), Some("AU"), "Australia Post prints no comma");
        assert_eq!(country_at("MASCOT NSW 2020", Some("AU")), Some("AU"));
        assert_eq!(country_at("VIC", Some("AU")), None, "no town, no state");
        assert_eq!(country_at("DEPOT 7 WA", Some("AU")), None, "two letters say too little");
        assert_eq!(country_at("Sunshine West Vic", Some("AU")), Some("AU"));
        assert_eq!(country_at("HONG KONG ACT", Some("AU")), Some("HK"), "a country named first");
        assert_eq!(country_at("CTA VIC 08500", Some("AU")), None, "a Spanish postcode");
        assert_eq!(
            country_at("Guangdong Shipping Agency Richmond", Some("US")),
            None,
            "English words after a province"
        );
        assert_eq!(country_at("BRAYBROOK VIC", Some("US")), None, "read so only for a buyer in Australia");
        assert_eq!(country_at("SUNSHINE WEST VIC", Some("US")), Some("AU"), "a suburb of towns.tsv");
        assert_eq!(country_at("Sort Centre Shah Alam", None), Some("MY"));
        assert_eq!(country_at("Petropavlovsk-Kamchatsky", None), Some("RU"), "the longer name");
        assert_eq!(country_at("Petropavlovsk", None), Some("KZ"));
        assert_eq!(country_at("Branch Bizerte, Tunisia", None), Some("TN"));
        // Names that other countries' places hold or share are left out (review s17).
        assert_eq!(country_at("Tuzla Transfer Merkezi", Some("TR")), Some("TR"));
        assert_ne!(country_at("VILLA EL SALVADOR", Some("PE")), Some("SV"));
        assert_eq!(country_at("HYDERABAD", Some("PK")), None);
        assert_ne!(country_at("COL. ROMA NORTE", Some("MX")), Some("IT"));
        assert_ne!(country_at("旧金山", Some("US")), Some("CN"));
        assert_eq!(country_at("北海道札幌", Some("JP")), Some("JP"));
        assert_ne!(country_at("城南投递部", Some("CN")), Some("TW"));
        assert_ne!(country_at("ул. Кирова 5, Алматы", Some("KZ")), Some("RU"));
        assert_eq!(country_at("Minsk, BY", Some("RU")), Some("BY"));
        assert_ne!(country_at("GENOVA, GE", Some("IT")), Some("GE"), "a province's code, not Georgia");
        assert_ne!(country_at("MANAUS, AM", Some("BR")), Some("AM"), "a state's code, not Armenia");
        assert!(is_transit_country("lv") && is_transit_country("NL") && !is_transit_country("RU"));
        assert_eq!((country_code("cn"), country_code(" RU "), country_code("ZZ")), (Some("CN"), Some("RU"), None));
    }

    #[test]
    fn a_domestic_parcel_signed_for_back_in_the_senders_town_was_returned() {
        let route = [
            ("[福建漳州公司]进行揽件扫描", Some("福建漳州公司")),
            ("[福建晋江分拨中心]进行装车扫描，即将发往：北京分拨中心", Some("福建晋江分拨中心")),
            ("[北京西城区平安里公司]进行派件扫描", Some("北京西城区平安里公司")),
            ("[北京西城区平安里公司]快件异常；备注：客户拒收", Some("北京西城区平安里公司")),
            ("[北京分拨中心]进行装车扫描，即将发往：福建晋江分拨中心", Some("北京分拨中心")),
            ("[福建漳州公司]进行派件扫描", Some("福建漳州公司")),
            ("[福建漳州公司]快件已被 已签收 签收", Some("福建漳州公司")),
        ];
        let items: Vec<_> = route.iter().map(|&(text, place)| (text, place, None)).collect();
        let got = classify_route(&items, &targets(&items, &[]), Some("CN"), true, None, None, None);
        assert_eq!(got[3], DeliveryFailed);
        assert_eq!(&got[4..], [Returning, Returning, Returned]);
        // The buyer lives in the sender's town: a delivery there is the buyer's.
        let got = classify_route(&items, &targets(&items, &[]), Some("CN"), true, Some("漳州"), None, None);
        assert_eq!(got[6], Delivered);
        // Never over a stage the user set.
        let mut items = items;
        items[6].2 = Some(Delivered);
        assert_eq!(classify_route(&items, &targets(&items, &[]), Some("CN"), true, None, None, None)[6], Delivered);
        // Back at a branch of the sender's town on a return: still the return (Paquetexpress).
        let back = [
            ("Recolección Realizada", Some("Monterrey")),
            ("Recibida en Sucursal", Some("Puebla")),
            ("Solicitud de devolución", Some("Puebla")),
            ("Recibida en Sucursal", Some("Monterrey")),
        ];
        let items: Vec<_> = back.iter().map(|&(text, place)| (text, place, None)).collect();
        let got = classify_route(&items, &targets(&items, &[]), Some("MX"), true, Some("Puebla"), None, None);
        assert_eq!(got[1..], [AtLocalOffice, Returning, Returning]);
        // Signed for elsewhere, or with no delivery round away from the sender's town: delivered.
        let near = [
            ("[福建漳州公司]进行揽件扫描", Some("福建漳州公司")),
            ("[福建漳州公司]快件已被 本人 签收", Some("福建漳州公司")),
        ];
        let items: Vec<_> = near.iter().map(|&(text, place)| (text, place, None)).collect();
        assert_eq!(classify_route(&items, &targets(&items, &[]), Some("CN"), true, None, None, None)[1], Delivered);
    }

    #[test]
    fn a_return_taken_in_again_waiting_or_back_at_its_posting_office_is_the_return() {
        // Taken in again on the sender's side after the return began.
        let back = [
            ("Recibida en sucursal", Some("Guadalajara")),
            ("Solicitud de devolución", Some("Puebla")),
            ("Recibida en sucursal de origen", Some("Guadalajara")),
        ];
        let items: Vec<_> = back.iter().map(|&(text, place)| (text, place, None)).collect();
        let got = classify_route(&items, &targets(&items, &[]), Some("MX"), false, None, None, None);
        assert_eq!(got[1..], [Returning, Returning]);
        // An office or a pick-up point on the way back.
        assert_eq!(plain("Your parcel is at your local depot for return to sender"), Returning);
        assert_eq!(plain("İade teslimat noktasına bırakıldı"), Returning);
        assert_eq!(plain("Прибуло до поштового відділення для повернення відправнику"), Returning);
        // A return only threatened if nobody comes is no return yet.
        assert_eq!(
            plain(
                "Awaiting collection at the post office. If not collected within 18 days it will be returned to sender"
            ),
            AwaitingPickup
        );
        assert_eq!(
            plain("Посылка ожидает в пункте выдачи. Если не заберёте за 7 дней — возврат отправителю"),
            AwaitingPickup
        );
        // An international parcel sent back to the office that took it in: the office's
        // scans there are the return's, and its delivery there is the return's end.
        let home = [
            ("Posting/Collection", Some("SAMPHANTHAWONG 10100")),
            ("Arrival at outward office of exchange", Some("LAK SI MAIL CENTER 10210")),
            ("Return to Sender", Some("LAK SI MAIL CENTER 10210")),
            ("Arrival at post office", Some("SAMPHANTHAWONG 10100")),
            ("Final delivery", Some("SAMPHANTHAWONG 10100")),
        ];
        let items: Vec<_> = home.iter().map(|&(text, place)| (text, place, None)).collect();
        let got = classify_route(&items, &targets(&items, &[]), Some("GB"), false, None, None, None);
        assert_eq!(got[2..], [Returning, Returning, Returned]);
        // Elsewhere, the same scans are the buyer's.
        let mut items = items;
        items[3].1 = Some("LONDON E8");
        items[4].1 = Some("LONDON E8");
        let got = classify_route(&items, &targets(&items, &[]), Some("GB"), false, None, None, None);
        assert_eq!(got[4], Delivered);
    }

    #[test]
    fn an_arrival_that_names_the_buyers_country_as_its_clause_is_the_arrival() {
        let to = |country| Context { destination: Some(country), ..after(OriginSorting) };
        assert_eq!(classify("The postal item has arrived in Israel", to("IL"), &[]), ArrivedDestination);
        assert_eq!(classify("Item arrived in Hong Kong and is being processed", to("HK"), &[]), ArrivedDestination);
        assert_eq!(classify("郵件已抵達香港，正在處理中。", to("HK"), &[]), ArrivedDestination);
        // Another country, the next stop, a forecast: still the origin side.
        assert_eq!(classify("The postal item has arrived in Israel", to("GB"), &[]), OriginSorting);
        assert_eq!(classify("Arrived at sorting center, destination Israel", to("IL"), &[]), OriginSorting);
        assert_eq!(classify("Arrived at sorting center; not yet arrived in Israel", to("IL"), &[]), OriginSorting);
    }

    #[test]
    fn a_search_ended_by_finding_the_parcel_is_no_loss() {
        assert!(declares_loss("Розшук відправлення"));
        assert!(!declares_loss("Розшук завершено: посилку знайдено"));
    }

    #[test]
    fn a_convenience_store_named_by_its_chain_is_in_the_town_after_the_chain() {
        assert!(same_town("全家高雄苓雅四維店", "高雄市"));
        assert!(same_town("萊爾富台南永康店", "台南市"));
        assert!(!same_town("全家台南永康中華店", "高雄市"));
    }

    #[test]
    fn a_domestic_routes_arrivals_are_sided_by_town() {
        // A parcel posted in Johor Bahru for a buyer in Kuala Selangor: a courier's bare
        // "Arrival" scans are its own hubs', the sender's side in Johor Bahru and the buyer's
        // in Kuala Selangor, not a border crossing.
        let route = [
            ("Item posted over the counter", Some("JOHOR BAHRU"), None),
            ("Arrival", Some("JOHOR BAHRU"), None),
            ("Arrival", Some("KUALA SELANGOR"), None),
        ];
        let stages =
            classify_route(&route, &targets(&route, &[]), Some("MY"), true, Some("Kuala Selangor"), None, None);
        assert_eq!(stages[1..], [OriginSorting, DestinationSorting]);
    }

    #[test]
    fn a_sorting_in_the_buyers_own_town_is_on_the_destination_side_even_when_the_route_is_unknown() {
        // Mérida is no town this module places in Mexico (it is Spain's too), so the route is
        // not known to be domestic; Cuernavaca is where the buyer lives.
        let route = [
            ("Envío recibido en oficina", Some("Mérida")),
            ("Llegada a centro de distribución MID Mérida", Some("Mérida")),
            ("Llegada a centro de distribución CVA Cuernavaca", Some("Cuernavaca")),
        ];
        let items: Vec<_> = route.iter().map(|&(text, place)| (text, place, None)).collect();
        let got = classify_route(&items, &targets(&items, &[]), Some("MX"), false, Some("Cuernavaca"), None, None);
        assert_eq!(got, [Accepted, OriginSorting, DestinationSorting]);
        // For a buyer elsewhere, Cuernavaca (a town of `towns.tsv`) is the first place seen
        // in the buyer's country after the unplaced Mérida: the arrival.
        let elsewhere = classify_route(&items, &targets(&items, &[]), Some("MX"), false, Some("Puebla"), None, None);
        assert_eq!(elsewhere, [Accepted, OriginSorting, ArrivedDestination]);
        // A number issued in Spain: that Mérida's namesake is the sender's side.
        let spanish =
            classify_route(&items, &targets(&items, &[]), Some("MX"), false, Some("Mérida"), Some("ES"), None);
        assert_eq!(spanish, [Accepted, OriginSorting, ArrivedDestination]);
    }

    #[test]
    fn a_domestic_parcel_sorts_at_origin_in_its_first_town_and_at_destination_elsewhere() {
        let route = [
            ("Приём", Some("Москва 125009")),
            ("Прибыло в сортировочный центр", Some("МОСКВА PCI-3")),
            ("Сортировка", None),
            ("Покинуло сортировочный центр", Some("Москва")),
            ("Прибыло в сортировочный центр", Some("Казань")),
            ("Сортировка", None),
            ("Прибыло в место вручения", Some("Казань 420107")),
        ];
        let items: Vec<_> = route.iter().map(|&(text, place)| (text, place, None)).collect();
        let got = classify_route(&items, &targets(&items, &[]), Some("RU"), true, Some("Казань"), None, None);
        let want = [
            Accepted,
            OriginSorting,
            OriginSorting,
            OriginSorting,
            DestinationSorting,
            DestinationSorting,
            AtLocalOffice,
        ];
        assert_eq!(got, want);
        // The buyer's own town is the destination side even when the first place named is it.
        let local = [("Прибыло в сортировочный центр", Some("Казань"), None)];
        assert_eq!(
            classify_route(&local, &targets(&local, &[]), Some("RU"), true, Some("Казань"), None, None),
            [DestinationSorting]
        );
    }

    #[test]
    fn a_domestic_parcels_first_sorting_town_is_its_origin_hub() {
        let side = |route: &[(&'static str, Option<&'static str>)], city| {
            let items: Vec<_> = route.iter().map(|&(text, place)| (text, place, None)).collect();
            classify_route(&items, &targets(&items, &[]), Some("RU"), true, Some(city), None, None)
        };
        // Taken in at Moscow, sorted at Podolsk, then Yekaterinburg: Podolsk is the origin's hub.
        let podolsk = [
            ("Прием", Some("Москва 101000")),
            ("Покинуло место приема", Some("Москва 101000")),
            ("Прибыло в сортировочный центр", Some("Подольск МСЦ")),
            ("Покинуло сортировочный центр", Some("Подольск МСЦ")),
            ("Прибыло в сортировочный центр", Some("Екатеринбург МСЦ")),
        ];
        let want = [Accepted, OriginSorting, OriginSorting, OriginSorting, DestinationSorting];
        assert_eq!(side(&podolsk, "Челябинск"), want);
        // The buyer's own town is the destination side, whatever the status before it.
        let home = [
            ("Pickup Scan", Some("Berlin, Germany")),
            ("Departed from Facility", Some("Berlin, Germany")),
            ("Arrived at Facility", Some("Hamburg, Germany")),
            ("Arrived at Facility", Some("München, Germany")),
        ];
        assert_eq!(side(&home, "München")[3], DestinationSorting);
        // Said to be on its way first, the next town is on the way, not the origin's hub.
        let on_the_way = [
            ("Прием", Some("Москва")),
            ("Посылка находится в пути", Some("Москва")),
            ("Прибыло в сортировочный центр", Some("Екатеринбург")),
        ];
        assert_eq!(side(&on_the_way, "Омск")[2], DestinationSorting);
        // Two Chinese cities' sorting centres are two towns: Shenzhen's is the buyer's side.
        let items = [
            ("揽收成功", Some("广州市白云区"), None),
            ("到达分拨中心", Some("广州市转运中心"), None),
            ("到达分拨中心", Some("深圳市转运中心"), None),
        ];
        let got = classify_route(&items, &targets(&items, &[]), Some("CN"), true, Some("深圳市"), None, None);
        assert_eq!(got, [Accepted, OriginSorting, DestinationSorting]);
        // A country's name is no town: Columbus and Phoenix, both "United States", are two.
        let items = [
            ("Shipper created a label", Some("United States"), None),
            ("Pickup Scan", Some("Columbus, OH, United States"), None),
            ("Departed from Facility", Some("Columbus, OH, United States"), None),
            ("Arrived at Facility", Some("Phoenix, AZ, United States"), None),
        ];
        let got = classify_route(&items, &targets(&items, &[]), Some("US"), true, Some("Tucson"), None, None);
        assert_eq!(got[2..], [OriginSorting, DestinationSorting]);
        assert!(same_town("陕西,西安市,灞桥区", "西安"), "西安市 is the town 西安");
        assert!(same_town("臺中民權路郵局", "臺中市"), "a post office named by its town and street");
        assert!(same_town("广东省深圳市南山区科技园", "深圳"));
        assert!(same_town("福建漳州公司", "漳州"), "a courier's site: province without 省, then the town");
        assert!(same_town("安徽合肥分拨中心", "合肥市"));
        assert!(!same_town("福建漳州公司", "福州"));
        assert!(!same_town("湖南", "长沙"), "a province alone names no town");
        assert!(!same_town("上海市中山路", "中山市"), "a street named after another town");
        assert!(!same_town("广东省广州市", "广东省深圳市"));
        // What follows a city is not a town, nor is a district or a street named after a city.
        assert!(!same_town("广州市转运中心", "深圳市转运中心"));
        assert!(!same_town("南京市鼓楼区", "福州市鼓楼区"));
        assert!(!same_town("广西壮族自治区柳州市", "广西壮族自治区南宁市"));
        for (city, place) in [
            ("中山市", "中山路投递部"),
            ("福州市", "福州路邮局"),
            ("长沙市", "長沙灣郵政局"),
            ("新北市", "新北投郵局"),
            ("臺北市", "臺北縣板橋郵局"),
        ] {
            assert!(!same_town(place, city), "{place} is not in {city}");
        }
        assert!(same_town("广东省 深圳市 南山区", "深圳"));
        // A town's names in other languages, and German umlauts written out.
        assert!(same_town("ROMA", "Rome") && same_town("'S-GRAVENHAGE", "Den Haag") && same_town("Київ", "Киев"));
        assert!(same_town("MUENCHEN", "München") && same_town("Koeln", "Köln"));
        assert!(!same_town("ROMA", "Milano") && !same_town("Wien", "Graz"));
    }

    #[test]
    fn a_pick_up_before_the_origin_sides_scans_is_the_senders() {
        let items: Vec<Item<'_>> =
            [("Pickup", "Auckland"), ("Picked up by driver", "Auckland"), ("Arrived at depot", "Auckland")]
                .iter()
                .map(|&(text, place)| (text, Some(place), None))
                .collect();
        let stages = classify_route(&items, &targets(&items, &[]), Some("NZ"), false, None, None, None);
        assert_eq!(stages[0], InfoReceived, "{stages:?}");
        // Alone, or after the carrier's scans, a pick-up is the buyer's.
        let alone: Vec<Item<'_>> = vec![("Ready for pickup", Some("Timaru"), None)];
        assert_eq!(
            classify_route(&alone, &targets(&alone, &[]), Some("NZ"), false, None, None, None),
            [AwaitingPickup]
        );
        let collected: Vec<Item<'_>> =
            vec![("Awaiting collection", Some("Timaru"), None), ("Collected", Some("Timaru"), None)];
        assert_eq!(
            classify_route(&collected, &targets(&collected, &[]), Some("NZ"), false, None, None, None)[0],
            AwaitingPickup
        );
        let later: Vec<Item<'_>> =
            vec![("Accepted by carrier", Some("Auckland"), None), ("Ready for pickup", Some("Timaru"), None)];
        assert_eq!(
            classify_route(&later, &targets(&later, &[]), Some("NZ"), false, None, None, None)[1],
            AwaitingPickup
        );
    }

    #[test]
    fn a_destination_sorting_scan_at_a_post_office_is_the_delivery_office() {
        let route = |steps: &[(&'static str, &'static str)], to: &str| {
            let items: Vec<Item<'_>> = steps.iter().map(|&(text, place)| (text, Some(place), None)).collect();
            classify_route(&items, &targets(&items, &[]), Some(to), true, None, None, None)
        };
        let pocztex =
            route(&[("Nadanie", "UP Poznań 1"), ("Nadejście", "WER Łódź"), ("Nadejście", "UP Gdańsk 50")], "PL");
        assert_eq!(pocztex[2], AtLocalOffice);
        let india = route(
            &[("Item Booked", "Shimla H.O"), ("Bag Received", "NSH Shimla"), ("Bag Received", "Jubbal S.O")],
            "IN",
        );
        assert_eq!(india[2], AtLocalOffice);
        // The sending office on the origin side stays the origin's.
        assert_eq!(route(&[("Nadejście", "UP Poznań 1"), ("Nadanie", "UP Poznań 1")], "PL")[0], OriginSorting);
    }

    #[test]
    fn a_chinese_couriers_arrival_at_an_outlet_is_the_local_office_and_at_a_hub_sorting() {
        // The place of a courier's status is the town in its first brackets.
        let route = |steps: &[&'static str]| {
            let items: Vec<Item<'_>> =
                steps.iter().map(|&text| (text, text.split(['【', '】']).nth(1), None)).collect();
            classify_route(&items, &targets(&items, &[]), Some("CN"), true, Some("杭州市"), None, None)
        };
        let zto = route(&[
            "【宜昌市】 快件已发往 荆州中转部",
            "【嘉兴市】 快件已经到达 【杭州中转部】",
            "【杭州市】 快件已经到达 【杭州仓前】",
        ]);
        assert_eq!(zto[1..], [DestinationSorting, AtLocalOffice]);
        let after_hub = |text| {
            route(&[
                "【宜昌市】 已揽收",
                "【宜昌市】 快件已发往 杭州中转部",
                "【嘉兴市】 快件已经到达 【杭州中转部】",
                text,
            ])[3]
        };
        // A site named by its town alone is that town's hub.
        assert_eq!(after_hub("【杭州市】 快件已经到达 【杭州】"), DestinationSorting);
        assert_eq!(after_hub("【浙江省杭州市公司】 已收入"), DestinationSorting);
        assert_eq!(after_hub("【浙江杭州公司】 已收入"), DestinationSorting);
        assert_eq!(after_hub("【浙江省杭州市仓前公司】 已收入"), AtLocalOffice, "a unit below the town");
        assert_eq!(after_hub("【浙江省杭州市余杭区仓前一部公司】 已收入"), AtLocalOffice);
        // A site's name ends with what it is: a branch, though its name holds a hub word.
        assert_eq!(after_hub("运输中，到达杭州余杭区物流中心快递分部"), AtLocalOffice);
        assert_eq!(after_hub("运输中，到达杭州枢纽中心"), DestinationSorting);
        assert_eq!(after_hub("運輸中，到達杭州餘杭區物流中心快遞分部"), AtLocalOffice, "traditional");
        // The site reached, not the previous stop named after it.
        assert_eq!(after_hub("快件已到达【杭州转运中心】，上一站是【杭州萧山网点】"), DestinationSorting);
        assert_eq!(after_hub("【杭州转运中心】已收入，上一站【杭州萧山营业部】"), DestinationSorting);
        // Leaving the hub for the outlet is still the hub's.
        assert_eq!(after_hub("【嘉兴市】 快件离开 【杭州中转部】 已发往 【杭州仓前】"), DestinationSorting);
    }

    #[test]
    fn leaving_a_facility_straight_before_the_arrival_is_the_departure() {
        let route = |steps: &[(&'static str, &'static str)], to| {
            let items: Vec<Item<'_>> = steps.iter().map(|&(text, place)| (text, Some(place), None)).collect();
            classify_route(&items, &targets(&items, &[]), Some(to), false, None, None, None)
        };
        let dhl = [
            ("Processed at GUANGZHOU - CHINA MAINLAND", "GUANGZHOU - CHINA MAINLAND"),
            ("Departed Facility in GUANGZHOU - CHINA MAINLAND", "GUANGZHOU - CHINA MAINLAND"),
            ("Arrived at DHL Sort Facility AUCKLAND - NEW ZEALAND", "AUCKLAND - NEW ZEALAND"),
        ];
        assert_eq!(route(&dhl, "NZ"), [OriginSorting, DepartedOrigin, ArrivedDestination]);
        let tracker = [("离开上海市 发往洛杉矶", "上海市"), ("Arrived at USPS Regional Facility", "Los Angeles, CA")];
        assert_eq!(route(&tracker, "US")[0], DepartedOrigin);
        // A departure the history states stays the only one; a scan that is no leaving stays sorting.
        let stated = [
            ("Departed from sorting center", "Shenzhen"),
            ("Departed from departure country/region", "Shenzhen"),
            ("Arrived at destination country/region", "Madrid"),
        ];
        assert_eq!(route(&stated, "ES")[..2], [OriginSorting, DepartedOrigin]);
        // Belpost's UPU wording: the office of exchange in Moldova, leaving it, Minsk's.
        let belpost = [
            ("Получение отправления в учреждение обмена", "CHISINAU CPTP"),
            ("Отправка отправления из учреждения обмена", "CHISINAU CPTP"),
            ("Получение отправления в учреждение обмена", "MINSK PI 2"),
        ];
        assert_eq!(route(&belpost, "BY"), [OriginSorting, DepartedOrigin, ArrivedDestination]);
        // Hongkong Post's bare "Arrived." is read by its place.
        let hongkong = [("Item posted.", "HK"), ("Arrived.", "New Zealand")];
        assert_eq!(route(&hongkong, "NZ"), [Accepted, ArrivedDestination]);
        // The destination post's history alone: its first sorting is no departure.
        let items: Vec<Item<'_>> =
            ["Покинуло сортировочный центр", "Прибыло в место вручения"].iter().map(|&t| (t, None, None)).collect();
        assert_eq!(
            classify_route(&items, &targets(&items, &[]), Some("RU"), false, None, None, None)[0],
            OriginSorting
        );
        assert!(!leaves("Customer service department") && !leaves("Livraison partielle"));
        let sorted = [("Processed at GUANGZHOU - CHINA MAINLAND", "GUANGZHOU"), dhl[2]];
        assert_eq!(route(&sorted, "NZ")[0], OriginSorting);
        // Leaving a facility before a delivery hub's scan is a courier's route inside one
        // country (Shopee Xpress names no places): only a crossing's first status (a transit
        // hub, the arrival, customs, the last mile) makes it the departure.
        let items: Vec<Item<'_>> = [
            "Parcel has been picked up by SPX driver",
            "Parcel has departed from sorting facility",
            "Parcel has arrived and to be received by the delivery hub",
        ]
        .iter()
        .map(|&t| (t, None, None))
        .collect();
        let spx = classify_route(&items, &targets(&items, &[]), Some("PH"), false, None, None, None);
        assert_eq!(spx[1], OriginSorting);
    }

    #[test]
    fn taken_in_after_leaving_the_origin_country_is_the_arrival() {
        let items = [
            ("Departed from departure country/region", None, None),
            ("Item Received", Some("Heathrow Worldwide DC"), None),
        ];
        let got = classify_route(&items, &targets(&items, &[]), Some("GB"), false, None, None, None);
        assert_eq!(got, [DepartedOrigin, ArrivedDestination]);
        // So is a sorting that names the destination side, seen first there; once customs
        // has it, the next sorting is a sorting.
        let sorted = [
            ("Departed from departure country/region", None, None),
            ("Arrived at destination country/region sorting center", None, None),
            ("Import customs clearance complete", None, None),
            ("Arrived at destination country/region sorting center", None, None),
        ];
        let got = classify_route(&sorted, &targets(&sorted, &[]), Some("PL"), false, None, None, None);
        assert_eq!(got, [DepartedOrigin, ArrivedDestination, ImportCustoms, DestinationSorting]);
        // Taken in at a transit hub abroad, it has not arrived yet.
        let riga = [
            ("Departed from departure country/region", Some("Shenzhen"), None),
            ("Item accepted", Some("Riga, Latvia"), None),
        ];
        assert_ne!(
            classify_route(&riga, &targets(&riga, &[]), Some("RU"), false, None, None, None)[1],
            ArrivedDestination
        );
    }

    #[test]
    fn waiting_for_pickup_is_the_carriers_right_after_the_notice_and_the_buyers_after_a_move() {
        let side = |steps: &[&'static str]| {
            let items: Vec<Item<'_>> = steps.iter().map(|&text| (text, None, None)).collect();
            classify_route(&items, &targets(&items, &[]), Some("RU"), false, None, None, None)
        };
        assert_eq!(side(&["Передаётся в доставку", "В пути", "Ожидает получения"])[2], AwaitingPickup);
        assert_eq!(side(&["Shipment information received", "Awaiting pickup"])[1], InfoReceived);
        // The last mile's own notice after the import does not make the parcel the seller's again.
        let merged = [
            "Departed from departure country/region",
            "Arrived at destination country/region",
            "Shipment information received",
            "Awaiting pickup",
        ];
        assert_eq!(side(&merged)[3], AwaitingPickup);
    }

    #[test]
    fn a_place_in_the_country_that_issued_the_number_is_the_origin_side() {
        // A Turkish seller's parcel for Germany: İstanbul is the origin, not a transit hub.
        let items = [
            ("Kabul Edildi", Some("KADIKÖY"), None),
            ("Gümrüğe Teslim Edildi", Some("İSTANBUL"), None),
            ("Yurt Dışına Sevk Edildi", Some("İSTANBUL"), None),
        ];
        let from_turkey = classify_route(&items, &targets(&items, &[]), Some("DE"), false, None, Some("TR"), None);
        assert_eq!(from_turkey, [Accepted, ExportCustoms, DepartedOrigin]);
        // With no number to say so, the route's first place does: taken in at Kadıköy.
        assert_eq!(classify_route(&items, &targets(&items, &[]), Some("DE"), false, None, None, None), from_turkey);
        // Started in China, customs in İstanbul on the way is the transit's, read as import.
        let via = [("揽收成功", Some("深圳"), None), ("Gümrüğe Teslim Edildi", Some("İSTANBUL"), None)];
        assert_eq!(classify_route(&via, &targets(&via, &[]), Some("DE"), false, None, None, None)[1], ImportCustoms);
    }

    #[test]
    fn a_direction_word_decides_the_customs_side() {
        let route = [
            ("International shipment release - Export", None, None),
            ("Clearance delay - Import", None, None),
            ("Выпуск приостановлен. Импорт", None, None),
        ];
        assert_eq!(classify_all(&route, Some("US"), &[]), [ExportCustoms, ImportCustoms, ImportCustoms]);
    }

    #[test]
    fn towns_are_compared_by_their_name_words() {
        assert!(same_town("СЦ Москва", "Москва 125009"));
        assert!(same_town("МОСКВА PCI-3", "Москва"));
        assert!(same_town("SAO PAULO - SP", "São Paulo"));
        assert!(!same_town("New York NY", "New Brunswick"), "'New' alone is not a name");
        assert!(!same_town("广东省 深圳市", "广东省 广州市"), "one province, two cities");
        assert!(!same_town("Екатеринбург", "Москва"));
        assert!(!same_town("İstanbul Transfer", "Eskişehir Transfer"), "a facility word is not a town");
        assert!(!same_town("ATLANTA GA NETWORK DISTRIBUTION CENTER", "CHARLOTTE NC DISTRIBUTION CENTER"));
    }

    #[test]
    fn an_office_of_exchange_naming_no_side_is_outward_after_origin_scans() {
        let outward = [("Прием", None, None), ("Прибыло в место международного обмена", None, None)];
        assert_eq!(classify_all(&outward, Some("RU"), &[]), [Accepted, OriginSorting]);
        // Seen first by the destination post, or after the departure: the arrival.
        let inward = [("Прибыло в место международного обмена", None, None)];
        assert_eq!(classify_all(&inward, Some("RU"), &[]), [ArrivedDestination]);
        let after_departure = [
            ("Прием", None, None),
            ("Покинуло место международного обмена", Some("Китай"), None),
            ("Прибыло в место международного обмена", None, None),
        ];
        assert_eq!(classify_all(&after_departure, Some("RU"), &[])[2], ArrivedDestination);
        // In the buyer's country it is the arrival whatever came before.
        let here = [("Прием", None, None), ("Прибыло в место международного обмена", Some("Москва"), None)];
        assert_eq!(classify_all(&here, Some("RU"), &[])[1], ArrivedDestination);
    }

    #[test]
    fn a_route_with_customs_or_an_exchange_office_crosses_a_border() {
        let import = [("Сортировка", Some("Москва ММПО"), None), ("Таможенное оформление", None, None)];
        assert!(crosses_border(&import, &targets(&import, &[])));
        let domestic = [("Приём", Some("Москва"), None), ("Сортировка", Some("Москва"), None)];
        assert!(!crosses_border(&domestic, &targets(&domestic, &[])));
    }

    #[test]
    fn a_route_whose_first_place_is_a_sorting_in_the_buyers_country_is_domestic() {
        let route = [
            ("快件到达【广州航空邮件处理中心】", Some("广州市"), None),
            ("快件到达【上海王港快件处理中心】", Some("上海市"), None),
        ];
        assert!(starts_here(&route, &targets(&route, &[]), "CN"));
        let import = [("Arrival at inward office of exchange", Some("Moscow"), None)];
        assert!(!starts_here(&import, &targets(&import, &[]), "RU"), "an import starts with an arrival");
        // An acceptance with no place says nothing of the country.
        let placeless = [
            ("Die Sendung wurde vom Absender im PaketShop abgegeben.", None, None),
            ("Die Sendung ist im Hermes Verteilzentrum Berlin eingetroffen.", Some("Berlin"), None),
        ];
        assert!(starts_here(&placeless, &targets(&placeless, &[]), "DE"));
        let departed = [("Departed from departure country", None, None), ("Sortierung", Some("Berlin"), None)];
        assert!(
            !starts_here(&departed, &targets(&departed, &[]), "DE"),
            "a departure before the first place is an import"
        );
        // A status no rule reads says nothing: Mondial Relay's note at Rennes before its
        // intake there.
        let noted = [
            ("Colis remis à Mondial Relay", Some("St-Aubin-du-Cormier"), None),
            ("Consigne supplémentaire", Some("Rennes"), None),
            ("Colis pris en charge", Some("Rennes"), None),
        ];
        assert!(starts_here(&noted, &targets(&noted, &[]), "FR"));
    }

    #[test]
    fn on_a_return_the_moves_are_the_returns() {
        let route = [
            ("Прибыло в место вручения", None, None),
            ("Истек срок хранения", None, None),
            ("Прибыло в сортировочный центр", None, None),
            ("In transit", None, None),
            ("Вручение отправителю", None, None),
        ];
        let got = classify_all(&route, Some("RU"), &[]);
        assert_eq!(got, [AtLocalOffice, Returning, Returning, Returning, Returned]);
        // A post's "returned to sender" scanned where the return begins: its sorting scans
        // after it are still the way back.
        let back = [
            ("Prijem", Some("18000 NIŠ"), None),
            ("Vraćeno pošiljaocu", Some("18000 NIŠ"), None),
            ("Otprema", Some("BEOGRAD"), None),
        ];
        assert_eq!(classify_all(&back, Some("RS"), &[])[1..], [Returned, Returning]);
        // A stage the user set stays as set.
        let set =
            [("Истек срок хранения", None, None), ("Прибыло в сортировочный центр", None, Some(DestinationSorting))];
        assert_eq!(classify_all(&set, Some("RU"), &[]), [Returning, DestinationSorting]);
    }

    #[test]
    fn odd_input_does_not_panic() {
        let long = "доставлено ".repeat(2000);
        for text in ["*", "…", " … ", "🙂📦", "e\u{301}", "\u{0}", "Ａｒｒｉｖｅｄ", "返", &long] {
            let _ = classify(
                text,
                Context {
                    previous: Some(Delivered),
                    last: Some(Delivered),
                    place: Some(text),
                    destination: Some(text),
                    domestic: false,
                    moved: None,
                    in_buyers_town: false,
                    origin: Some(text),
                    hub_arrivals: false,
                },
                &[],
            );
        }
        assert_eq!(plain("ＯＵＴ ＦＯＲ ＤＥＬＩＶＥＲＹ"), OutForDelivery);
    }

    #[test]
    fn regions_of_places() {
        assert_eq!(us_state("STERLING, VA 20166"), Some("VA"), "ZIP3 201 is Virginia's");
        assert_eq!(us_state("WASHINGTON, DC 20001"), Some("DC"));
        assert_eq!(us_state("10001 Commerce Dr, Reno, NV 89502"), Some("NV"), "the last ZIP code");
        assert_eq!(us_state("SACRAMENTO, CA"), Some("CA"));
        assert_eq!(us_state("OAK CREEK WI DISTRIBUTION CENTER"), Some("WI"));
        assert_eq!(us_state("ARRIVED IN TOWN"), None);
        assert_eq!(us_state("San Bernardino, CALIFORNIA, US"), Some("CA"), "a state's name");
        assert_eq!(us_state("Teterboro, New Jersey"), Some("NJ"));
        assert_eq!(country_at("JAMAICA, 11430, NY", Some("US")), Some("US"), "USPS's ZIP before the state");
        assert_eq!(country_at("LYON, 69003, FR", Some("US")), Some("FR"));
        assert_ne!(country_at("KOELN, 51147, DE", Some("US")), Some("US"), "a German postcode before DE");
        assert_eq!(province_of("【揭阳转运中心】"), Some("广东"));
        assert_eq!(province_of("浙江义乌分拨中心"), Some("浙江"));
        assert_eq!(province_of("河南平顶山"), Some("河南"), "the name found first");
        assert_eq!(province_of("上海中山南路分拨中心"), Some("上海"));
        assert_eq!(province_of("中山南路分拨中心"), None, "a street, with a direction before 路");
        assert_eq!(province_of("西藏中路营业部"), None);
        assert_eq!(province_of("Fuzhou"), None, "福州 or 抚州");
    }

    #[test]
    fn a_loss_is_told_from_a_problem_that_may_pass() {
        let lost = [
            "Exception_Lost",
            "Package was seized and/or destroyed",
            "Delivery delay: Consignment not found, investigation started.",
            "Отправление утрачено",
            "Відправлення втрачено",
            "Розшук відправлення",
            "Изъято таможней",
            "包裹遗失，进入赔偿程序",
            "寄件遺失進行賠償程序",
            "ACAREAÇÃO SEM SUCESSO – MERCADORIA EXTRAVIADA",
            "Objeto não localizado no fluxo postal",
            "EXPEDICIÓN EXTRAVIADA",
            "Colis perdu",
            "Paket kann nicht gefunden werden",
            "Zaginięcie przesyłki",
            "Gönderi kayıp",
            "Груз не найден",
            "包裹遗失，未找到",
            "Extraviado, no encontrado",
            "Objeto extraviado - não encontrado",
            "SHIPMENT UNTRACEABLE AT DESTINATION",
            "De zending is vernietigd namens de douane in land van bestemming",
            "Spedizione smarrita",
        ];
        for text in lost {
            assert!(declares_loss(text), "{text}");
        }
        let may_pass = [
            "Consignee information is required",
            "Package Damaged",
            "Missing Postal Code",
            "Ошибка в адресе",
            "需要进一步确认收件人信息",
            "FALTA DOCUMENTACIÓN",
            "Colis en attente d'informations complémentaires de votre part",
            "Die Sendung wurde storniert.",
            "Uszkodzenie przesyłki",
            "İptal Edildi",
            "Exception: recipient address not found",
            "Adresse mal saisie",
            "Sorted by robotic sorter, delayed",
            "Kapı zili çalındı, alıcı yok",
            "Die Sendung verbleibt in der Filiale",
            "客户表示没收到货",
            "Изъято из почтомата: истёк срок хранения",
            "Package damaged - claim opened",
            "Llamada perdida al destinatario",
            "Lost package has been found and is on its way",
            "Consignee address untraceable",
            "Consignee not located at the address",
        ];
        for text in may_pass {
            assert!(!declares_loss(text), "{text}");
        }
    }
}
