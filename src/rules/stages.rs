//! Stage classification: turns the status text a tracker shows (English, Chinese or Russian)
//! into a [`Stage`] of domain.md §6, so the silence thresholds of §2 can be applied.
//!
//! Invariants: pure functions, no I/O; text no rule knows is [`Stage::Unknown`], never
//! guessed; empty text is `Unknown`; no input panics. Rules are one ordered table, most
//! specific first: the first row with a matching phrase wins. Three phrase families depend on
//! where the parcel already is (sorting, customs without a direction, "arrived at destination
//! country") and are resolved from a [`Context`].

use std::collections::HashMap;

use crate::model::{Case, Stage};

/// What the classifier knows about where a status happened, to resolve context-dependent phrases.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context<'a> {
    /// The stage of the previous classified status in time order (None for the first).
    pub previous: Option<Stage>,
    /// The place text of this status, if any.
    pub place: Option<&'a str>,
    /// The buyer's destination country (ISO alpha-2, e.g. "RU"), if known.
    pub destination: Option<&'a str>,
}

/// What a rule row yields: a fixed stage, or a family the context resolves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Is(Stage),
    /// Sorting scans: destination sorting once the parcel is in the destination country.
    Sorting,
    /// Customs scans and holds with no direction: import, unless still before departure.
    Customs,
    /// "Arrived at destination country": a transit hub when the place is one.
    Arrival,
}

use Target::{Arrival, Customs, Is, Sorting};

