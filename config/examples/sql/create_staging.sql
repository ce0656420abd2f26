-- Staging tables for the CSV extracts. The cmd_stage_files Command runs this with the sqlite3
-- shell, then fills the tables with `.import`: the session runner executes SQL only and cannot
-- read files, so landing the files is the Command's job, as a PowerCenter file-to-table load
-- would land them. Recreated on every run: staging holds one extract, never history.
DROP TABLE IF EXISTS stg_customer;
CREATE TABLE stg_customer (
  customer_id   TEXT NOT NULL,
  customer_name TEXT NOT NULL,
  city          TEXT,
  country       TEXT,
  segment       TEXT
);

DROP TABLE IF EXISTS stg_product;
CREATE TABLE stg_product (
  product_id   TEXT NOT NULL,
  product_name TEXT NOT NULL,
  category     TEXT,
  unit_price   REAL NOT NULL
);

DROP TABLE IF EXISTS stg_sales;
CREATE TABLE stg_sales (
  sale_id     TEXT NOT NULL,
  sale_date   TEXT NOT NULL,  -- YYYY-MM-DD
  customer_id TEXT NOT NULL,
  product_id  TEXT NOT NULL,
  quantity    INTEGER NOT NULL
);
