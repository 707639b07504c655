"""Stage 1: downloading pages (httpx, in ``client``) and decoding them to text (``decode``).

Kept free of imports so that reading saved files never loads the HTTP stack.
"""