/// The rules, first match wins. Phrases are written normalised (lower case, `ё` as `е`, no
/// punctuation, "pick up" as "pickup") and match whole words; a part ending in `*` is a stem
/// (matches a word start, for Russian endings); ` … ` lets anything come between two parts.
/// Chinese parts match anywhere. The order is the point: the traps come before the words
/// they contain ("delivered to local carrier" before "delivered", "прием на таможню" before
/// "прием", "возврат" before "срок хранения").
#[rustfmt::skip]
const RULES: &[(Target, &[&str])] = &[
    // A new number or carrier: before "registered" and "delivered" of the old number.
    (Is(Stage::CarrierUpdate), &[
        "new tracking number", "new tracking no", "tracking number changed",
        "tracking number updated", "relabel*", "re label*", "carrier changed",
        "转单", "换单", "新单号", "更换单号",
        "зарегистрировано с новым номером", "присвоен новый", "новый трек*",
    ]),
    // Back with the sender: a delivery, but to the wrong party.
    (Is(Stage::Returned), &[
        "delivered to … sender", "delivered back to … sender", "delivered to … shipper",
        "return delivered", "received by sender", "return completed",
        "退回卖家签收", "退件签收", "退回签收",
        "вручение отправителю", "вручено отправителю",
    ]),
    // On the way back ("Возврат. Истёк срок хранения" is a return, not a storage warning).
    (Is(Stage::Returning), &[
        "return to sender", "return to shipper", "return to seller", "return to origin",
        "returned", "returning", "return in progress", "return initiated", "being returned",
        "退回", "退件", "退运",
        "возврат*", "истек срок хранения",
    ]),
    // A failed attempt: before "delivered" ("not delivered") and "exception".
    (Is(Stage::DeliveryFailed), &[
        "delivery attempt*", "failed delivery attempt", "delivery failed", "attempted delivery",
        "unsuccessful delivery", "delivery unsuccessful", "delivery exception", "not delivered",
        "could not be delivered", "unable to deliver", "undelivered", "undeliverable", "not at home",
        "投递失败", "派送失败", "派件失败", "派送不成功", "派送异常", "未妥投",
        "неудачная попытка вручения", "временное отсутствие адресата",
    ]),
    // Lost, destroyed, seized.
    (Is(Stage::Exception), &[
        "lost", "destroyed", "seized", "confiscated", "exception",
        "异常", "丢失", "遗失", "销毁", "没收",
        "утрач*", "утеря*", "изъят*", "уничтож*",
    ]),
    // Waiting at a pick-up point or locker: the station signed, not the buyer.
    (Is(Stage::AwaitingPickup), &[
        "awaiting collection", "awaiting pickup", "ready for pickup", "ready to pickup",
        "ready for collection", "available for pickup", "available for collection",
        "pickup station", "pickup point", "parcel locker", "parcel terminal", "locker",
        "held at post office", "notice left", "storage period*",
        "自提", "驿站", "快递柜", "智能柜", "丰巢", "代收点", "待取件", "取件码",
        "почтомат*", "извещени*", "срок хранения", "ожидает адресата", "ожидает вручения",
        "пункт выдачи", "пвз", "готов к выдаче",
    ]),
    (Is(Stage::OutForDelivery), &[
        "out for delivery", "out on delivery", "on vehicle for delivery",
        "with courier for delivery", "with delivery courier",
        "派送中", "派件中", "开始投递", "正在派送", "投递中",
        "передано почтальону", "передано курьеру", "выдано почтальону", "выдано курьеру", "выдан на доставку",
    ]),
    (Is(Stage::AtLocalOffice), &[
        "local delivery center", "delivery office", "delivery station",
        "arrive* … post office", "delivered to … post office", "local post office",
        "到达最后投递站", "投递站", "派送站",
        "прибыло в место вручения", "прибыло в отделение", "доставлено в отделение",
    ]),
    // Handed to the last-mile carrier: "delivered to local carrier" is NOT delivered.
    (Is(Stage::LastMileHandover), &[
        "local carrier", "delivered to … local delivery", "handed over to … last mile", "handover to … last mile",
        "hand over to … last mile", "accepted by … last mile", "last mile carrier",
        "departed from … customs", "released from customs to",
        "清关转交", "末端",
        "покинуло место международного обмена",
    ]),
    // Customs with a direction, then without (a hold is import unless before departure).
    (Is(Stage::ExportCustoms), &[
        "export customs", "export clearance", "export declaration",
        "出口清关", "出口报关", "出口海关",
    ]),
    (Is(Stage::ImportCustoms), &["import customs", "import clearance", "进口清关", "进口海关"]),
    (Customs, &["customs", "clearance*", "清关", "海关", "тамож*", "выпуск*"]),
    (Is(Stage::TransitHub), &[
        "transit country", "transit hub", "transit airport",
        "到达中转", "中转国",
        "место транзита",
    ]),
    // "Leaving from departure country" is the handover; "departed from" is the flight.
    (Is(Stage::LinehaulHandover), &[
        "airline", "departure transport hub", "leaving … departure country",
        "handed over to linehaul", "hand over to linehaul",
        "交接成功", "交航",
    ]),
    (Is(Stage::DepartedOrigin), &[
        "depart* … departure country", "depart* … origin country",
        "depart* … country of origin", "left … origin country", "left … departure country",
        "flight depart*", "flight has departed", "flight took off",
        "航班起飞", "飞机起飞", "已起飞", "离港",
        "экспорт международной почты", "экспорт",
    ]),
    (Arrival, &[
        "arrive* … destination country", "arrive* … destination region",
        "arrive* … country of destination", "arrive* … destination airport",
        "linehaul office", "flight arrived", "flight landed",
        "航班到达", "目的地国家", "目的国",
        "прибыло на территорию", "импорт международной почты", "импорт", "прибыло в место международного обмена",
    ]),
    // Russian Post's "left the place of acceptance" is always on the sender's side.
    (Is(Stage::OriginSorting), &["покинуло место приема"]),
    (Sorting, &[
        "sort*", "processing center", "processing facility", "processed at",
        "processed through", "arrive* … facility", "depart* … facility", "arrive* … hub", "depart* … hub",
        "入库", "出库", "转运中心", "分拨中心", "分拣", "中转中心", "处理中心", "集散中心",
        "сортировочн*", "сортировка",
    ]),
    // Delivered comes this late so that "delivered to airline / sorting center" lose to the
    // rows above; every "delivered to <not the buyer>" trap sits above it.
    (Is(Stage::Delivered), &[
        "delivered", "delivery successful", "delivery completed", "delivery complete",
        "signed by", "signed for", "received by recipient", "received by addressee",
        "已签收", "用户签收", "本人签收", "签收成功", "代签", "妥投", "投递成功", "派送成功",
        "вручение адресату", "вручено", "вручен", "получено адресатом", "выдано получателю",
        "выдан получателю", "доставлено в почтовый ящик",
    ]),
    (Is(Stage::Accepted), &[
        "accepted", "acceptance", "picked up", "pickup scan", "received by logistics company",
        "received by carrier", "collected by carrier",
        "揽收", "揽件", "收寄",
        "прием", "принято в отделени*", "принято почтой",
    ]),
    (Is(Stage::InfoReceived), &[
        "information received", "info received", "electronic information", "ready for shipping",
        "ready to ship", "label created", "order received by warehouse", "pre advice",
        "pre shipment", "awaiting item", "shipment data received", "seller shipped", "shipped",
        "商家发货", "卖家发货", "已发货", "电子预报", "电子信息",
        "регистрация отправки", "электронная регистрация",
    ]),
    // Platform events.
    (Is(Stage::OrderPlaced), &[
        "order placed", "order paid", "order confirmed", "payment confirmed",
        "payment successful", "payment received", "paid",
        "下单", "付款成功", "已付款", "支付成功",
        "заказ оформлен", "заказ оплачен", "оплачен*", "оплата подтверждена",
    ]),
    // Generic movement: last, so that every specific phrase wins over "in transit".
    (Is(Stage::InTransit), &[
        "in transit", "on the way", "on its way", "en route",
        "运输中", "在途", "运送中", "转运中",
        "в пути",
    ]),
];

