"""Word lists for the seeder: names, streets and phones of Swedish, US and Vietnamese customers, and the catalogue."""

from __future__ import annotations

from decimal import Decimal

REGIONS = {
    "SE": {
        "weight": 50,
        "first": ["Astrid", "Erik", "Maja", "Lars", "Ingrid", "Oskar", "Elsa", "Nils", "Freja", "Gustav", "Saga",
                  "Axel", "Linnea", "Karl", "Ebba", "Johan", "Alva", "Henrik", "Klara", "Anders"],
        "last": ["Lindqvist", "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
                 "Persson", "Svensson", "Gustafsson", "Pettersson", "Lindberg", "Bergström", "Sjöberg", "Åkesson"],
        "streets": ["Storgatan", "Drottninggatan", "Kungsgatan", "Sveavägen", "Vasagatan", "Linnégatan",
                    "Götgatan", "Östra Ågatan", "Skolgatan", "Järnvägsgatan"],
        "cities": [("Stockholm", "111 {0:02d}"), ("Göteborg", "411 {0:02d}"), ("Malmö", "211 {0:02d}"),
                   ("Uppsala", "753 {0:02d}"), ("Umeå", "903 {0:02d}"), ("Linköping", "582 {0:02d}")],
        "phone": "+46 7{0} {1:03d} {2:02d} {3:02d}",
    },
    "US": {
        "weight": 30,
        "first": ["James", "Mary", "Michael", "Patricia", "Robert", "Jennifer", "David", "Linda", "William",
                  "Elizabeth", "Daniel", "Sarah", "Joseph", "Karen", "Thomas", "Nancy"],
        "last": ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
                 "Martinez", "Wilson", "Anderson", "Taylor", "Moore", "Jackson", "Lee"],
        "streets": ["Main Street", "Oak Avenue", "Maple Drive", "Cedar Lane", "Elm Street", "Washington Avenue",
                    "Lake Road", "Hill Street", "Park Place", "Pine Court"],
        "cities": [("Portland", "972{0:02d}"), ("Austin", "787{0:02d}"), ("Madison", "537{0:02d}"),
                   ("Denver", "802{0:02d}"), ("Raleigh", "276{0:02d}"), ("Boston", "021{0:02d}")],
        "phone": "+1 ({0}{1:02d}) 555-{2:02d}{3:02d}",
    },
    "VN": {
        "weight": 20,
        "first": ["Anh", "Bảo", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hương", "Khánh", "Lan", "Linh", "Minh",
                  "Ngọc", "Phương", "Quang", "Thảo", "Trang", "Tuấn"],
        "last": ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"],
        "streets": ["Đường Lê Lợi", "Đường Nguyễn Huệ", "Đường Trần Hưng Đạo", "Phố Hàng Bạc", "Đường Hai Bà Trưng",
                    "Đường Điện Biên Phủ", "Phố Huế", "Đường Lý Thường Kiệt"],
        "cities": [("Hà Nội", "100{0:03d}"), ("Thành phố Hồ Chí Minh", "700{0:03d}"), ("Đà Nẵng", "550{0:03d}"),
                   ("Hải Phòng", "180{0:03d}"), ("Cần Thơ", "900{0:03d}")],
        "phone": "+84 9{0} {1:03d} {2:02d} {3:02d}",
    },
}

USER_AGENTS = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36",
    "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Edge/131.0",
]

PATHS = ["/", "/shop/products/", "/shop/cart/", "/shop/checkout/", "/shop/orders/", "/shop/contact/",
         "/shop/account/", "/privacy/"]

