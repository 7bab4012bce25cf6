"""The SQLModel declaration in reflect/store/tables.py and the schema the migrations build are
the same: tables, columns, nullability, primary keys and foreign keys."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

# Bookkeeping and the full-text index are SQLite-level machinery, not model tables.
NOT_MODELLED = ("reflect_migration", "answer_fts", "sqlite_")


def migrated_schema(path: Path) -> dict[str, dict[str, object]]:
    from reflect.paths import DataPaths
    from reflect.store.database import open_database

    home = path.parent
    open_database(DataPaths(home, path, home / "config.yaml", home / "packs")).close()
    connection = sqlite3.connect(path)
    schema: dict[str, dict[str, object]] = {}
    for (table,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
        if table.startswith(NOT_MODELLED):
            continue
        columns = connection.execute(f"PRAGMA table_info({table})").fetchall()
        schema[table] = {
            # (name, nullable): a primary key column is never null, whatever SQLite reports
            "columns": {(column[1], not (column[3] or column[5])) for column in columns},
            "primary_key": {column[1] for column in columns if column[5]},
            "foreign_keys": {
                (key[3], f"{key[2]}.{key[4]}")
                for key in connection.execute(f"PRAGMA foreign_key_list({table})")
            },
        }
    connection.close()
    return schema


def model_schema() -> dict[str, dict[str, object]]:
    from sqlmodel import SQLModel

    import reflect.store.tables  # noqa: F401  (registers the tables on SQLModel.metadata)

    return {
        table.name: {
            "columns": {(column.name, bool(column.nullable)) for column in table.columns},
            "primary_key": {column.name for column in table.primary_key.columns},
            "foreign_keys": {(key.parent.name, key.target_fullname) for key in table.foreign_keys},
        }
        for table in SQLModel.metadata.sorted_tables
    }


@pytest.fixture(scope="module")
def schemas(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, dict]:
    folder = tmp_path_factory.mktemp("schema")
    return migrated_schema(folder / "journal.db"), model_schema()


def test_the_models_declare_exactly_the_migrated_tables(schemas):
    migrated, models = schemas
    assert sorted(models) == sorted(migrated)


@pytest.mark.parametrize("aspect", ["columns", "primary_key", "foreign_keys"])
def test_each_table_matches_its_model(schemas, aspect):
    migrated, models = schemas
    for table in migrated:
        assert models[table][aspect] == migrated[table][aspect], table