/// Places a status can name, by country (ISO alpha-2), and whether the country is a known
/// transit hub on the way to other countries (`true`). Same phrase syntax as [`RULES`]. Small
/// on purpose: a place matching none is taken as the tracker says.
#[rustfmt::skip]
const PLACES: &[(&str, bool, &[&str])] = &[
    ("NL", true, &["netherlands", "holland", "amsterdam", "schiphol",
                   "нидерланд*", "голланди*", "амстердам*", "荷兰", "阿姆斯特丹"]),
    ("LV", true, &["latvia", "riga", "латви*", "рига", "риге", "риги", "拉脱维亚", "里加"]),
    ("BE", true, &["belgium", "liege", "brussels", "бельги*", "льеж*", "брюссел*", "比利时", "列日"]),
    ("FI", true, &["finland", "helsinki", "vantaa", "финлянди*", "хельсинки", "芬兰", "赫尔辛基"]),
    ("KZ", true, &["kazakhstan", "almaty", "astana", "казахстан*", "алматы", "астана", "哈萨克斯坦"]),
    ("HU", true, &["hungary", "budapest", "венгри*", "будапешт*", "匈牙利", "布达佩斯"]),
    ("PL", true, &["poland", "warsaw", "warszawa", "польш*", "варшав*", "波兰", "华沙"]),
    ("AE", true, &["united arab emirates", "uae", "dubai", "оаэ", "дубай", "阿联酋", "迪拜"]),
    ("DE", true, &["germany", "frankfurt", "leipzig", "германи*", "франкфурт*", "德国"]),
    ("LT", true, &["lithuania", "vilnius", "литв*", "вильнюс*", "立陶宛"]),
    ("EE", true, &["estonia", "tallinn", "эстони*", "таллин*", "爱沙尼亚"]),
    ("BY", true, &["belarus", "minsk", "беларус*", "белорусси*", "минск*", "白俄罗斯"]),
    ("TR", true, &["turkey", "istanbul", "турци*", "стамбул*", "土耳其"]),
    ("HK", true, &["hong kong", "hongkong", "гонконг*", "香港"]),
    ("SG", true, &["singapore", "сингапур*", "新加坡"]),
    ("CN", false, &["china", "shenzhen", "guangzhou", "dongguan", "yiwu", "shanghai", "beijing", "hangzhou",
                    "китай", "китае", "шэньчжэн*", "шеньчжен*", "гуанчжоу", "пекин*", "шанха*",
                    "中国", "深圳", "广州", "东莞", "义乌", "上海", "北京", "杭州"]),
    ("RU", false, &["russia", "russian federation", "moscow", "saint petersburg", "st petersburg",
                    "росси*", "рф", "москв*", "санкт петербург*", "俄罗斯", "莫斯科"]),
    ("UA", false, &["ukraine", "kyiv", "kiev", "украин*", "киев*", "乌克兰"]),
    ("US", false, &["united states", "usa", "new york", "los angeles", "сша", "美国"]),
    ("GB", false, &["united kingdom", "great britain", "london", "великобритани*", "лондон*", "英国"]),
    ("FR", false, &["france", "paris", "франци*", "париж*", "法国"]),
    ("ES", false, &["spain", "madrid", "испани*", "мадрид*", "西班牙"]),
    ("IT", false, &["italy", "milan", "rome", "итали*", "意大利"]),
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

/// Classifies one status text.
pub fn classify(text: &str, ctx: Context<'_>) -> Stage {
    match_rule(text).map_or(Stage::Unknown, |target| resolve(target, ctx))
}

/// How many distinct texts the per-thread memo keeps before it starts over.
const MEMO_LIMIT: usize = 65_536;

thread_local! {
    /// Real histories repeat the same few hundred phrases thousands of times, and scanning
    /// the phrase table is the costly part: the context-free match is remembered per text.
    /// The result depends on the text alone, so the memo changes no answer.
    static RULE_MEMO: std::cell::RefCell<HashMap<String, Option<Target>>> = Default::default();
    /// The same for place names.
    static PLACE_MEMO: std::cell::RefCell<HashMap<String, Option<&'static str>>> = Default::default();
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

/// The first rule row whose phrases occur in the text.
fn match_rule(text: &str) -> Option<Target> {
    memo(&RULE_MEMO, text, || {
        let text = normalise(text);
        RULES.iter().find(|(_, phrases)| phrases.iter().any(|phrase| contains_phrase(&text, phrase))).map(|&(t, _)| t)
    })
}

/// Classifies a whole history in time order (text, place, the user's explicit `--stage`).
///
/// Each status's context is the previous result; `explicit` wins where Some. Generic
/// `in-transit` keeps the rank, so the context passed on after an in-transit status is the
/// last main stage.
///
/// The same holds for every stage without a rank (carrier update, returns, exception,
/// unknown): an unreadable or side status does not make the parcel forget where it is.
pub fn classify_all(items: &[(&str, Option<&str>, Option<Stage>)], destination: Option<&str>) -> Vec<Stage> {
    let mut previous = None;
    items
        .iter()
        .map(|&(text, place, explicit)| {
            let stage = explicit.unwrap_or_else(|| classify(text, Context { previous, place, destination }));
            if rank(stage).is_some() {
                previous = Some(stage);
            }
            stage
        })
        .collect()
}

/// The stage in force of each status of a case, in the case's order: the stage the user set,
/// else the classification of the text in the context of the statuses before it. The one
/// place a case's history is classified (`judge` calls it for every command that shows one).
pub fn classify_case(case: &Case) -> Vec<Stage> {
    let items: Vec<(&str, Option<&str>, Option<Stage>)> =
        case.statuses.iter().map(|s| (s.text.as_str(), s.place.as_deref(), s.stage)).collect();
    classify_all(&items, case.order.country.as_deref())
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
    match target {
        Is(stage) => stage,
        Sorting if ctx.previous.is_some_and(in_destination) => Stage::DestinationSorting,
        Sorting => Stage::OriginSorting,
        // Only a known stage before the flight makes it export: most buyers see only the
        // destination side, and an unknown past is the usual case there.
        Customs => match ctx.previous {
            Some(previous) if rank(previous).is_some() => {
                if is_at_least(previous, Stage::DepartedOrigin) {
                    Stage::ImportCustoms
                } else {
                    Stage::ExportCustoms
                }
            }
            _ => Stage::ImportCustoms,
        },
        Arrival => {
            let hub = ctx.place.and_then(country_of).filter(|country| is_transit_country(country));
            match (hub, ctx.destination) {
                (Some(hub), Some(destination)) if !hub.eq_ignore_ascii_case(destination.trim()) => Stage::TransitHub,
                _ => Stage::ArrivedDestination,
            }
        }
    }
}

/// The country (ISO alpha-2) a place text names, if it names one this module knows.
pub fn country_of(place: &str) -> Option<&'static str> {
    memo(&PLACE_MEMO, place, || {
        let place = normalise(place);
        PLACES.iter().find(|(_, _, names)| names.iter().any(|name| contains_phrase(&place, name))).map(|row| row.0)
    })
}

/// True for countries parcels commonly cross on the way elsewhere (Netherlands, Latvia, …).
pub fn is_transit_country(country: &str) -> bool {
    PLACES.iter().any(|&(code, transit, _)| transit && code.eq_ignore_ascii_case(country.trim()))
}

/// The known country code equal to `code` (any case), as a `'static` string.
pub fn country_code(code: &str) -> Option<&'static str> {
    PLACES.iter().map(|row| row.0).find(|known| known.eq_ignore_ascii_case(code.trim()))
}

