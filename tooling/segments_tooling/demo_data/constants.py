"""The vocabularies and shapes of the demo data: the raw tables and their columns, the geography, the product
catalogue's categories, and the word lists the SQL picks names, campaigns, queries and comments from."""

from __future__ import annotations

from datetime import date
from pathlib import Path

TABLES = (
    "customers",
    "events",
    "orders",
    "order_lines",
    "products",
    "email_events",
    "survey_responses",
)
DEFAULT_END_DATE = date(2026, 6, 30)

# The warehouse's exchange-rate seed: an order's local prices are its USD list prices converted at these rates.
EXCHANGE_RATES_SEED = (
    Path(__file__).resolve().parents[3] / "seeds" / "mappings" / "exchange_rates.csv"
)
# Orders are placed at most this many days before the end date (personas included).
MAX_ORDER_DAYS_AGO = 600

# (country, IANA time zone, weight per mille, order currency)
GEO = [
    ("US", "America/New_York", 140, "USD"),
    ("US", "America/Chicago", 80, "USD"),
    ("US", "America/Denver", 30, "USD"),
    ("US", "America/Los_Angeles", 100, "USD"),
    ("CA", "America/Toronto", 40, "USD"),
    ("GB", "Europe/London", 100, "GBP"),
    ("DE", "Europe/Berlin", 90, "EUR"),
    ("FR", "Europe/Paris", 60, "EUR"),
    ("ES", "Europe/Madrid", 30, "EUR"),
    ("NL", "Europe/Amsterdam", 30, "EUR"),
    ("SE", "Europe/Stockholm", 20, "EUR"),
    ("IT", "Europe/Rome", 30, "EUR"),
    ("AU", "Australia/Sydney", 50, "USD"),
    ("JP", "Asia/Tokyo", 50, "USD"),
    ("IN", "Asia/Kolkata", 60, "USD"),
    ("SG", "Asia/Singapore", 20, "USD"),
    ("BR", "America/Sao_Paulo", 40, "USD"),
    ("MX", "America/Mexico_City", 20, "USD"),
    ("ZA", "Africa/Johannesburg", 10, "USD"),
]
# local hour of day -> weight (sums to 100): daytime and evening heavy
HOUR_WEIGHTS = [1, 1, 1, 1, 1, 1, 2, 3, 4, 5, 5, 5, 6, 6, 5, 5, 5, 6, 7, 8, 9, 7, 4, 2]
# (category, base price, subcategories, item nouns)
CATEGORIES = [
    ("Apparel", 45.0, ["Tops", "Bottoms", "Dresses", "Outerwear"], ["Tee", "Chinos", "Dress", "Jacket"]),
    ("Footwear", 85.0, ["Sneakers", "Boots", "Sandals", "Running"], ["Sneaker", "Boot", "Sandal", "Runner"]),
    ("Accessories", 35.0, ["Bags", "Hats", "Belts", "Jewelry"], ["Tote", "Cap", "Belt", "Necklace"]),
    ("Home", 60.0, ["Kitchen", "Bedding", "Decor", "Bath"], ["Pan", "Duvet", "Vase", "Towel Set"]),
    ("Beauty", 25.0, ["Skincare", "Makeup", "Fragrance", "Hair"], ["Serum", "Lipstick", "Eau de Parfum", "Shampoo"]),
    ("Electronics", 180.0, ["Audio", "Wearables", "Cameras", "Accessories"], ["Headphones", "Watch", "Camera", "Charger"]),
    ("Sports", 70.0, ["Fitness", "Outdoor", "Cycling", "Yoga"], ["Dumbbell", "Tent", "Helmet", "Yoga Mat"]),
    ("Kids", 30.0, ["Toys", "Clothing", "Books", "Baby"], ["Puzzle", "Onesie", "Picture Book", "Rattle"]),
]  # fmt: skip
BRANDS = ["Northwind", "Acme", "Bluebird", "Cedar & Co", "Evergreen", "Fjord", "Helix", "Lumen", "Maple", "Nimbus",
          "Orbit", "Zephyr"]  # fmt: skip
ADJECTIVES = [
    "Classic",
    "Essential",
    "Premium",
    "Everyday",
    "Urban",
    "Vintage",
    "Eco",
    "Pro",
    "Lite",
    "Signature",
]
COUPONS = [
    ("WELCOME10", "0.10"),
    ("SPRING15", "0.15"),
    ("SUMMER20", "0.20"),
    ("VIP25", "0.25"),
    ("FREESHIP", "0.00"),
]
UTMS = [
    ("google", "cpc", "brand_search"),
    ("google", "cpc", "generic_search"),
    ("facebook", "paid_social", "summer_sale"),
    ("instagram", "social", "new_arrivals"),
    ("newsletter", "email", "weekly_digest"),
    ("partner_blog", "affiliate", "gift_guide"),
    ("bing", "cpc", "generic_search"),
    ("tiktok", "paid_social", "creator_collab"),
]
QUERIES = ["sneakers", "black dress", "running shoes", "headphones", "gift for dad", "yoga mat", "linen shirt",
           "kids toys", "face serum", "tote bag", "rain jacket", "smart watch", "duvet", "sale", "sandals", "tent"]  # fmt: skip
