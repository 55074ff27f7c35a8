"""Benchmarks and load tests (`make bench`, `make loadtest`) and the volume data they run on."""