# (name, material, price, description)
CATALOGUE = [
    ("PLA filament 1.75 mm, black, 1 kg", "pla", "24.90", "Matte black PLA, ±0.02 mm, vacuum sealed with desiccant."),
    ("PLA filament 1.75 mm, white, 1 kg", "pla", "24.90", "Bright white PLA for prototypes and figurines."),
    ("PLA filament 1.75 mm, galaxy blue, 1 kg", "pla", "27.50", "Glittering blue PLA that hides layer lines."),
    ("PLA+ filament 1.75 mm, grey, 1 kg", "pla", "26.90", "Tougher PLA+ with better layer adhesion."),
    ("Silk PLA 1.75 mm, copper, 1 kg", "pla", "29.90", "High-gloss silk finish for vases and display pieces."),
    ("PLA filament 2.85 mm, orange, 750 g", "pla", "25.50", "For Ultimaker-style 2.85 mm printers."),
    ("Wood-fill PLA 1.75 mm, 500 g", "pla", "22.00", "30% wood fibre; sand and stain like real wood."),
    ("Glow-in-the-dark PLA 1.75 mm, 500 g", "pla", "23.40", "Charges in daylight, glows green for hours."),
    ("PETG filament 1.75 mm, transparent, 1 kg", "petg", "26.90", "Food-contact grade, clear and tough."),
    ("PETG filament 1.75 mm, black, 1 kg", "petg", "26.90", "Strong, slightly flexible, easy to print."),
    ("PETG filament 1.75 mm, signal red, 1 kg", "petg", "27.90", "Saturated red for functional parts."),
    ("Carbon-fibre PETG 1.75 mm, 750 g", "petg", "39.90", "Stiff and matte; needs a hardened nozzle."),
    ("ABS filament 1.75 mm, natural, 1 kg", "abs", "23.90", "Heat resistant to 98 °C; print enclosed."),
    ("ABS filament 1.75 mm, black, 1 kg", "abs", "23.90", "Classic engineering plastic, acetone-smoothable."),
    ("ASA filament 1.75 mm, white, 1 kg", "abs", "31.90", "UV-stable for outdoor parts."),
    ("TPU 95A filament 1.75 mm, black, 500 g", "tpu", "29.90", "Flexible for gaskets, phone cases and tyres."),
    ("TPU 85A filament 1.75 mm, clear, 500 g", "tpu", "32.50", "Extra soft; best on direct-drive extruders."),
    ("Standard resin, grey, 1 l", "resin", "34.90", "405 nm UV resin for fine miniatures."),
    ("Water-washable resin, white, 1 l", "resin", "39.90", "Clean up with water instead of IPA."),
    ("Tough resin, clear, 1 l", "resin", "49.90", "ABS-like toughness for snap fits."),
    ("Plant-based resin, beige, 1 l", "resin", "42.00", "Low odour, soybean-oil based."),
    ("Hardened steel nozzle 0.4 mm", "part", "14.90", "For abrasive filaments (carbon fibre, glow)."),
    ("Brass nozzle set 0.2–1.0 mm, 10 pcs", "part", "9.90", "Assorted MK8 nozzles with a storage box."),
    ("PEI spring-steel build plate 235 × 235 mm", "part", "32.00", "Textured PEI; parts pop off when cool."),
    ("Glass build plate 220 × 220 mm", "part", "19.50", "Borosilicate glass for a mirror-smooth base."),
    ("Bowden PTFE tube, 1 m", "part", "6.90", "Capricorn-style low-friction tubing."),
    ("Silicone hotend sock, 3 pcs", "part", "7.50", "Keeps heat in and plastic off the block."),
    ("Dual-gear extruder upgrade kit", "part", "24.90", "All-metal dual drive for reliable feeding."),
    ("Thermistor 100K NTC, 2 pcs", "part", "5.90", "Replacement temperature sensor with cable."),
    ("Heater cartridge 24 V 40 W", "part", "8.90", "Standard 6 × 20 mm heater cartridge."),
    ("FEP film for resin vats, 5 sheets", "part", "18.90", "0.15 mm FEP, 200 × 140 mm."),
    ("Filament dry box with hygrometer", "part", "36.90", "Print straight from a dry, sealed spool."),
    ("Digital calliper 150 mm", "part", "19.90", "Stainless steel, 0.01 mm resolution."),
    ("Deburring tool with 5 blades", "part", "8.50", "Clean up holes and edges on printed parts."),
    ("Nozzle cleaning needles, 10 pcs", "part", "4.90", "0.35 mm needles for clearing clogs."),
    ("Isopropyl alcohol 99.9 %, 1 l", "part", "12.90", "For washing resin prints and cleaning beds."),
]


def catalogue() -> list[tuple[str, str, str, Decimal, str]]:
    """(name, slug, material, price, description) for each product, slugs stable across runs."""
    from django.utils.text import slugify

    return [(name, slugify(name)[:140], material, Decimal(price), description)
            for name, material, price, description in CATALOGUE]


REVIEW_TITLES = ["Prints like a dream", "Good value", "Consistent diameter", "Works fine after drying",
                 "Exactly as described", "Fast delivery", "Not for my printer", "Great colour", "Tangled spool",
                 "Will buy again"]
REVIEW_BODIES = [
    "Printed a 20-hour job without a single under-extrusion. Layer adhesion is excellent at 210 °C.",
    "Colour matches the photos and the spool was vacuum sealed. Minor stringing fixed with retraction.",
    "Had to dry it for four hours at 50 °C first, after that no more popping sounds.",
    "The spool arrived with a tangle near the end, support replaced it quickly.",
    "Fits my printer perfectly and was easy to install with the included tools.",
    "Solid quality for the price, I use it for all my functional prints now.",
]
SUPPORT_SUBJECTS = ["Where is my order?", "Wrong colour delivered", "Invoice copy, please",
                    "Change my delivery address", "Question about resin safety", "Return a damaged spool"]
SUPPORT_BODIES = [
    "Hello, my order has not arrived yet and tracking has not updated for five days. Can you check?",
    "I ordered black PETG but received white. Could you send the right one?",
    "Could you please send me a copy of the invoice for my company's bookkeeping?",
    "I have moved, please deliver my latest order to my new address instead.",
    "Is the plant-based resin safe to use indoors without extra ventilation?",
]
STAFF_NOTES = [
    "Called the customer; replacement sent, no return needed.",
    "Customer was upset on the phone; offered a 10% voucher.",
    "Verified identity by phone before changing the address.",
    "Courier confirmed lost parcel; refund issued.",
]
