"""Tooling for the Postgres and Spark targets: a private Postgres cluster, the raw-table loader and the
cross-engine comparison of the marts. See docs/engines.md."""