FEATURES = [
    "wishlist",
    "size_guide",
    "store_locator",
    "compare",
    "saved_searches",
    "order_tracking",
]
UNKNOWN_EVENTS = [
    "Wishlist Opened",
    "Video Played",
    "Newsletter Popup Closed",
    "Store Locator Opened",
]
FIRST_NAMES = ["alex", "sam", "maria", "li", "noah", "emma", "liam", "olivia", "yuki", "arjun", "sofia", "lucas",
               "mia", "ben", "chloe", "omar", "hana", "leo", "nina", "raj"]  # fmt: skip
LAST_NAMES = ["smith", "garcia", "muller", "tanaka", "patel", "brown", "rossi", "dubois", "silva", "kim", "jones",
              "novak", "lopez", "wong", "berg", "khan", "meyer", "ito", "walsh", "costa"]  # fmt: skip
DOMAINS = ["example.com", "example.org", "example.net", "mail.example", "inbox.example"]
COMMENTS_GOOD = ["Great quality", "Fast delivery", "Love it", "Will buy again", "Excellent service"]
COMMENTS_MID = ["It was ok", "Shipping took a while", "Decent value", "Sizing runs small"]
COMMENTS_BAD = [
    "Item arrived damaged",
    "Too expensive",
    "Support never answered",
    "Refund took weeks",
]

SCHEMA = {
    "customers": [
        ("customer_id", "VARCHAR"),
        ("email", "VARCHAR"),
        ("created_at", "TIMESTAMP"),
        ("country", "VARCHAR"),
        ("timezone", "VARCHAR"),
        ("acquisition_channel", "VARCHAR"),
        ("marketing_opt_in", "BOOLEAN"),
        ("deleted_at", "TIMESTAMP"),
        ("updated_at", "TIMESTAMP"),
    ],
    "events": [
        ("message_id", "VARCHAR"),
        ("anonymous_id", "VARCHAR"),
        ("user_id", "VARCHAR"),
        ("event", "VARCHAR"),
        ("timestamp", "TIMESTAMP"),
        ("received_at", "TIMESTAMP"),
        ("channel", "VARCHAR"),
        ("device_type", "VARCHAR"),
        ("page_path", "VARCHAR"),
        ("utm_source", "VARCHAR"),
        ("utm_medium", "VARCHAR"),
        ("utm_campaign", "VARCHAR"),
        ("properties", "VARCHAR"),
    ],
    "orders": [
        ("order_id", "VARCHAR"),
        ("customer_id", "VARCHAR"),
        ("created_at", "TIMESTAMP"),
        ("status", "VARCHAR"),
        ("currency", "VARCHAR"),
        ("subtotal", "DECIMAL(18,2)"),
        ("discount_total", "DECIMAL(18,2)"),
        ("shipping_total", "DECIMAL(18,2)"),
        ("tax_total", "DECIMAL(18,2)"),
        ("total", "DECIMAL(18,2)"),
        ("coupon_code", "VARCHAR"),
        ("shipping_method", "VARCHAR"),
        ("sales_channel", "VARCHAR"),
        ("updated_at", "TIMESTAMP"),
    ],
    "order_lines": [
        ("order_id", "VARCHAR"),
        ("line_number", "INTEGER"),
        ("product_id", "VARCHAR"),
        ("quantity", "INTEGER"),
        ("unit_price", "DECIMAL(18,2)"),
        ("line_discount", "DECIMAL(18,2)"),
    ],
    "products": [
        ("product_id", "VARCHAR"),
        ("name", "VARCHAR"),
        ("category", "VARCHAR"),
        ("subcategory", "VARCHAR"),
        ("brand", "VARCHAR"),
        ("list_price", "DECIMAL(18,2)"),
    ],
    "email_events": [
        ("email_event_id", "VARCHAR"),
        ("customer_id", "VARCHAR"),
        ("campaign_id", "VARCHAR"),
        ("event_type", "VARCHAR"),
        ("occurred_at", "TIMESTAMP"),
    ],
    "survey_responses": [
        ("response_id", "VARCHAR"),
        ("customer_id", "VARCHAR"),
        ("submitted_at", "TIMESTAMP"),
        ("survey_type", "VARCHAR"),
        ("score", "INTEGER"),
        ("primary_benefit", "VARCHAR"),
        ("comment", "VARCHAR"),
    ],
}

# sort keys of the output files (total orders; see writer.copy_table)
SORT_KEYS = {
    "customers": "customer_id, updated_at",
    "events": "received_at, eid, dup_no",
    "orders": "order_id, updated_at",
    "order_lines": "order_id, line_number",
    "products": "product_id",
    "email_events": "occurred_at, email_event_id",
    "survey_responses": "submitted_at, response_id",
}
