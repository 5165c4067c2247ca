"""The web app and HTTP API over the store (docs/web.md).

``create_app`` lives in ``juesuan.web.app``; this package imports nothing heavy so the
parsing worker (``juesuan.web.worker``) starts fast.
"""
