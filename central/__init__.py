"""The reference central platform (`deungdae-central`).

Plants ship their sealed record here (`sync.wire`); the platform checks every seal with
the plant's escrowed key, keeps an exact copy, and serves queries per plant and across
plants. Modules:

    cli      the `deungdae-central` command (serve, plant add/list/code, operator-token)
    app      the HTTP API (FastAPI), error bodies, OpenAPI document
    auth     plants, one-time registration codes, hashed tokens
    ingest   batch checks, chain verification and the bulk write path
    queries  reads (position, readings with the desktop's downsampling, events, records,
             chain state, cluster view)
    db       SQLite / PostgreSQL connections and transactions
    models   the tables (SQLModel)
    schemas  response bodies of the read API
"""
