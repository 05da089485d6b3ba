//! The Chinese dossier (`build --lang zh`, simplified characters), for sellers, Cainiao and
//! Chinese-speaking platform support.

use chrono::{Datelike, NaiveDate};

use super::{Label, NotAttached, Reason, Words, join};
use crate::model::{ActionCode, EvidenceKind, FlagCode, Grams, Sender, Severity, Stage};
use crate::rules::{About, Basis, Protection};
use crate::tracking::{Format, Verdict};

/// Chinese (simplified).
pub struct Zh;

impl Words for Zh {
    fn code(&self) -> &'static str {
        "zh"
    }

    fn label(&self, label: Label) -> &'static str {
        use Label as L;
        match label {
            L::Summary => "1. 概要",
            L::RedFlags => "2. 风险信号",
            L::Timeline => "3. 时间线",
            L::Correspondence => "4. 往来消息",
            L::Evidence => "5. 证据",
            L::Integrity => "6. 完整性",
            L::Platform => "平台",
            L::OrderNumber => "订单号",
            L::Item => "商品",
            L::Store => "店铺",
            L::Price => "价格",
            L::Ordered => "下单日期",
            L::Shipped => "发货日期",
            L::Shipping => "物流方式",
            L::Destination => "收货地址",
            L::ItemWeight => "商品重量",
            L::CurrentStage => "当前阶段",
            L::TrackingNumber => "运单号",
            L::Protection => "买家保护",
            L::Request => "诉求",
            L::NoFlags => "检查未发现风险信号。",
            L::NothingRecorded => "没有记录任何物流状态、消息或证据。",
            L::NoMessages => "没有记录往来消息。",
            L::NoEvidence => "没有附加证据文件。",
            L::ChartOrdered => "下单",
            L::ChartShipped => "发货",
            L::ChartToday => "今天",
            L::ChartProtection => "保护到期",
            L::ChartProtectionEstimate => "保护到期（估计）",
            L::NowNoNews => "今天：没有更新的物流状态",
            L::TimesLocal => "时间为物流查询页面显示的当地时间；页面给出 UTC 时差的，一并列出。",
            L::LeftOut => "应买家要求未在本 PDF 中显示；原始文件保持不变。",
            L::TextFollows => "文件内容：",
            L::Unreadable => "无法解码该图片；原始文件保持不变。",
            L::FilesHeading => "证据文件（SHA-256，大小）",
            L::NotAttachedHeading => "未附在本 PDF 中的原始文件",
            L::HowToExtract => {
                "原始文件作为附件嵌入本 PDF（多数阅读器中为“附件”或回形针面板），每个附件的说明中写有其 SHA-256。"
            }
            L::EvidenceRefs => "证据",
            L::OtherShop => "网店",
            L::And => "和",
        }
    }

    fn date(&self, date: NaiveDate) -> String {
        format!("{}年{}月{}日", date.year(), date.month(), date.day())
    }

    fn short_date(&self, date: NaiveDate) -> String {
        format!("{}月{}日", date.month(), date.day())
    }

    fn days(&self, n: i64) -> String {
        format!("{n} 天")
    }

    fn stage(&self, stage: Stage) -> &'static str {
        use Stage as S;
        match stage {
            S::OrderPlaced => "已下单",
            S::InfoReceived => "承运商已收到信息，包裹尚未交接",
            S::Accepted => "承运商已揽收",
            S::OriginSorting => "始发国分拣中",
            S::ExportCustoms => "出口清关",
            S::LinehaulHandover => "已交航空公司",
            S::DepartedOrigin => "已离开始发国",
            S::TransitHub => "在中转地",
            S::ArrivedDestination => "已到达目的国",
            S::ImportCustoms => "进口清关",
            S::LastMileHandover => "已交目的国派送公司",
            S::DestinationSorting => "目的国分拣中",
            S::AtLocalOffice => "已到达投递网点",
            S::OutForDelivery => "派送中",
            S::DeliveryFailed => "投递失败",
            S::AwaitingPickup => "等待领取",
            S::Delivered => "显示已妥投",
            S::InTransit => "运输中",
            S::CarrierUpdate => "承运商或单号变更",
            S::Returning => "正在退回寄件人",
            S::Returned => "已退回寄件人",
            S::Exception => "承运商报告异常",
            S::Unknown => "状态无法识别",
        }
    }

    fn stage_short(&self, stage: Stage) -> &'static str {
        use Stage as S;
        match stage {
            S::OrderPlaced => "下单",
            S::InfoReceived => "电子信息",
            S::Accepted => "揽收",
            S::OriginSorting => "分拣",
            S::ExportCustoms => "出口",
            S::LinehaulHandover => "交航",
            S::DepartedOrigin => "离开始发国",
            S::TransitHub => "中转",
            S::ArrivedDestination => "到达",
            S::ImportCustoms => "清关",
            S::LastMileHandover => "末端交接",
            S::DestinationSorting => "分拣",
            S::AtLocalOffice => "投递网点",
            S::OutForDelivery => "派送",
            S::DeliveryFailed => "投递失败",
            S::AwaitingPickup => "待领取",
            S::Delivered => "妥投",
            S::InTransit => "运输中",
            S::CarrierUpdate => "新单号",
            S::Returning => "退回中",
            S::Returned => "已退回",
            S::Exception => "异常",
            S::Unknown => "",
        }
    }

    fn kind(&self, kind: EvidenceKind) -> &'static str {
        match kind {
            EvidenceKind::Order => "订单页面",
            EvidenceKind::Tracker => "物流查询页面",
            EvidenceKind::Chat => "往来消息",
            EvidenceKind::Delivery => "投递记录",
            EvidenceKind::Post => "邮局答复",
            EvidenceKind::Photo => "照片",
            EvidenceKind::Customs => "海关文件",
            EvidenceKind::Other => "其他",
        }
    }

    fn sender(&self, sender: Sender) -> &'static str {
        match sender {
            Sender::Me => "买家",
            Sender::Seller => "卖家",
            Sender::Platform => "平台客服",
            Sender::Carrier => "承运商",
        }
    }

    fn severity(&self, severity: Severity) -> &'static str {
        match severity {
            Severity::Critical => "严重",
            Severity::Warning => "警告",
            Severity::Info => "说明",
        }
    }

    fn flag_title(&self, code: FlagCode) -> &'static str {
        use FlagCode as F;
        match code {
            F::NoFirstScan => "承运商未揽收",
            F::Stalled => "物流停滞",
            F::StalledOverMonth => "物流停滞超过一个月",
            F::DeliveredElsewhere => "投递到其他地点",
            F::DeliveredAutoclose => "妥投状态缩短了买家保护",
            F::NotReceived => "未收到",
            F::WeightMismatch => "重量与商品不符",
            F::LetterServiceHeavyItem => "重商品使用了小包（信函）服务",
            F::InvalidTrackingNumber => "运单号未通过校验",
            F::TrackingNumberReused => "运单号用于另一订单",
            F::NumberChanged => "新运单号",
            F::WrongCountry => "状态出现在第三国",
            F::ScanBeforeOrder => "承运商事件早于下单",
            F::PickupWaiting => "等待领取",
            F::TemplateReplies => "卖家只发模板回复",
            F::ProtectionEnding => "买家保护即将到期",
            F::ProtectionExpired => "买家保护已到期",
            F::EvidenceMissing => "证据尚未收集",
        }
    }

    fn flag_text(&self, code: FlagCode, about: &About, status: &dyn Fn(usize) -> String) -> String {
        match about {
            About::NoFirstScan { since, waited, react } => format!(
                "订单在 {} 天前（{}）标记为已发货，此后没有任何承运商揽收包裹。超过 {} 没有首次扫描属于异常。",
                waited,
                self.date(since.date()),
                self.days(*react)
            ),
            About::Stalled { days, react, last, exported } => format!(
                "物流已 {} 没有任何进展{}。在此阶段超过 {} 属于异常。最后状态：{}。",
                self.days(*days),
                if *exported { "，且没有到达目的国的记录" } else { "" },
                self.days(*react),
                status(*last)
            ),
            About::OverMonth { days, last } => match last {
                Some(last) => {
                    format!("最后一次进展在 {} 前：超过一个月没有消息。最后状态：{}。", self.days(*days), status(*last))
                }
                None => format!("发货后 {} 内没有任何状态。", self.days(*days)),
            },
            About::ScanBeforeOrder { first, ordered } => format!(
                "承运商的第一个事件（{}）早于 {} 的下单时间：该单号可能属于另一个包裹。",
                status(*first),
                self.date(ordered.date())
            ),
            About::Manual { notes } => {
                let mut text = match code {
                    FlagCode::NotReceived => "买家声明未收到包裹，尽管物流信息显示已交付。",
                    _ => "买家声明卖家只发模板回复，没有提供新信息。",
                }
                .to_string();
                for (date, note) in notes {
                    match note {
                        Some(note) => text.push_str(&format!("记录于 {date}：“{note}”。")),
                        None => text.push_str(&format!("记录于 {date}。")),
                    }
                }
                text
            }
            About::PickupWaiting { status: at } => {
                format!("包裹显示在自提点等待领取；领取之前不算投递。状态：{}。", status(*at))
            }
            About::Elsewhere { status: at, postcode, place } => {
                let mut text = format!("物流信息显示包裹在其他地点妥投或等待领取：{}。", status(*at));
                if let Some((found, home)) = postcode {
                    text.push_str(&format!("状态中的邮编为 {found}；买家的邮编为 {home}。"));
                }
                if let Some((found, city)) = place {
                    text.push_str(&format!("状态中的地点为“{found}”；买家住在 {city}。"));
                }
                text
            }
            About::Autoclose { status: at, until } => format!(
                "出现“妥投”状态（{}）后，速卖通通常会提前结束买家保护；估计到期日为 {}。",
                status(*at),
                self.date(*until)
            ),
            About::WrongCountry { status: at, country } => {
                format!("有状态显示包裹在 {country}，既不是始发国也不是目的国：{}。", status(*at))
            }
            About::Weight { status: at, weighed, item } => format!(
                "承运商称得包裹重 {}，而商品本身重 {}：包裹里可能不是所订商品。状态：{}。",
                self.weight(*weighed),
                self.weight(*item),
                status(*at)
            ),
            About::LetterService { number, item } => {
                format!("{number} 是小包（信函）服务的单号，用于轻小物品，而商品重 {}。", self.weight(*item))
            }
            About::InvalidNumber { number, suggestion } => {
                let mut text = format!("{number} 未通过其格式校验，可能不是真实的运单号。");
                if let Some(s) = suggestion {
                    text.push_str(&format!("更正一处输入错误后应为 {s}。"));
                }
                text
            }
            About::Reused { number } => format!("{number} 也是买家另一订单的运单号：它可能不对应本包裹。"),
            About::NumberChanged { status: at, silent } => {
                let mut text = "包裹换了新的运单号或承运商。".to_string();
                if let Some(at) = at {
                    text.push_str(&format!("状态：{}。", status(*at)));
                }
                if !silent.is_empty() {
                    text.push_str(&format!("{} 下尚无状态记录。", join(self, silent)));
                }
                text
            }
            About::Protection { until, days_left } if *days_left < 0 => {
                format!("买家保护已于 {} 到期（{} 前），包裹仍未收到。", self.date(*until), self.days(-days_left))
            }
            About::Protection { until, days_left } => {
                format!("买家保护将于 {} 到期（还剩 {}），包裹仍未收到。", self.date(*until), self.days(*days_left))
            }
            About::EvidenceMissing { kinds } => {
                let kinds: Vec<String> = kinds.iter().map(|k| self.kind(*k).to_string()).collect();
                format!("证据中尚缺：{}。", join(self, &kinds))
            }
        }
    }

    fn status_fact(&self, at: &str, text: &str, place: Option<&str>) -> String {
        match place {
            Some(place) => format!("{at}，“{text}”（{place}）"),
            None => format!("{at}，“{text}”"),
        }
    }

    fn title(&self, platform: &str, number: &str) -> String {
        format!("纠纷材料：{platform} 订单 {number}")
    }

    fn footer(&self, platform: &str, number: &str) -> String {
        format!("{platform} 订单 {number}")
    }

    fn page(&self, n: usize, total: usize) -> String {
        format!("第 {n} 页，共 {total} 页")
    }

    fn prepared(&self, date: &str, tool: &str) -> String {
        format!("{date} 由 {tool} 生成")
    }

    fn verdict(&self, v: &Verdict) -> String {
        let format = match v.format {
            Format::S10 => "国际邮政单号（UPU S10）",
            Format::Cainiao => "菜鸟单号",
            Format::FourPx => "递四方单号",
            Format::Yunexpress => "云途单号",
            Format::RuDomestic => "俄罗斯邮政国内单号",
            Format::Unknown => "未校验格式的单号",
        };
        let mut parts = vec![format.to_string()];
        if let Some(carrier) = &v.carrier {
            parts.push(carrier.clone());
        }
        parts.push(
            match v.valid {
                Some(true) => "校验位正确",
                Some(false) => "未通过校验",
                None => "无校验位",
            }
            .to_string(),
        );
        parts.join("，")
    }

    fn protection(&self, p: Option<&Protection>, platform: &str) -> String {
        let Some(p) = p else {
            return "买家保护到期日未记录。".to_string();
        };
        let mut text = if p.days_left >= 0 {
            format!("买家保护于 {} 到期（还剩 {}）。", self.date(p.until), self.days(p.days_left))
        } else {
            format!("买家保护已于 {} 到期（{} 前）。", self.date(p.until), self.days(-p.days_left))
        };
        let from = |shipment: bool| if shipment { "发货" } else { "下单" };
        text.push_str(&match &p.source {
            Basis::Typed => "日期为订单页面所示。".to_string(),
            Basis::Days { days, from_shipment, start } => {
                format!("平台给予自{}（{}）起 {}。", from(*from_shipment), self.date(*start), self.days(*days))
            }
            Basis::Default { days, from_shipment, start } => format!(
                "估计：{platform} 通常为自{}（{}）起 {}。",
                from(*from_shipment),
                self.date(*start),
                self.days(*days)
            ),
        });
        if let Some((days, delivered)) = p.cut {
            text.push_str(&format!(
                "出现“妥投”状态（{}）后，速卖通通常在 {} 后结束保护，因此到期日为估计值。",
                self.date(delivered),
                self.days(days)
            ));
        }
        text
    }

    fn intro(&self, platform: &str, number: &str, item: Option<&str>, ordered: Option<&str>) -> String {
        let mut text = "买家".to_string();
        if let Some(ordered) = ordered {
            text.push_str(&format!("于 {ordered} "));
        }
        text.push_str(&format!("在 {platform} 下单（订单号 {number}）"));
        if let Some(item) = item {
            text.push_str(&format!("，购买“{item}”"));
        }
        text.push('。');
        text
    }

    fn shipped(&self, date: &str) -> String {
        format!("卖家于 {date} 将订单标记为已发货。")
    }

    fn latest(&self, count: usize, at: &str, text: &str, place: Option<&str>, stage: Stage) -> String {
        let place = place.map(|p| format!("（{p}）")).unwrap_or_default();
        format!("共记录 {count} 条物流状态。最新一条为 {at}{place}：“{text}”。已到达的阶段：{}。", self.stage(stage))
    }

    fn no_status(&self) -> String {
        "没有记录物流状态。".to_string()
    }

    fn silent(&self, days: i64, threshold: i64) -> String {
        format!("此后物流已 {} 没有进展；在此阶段超过 {} 属于异常。", self.days(days), self.days(threshold))
    }

    fn not_received(&self) -> String {
        "买家尚未收到包裹。".to_string()
    }

    fn request(&self, action: ActionCode, reason: &Reason, by: &str, until: Option<&str>) -> String {
        let why = match reason {
            Reason::DeliveredNotReceived(Some(date)) => {
                format!("物流信息显示包裹已于 {} 妥投，但买家并未收到", self.date(*date))
            }
            Reason::DeliveredNotReceived(None) => "物流信息显示包裹已妥投，但买家并未收到".to_string(),
            Reason::Returned => "包裹正在退回卖家".to_string(),
            Reason::Silent(days) => format!("包裹未到，物流已 {} 没有进展", self.days(*days)),
            Reason::NoScan(days) => format!("标记发货后 {} 内没有任何承运商揽收包裹", self.days(*days)),
            Reason::Weight => "承运商称重与所订商品不符".to_string(),
            Reason::Reused => "所给运单号也是另一订单的运单号".to_string(),
            Reason::InvalidNumber => "所给运单号未通过格式校验".to_string(),
            Reason::Pickup => "包裹在自提点等待领取".to_string(),
            Reason::Protection(days) if *days < 0 => format!("买家保护已于 {} 前到期，包裹仍未收到", self.days(-days)),
            Reason::Protection(days) => format!("买家保护还剩 {} 到期，包裹仍未收到", self.days(*days)),
            Reason::Delivered(Some(date)) => format!("物流信息显示包裹已于 {} 妥投", self.date(*date)),
            Reason::Delivered(None) => "物流信息显示包裹已妥投".to_string(),
            Reason::Closed => "此案已结".to_string(),
            Reason::Nothing => "包裹在正常时限内运输中".to_string(),
        };
        let until = until.map(|u| format!("买家保护于 {u} 到期。")).unwrap_or_default();
        match action {
            ActionCode::OpenDispute | ActionCode::Escalate => format!("买家要求全额退款，因为{why}。{until}"),
            ActionCode::AskExtension => format!("买家要求延长买家保护，因为{why}。{until}"),
            ActionCode::WriteSeller => format!("买家要求卖家在 {by} 之前说明包裹下落，因为{why}。{until}"),
            ActionCode::ContactPostOffice => format!("买家正在向当地邮局索取投递记录，因为{why}。{until}"),
            ActionCode::CollectParcel => format!("暂无诉求：{why}。{until}"),
            ActionCode::Wait => format!("暂无诉求：{why}。{until}"),
            ActionCode::None => format!("无诉求：{why}。{until}"),
        }
    }

    fn gap(&self, days: i64) -> String {
        self.days(days)
    }

    fn message_line(&self, sender: Sender) -> String {
        format!("{}写道：", self.sender(sender))
    }

    fn captured_line(&self, reference: &str, kind: EvidenceKind) -> String {
        format!("{reference} 截取（{}）", self.kind(kind))
    }

    fn letter_head(&self, at: &str, sender: Sender, screenshot: Option<&str>) -> String {
        match screenshot {
            Some(e) => format!("{at} · 来自{} · 截图 {e}", self.sender(sender)),
            None => format!("{at} · 来自{}", self.sender(sender)),
        }
    }

    fn caption(&self, file: &str, media: &str, taken: Option<&str>, added: &str, hash: &str) -> String {
        let taken = taken.map(|t| format!(" · 拍摄于 {t}")).unwrap_or_default();
        format!("{file} · {media}{taken} · 记录于 {added} · SHA-256 {hash}…")
    }

    fn attached_as(&self, name: &str) -> String {
        format!("原始文件以“{name}”为名附在本 PDF 中。")
    }

    fn not_shown(&self, media: &str, attached: bool) -> String {
        if attached {
            format!("PDF 无法显示此格式（{media}）；原始文件已附在本 PDF 中。")
        } else {
            format!("PDF 无法显示此格式（{media}）；原始文件保持不变。")
        }
    }

    fn text_cut(&self, shown: usize, total: usize) -> String {
        format!("显示前 {shown} 行（共 {total} 行）；完整文件见附件中的原始文件。")
    }

    fn not_attached(&self, why: NotAttached, limit: &str) -> String {
        match why {
            NotAttached::SizeLimit => format!("未附：附上后 PDF 将超过 {limit} 的大小上限"),
            NotAttached::LeftOut => "未附：应买家要求略去".to_string(),
            NotAttached::Off => "未附：此版本不含附件".to_string(),
        }
    }

    fn how_to_check(&self) -> Vec<String> {
        vec![
            "每个证据文件在记录时计算了 SHA-256，此后保持不变。任何持有文件副本的人都可以计算其 SHA-256 并与下列数值比较；文件哪怕改动一个字节，数值也会不同。".to_string(),
            "Linux：sha256sum 文件。macOS：shasum -a 256 文件。Windows（PowerShell）：Get-FileHash 文件 -Algorithm SHA256。".to_string(),
            "本案的每次修改都记录在只追加的日志中，每条记录都含有前一条的哈希值；最新一条的哈希值见下。".to_string(),
        ]
    }

    fn file_line(&self, reference: &str, name: &str, size: u64) -> String {
        format!("{reference} · {name} · {size} 字节")
    }

    fn log_line(&self, entries: i64, head: &str) -> String {
        format!("事件日志：{entries} 条，最新一条 {head}")
    }

    fn chart_silence(&self, days: i64) -> String {
        format!("{} 无进展", self.days(days))
    }

    fn weight(&self, grams: Grams) -> String {
        grams.to_string().replace(" kg", " 千克").replace(" g", " 克")
    }
}
