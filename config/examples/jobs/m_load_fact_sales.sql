-- Mapping m_load_fact_sales: staging sales -> fact_sales, looking up the surrogate keys of both
-- dimensions (which the worklet loaded first) and pricing each line at the product's unit
-- price. A sale whose customer or product is not in its dimension is not loaded, so the
-- workflow's Decision on TgtSuccessRows sees a short load.
CREATE TABLE IF NOT EXISTS fact_sales (
  sale_id      TEXT PRIMARY KEY,
  date_key     INTEGER NOT NULL,  -- YYYYMMDD
  customer_key INTEGER NOT NULL REFERENCES dim_customer (customer_key),
  product_key  INTEGER NOT NULL REFERENCES dim_product (product_key),
  quantity     INTEGER NOT NULL,
  amount       REAL NOT NULL
);

INSERT INTO fact_sales (sale_id, date_key, customer_key, product_key, quantity, amount)
SELECT s.sale_id,
       CAST(strftime('%Y%m%d', s.sale_date) AS INTEGER),
       c.customer_key,
       p.product_key,
       s.quantity,
       ROUND(s.quantity * p.unit_price, 2)
FROM stg_sales AS s
JOIN dim_customer AS c ON c.customer_id = s.customer_id
JOIN dim_product AS p ON p.product_id = s.product_id
WHERE true  -- SQLite needs a WHERE before ON CONFLICT in INSERT ... SELECT
ON CONFLICT (sale_id) DO UPDATE SET
  date_key = excluded.date_key,
  customer_key = excluded.customer_key,
  product_key = excluded.product_key,
  quantity = excluded.quantity,
  amount = excluded.amount;
