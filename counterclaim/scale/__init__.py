"""Running the per-article stages elsewhere: on a Dask cluster, through Parquet shards."""
