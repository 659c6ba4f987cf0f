"""Pure libraries: no Scrapy, no SQL. Everything above (storage, crawler, spiders, the CLI) builds on these."""
