"""Downloader middlewares (:mod:`.downloader`) and the seen-URL spider middleware (:mod:`.seen`)."""
