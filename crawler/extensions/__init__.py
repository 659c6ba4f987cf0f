"""Scrapy extensions: the run ledger (lock, ``crawl_runs``) and the health monitor."""
