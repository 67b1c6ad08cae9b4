-- PostgreSQL partitions token records by day of expiry in this version
-- (db/postgresql/V12__time_partitioned_tokens.sql). SQLite has no partitions: its tokens table
-- stays as it is, purged by a DELETE over tokens_by_expiry. The version is kept in step on both.
SELECT 1;
