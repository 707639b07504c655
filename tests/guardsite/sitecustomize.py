"""Installs the tests' network guard in every Python process the tests start (see
``tests/netguard.py``); does nothing unless ``NEWSSCRAPE_TEST_GUARD=1``."""

import importlib.util
import os

if os.environ.get("NEWSSCRAPE_TEST_GUARD") == "1":
    _path = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                         "netguard.py")
    _spec = importlib.util.spec_from_file_location("_newsscrape_netguard", _path)
    if _spec is not None and _spec.loader is not None:
        _module = importlib.util.module_from_spec(_spec)
        _spec.loader.exec_module(_module)
        _module.install_from_environment()
