-- Mapping m_load_dim_customer: staging customers -> dim_customer (type 1: a changed attribute
-- overwrites the old one). The surrogate key is stable across loads; the natural key is
-- customer_id. The session runner executes this file in one transaction and reports the rows
-- it changed as TgtSuccessRows.
CREATE TABLE IF NOT EXISTS dim_customer (
  customer_key  INTEGER PRIMARY KEY,
  customer_id   TEXT NOT NULL UNIQUE,
  customer_name TEXT NOT NULL,
  city          TEXT,
  country       TEXT,
  segment       TEXT
);

INSERT INTO dim_customer (customer_id, customer_name, city, country, segment)
SELECT customer_id, customer_name, city, country, segment
FROM stg_customer
WHERE true  -- SQLite needs a WHERE before ON CONFLICT in INSERT ... SELECT
ON CONFLICT (customer_id) DO UPDATE SET
  customer_name = excluded.customer_name,
  city = excluded.city,
  country = excluded.country,
  segment = excluded.segment;
