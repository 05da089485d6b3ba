#!/usr/bin/env python3
"""Generates a large, realistic dossier data home for benchmarks (not a test fixture).

Usage:
    benches/gen_home.py [--orders N] [--statuses M] [--seed S] [--bin PATH] [--force] DIR

The schema is created by the real binary (`dossier --home DIR order list`), so the file
is exactly what dossier itself would open; then every row is written directly with
`executemany` in one transaction (seconds, not the hours 200,000 `status add` calls take).

What it writes (deterministic for a given --seed, --orders and --statuses):
  * N orders: platforms aliexpress/ebay/temu/joom, buyers in RU/DE/BR/US (city, postcode),
    item weights, ordered/shipped dates in 2026-07..2026-11, protection_days or
    protection_until; about 10 % closed (outcome, close_note, closed_at).
  * 1-2 tracking numbers per order: S10 numbers with correct check digits (mostly R…CN,
    some L/U letter services), Cainiao LP + 14 digits, a few numbers reused across orders.
  * exactly M statuses (about M/N per order), texts from domain.md §6 in English, Chinese
    and Russian, in route order, from several sources (platform, cainiao, tracker, post,
    courier). Fates: delivered, waiting at a pick-up point, moving, stalled at some stage,
    no first scan, returning / exception, carrier change. A few planted anomalies: carrier
    weight far from the item's, a first scan before the order, delivery in another city,
    an explicit --stage.
  * moments in the three storage forms: `2026-09-15` (date), `2026-09-15T16:05:00`
    (offset unknown) and `2026-09-15T16:05:00+08:00` (offset known, +08:00 or +03:00);
    `at_sort` is what `When::sort_key` computes: the UTC instant for a known offset, the
    wall clock read as UTC for an unknown one, midnight UTC for a date.
  * a few messages and manual flags, and one `order.add` entry per case in the event log
    (canonical JSON body + SHA-256, so every case has a log head like a real one; the body
    is a faithful-enough sketch, not byte-for-byte what `order add` would write).

Python 3.8+, standard library only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

UTC = dt.timezone.utc
CN_TZ = dt.timezone(dt.timedelta(hours=8))
RU_TZ = dt.timezone(dt.timedelta(hours=3))
# The moment benches/check_all.sh evaluates at (--now).
NOW = dt.datetime(2026, 11, 24, 12, 0, tzinfo=RU_TZ)
DAY = 86400
HOUR = 3600
GENESIS = "0" * 64

# ---------------------------------------------------------------------------------------
# Phrases (domain.md §6), by step: (English, Chinese, Russian).
# ---------------------------------------------------------------------------------------
PHRASES = {
    "placed": (["Order placed", "Payment confirmed", "Order paid"],
               ["买家已下单", "付款成功", "支付成功"],
               ["Заказ оформлен", "Заказ оплачен"]),
    "info": (["Order received by warehouse", "Package ready for shipping",
              "Shipment information received", "Electronic information received"],
             ["商家发货", "接收到电子预报", "商家已发货，接收到电子预报"],
             ["Регистрация отправки", "Получена электронная регистрация"]),
    "accepted": (["Received by logistics company", "Shipment picked up", "Pickup scan"],
                 ["揽收成功", "已揽收", "【深圳】已揽收"],
                 ["Приём", "Принято в отделении связи"]),
    "origin_sorting": (["Arrived at sorting center", "Departed from sorting center",
                        "Outbound in sorting center"],
                       ["入库成功", "出库成功", "到达【东莞转运中心】", "离开转运中心"],
                       ["Сортировка", "Покинуло место приёма"]),
    "export_customs": (["Export customs clearance started", "Export customs clearance complete"],
                       ["出口清关开始", "出口清关完成"],
                       ["Таможенное оформление завершено"]),
    "linehaul": (["Hand over to airline", "Arrived at departure transport hub",
                  "Leaving from departure country/region"],
                 ["交接成功", "交航安检成功"],
                 ["Передано авиаперевозчику"]),
    "departed": (["Departed from departure country/region", "Flight departed"],
                 ["航班起飞", "已起飞"],
                 ["Экспорт международной почты"]),
    "transit": (["Arrived in transit country", "Arrived at transit hub"],
                ["到达中转国", "到达中转"],
                ["Прибыло в место транзита"]),
    "arrived": (["Arrived at destination country/region", "Arrived at linehaul office",
                 "Flight arrived"],
                ["航班到达", "已到达目的地国家/地区"],
                ["Прибыло на территорию РФ", "Импорт международной почты",
                 "Прибыло в место международного обмена"]),
    "import_customs": (["Import customs clearance started", "Import customs clearance complete",
                        "Held by customs"],
                       ["清关开始", "清关完成"],
                       ["Приём на таможню", "Выпущено таможней", "Таможенное оформление завершено"]),
    "last_mile": (["Departed from customs", "Accepted by last mile", "Delivered to local carrier",
                   "Handed over to the local carrier"],
                  ["清关转交成功"],
                  ["Покинуло место международного обмена"]),
    "dest_sorting": (["Arrived at sorting center", "Departed from sorting center",
                      "Processed at regional facility"],
                     ["入库成功", "出库成功"],
                     ["Прибыло в сортировочный центр", "Покинуло сортировочный центр", "Сортировка"]),
    "local_office": (["Arrived at local delivery center", "Arrived at post office",
                      "Arrived at delivery station"],
                     ["到达最后投递站"],
                     ["Прибыло в место вручения"]),
    "out_for_delivery": (["Out for delivery", "With courier for delivery"],
                         ["开始投递", "快递员派件中", "派送中"],
                         ["Передано почтальону", "Передано курьеру"]),
    "delivery_failed": (["Delivery attempt failed", "Recipient not at home"],
                        ["投递失败", "派送失败"],
                        ["Неудачная попытка вручения", "Временное отсутствие адресата"]),
    "awaiting_pickup": (["Awaiting collection", "Ready for pickup", "Delivered to parcel locker"],
                        ["等待用户自提", "自提点签收", "菜鸟驿站签收"],
                        ["Прибыло в почтомат", "Направлено извещение", "Ожидает адресата в месте вручения"]),
    "pickup_expiring": (["Storage period expires soon, return soon"],
                        ["待取件"],
                        ["Истекает срок хранения"]),
    "delivered": (["Delivered", "Delivered to mailbox", "Delivery successful"],
                  ["用户签收", "已签收", "妥投"],
                  ["Вручение адресату", "Получено адресатом"]),
    "returning": (["Return to sender", "Returning to sender", "Return in progress"],
                  ["包裹退回", "退件"],
                  ["Возврат", "Возврат. Истёк срок хранения"]),
    "returned": (["Delivered to sender", "Return delivered"],
                 ["退回卖家签收"],
                 ["Вручение отправителю"]),
    "exception": (["Parcel lost", "Destroyed", "Seized by customs"],
                  ["包裹异常", "包裹丢失"],
                  ["Утрачено", "Изъято", "Уничтожение"]),
    "carrier_update": (["New tracking number: {new}", "Relabelled by carrier"],
                       ["转单，新单号 {new}", "换单"],
                       ["Зарегистрировано с новым номером {new}"]),
    "generic": (["In transit", "On the way", "Shipment in transit"],
                ["运输中", "转运中"],
                ["В пути"]),
    # Texts no rule knows: classified `unknown`, never guessed.
    "noise": (["Shipment status updated", "Processing", "Item scanned"],
              ["处理中", "已处理"],
              ["Обработка", "Информация обновлена"]),
}

# The main route in order; optional steps are skipped by some parcels.
ROUTE = ["placed", "info", "accepted", "origin_sorting", "export_customs", "linehaul", "departed",
         "transit", "arrived", "import_customs", "last_mile", "dest_sorting", "local_office",
         "out_for_delivery", "delivery_failed", "awaiting_pickup", "delivered"]
OPTIONAL = {"transit": 0.35, "export_customs": 0.25, "linehaul": 0.2, "last_mile": 0.3,
            "delivery_failed": 0.85, "awaiting_pickup": 0.7}
DESTINATION_SIDE = set(ROUTE[ROUTE.index("arrived"):]) | {
    "pickup_expiring", "returning", "returned", "exception"}
# Where a stalled parcel stops, weighted towards the classic silences.
STALL_AT = [("accepted", 3), ("origin_sorting", 6), ("export_customs", 2), ("linehaul", 3),
            ("departed", 10), ("transit", 3), ("arrived", 6), ("import_customs", 5),
            ("last_mile", 3), ("dest_sorting", 4), ("local_office", 2), ("out_for_delivery", 1)]

COUNTRIES = {
    # code: (weight, [(city in latin, city as the local post writes it, postcode)], currency)
    "RU": (50, [("Moscow", "Москва", "101000"), ("Kazan", "Казань", "420000"),
                ("Novosibirsk", "Новосибирск", "630000"), ("Yekaterinburg", "Екатеринбург", "620000"),
                ("Saint Petersburg", "Санкт-Петербург", "190000"), ("Samara", "Самара", "443000"),
                ("Krasnodar", "Краснодар", "350000"), ("Omsk", "Омск", "644000")], "RUB"),
    "DE": (15, [("Berlin", "Berlin", "10115"), ("Hamburg", "Hamburg", "20095"),
                ("Munich", "München", "80331"), ("Cologne", "Köln", "50667")], "EUR"),
    "BR": (15, [("Sao Paulo", "São Paulo", "01310-100"), ("Rio de Janeiro", "Rio de Janeiro", "20040-002"),
                ("Curitiba", "Curitiba", "80010-000"), ("Recife", "Recife", "50030-230")], "BRL"),
    "US": (20, [("Chicago", "Chicago", "60601"), ("Austin", "Austin", "73301"),
                ("Seattle", "Seattle", "98101"), ("Denver", "Denver", "80202"),
                ("Portland", "Portland", "97201")], "USD"),
}
PLATFORMS = [("aliexpress", 55), ("ebay", 15), ("temu", 15), ("joom", 15)]
ORIGIN_PLACES = [("深圳", "Shenzhen"), ("广州", "Guangzhou"), ("东莞", "Dongguan"), ("义乌", "Yiwu"),
                 ("上海", "Shanghai"), ("杭州", "Hangzhou")]
HUBS = ["Riga", "Liege", "Amsterdam", "Helsinki", "Vilnius", "Budapest", "Frankfurt"]
ITEMS = ["USB-C hub 7-in-1", "Phone case", "Bluetooth earbuds", "LED strip 5 m", "Smart watch band",
         "Mechanical keyboard", "Soldering iron kit", "Camping lantern", "Kids' raincoat",
         "Car phone holder", "Silicone baking mats", "Fishing lure set", "Wireless mouse",
         "Laptop stand", "Hair clipper", "Yoga mat", "Drill bit set", "Desk lamp", "Power bank 20000 mAh"]
STORES = ["Yuelan Tech Accessories Store", "Shenzhen Gadget World", "HomeJoy Official Store",
          "Outdoor Pro Store", "Best Deals Direct", "Lucky Star Factory Store", "Smart Life Store"]
SHIPPING = {"aliexpress": ["AliExpress Standard Shipping", "Cainiao Super Economy", "AliExpress Selection Standard"],
            "ebay": ["Economy International Shipping", "Standard International Shipping"],
            "temu": ["Standard shipping"], "joom": ["Joom Logistics", "Standard"]}
SEND_LETTERS = "RRRRRRRRCCEHLU"  # S10 service indicators, mostly registered

S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)


def s10(rng: random.Random, service: str | None = None, suffix: str = "CN") -> str:
    """A UPU S10 number with a correct check digit."""
    first = service or rng.choice(SEND_LETTERS)
    second = rng.choice("ABCDEFGHJKMNPQRSTVWXYZ")
    serial = f"{rng.randrange(10 ** 8):08d}"
    check = 11 - sum(int(d) * w for d, w in zip(serial, S10_WEIGHTS)) % 11
    check = {10: 0, 11: 5}.get(check, check)
    return f"{first}{second}{serial}{check}{suffix}"


def lp(rng: random.Random) -> str:
    return "LP00" + f"{rng.randrange(10 ** 12):012d}"


def weighted(rng: random.Random, pairs):
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


# ---------------------------------------------------------------------------------------
# Moments in storage form and their sort keys (dates.rs `When::to_storage` / `sort_key`).
# ---------------------------------------------------------------------------------------
def when(epoch: int, kind: str, tz: dt.timezone) -> tuple[str, int]:
    """(storage text, at_sort) of the instant `epoch` as a tracker in `tz` would show it.

    kind: "fixed" keeps the offset; "local" writes the wall clock without it (sorted as if
    UTC); "date" keeps only the calendar day (sorted at midnight UTC).
    """
    local = dt.datetime.fromtimestamp(epoch, tz)
    if kind == "fixed":
        off = local.strftime("%z")
        return local.strftime("%Y-%m-%dT%H:%M:%S") + off[:3] + ":" + off[3:], epoch
    naive = local.replace(tzinfo=None)
    if kind == "local":
        return naive.strftime("%Y-%m-%dT%H:%M:%S"), int(naive.replace(tzinfo=UTC).timestamp())
    day = naive.date()
    return day.isoformat(), int(dt.datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp())


def stamp(epoch: int) -> str:
    """`now` as dossier writes it into records (RFC 3339, seconds, the user's offset)."""
    local = dt.datetime.fromtimestamp(epoch, RU_TZ)
    return local.strftime("%Y-%m-%dT%H:%M:%S") + "+03:00"


def canonical(value) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


# ---------------------------------------------------------------------------------------
# The generator.
# ---------------------------------------------------------------------------------------
class Gen:
    def __init__(self, orders: int, statuses: int, seed: int):
        self.n, self.m = orders, statuses
        self.rng = random.Random(seed)
        self.now = int(NOW.timestamp())
        self.orders, self.tracking, self.statuses = [], [], []
        self.messages, self.flags, self.events = [], [], []
        self.all_numbers: list[str] = []

    # -- counts -----------------------------------------------------------------------
    def fates(self):
        r = self.rng
        fates = [weighted(r, [("delivered", 33), ("stalled", 30), ("moving", 20), ("pickup", 6),
                              ("no_scan", 3), ("returning", 3), ("exception", 2), ("carrier_update", 3)])
                 for _ in range(self.n)]
        avg = self.m / self.n
        counts = []
        for fate in fates:
            if fate == "no_scan":
                counts.append(r.randint(1, 4))
            else:
                counts.append(max(3, round(avg * r.uniform(0.45, 1.55))))
        # Make the total exactly M: nudge random orders (never below their floor).
        diff = self.m - sum(counts)
        adjustable = [i for i, f in enumerate(fates) if f != "no_scan"] or list(range(self.n))
        while diff != 0:
            i = r.choice(adjustable)
            step = 1 if diff > 0 else -1
            if counts[i] + step >= (1 if fates[i] == "no_scan" else 3) or step > 0:
                counts[i] += step
                diff -= step
        return fates, counts

    # -- one order --------------------------------------------------------------------
    def make_order(self, oid: int, fate: str, count: int):
        r = self.rng
        platform = weighted(r, PLATFORMS)
        country = weighted(r, [(c, v[0]) for c, v in COUNTRIES.items()])
        city, city_local, postcode = r.choice(COUNTRIES[country][1])
        currency = r.choice([COUNTRIES[country][2], "USD", "USD"])
        # Ordered 2026-07-01 … 2026-11-20, at a random time of day in the buyer's zone.
        start = int(dt.datetime(2026, 7, 1, tzinfo=RU_TZ).timestamp())
        end = int(dt.datetime(2026, 11, 20, tzinfo=RU_TZ).timestamp())
        ordered_at = r.randrange(start, end)
        if fate == "stalled" and ordered_at > self.now - 30 * DAY:
            ordered_at = r.randrange(start, self.now - 30 * DAY)  # a stall needs time
        shipped_at = ordered_at + r.randint(1, 6) * DAY + r.randrange(DAY)
        ordered_txt, _ = when(ordered_at, r.choice(["fixed", "fixed", "date", "local"]), RU_TZ)
        shipped_txt = None if r.random() < 0.07 else when(shipped_at, "date", CN_TZ)[0]
        protection_days = protection_until = None
        if r.random() < 0.25:
            protection_until = when(shipped_at + r.randint(45, 110) * DAY, "date", RU_TZ)[0]
        elif r.random() < 0.8:
            protection_days = {"aliexpress": {"RU": 90, "BR": 120}.get(country, r.choice([60, 75])),
                               "ebay": 60, "temu": 90, "joom": 75}[platform]
        if platform == "aliexpress":
            number = str(8100000000000000 + oid * 7919)
        elif platform == "ebay":
            n = 10 ** 10 + oid * 104729
            number = f"{n // 10 ** 9 % 100:02d}-{n // 10 ** 4 % 100000:05d}-{n % 10000 + 10000:05d}"
        elif platform == "temu":
            number = f"PO-211-{oid * 3571 % 10 ** 12:012d}{oid % 1000:03d}"
        else:
            number = f"{oid * 2654435761 % 16 ** 12:012x}{oid % 16 ** 4:04x}"
        weight = float(r.choice([35, 80, 120, 180, 250, 350, 420, 600, 850, 1200, 1900, 2600]))
        created = stamp(ordered_at + r.randrange(6 * HOUR))
        uid = str(uuid.UUID(int=r.getrandbits(128), version=4))
        order = {
            "id": oid, "uuid": uid, "platform": platform, "number": number,
            "item": r.choice(ITEMS), "store": r.choice(STORES),
            "price": f"{r.randint(1, 120)}.{r.randrange(100):02d}", "currency": currency,
            "ordered": ordered_txt, "shipped": shipped_txt, "protection_until": protection_until,
            "protection_days": protection_days, "country": country,
            "city": city_local if country == "RU" else city, "postcode": postcode,
            "weight_grams": weight, "shipping": r.choice(SHIPPING[platform]),
            "outcome": None, "close_note": None, "closed_at": None, "created_at": created,
        }

        # Tracking numbers: S10 (letter services for some), Cainiao LP, a few reused.
        numbers = []
        if self.all_numbers and r.random() < 0.006:
            numbers.append(r.choice(self.all_numbers))
        elif r.random() < 0.35:
            numbers.append(lp(r))
        else:
            numbers.append(s10(r, suffix=r.choice(["CN"] * 40 + ["SG", "HK", "NL", "LV"])))
        second = None
        if fate == "carrier_update" or r.random() < 0.12:
            second = s10(r) if r.random() < 0.5 else lp(r)
            if second not in numbers:
                numbers.append(second)
        for number in numbers:
            self.tracking.append((oid, number, None, None, created))
        self.all_numbers.extend(numbers)

        last_at = self.make_statuses(oid, fate, count, order, numbers, ordered_at, shipped_at,
                                     city, city_local, postcode, weight)

        # ~10 % closed; the outcome follows the fate.
        if r.random() < 0.10:
            outcome = {"delivered": "received", "exception": "lost"}.get(
                fate, r.choice(["refunded", "refunded", "partial-refund", "cancelled", "lost"]))
            closed = min(self.now - HOUR, (last_at or shipped_at) + r.randint(1, 10) * DAY)
            order.update(outcome=outcome, closed_at=stamp(closed),
                         close_note=r.choice([None, "refund received after dispute", "seller resent the item",
                                              "parcel arrived"]))
        self.orders.append(order)

        # A few messages and manual flags.
        if r.random() < 0.06:
            t = max(shipped_at, (last_at or shipped_at)) + r.randint(5, 20) * DAY
            for sender, text in [("me", f"Hello. My order {number} has had no tracking update. Where is my parcel?"),
                                 ("seller", "Dear friend, thank you for your patience. Your parcel is on the way."),
                                 ("platform", "If you have not received the item, you can open a dispute.")][
                                    : r.randint(1, 3)]:
                t = min(t, self.now - HOUR)
                at, key = when(t, r.choice(["fixed", "local"]), RU_TZ)
                self.messages.append((oid, sender, at, key, text, None, stamp(t)))
                t += r.randint(1, 4) * DAY
        if r.random() < 0.02:
            self.flags.append((oid, "template-replies", "only template answers", stamp(self.now - 3 * DAY)))
        if fate == "delivered" and r.random() < 0.03:
            self.flags.append((oid, "not-received", None, stamp(self.now - 2 * DAY)))

        # The case's log head: one `order.add` entry.
        data_order = dict(order)
        data_order["weight_grams"] = weight
        body = canonical({"seq": 1, "case": uid, "at": created, "kind": "order.add",
                          "data": {"order": data_order}, "prev": GENESIS})
        self.events.append((oid, 1, body, hashlib.sha256(body.encode()).hexdigest()))

    # -- its statuses -----------------------------------------------------------------
    def make_statuses(self, oid, fate, count, order, numbers, ordered_at, shipped_at,
                      city, city_local, postcode, weight):
        r = self.rng
        russian = order["country"] == "RU"
        origin_zh, origin_en = r.choice(ORIGIN_PLACES)
        hub = r.choice(HUBS)
        # 1. The steps this parcel goes through.
        if fate == "no_scan":
            steps = ["placed", "info"]
        else:
            steps = [s for s in ROUTE if r.random() >= OPTIONAL.get(s, 0.0)]
            stop = None
            if fate == "stalled":
                stop = weighted(r, STALL_AT)
            elif fate == "moving":
                stop = r.choice(ROUTE[2:14])
            elif fate in ("returning", "exception"):
                stop = r.choice(["departed", "arrived", "import_customs", "local_office"])
            elif fate == "pickup":
                stop = "awaiting_pickup"
            if stop is not None:
                if stop not in steps:
                    steps.append(stop)
                    steps.sort(key=ROUTE.index)
                steps = steps[: steps.index(stop) + 1]
            if fate == "delivered" and steps[-1] != "delivered":
                steps.append("delivered")
            if fate == "pickup" and r.random() < 0.3:
                steps.append("pickup_expiring")
            if fate == "returning":
                steps.append("returning")
                if r.random() < 0.3:
                    steps.append("returned")
            if fate == "exception":
                steps.append("exception")
            if fate == "carrier_update":
                cut = r.randint(3, max(3, len(steps) - 2))
                steps.insert(cut, "carrier_update")

        # 2. Events: each step seen from one to three sources, then padded or trimmed to count.
        events = []  # (step, language index 0 en / 1 zh / 2 ru, source, track)
        track = numbers[0]
        for step in steps:
            sources = self.sources_for(step, russian)
            seen = sources[: 1 + (r.random() < 0.55) + (r.random() < 0.25)]
            for language, source in seen:
                events.append([step, language, source, track])
            if step == "carrier_update" and len(numbers) > 1:
                track = numbers[1]
        while len(events) < count:
            # Generic movement, unreadable scans and repeated sorting scans between steps.
            # Never after the last event: it carries the fate (delivered, the stall, …).
            at = r.randint(1, max(1, len(events) - 1))
            prev_step = events[at - 1][0]
            extra = weighted(r, [("generic", 6), ("noise", 1), ("repeat", 3)])
            if fate == "no_scan" or prev_step in ("placed", "info"):
                extra, prev_step = "repeat", "info"  # no movement before the first carrier scan
            if extra == "repeat" and prev_step not in ("placed", "delivered", "returned", "exception",
                                                        "carrier_update"):
                step = prev_step
            else:
                step = "generic" if extra != "noise" else "noise"
            language, source = r.choice(self.sources_for(step if step != "generic" else prev_step, russian))
            events.insert(at, [step, language, source, events[at - 1][3]])
        while len(events) > count:
            if len(events) <= 2:
                events.pop(0)
            else:
                events.pop(r.randint(0, len(events) - 2))  # keep the last: it is the fate

        # 3. Times: spread from the order to the fate's last moment, in order.
        if fate == "delivered":
            last = shipped_at + r.randint(9, 45) * DAY + r.randrange(DAY)
        elif fate == "stalled":
            last = self.now - r.randint(12, 75) * DAY - r.randrange(DAY)
        elif fate == "moving":
            last = self.now - r.randint(0, 5) * DAY - r.randrange(DAY)
        elif fate == "pickup":
            last = self.now - r.randint(0, 12) * DAY - r.randrange(DAY)
        elif fate == "no_scan":
            last = shipped_at - r.randrange(DAY)
        else:
            last = shipped_at + r.randint(15, 60) * DAY
        first = ordered_at + r.randrange(2 * HOUR)
        last = min(last, self.now - HOUR)
        last = max(last, first + len(events) * HOUR)
        # The platform and label events cluster around the order; carrier events after shipment.
        times = sorted(r.randrange(first, last) for _ in range(len(events) - 1)) + [last]
        carrier_from = min(shipped_at, last)
        times = [max(t, carrier_from + i * 600) if ev[0] not in ("placed", "info") else t
                 for i, (t, ev) in enumerate(zip(times, events))]
        times = [min(t, self.now - 60) for t in times]
        times.sort()
        if r.random() < 0.005 and len(times) > 2:  # someone else's parcel: scanned before the order
            times = [t - 20 * DAY for t in times]

        # 4. Rows.
        weighed = False
        wrong_city = r.random() < 0.02
        for (step, language, source, trk), t in zip(events, times):
            text = r.choice(PHRASES[step][language])
            if "{new}" in text:
                text = text.replace("{new}", numbers[1] if len(numbers) > 1 else lp(r))
            destination = step in DESTINATION_SIDE or (step in ("generic", "noise") and language == 2)
            tz = RU_TZ if destination and russian or source == "post" else CN_TZ
            if source == "platform":
                kind = "date"
            elif source == "cainiao":
                kind = "fixed"
            elif source == "post":
                kind = r.choice(["fixed", "fixed", "date"])
            else:
                kind = r.choice(["fixed", "local", "local"])
            if step in ("delivered", "awaiting_pickup", "pickup_expiring") and kind == "date":
                kind = "fixed"
            at, key = when(t, kind, tz)
            # Place: origin city, hub, or the buyer's city (sometimes the wrong one).
            place = None
            if step in ("accepted", "origin_sorting", "export_customs", "linehaul", "departed"):
                place = origin_zh if language == 1 else origin_en if language == 0 else "Китай"
            elif step == "transit":
                place = hub
            elif step in ("delivered", "awaiting_pickup", "out_for_delivery", "local_office"):
                if wrong_city and step in ("delivered", "awaiting_pickup"):
                    place = "630099, Новосибирск" if russian else "Springfield"
                elif russian:
                    place = f"{postcode}, {city_local}" if language == 2 and r.random() < 0.5 else city_local
                else:
                    place = city
            elif step in ("arrived", "import_customs", "dest_sorting") and r.random() < 0.7:
                place = city_local if russian and language == 2 else ("Moscow" if russian else city)
            status_weight = None
            if step == "accepted" and not weighed:
                weighed = True
                status_weight = round(weight * r.uniform(1.0, 1.25)) if r.random() > 0.01 else 30.0
            # Rarely the user has set a stage by hand (`status add --stage`) on an unreadable scan.
            stage = "in-transit" if step == "noise" and r.random() < 0.1 else None
            self.statuses.append((oid, at, key, text, place, status_weight, source, trk, stage, stamp(t + HOUR)))
        return times[-1] if times else None

    @staticmethod
    def sources_for(step: str, russian: bool):
        """(language, source) pairs that show a step, most usual first."""
        if step == "placed":
            return [(0, "platform"), (1, "platform")]
        if step in DESTINATION_SIDE or step in ("pickup_expiring",):
            if russian:
                return [(2, "post"), (1, "cainiao"), (0, "tracker")]
            return [(0, "tracker"), (1, "cainiao"), (0, "courier")]
        return [(1, "cainiao"), (0, "tracker"), (2, "post") if russian else (0, "platform")]

    def run(self):
        fates, counts = self.fates()
        for i, (fate, count) in enumerate(zip(fates, counts), start=1):
            self.make_order(i, fate, count)
        assert len(self.statuses) == self.m, (len(self.statuses), self.m)


# ---------------------------------------------------------------------------------------
# Writing.
# ---------------------------------------------------------------------------------------
def find_binary(given: str | None) -> str:
    repo = Path(__file__).resolve().parent.parent
    for candidate in [given, os.environ.get("DOSSIER_BIN"), str(repo / "target/release/dossier"),
                      shutil.which("dossier")]:
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    sys.exit("gen_home.py: no dossier binary: build it (cargo build --release) or pass --bin / DOSSIER_BIN")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dir", help="data home to create")
    ap.add_argument("--orders", type=int, default=10_000)
    ap.add_argument("--statuses", type=int, default=200_000)
    ap.add_argument("--seed", type=int, default=20261124)
    ap.add_argument("--bin", help="dossier binary (default: $DOSSIER_BIN, target/release/dossier, PATH)")
    ap.add_argument("--force", action="store_true", help="delete an existing dossier.db in DIR first")
    args = ap.parse_args()
    if args.orders < 1 or args.statuses < args.orders:
        sys.exit("gen_home.py: need --orders >= 1 and --statuses >= --orders")

    home = Path(args.dir)
    db_path = home / "dossier.db"
    if db_path.exists():
        if not args.force:
            sys.exit(f"gen_home.py: {db_path} exists (use --force to replace it)")
        for suffix in ("", "-wal", "-shm"):
            Path(str(db_path) + suffix).unlink(missing_ok=True)
    home.mkdir(parents=True, exist_ok=True)
    binary = find_binary(args.bin)
    # The real binary creates the database and applies its migrations.
    subprocess.run([binary, "--home", str(home), "--quiet", "order", "list"], check=True,
                   stdout=subprocess.DEVNULL)

    gen = Gen(args.orders, args.statuses, args.seed)
    gen.run()

    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("BEGIN IMMEDIATE")
    cols = ["id", "uuid", "platform", "number", "item", "store", "price", "currency", "ordered", "shipped",
            "protection_until", "protection_days", "country", "city", "postcode", "weight_grams", "shipping",
            "outcome", "close_note", "closed_at", "created_at"]
    conn.executemany(f"INSERT INTO orders ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                     [tuple(o[c] for c in cols) for o in gen.orders])
    conn.executemany("INSERT OR IGNORE INTO tracking_numbers (order_id, number, carrier, note, added_at)"
                     " VALUES (?, ?, ?, ?, ?)", gen.tracking)
    conn.executemany("INSERT INTO statuses (order_id, at, at_sort, text, place, weight_grams, source, track,"
                     " stage, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", gen.statuses)
    conn.executemany("INSERT INTO messages (order_id, sender, at, at_sort, text, evidence_id, added_at)"
                     " VALUES (?, ?, ?, ?, ?, ?, ?)", gen.messages)
    conn.executemany("INSERT OR IGNORE INTO flags (order_id, code, note, set_at) VALUES (?, ?, ?, ?)",
                     gen.flags)
    conn.executemany("INSERT INTO events (order_id, seq, body, hash) VALUES (?, ?, ?, ?)", gen.events)
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("orders", "tracking_numbers", "statuses", "messages", "flags", "events")}
    open_orders = conn.execute("SELECT count(*) FROM orders WHERE outcome IS NULL").fetchone()[0]
    shared = conn.execute("SELECT count(*) FROM (SELECT number FROM tracking_numbers GROUP BY number"
                          " HAVING count(DISTINCT order_id) > 1)").fetchone()[0]
    conn.close()
    size = db_path.stat().st_size
    print(f"gen_home.py: {home}: " + ", ".join(f"{v} {k}" for k, v in counts.items())
          + f"; {open_orders} open; {shared} shared numbers; {size / 1e6:.1f} MB; seed {args.seed}")


if __name__ == "__main__":
    main()
