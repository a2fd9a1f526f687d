"""``products``: the catalogue, the same in every run and chunk.

504 products, 63 per category (product i is in category i % 8 and subcategory (i // 8) % 4), named
"<brand> <adjective> <item>", list prices in USD log-normal around the category's base price. Lower product
indices are picked more often (see the ``pick`` macro), so a few products sell most. ``persona_products`` ranks
each category by price, for the personas' "top", "cheap" and "mid" purchases.
"""

from __future__ import annotations

from segments_tooling.demo_data.constants import ADJECTIVES, BRANDS
from segments_tooling.demo_data.params import RunParams
from segments_tooling.demo_data.sql import Statement, random_element


def product_tables(run: RunParams) -> list[Statement]:
    brand = random_element(BRANDS, "i", 601)
    adjective = random_element(ADJECTIVES, "i", 603)
    return [
        (
            "products",
            f"""
        CREATE TABLE products_t AS
        SELECT i AS pidx, 'prd_' || lpad((i + 1)::VARCHAR, 4, '0') AS product_id,
               {brand} || ' ' || {adjective} || ' ' || string_split(c.items, '|')[1 + (i // 8) % 4] AS name,
               c.category, string_split(c.subs, '|')[1 + (i // 8) % 4] AS subcategory,
               {brand} AS brand,
               greatest(2.99, round(c.base * exp(0.6 * zn(i, 602))) - 0.01)::DECIMAL(18, 2) AS list_price
        FROM range(504) t(i) JOIN cats c ON c.ci = i % 8;
        CREATE TABLE persona_products AS
        SELECT category, pidx, product_id, list_price,
               row_number() OVER (PARTITION BY category ORDER BY list_price DESC, pidx) AS rank_desc,
               row_number() OVER (PARTITION BY category ORDER BY list_price, pidx) AS rank_asc,
               count(*) OVER (PARTITION BY category) AS n_cat
        FROM products_t;
        CREATE TABLE products_out AS SELECT product_id, name, category, subcategory, brand, list_price FROM products_t;
        """,
        )
    ]
