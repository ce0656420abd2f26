-- Mapping m_load_dim_product: staging products -> dim_product (type 1, as dim_customer).
CREATE TABLE IF NOT EXISTS dim_product (
  product_key  INTEGER PRIMARY KEY,
  product_id   TEXT NOT NULL UNIQUE,
  product_name TEXT NOT NULL,
  category     TEXT,
  unit_price   REAL NOT NULL
);

INSERT INTO dim_product (product_id, product_name, category, unit_price)
SELECT product_id, product_name, category, unit_price
FROM stg_product
WHERE true  -- SQLite needs a WHERE before ON CONFLICT in INSERT ... SELECT
ON CONFLICT (product_id) DO UPDATE SET
  product_name = excluded.product_name,
  category = excluded.category,
  unit_price = excluded.unit_price;