/// Lower case, `ё` → `е`, common accents and full-width forms folded, punctuation to spaces,
/// a space between Chinese and other letters, single spaces, and one space at each end so
/// whole words can be found by their surrounding spaces.
fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push(' ');
    let mut previous_cjk = false;
    for ch in text.chars().map(fold_width).flat_map(char::to_lowercase).map(fold_letter) {
        if ch.is_alphanumeric() {
            let cjk = is_cjk(ch);
            if cjk != previous_cjk && !out.ends_with(' ') {
                out.push(' ');
            }
            previous_cjk = cjk;
            out.push(ch);
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    // Spelling variants that would otherwise double the table.
    out.replace(" pick up ", " pickup ").replace(" centre ", " center ")
}

fn fold_width(ch: char) -> char {
    match ch {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(ch) - 0xFEE0).unwrap_or(ch),
        '\u{3000}' => ' ',
        _ => ch,
    }
}

fn fold_letter(ch: char) -> char {
    match ch {
        'ё' => 'е',
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ç' => 'c',
        'ñ' => 'n',
        _ => ch,
    }
}

fn is_cjk(ch: char) -> bool {
    matches!(ch, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// Whether normalised `text` contains `phrase`: its parts in order, as whole words or stems.
fn contains_phrase(text: &str, phrase: &str) -> bool {
    let mut from = 0;
    for part in phrase.split(" … ") {
        match find_part(text, from, part) {
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
    let cjk = word.chars().next().is_some_and(is_cjk);
    text.get(from..)?
        .match_indices(word)
        .map(|(index, _)| from + index)
        .find(|&start| {
            let end = start + word.len();
            cjk || (text[..start].ends_with(' ') && (stem || text[end..].starts_with(' ')))
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
        classify(text, Context::default())
    }

    fn after(previous: Stage) -> Context<'static> {
        Context { previous: Some(previous), ..Context::default() }
    }

    fn at(place: Option<&'static str>, destination: Option<&'static str>) -> Context<'static> {
        Context { place, destination, ..Context::default() }
    }

    /// (situation, status text, stage with no context).
    #[rustfmt::skip]
    const PHRASES: &[(&str, &str, Stage)] = &[
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
    ];

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
            ("hold before departure is export", "Held by customs", after(OriginSorting), ExportCustoms),
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
            assert_eq!(classify(text, *ctx), *expected, "{name}: {text:?}");
        }
    }

    /// Runs `classify_all` over (text, place, explicit stage, expected stage) steps.
    fn history(destination: Option<&str>, steps: &[(&str, Option<&str>, Option<Stage>, Stage)]) {
        let items: Vec<_> = steps.iter().map(|&(text, place, explicit, _)| (text, place, explicit)).collect();
        let expected: Vec<Stage> = steps.iter().map(|step| step.3).collect();
        assert_eq!(classify_all(&items, destination), expected);
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
            ("Arrived at sorting center", Some("Riga"), None, OriginSorting),
            ("Прибыло на территорию РФ", Some("Москва"), None, ArrivedDestination),
            ("Сортировка", Some("Москва"), None, DestinationSorting),
        ];
        history(Some("RU"), &steps);
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

    #[test]
    fn table_phrases_are_normalised_and_reach_their_own_row() {
        for (row, (_, phrases)) in RULES.iter().enumerate() {
            for phrase in *phrases {
                let stars_at_ends = phrase.split(" … ").all(|part| !part.trim_end_matches('*').contains('*'));
                assert!(stars_at_ends, "a stem marker inside a part: {phrase}");
                let literal = phrase.replace(" … ", " ").replace('*', "");
                let text = normalise(&literal);
                assert_eq!(text, format!(" {literal} "), "not normalised: {phrase}");
                let first = RULES.iter().position(|(_, phrases)| phrases.iter().any(|p| contains_phrase(&text, p)));
                assert_eq!(first, Some(row), "{phrase:?} is shadowed by row {first:?}");
            }
        }
        for &(country, _, names) in PLACES {
            for name in names {
                let literal = name.replace('*', "");
                assert_eq!(normalise(&literal), format!(" {literal} "), "not normalised: {name}");
                assert_eq!(country_of(&literal), Some(country), "{name} is shadowed");
            }
        }
    }

    #[test]
    fn places_name_countries_and_transit_hubs() {
        assert_eq!(country_of("Москва, сортировочный центр"), Some("RU"));
        assert_eq!(country_of("【深圳】"), Some("CN"));
        assert_eq!(country_of("Los Angeles, CA"), Some("US"));
        assert_eq!(country_of("Somewhere"), None);
        assert!(is_transit_country("lv") && is_transit_country("NL") && !is_transit_country("RU"));
        assert_eq!((country_code("cn"), country_code(" RU "), country_code("ZZ")), (Some("CN"), Some("RU"), None));
    }

    #[test]
    fn odd_input_does_not_panic() {
        let long = "доставлено ".repeat(2000);
        for text in ["*", "…", " … ", "🙂📦", "e\u{301}", "\u{0}", "Ａｒｒｉｖｅｄ", "返", &long] {
            let _ = classify(text, Context { previous: Some(Delivered), place: Some(text), destination: Some(text) });
        }
        assert_eq!(plain("ＯＵＴ ＦＯＲ ＤＥＬＩＶＥＲＹ"), OutForDelivery);
    }
}
