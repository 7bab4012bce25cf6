"""The only place that knows SQL: schema, migrations, connections and queries.

Runtime code talks to SQLite through the DB-API (sqlite3, or sqlcipher3 when the journal is
encrypted) because importing SQLModel/SQLAlchemy costs about 0.55 s, more than the whole budget
of `reflect --help`. The tables are declared with SQLModel in reflect.store.tables, and a test
checks that the migrations build exactly those tables.
"""
