"""`make cluster-test`: nginx in front of two app servers that share PostgreSQL, Redis and object
storage (docs/cluster.md)."""
