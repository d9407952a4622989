"""Tutorial content packs: model (``model``), the catalogue (``catalogue``), the loader and
validator (``loader``). Import from the submodules: the loader is only needed when reading packs."""
