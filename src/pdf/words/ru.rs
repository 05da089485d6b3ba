//! The Russian dossier (`build --lang ru`), for claims to Russian Post and for
//! Russian-speaking platform support.

use chrono::{Datelike, NaiveDate};

use super::{Label, NotAttached, Reason, Words, capitalised, join};
use crate::model::{ActionCode, EvidenceKind, FlagCode, Grams, Sender, Severity, Stage};
use crate::rules::{About, Basis, Protection};
use crate::tracking::{Format, Verdict};

/// Russian.
pub struct Ru;

/// "1 день", "2 дня", "5 дней".
fn plural(n: i64, one: &str, few: &str, many: &str) -> String {
    let m = n.abs();
    let word = if m % 10 == 1 && m % 100 != 11 {
        one
    } else if (2..=4).contains(&(m % 10)) && !(12..=14).contains(&(m % 100)) {
        few
    } else {
        many
    };
    format!("{n} {word}")
}

impl Words for Ru {
    fn code(&self) -> &'static str {
        "ru"
    }

    fn label(&self, label: Label) -> &'static str {
        use Label as L;
        match label {
            L::Summary => "1. Сводка",
            L::RedFlags => "2. Тревожные признаки",
            L::Timeline => "3. Хронология",
            L::Correspondence => "4. Переписка",
            L::Evidence => "5. Доказательства",
            L::Integrity => "6. Целостность",
            L::Platform => "Площадка",
            L::OrderNumber => "Номер заказа",
            L::Item => "Товар",
            L::Store => "Магазин",
            L::Price => "Цена",
            L::Ordered => "Заказан",
            L::Shipped => "Отправлен",
            L::Shipping => "Способ доставки",
            L::Destination => "Адрес доставки",
            L::ItemWeight => "Вес товара",
            L::CurrentStage => "Текущий этап",
            L::TrackingNumber => "Трек-номер",
            L::Protection => "Защита покупателя",
            L::Request => "Требование",
            L::NoFlags => "Проверка не выявила тревожных признаков.",
            L::NothingRecorded => "Статусы отслеживания, сообщения и доказательства не записаны.",
            L::NoMessages => "Переписка не записана.",
            L::NoEvidence => "Файлы доказательств не приложены.",
            L::ChartOrdered => "заказ",
            L::ChartShipped => "отправка",
            L::ChartToday => "сегодня",
            L::ChartProtection => "конец защиты",
            L::ChartProtectionEstimate => "конец защиты (оценка)",
            L::NowNoNews => "Сегодня: новых статусов отслеживания нет",
            L::TimesLocal => {
                "Время указано местное, как его показал трекер; где трекер указал смещение от UTC, оно приведено."
            }
            L::LeftOut => "Не показано в этом PDF по просьбе покупателя; оригинал хранится без изменений.",
            L::TextFollows => "Текст файла:",
            L::Unreadable => "Изображение не удалось прочитать; оригинал хранится без изменений.",
            L::FilesHeading => "Файлы доказательств (SHA-256, размер)",
            L::NotAttachedHeading => "Оригиналы, не вложенные в этот PDF",
            L::HowToExtract => {
                "Оригиналы файлов вложены в этот PDF (в большинстве программ просмотра — панель вложений со скрепкой). \
                 В описании каждого вложения указан его SHA-256."
            }
            L::EvidenceRefs => "Доказательства",
            L::OtherShop => "интернет-магазин",
            L::And => "и",
        }
    }

    fn date(&self, date: NaiveDate) -> String {
        format!("{:02}.{:02}.{}", date.day(), date.month(), date.year())
    }

    fn short_date(&self, date: NaiveDate) -> String {
        format!("{:02}.{:02}", date.day(), date.month())
    }

    fn days(&self, n: i64) -> String {
        plural(n, "день", "дня", "дней")
    }

    fn stage(&self, stage: Stage) -> &'static str {
        use Stage as S;
        match stage {
            S::OrderPlaced => "Заказ оформлен",
            S::InfoReceived => "Перевозчик получил данные, посылка ему ещё не передана",
            S::Accepted => "Принято перевозчиком",
            S::OriginSorting => "Сортировка в стране отправления",
            S::ExportCustoms => "Экспортное таможенное оформление",
            S::LinehaulHandover => "Передано авиаперевозчику",
            S::DepartedOrigin => "Покинуло страну отправления",
            S::TransitHub => "В транзитном пункте",
            S::ArrivedDestination => "Прибыло в страну назначения",
            S::ImportCustoms => "Таможенное оформление при ввозе",
            S::LastMileHandover => "Передано местной службе доставки",
            S::DestinationSorting => "Сортировка в стране назначения",
            S::AtLocalOffice => "В отделении доставки",
            S::OutForDelivery => "Доставляется получателю",
            S::DeliveryFailed => "Неудачная попытка вручения",
            S::AwaitingPickup => "Ожидает получения",
            S::Delivered => "Отмечено как вручённое",
            S::InTransit => "В пути",
            S::CarrierUpdate => "Смена перевозчика или номера",
            S::Returning => "Возвращается отправителю",
            S::Returned => "Возвращено отправителю",
            S::Exception => "Проблема, о которой сообщил перевозчик",
            S::Unknown => "Статус не распознан",
        }
    }

    fn stage_short(&self, stage: Stage) -> &'static str {
        use Stage as S;
        match stage {
            S::OrderPlaced => "заказ",
            S::InfoReceived => "данные",
            S::Accepted => "принято",
            S::OriginSorting => "сортировка",
            S::ExportCustoms => "экспорт",
            S::LinehaulHandover => "авиа",
            S::DepartedOrigin => "покинуло страну",
            S::TransitHub => "транзит",
            S::ArrivedDestination => "прибыло",
            S::ImportCustoms => "таможня",
            S::LastMileHandover => "местная служба",
            S::DestinationSorting => "сортировка",
            S::AtLocalOffice => "отделение",
            S::OutForDelivery => "доставка",
            S::DeliveryFailed => "не вручено",
            S::AwaitingPickup => "ждёт получения",
            S::Delivered => "вручено",
            S::InTransit => "в пути",
            S::CarrierUpdate => "новый номер",
            S::Returning => "возврат",
            S::Returned => "возвращено",
            S::Exception => "проблема",
            S::Unknown => "",
        }
    }

    fn kind(&self, kind: EvidenceKind) -> &'static str {
        match kind {
            EvidenceKind::Order => "Страница заказа",
            EvidenceKind::Tracker => "Страница отслеживания",
            EvidenceKind::Chat => "Переписка",
            EvidenceKind::Delivery => "Данные о вручении",
            EvidenceKind::Post => "Ответ почты",
            EvidenceKind::Photo => "Фотография",
            EvidenceKind::Customs => "Таможенные документы",
            EvidenceKind::Other => "Другое",
        }
    }

    fn sender(&self, sender: Sender) -> &'static str {
        match sender {
            Sender::Me => "покупатель",
            Sender::Seller => "продавец",
            Sender::Platform => "поддержка площадки",
            Sender::Carrier => "перевозчик",
        }
    }

    fn severity(&self, severity: Severity) -> &'static str {
        match severity {
            Severity::Critical => "Критично",
            Severity::Warning => "Внимание",
            Severity::Info => "Примечание",
        }
    }

    fn flag_title(&self, code: FlagCode) -> &'static str {
        use FlagCode as F;
        match code {
            F::NoFirstScan => "Перевозчик не принял посылку",
            F::Stalled => "Нет движения",
            F::StalledOverMonth => "Нет движения больше месяца",
            F::DeliveredElsewhere => "Вручено в другом месте",
            F::DeliveredAutoclose => "Защита сокращена статусом вручения",
            F::NotReceived => "Не получено",
            F::WeightMismatch => "Вес не соответствует товару",
            F::LetterServiceHeavyItem => "Номер письменной отправки для тяжёлого товара",
            F::InvalidTrackingNumber => "Трек-номер не проходит проверку",
            F::TrackingNumberReused => "Трек-номер указан в другом заказе",
            F::NumberChanged => "Новый трек-номер",
            F::WrongCountry => "Статус в третьей стране",
            F::ScanBeforeOrder => "Событие перевозчика раньше заказа",
            F::PickupWaiting => "Ожидает получения",
            F::TemplateReplies => "Продавец отвечает только шаблонами",
            F::ProtectionEnding => "Защита покупателя скоро закончится",
            F::ProtectionExpired => "Защита покупателя закончилась",
            F::EvidenceMissing => "Доказательства ещё не собраны",
        }
    }

    fn flag_text(&self, code: FlagCode, about: &About, status: &dyn Fn(usize) -> String) -> String {
        match about {
            About::NoFirstScan { since, waited, react } => format!(
                "Заказ отмечен как отправленный {} назад ({}), и с тех пор ни один перевозчик не принял посылку. Обычно первая отметка появляется в течение {}.",
                self.days(*waited),
                self.date(since.date()),
                self.days(*react)
            ),
            About::Stalled { days, react, last, exported } => format!(
                "Отслеживание не показывает движения {}{}. На этом этапе больше {} — необычно долго. Последний статус: {}.",
                self.days(*days),
                if *exported {
                    ", прибытие в страну назначения не отмечено"
                } else {
                    ""
                },
                self.days(*react),
                status(*last)
            ),
            About::OverMonth { days, last } => match last {
                Some(last) => format!(
                    "Последнее движение было {} назад: больше месяца без новостей. Последний статус: {}.",
                    self.days(*days),
                    status(*last)
                ),
                None => format!("За {} после отправки не появилось ни одного статуса.", self.days(*days)),
            },
            About::ScanBeforeOrder { first, ordered } => format!(
                "Первое событие перевозчика ({}) раньше самого заказа, оформленного {}: номер может принадлежать другой посылке.",
                status(*first),
                self.date(ordered.date())
            ),
            About::Manual { notes } => {
                let what = match code {
                    FlagCode::NotReceived => {
                        "Покупатель заявляет, что посылку не получил, хотя отслеживание показывает её вручённой."
                    }
                    _ => "Покупатель заявляет, что продавец отвечает только шаблонными сообщениями без новых сведений.",
                };
                let mut text = what.to_string();
                for (date, note) in notes {
                    match note {
                        Some(note) => text.push_str(&format!(" Отмечено {date}: «{note}».")),
                        None => text.push_str(&format!(" Отмечено {date}.")),
                    }
                }
                text
            }
            About::PickupWaiting { status: at } => format!(
                "Посылка ожидает получения в пункте выдачи; она не вручена, пока её не забрали. Статус: {}.",
                status(*at)
            ),
            About::Elsewhere { status: at, postcode, place } => {
                let mut text =
                    format!("Отслеживание показывает посылку вручённой или ожидающей в другом месте: {}.", status(*at));
                if let Some((found, home)) = postcode {
                    text.push_str(&format!(" В статусе указан индекс {found}; индекс покупателя — {home}."));
                }
                if let Some((found, city)) = place {
                    text.push_str(&format!(" В статусе указано «{found}»; покупатель живёт в городе {city}."));
                }
                text
            }
            About::Autoclose { status: at, until } => format!(
                "После статуса о вручении ({}) AliExpress обычно досрочно завершает защиту покупателя; ожидаемый конец — {}.",
                status(*at),
                self.date(*until)
            ),
            About::WrongCountry { status: at, country } => format!(
                "Статус указывает на страну {country}, которая не является ни страной отправления, ни страной назначения: {}.",
                status(*at)
            ),
            About::Weight { status: at, weighed, item } => format!(
                "Перевозчик взвесил посылку: {}, а сам товар весит {}; в посылке может не быть заказанного товара. Статус: {}.",
                self.weight(*weighed),
                self.weight(*item),
                status(*at)
            ),
            About::LetterService { number, item } => format!(
                "{number} — номер письменной (мелкой) отправки для лёгких вещей, а товар весит {}.",
                self.weight(*item)
            ),
            About::InvalidNumber { number, suggestion } => {
                let mut text =
                    format!("{number} не проходит проверку своего формата и может не быть настоящим трек-номером.");
                if let Some(s) = suggestion {
                    text.push_str(&format!(" С исправлением одной опечатки он выглядел бы так: {s}."));
                }
                text
            }
            About::Reused { number } => {
                format!("{number} — также трек-номер другого заказа покупателя; он может не относиться к этой посылке.")
            }
            About::NumberChanged { status: at, silent } => {
                let mut text = "Посылке присвоен новый трек-номер или сменился перевозчик.".to_string();
                if let Some(at) = at {
                    text.push_str(&format!(" Статус: {}.", status(*at)));
                }
                if !silent.is_empty() {
                    text.push_str(&format!(" По номеру {} статусов пока нет.", join(self, silent)));
                }
                text
            }
            About::Protection { until, days_left } if *days_left < 0 => format!(
                "Защита покупателя закончилась {}, {} назад, а посылка не получена.",
                self.date(*until),
                self.days(-days_left)
            ),
            About::Protection { until, days_left } => format!(
                "Защита покупателя заканчивается {}, через {}, а посылка не получена.",
                self.date(*until),
                self.days(*days_left)
            ),
            About::EvidenceMissing { kinds } => {
                let kinds: Vec<String> = kinds.iter().map(|k| self.kind(*k).to_lowercase()).collect();
                format!("Среди доказательств пока нет: {}.", join(self, &kinds))
            }
        }
    }

    fn status_fact(&self, at: &str, text: &str, place: Option<&str>) -> String {
        match place {
            Some(place) => format!("{at}, «{text}» ({place})"),
            None => format!("{at}, «{text}»"),
        }
    }

    fn title(&self, platform: &str, number: &str) -> String {
        format!("Материалы спора: заказ {platform} {number}")
    }

    fn footer(&self, platform: &str, number: &str) -> String {
        format!("заказ {platform} {number}")
    }

    fn page(&self, n: usize, total: usize) -> String {
        format!("стр. {n} из {total}")
    }

    fn prepared(&self, date: &str, tool: &str) -> String {
        format!("Подготовлено {date} программой {tool}")
    }

    fn verdict(&self, v: &Verdict) -> String {
        let format = match v.format {
            Format::S10 => "международный почтовый номер (UPU S10)",
            Format::Cainiao => "номер Cainiao",
            Format::FourPx => "номер 4PX",
            Format::Yunexpress => "номер YunExpress",
            Format::RuDomestic => "внутренний номер Почты России",
            Format::Unknown => "номер непроверяемого формата",
        };
        let mut parts = vec![format.to_string()];
        if let Some(carrier) = &v.carrier {
            parts.push(carrier.clone());
        }
        parts.push(
            match v.valid {
                Some(true) => "контрольная цифра верна",
                Some(false) => "не проходит проверку",
                None => "контрольной цифры нет",
            }
            .to_string(),
        );
        parts.join(", ")
    }

    fn protection(&self, p: Option<&Protection>, platform: &str) -> String {
        let Some(p) = p else {
            return "Срок защиты покупателя не записан.".to_string();
        };
        let mut text = if p.days_left >= 0 {
            format!("Защита покупателя действует до {} (осталось {}).", self.date(p.until), self.days(p.days_left))
        } else {
            format!("Защита покупателя закончилась {} ({} назад).", self.date(p.until), self.days(-p.days_left))
        };
        let from = |shipment: bool| if shipment { "отправки" } else { "заказа" };
        text.push(' ');
        text.push_str(&match &p.source {
            Basis::Typed => "Дата указана на странице заказа.".to_string(),
            Basis::Days { days, from_shipment, start } => {
                format!("Площадка даёт {} с даты {} ({}).", self.days(*days), from(*from_shipment), self.date(*start))
            }
            Basis::Default { days, from_shipment, start } => format!(
                "Оценка: обычный срок {platform} — {} с даты {} ({}).",
                self.days(*days),
                from(*from_shipment),
                self.date(*start)
            ),
        });
        if let Some((days, delivered)) = p.cut {
            text.push_str(&format!(
                " После статуса о вручении (здесь {}) AliExpress обычно завершает защиту через {}, поэтому срок — оценка.",
                self.date(delivered),
                self.days(days)
            ));
        }
        text
    }

    fn intro(&self, platform: &str, number: &str, item: Option<&str>, ordered: Option<&str>) -> String {
        let mut text = format!("Покупатель оформил заказ {platform} {number}");
        if let Some(item) = item {
            text.push_str(&format!(" на товар «{item}»"));
        }
        if let Some(ordered) = ordered {
            text.push_str(&format!(" {ordered}"));
        }
        text.push('.');
        text
    }

    fn shipped(&self, date: &str) -> String {
        format!("Продавец отметил заказ как отправленный {date}.")
    }

    fn latest(&self, count: usize, at: &str, text: &str, place: Option<&str>, stage: Stage) -> String {
        let statuses = plural(count as i64, "статус", "статуса", "статусов");
        let place = place.map(|p| format!(" ({p})")).unwrap_or_default();
        format!(
            "Записано {statuses} отслеживания. Последний, {at}{place}: «{text}». Достигнутый этап: {}.",
            self.stage(stage).to_lowercase()
        )
    }

    fn no_status(&self) -> String {
        "Статусы отслеживания не записаны.".to_string()
    }

    fn silent(&self, days: i64, threshold: i64) -> String {
        format!(
            "С тех пор отслеживание не показывает движения {}; на этом этапе больше {} — необычно долго.",
            self.days(days),
            self.days(threshold)
        )
    }

    fn not_received(&self) -> String {
        "Покупатель посылку не получил.".to_string()
    }

    fn request(&self, action: ActionCode, reason: &Reason, by: &str, until: Option<&str>) -> String {
        let why = match reason {
            Reason::DeliveredNotReceived(Some(date)) => {
                format!("отслеживание показывает посылку вручённой {}, но покупатель её не получил", self.date(*date))
            }
            Reason::DeliveredNotReceived(None) => {
                "отслеживание показывает посылку вручённой, но покупатель её не получил".to_string()
            }
            Reason::Returned => "посылка отправлена обратно продавцу".to_string(),
            Reason::Silent(days) => {
                format!("посылка не пришла, а отслеживание не показывает движения {}", self.days(*days))
            }
            Reason::NoScan(days) => {
                format!("за {} после отметки об отправке ни один перевозчик не принял посылку", self.days(*days))
            }
            Reason::Weight => "вес по данным перевозчика не соответствует заказанному товару".to_string(),
            Reason::Reused => "указанный трек-номер принадлежит также другому заказу".to_string(),
            Reason::InvalidNumber => "указанный трек-номер не проходит проверку формата".to_string(),
            Reason::Pickup => "посылка ожидает получения в пункте выдачи".to_string(),
            Reason::Protection(days) if *days < 0 => {
                format!("защита покупателя закончилась {} назад, а посылка не получена", self.days(-days))
            }
            Reason::Protection(days) => {
                format!("защита покупателя заканчивается через {}, а посылка не получена", self.days(*days))
            }
            Reason::Delivered(Some(date)) => format!("отслеживание показывает посылку вручённой {}", self.date(*date)),
            Reason::Delivered(None) => "отслеживание показывает посылку вручённой".to_string(),
            Reason::Closed => "дело закрыто".to_string(),
            Reason::Nothing => "посылка в пути в обычные сроки".to_string(),
        };
        let until = until.map(|u| format!(" Защита покупателя действует до {u}.")).unwrap_or_default();
        match action {
            ActionCode::OpenDispute | ActionCode::Escalate => {
                format!("Покупатель просит вернуть полную стоимость заказа, так как {why}.{until}")
            }
            ActionCode::AskExtension => {
                format!("Покупатель просит продлить защиту покупателя, так как {why}.{until}")
            }
            ActionCode::WriteSeller => {
                format!("Покупатель просит продавца до {by} сообщить, где посылка, так как {why}.{until}")
            }
            ActionCode::ContactPostOffice => {
                format!(
                    "Покупатель запрашивает у местного почтового отделения данные о вручении, так как {why}.{until}"
                )
            }
            ActionCode::CollectParcel => format!("Требований нет: {why}.{until}"),
            ActionCode::Wait => format!("Требований пока нет: {why}.{until}"),
            ActionCode::None => format!("Требований нет: {why}.{until}"),
        }
    }

    fn gap(&self, days: i64) -> String {
        self.days(days)
    }

    fn message_line(&self, sender: Sender) -> String {
        format!("{} пишет:", capitalised(self.sender(sender)))
    }

    fn captured_line(&self, reference: &str, kind: EvidenceKind) -> String {
        format!("{reference} снято ({})", self.kind(kind).to_lowercase())
    }

    fn letter_head(&self, at: &str, sender: Sender, screenshot: Option<&str>) -> String {
        match screenshot {
            Some(e) => format!("{at} · {} · снимок экрана {e}", self.sender(sender)),
            None => format!("{at} · {}", self.sender(sender)),
        }
    }

    fn caption(&self, file: &str, media: &str, taken: Option<&str>, added: &str, hash: &str) -> String {
        let taken = taken.map(|t| format!(" · снято {t}")).unwrap_or_default();
        format!("{file} · {media}{taken} · записано {added} · SHA-256 {hash}…")
    }

    fn attached_as(&self, name: &str) -> String {
        format!("Оригинал вложен в этот PDF под именем «{name}».")
    }

    fn not_shown(&self, media: &str, attached: bool) -> String {
        if attached {
            format!("PDF не может показать этот формат ({media}); оригинал вложен в этот PDF.")
        } else {
            format!("PDF не может показать этот формат ({media}); оригинал хранится без изменений.")
        }
    }

    fn text_cut(&self, shown: usize, total: usize) -> String {
        format!("Показаны первые {shown} из {total} строк; весь файл — во вложенном оригинале.")
    }

    fn not_attached(&self, why: NotAttached, limit: &str) -> String {
        match why {
            NotAttached::SizeLimit => format!("не вложен: с ним PDF превысил бы предельный размер {limit}"),
            NotAttached::LeftOut => "не вложен: исключён по просьбе покупателя".to_string(),
            NotAttached::Off => "не вложен: этот экземпляр собран без вложений".to_string(),
        }
    }

    fn how_to_check(&self) -> Vec<String> {
        vec![
            "Для каждого файла доказательств при записи вычислен SHA-256, и с тех пор файл хранится без изменений. \
             Любой, у кого есть копия файла, может вычислить его SHA-256 и сравнить со значением ниже; \
             любое изменение файла, даже одного байта, даёт другое значение."
                .to_string(),
            "В Linux: sha256sum ФАЙЛ. В macOS: shasum -a 256 ФАЙЛ. В Windows (PowerShell): \
             Get-FileHash ФАЙЛ -Algorithm SHA256."
                .to_string(),
            "Каждое изменение дела записано в журнал, куда записи только добавляются; каждая запись содержит хеш \
             предыдущей. Хеш последней записи приведён ниже."
                .to_string(),
        ]
    }

    fn file_line(&self, reference: &str, name: &str, size: u64) -> String {
        format!("{reference} · {name} · {}", plural(size as i64, "байт", "байта", "байт"))
    }

    fn log_line(&self, entries: i64, head: &str) -> String {
        format!("Журнал событий: {}, последняя {head}", plural(entries, "запись", "записи", "записей"))
    }

    fn chart_silence(&self, days: i64) -> String {
        format!("{} без движения", self.days(days))
    }

    fn weight(&self, grams: Grams) -> String {
        grams.to_string().replace(" kg", " кг").replace(" g", " г").replace('.', ",")
    }
}
