"""The test kit above every layer: the named demo cast (`cast`) and service-built fresh organisations
(`factories`). Tests only: product code may not import it (the `testkit` contract in pyproject.toml)."""
